/** A container's state, image, environment, published ports, mounts and networks. */
import type { ContainerInspectInfo } from "dockerode";
import type { Grader, Phrase } from "./types";
import { matcherRef, type Matcher } from "./matchers/match";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { sameImage } from "./support/image-name";
import { mountItems, type MountSpec, mountSchema, volumeSources } from "./support/mounts";
import { describeTarget, isService, PROJECT_LABEL, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";
import { resolveVolumes, volumeTargetMessages, volumeTargetMessagesFr } from "./support/volume-target";
import { portListSchema, serviceProperties } from "./support/schemas";
import { keyValueItem } from "./support/key-values";
import { attachmentItem, attachmentProperties, networkModeOf, networkModePhrase, type AttachmentSpec } from "./support/networks";
import { noContainerPhrase, statePhrase } from "./support/running";
import { onHostNetwork, publishedPorts } from "./support/published-ports";

export interface PortSpec {
  container: number;
  host?: number;
  protocol?: "tcp" | "udp";
}

export interface ContainerSpec {
  /** Either name, or service (with an optional project). */
  name?: string;
  service?: string;
  project?: string;
  state?: "running" | "exited" | "created" | "paused" | "absent";
  image?: string;
  env?: Record<string, Matcher>;
  ports?: PortSpec[];
  mounts?: MountSpec[];
  "network-mode"?: string;
  networks?: (AttachmentSpec & { name: string })[];
}

function envOf(info: ContainerInspectInfo): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of info.Config.Env ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** "80", or "53/udp": a port as a student writes it in -p. */
const portName = (port: number | string, protocol: string) => (protocol === "tcp" ? String(port) : `${port}/${protocol}`);

/**
 * A published port. What was found names the near miss: the container port
 * published on another host port, or the host port leading to another
 * container port.
 */
function portItem(info: ContainerInspectInfo, port: PortSpec): ItemResult {
  const protocol = port.protocol ?? "tcp";
  const key = `${port.container}/${protocol}`;
  const ports = publishedPorts(info);
  const published = ports.find(([inner]) => inner === key)?.[1] ?? [];
  const inner = portName(port.container, protocol);
  const expected: Phrase = port.host === undefined ? { id: "port.expectedAny", data: { port: inner } } : { id: "port.expected", data: { port: inner, host: port.host } };
  const passed = port.host === undefined ? published.length > 0 : published.includes(String(port.host));
  let actual: Phrase;
  if (published.length) actual = { id: "port.publishedOn", data: { port: inner, hosts: published.join(", ") } };
  else if (onHostNetwork(info)) actual = { id: "port.hostNetwork", data: { port: inner } };
  else {
    const others = ports.flatMap(([other, hosts]) => hosts.map((host): Phrase => ({ id: "port.leadsTo", data: { host, port: portName(other.split("/")[0], other.split("/")[1] ?? "tcp") } })));
    actual = others.length ? { id: "port.notPublishedBut", data: { port: inner, others } } : { id: "port.noneAt", data: { port: inner } };
  }
  return { label: { id: "port.label", data: { port: inner } }, passed, expected, actual };
}

function refOf(spec: ContainerSpec): ContainerRef {
  return spec.service === undefined ? spec.name! : { service: spec.service, ...(spec.project !== undefined ? { project: spec.project } : {}) };
}

const messages = {
  ...targetMessages,
  ...volumeTargetMessages,
  absent:
    "Expected a container named {name}, but there is none. Containers found: {present}. Start it with `docker run --name {name} ...` and check that your script did not stop on an error before.",
  present: "Expected no container named {name}, but it still exists, {state}. Remove it with `docker rm {name}`.",
  mismatch: "Container {name} does not match for {failed}. Compare your `docker run` options with the lab's, then inspect it with `docker inspect {name}`.",
  serviceMismatch:
    "The container of service {service} ({name}) does not match for {failed}. Compare the service's settings in your compose file with the lab's, run `docker compose up -d` again, then inspect it with `docker inspect {name}`.",
  none: "none",
  "state.label": "its state",
  "image.label": "its image",
  "image.is": "image {image}",
  "env.label": "variable {name}",
  "env.equals": "{name}={value}",
  "env.matches": "{name} {matcher}",
  "env.notSet": "{name} is not set",
  "env.notSetSimilar": "{name} is not set, but {similar}={value} is",
  "port.label": "port {port}",
  "port.expected": "container port {port} published on host port {host}",
  "port.expectedAny": "container port {port} published",
  "port.publishedOn": "container port {port} is published on host port {hosts}",
  "port.notPublishedBut": "container port {port} is not published; {others}",
  "port.leadsTo": "host port {host} leads to container port {port}",
  "port.noneAt": "container port {port} is not published: the container publishes no port",
  "port.hostNetwork": "container port {port} is not published: on the host's network (--network host), a container publishes no port",
  "container.stillExists": "container {name} still exists",
  "netmode.label": "its network mode",
  "network.label": "network {network}",
};

const messagesFr = {
  ...targetMessagesFr,
  ...volumeTargetMessagesFr,
  absent: "Un conteneur nommé {name} était attendu, mais il n'y en a aucun. Conteneurs trouvés : {present}. Lancez-le avec `docker run --name {name} ...` et vérifiez que votre script ne s'est pas arrêté sur une erreur avant.",
  present: "Aucun conteneur nommé {name} n'était attendu, mais il existe encore, {state}. Supprimez-le avec `docker rm {name}`.",
  mismatch: "Le conteneur {name} ne correspond pas pour {failed}. Comparez vos options de `docker run` avec celles du TP, puis inspectez-le avec `docker inspect {name}`.",
  serviceMismatch:
    "Le conteneur du service {service} ({name}) ne correspond pas pour {failed}. Comparez les réglages du service dans votre fichier compose avec ceux du TP, relancez `docker compose up -d`, puis inspectez-le avec `docker inspect {name}`.",
  none: "aucun",
  "state.label": "son état",
  "image.label": "son image",
  "image.is": "l'image {image}",
  "env.label": "la variable {name}",
  "env.equals": "{name}={value}",
  "env.matches": "{name} {matcher}",
  "env.notSet": "{name} n'est pas définie",
  "env.notSetSimilar": "{name} n'est pas définie, mais {similar}={value} l'est",
  "port.label": "le port {port}",
  "port.expected": "le port {port} du conteneur publié sur le port {host} de l'hôte",
  "port.expectedAny": "le port {port} du conteneur publié",
  "port.publishedOn": "le port {port} du conteneur est publié sur le port {hosts} de l'hôte",
  "port.notPublishedBut": "le port {port} du conteneur n'est pas publié ; {others}",
  "port.leadsTo": "le port {host} de l'hôte mène au port {port} du conteneur",
  "port.noneAt": "le port {port} du conteneur n'est pas publié : le conteneur ne publie aucun port",
  "port.hostNetwork": "le port {port} du conteneur n'est pas publié : sur le réseau de l'hôte (--network host), un conteneur ne publie aucun port",
  "container.stillExists": "le conteneur {name} existe encore",
  "netmode.label": "son mode réseau",
  "network.label": "le réseau {network}",
} satisfies Record<keyof typeof messages, string>;

export const container: Grader<ContainerSpec> = {
  meta: {
    type: "container",
    kinds: ["check"],
    readsOnly: true,
    description:
      "A container by name: its state, image, environment variables, published ports, mounts and networks; one item per attribute for partial credit.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    minProperties: 2,
    description: "What must hold of one container (docker inspect), named by its name or by its Compose service.",
    // Exactly one of name and service; a project only with a service.
    oneOf: ["name", "service"].map((key) => ({ type: "object", required: [key], not: { required: ["name", "service"] } })),
    dependentRequired: { project: ["service"] },
    properties: {
      name: { type: "string", minLength: 1, description: "The container's name (--name); or give service." },
      ...serviceProperties,
      state: {
        enum: ["running", "exited", "created", "paused", "absent"],
        description: "Its state; `absent` means no container by that name may exist.",
      },
      image: { type: "string", minLength: 1, description: "The image it was started from, as the lab names it (mysql:8.0)." },
      env: {
        type: "object",
        minProperties: 1,
        additionalProperties: matcherRef("What the variable's value must match."),
        description: "Environment variables (-e NAME=value) and what their values must match.",
      },
      ports: portListSchema("Ports that must be published (-p host:container).", "The port on the sandbox's host; any when left out.", { protocol: { enum: ["tcp", "udp"], description: "Default tcp." } }),
      mounts: { type: "array", minItems: 1, items: mountSchema, description: "Mounts the container must have." },
      "network-mode": {
        type: "string",
        pattern: "^(container:)?[A-Za-z0-9][A-Za-z0-9_.-]*$",
        patternErrorMessage: "Write bridge, host, none, container:<name> or a network's name.",
        description:
          "How it was started on the network (--network): bridge (the default bridge), host, none, container:<name> (another container's network), or the name of a user-defined network.",
      },
      networks: {
        type: "array",
        minItems: 1,
        description: "Networks it must be attached to (--network, docker network connect), one item each.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: { name: { type: "string", minLength: 1, description: "The network's name." }, ...attachmentProperties() },
        },
      },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => {
    const target = refOf(spec);
    if (spec.state === "absent") return !isService(target) ? `no container named ${target} remains` : `no container of ${describeTarget(target)} remains`;
    const parts = [
      spec.state && `is ${spec.state}`,
      spec.image && `runs ${spec.image}`,
      spec.env && `has ${Object.keys(spec.env).join(", ")} set`,
      spec.ports && `publishes ${spec.ports.map((p) => `${p.host ?? "a port"}->${p.container}`).join(", ")}`,
      spec.mounts &&
        `mounts ${spec.mounts
          .map((m) => `${m.source ?? (m.type ? `a ${m.type}` : "something")} at ${m.destination}${m["read-only"] ? " read-only" : ""}${m.size !== undefined ? ` (size ${m.size})` : ""}`)
          .join(", ")}`,
      spec["network-mode"] && `runs with --network ${spec["network-mode"]}`,
      spec.networks &&
        `is on ${spec.networks.map((n) => [n.name, n.aliases?.length ? ` (alias ${n.aliases.join(", ")})` : "", n.ip ? ` at ${n.ip}` : ""].join("")).join(", ")}`,
    ].filter(Boolean);
    return `${!isService(target) ? "container " : ""}${describeTarget(target)} ${parts.join(", ")}`;
  },
  async evaluate(ctx, spec) {
    const resolved = await resolveContainer(ctx, refOf(spec));
    if (resolved.outcome) return spec.state === "absent" && resolved.outcome.messageId === "noService" ? { passed: true } : resolved.outcome;
    const name = resolved.name;
    const info = await ctx.docker.container(name);
    if (spec.state === "absent") {
      return info
        ? {
            passed: false,
            messageId: "present",
            data: { name: name, state: statePhrase(info.State.Status) },
            expected: [{ id: "container.missing", data: { name: name } }],
            actual: [{ id: "container.stillExists", data: { name: name } }],
          }
        : { passed: true };
    }
    if (!info) {
      const names = await ctx.docker.containerNames();
      return {
        passed: false,
        ratio: 0,
        messageId: "absent",
        data: { name: name, present: names.join(", ") || { id: "none" } },
        expected: [{ id: "container.named", data: { name: name } }],
        actual: [await noContainerPhrase(ctx, name)],
      };
    }
    const items: ItemResult[] = [];
    if (spec.state) {
      items.push({ label: { id: "state.label" }, passed: info.State.Status === spec.state, expected: statePhrase(spec.state), actual: statePhrase(info.State.Status) });
    }
    if (spec.image) {
      const is = (image: string): Phrase => ({ id: "image.is", data: { image } });
      items.push({ label: { id: "image.label" }, passed: sameImage(spec.image, info.Config.Image), expected: is(spec.image), actual: is(info.Config.Image) });
    }
    const env = envOf(info);
    for (const [name, matcher] of Object.entries(spec.env ?? {})) items.push(keyValueItem("env", env, name, matcher));
    for (const port of spec.ports ?? []) items.push(portItem(info, port));
    // A Compose service mounts its own project's volumes.
    const volumes = await resolveVolumes(ctx, volumeSources(spec.mounts ?? []), info.Config.Labels?.[PROJECT_LABEL]);
    if (volumes.outcome) return volumes.outcome;
    items.push(...mountItems(info, spec.mounts ?? [], ctx.submissionDir, volumes.names));
    if (spec["network-mode"]) {
      const found = await networkModeOf(info, async (id) => (await ctx.docker.container(id))?.Name?.replace(/^\//, ""));
      const wanted = spec["network-mode"] === "default" ? "bridge" : spec["network-mode"];
      items.push({ label: { id: "netmode.label" }, passed: found === wanted, expected: networkModePhrase(wanted), actual: networkModePhrase(found) });
    }
    for (const wanted of spec.networks ?? []) {
      items.push(attachmentItem(info, name, wanted.name, wanted, { id: "network.label", data: { network: wanted.name } }));
    }
    return spec.service === undefined ? outcomeOfItems(items, "mismatch", { name }) : outcomeOfItems(items, "serviceMismatch", { name, service: spec.service });
  },
};
