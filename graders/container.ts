/** A container's state, image, environment, published ports and mounts. */
import type { ContainerInspectInfo } from "dockerode";
import type { Grader } from "./types";
import { match, matcherRef, type Matcher } from "./matchers";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { sameImage } from "./support/image-name";
import { mountItems, type MountSpec, mountSchema } from "./support/mounts";
import { describeTarget, isService, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";
import { serviceProperties } from "./support/schemas";

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
}

function envOf(info: ContainerInspectInfo): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of info.Config.Env ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

function portItem(info: ContainerInspectInfo, port: PortSpec): ItemResult {
  const key = `${port.container}/${port.protocol ?? "tcp"}`;
  const bindings = (info.HostConfig.PortBindings?.[key] ?? []) as { HostPort?: string }[];
  const published = bindings.map((b) => b.HostPort).filter((p): p is string => Boolean(p));
  const expected = port.host === undefined ? `${key} published` : `${key} published on ${port.host}`;
  const passed = port.host === undefined ? published.length > 0 : published.includes(String(port.host));
  const all = Object.entries(info.HostConfig.PortBindings ?? {}).map(
    ([inner, list]) => `${((list ?? []) as { HostPort?: string }[]).map((b) => b.HostPort).join(",")}->${inner}`,
  );
  return { label: `port ${key}`, passed, expected, actual: all.length ? all.join(", ") : "no published port" };
}

function refOf(spec: ContainerSpec): ContainerRef {
  return spec.service === undefined ? spec.name! : { service: spec.service, ...(spec.project !== undefined ? { project: spec.project } : {}) };
}

const messages = {
  ...targetMessages,
  absent:
    "Expected a container named {name}, but there is none. Containers found: {present}. Start it with `docker run --name {name} ...` and check that your script did not stop on an error before.",
  present: "Expected no container named {name}, but it still exists ({state}). Remove it with `docker rm {name}`.",
  mismatch: "Container {name} does not match for {failed}. Compare your `docker run` options with the lab's, then inspect it with `docker inspect {name}`.",
  serviceMismatch:
    "The container of service {service} ({name}) does not match for {failed}. Compare the service's settings in your compose file with the lab's, run `docker compose up -d` again, then inspect it with `docker inspect {name}`.",
};

const messagesFr = {
  ...targetMessagesFr,
  absent: "Un conteneur nommé {name} était attendu, mais il n'y en a aucun. Conteneurs trouvés : {present}. Lancez-le avec `docker run --name {name} ...` et vérifiez que votre script ne s'est pas arrêté sur une erreur avant.",
  present: "Aucun conteneur nommé {name} n'était attendu, mais il existe encore ({state}). Supprimez-le avec `docker rm {name}`.",
  mismatch: "Le conteneur {name} ne correspond pas pour {failed}. Comparez vos options de `docker run` avec celles du TP, puis inspectez-le avec `docker inspect {name}`.",
  serviceMismatch:
    "Le conteneur du service {service} ({name}) ne correspond pas pour {failed}. Comparez les réglages du service dans votre fichier compose avec ceux du TP, relancez `docker compose up -d`, puis inspectez-le avec `docker inspect {name}`.",
} satisfies Record<keyof typeof messages, string>;

export const container: Grader<ContainerSpec> = {
  meta: {
    type: "container",
    kinds: ["check"],
    description:
      "A container by name: its state, image, environment variables, published ports and mounts; one item per attribute for partial credit.",
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
      ports: {
        type: "array",
        minItems: 1,
        description: "Ports that must be published (-p host:container).",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["container"],
          properties: {
            container: { type: "integer", minimum: 1, maximum: 65535, description: "The port inside the container." },
            host: { type: "integer", minimum: 1, maximum: 65535, description: "The port on the sandbox's host; any when left out." },
            protocol: { enum: ["tcp", "udp"], description: "Default tcp." },
          },
        },
      },
      mounts: { type: "array", minItems: 1, items: mountSchema, description: "Mounts the container must have." },
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
        ? { passed: false, messageId: "present", data: { name, state: info.State.Status }, expected: "absent", actual: info.State.Status }
        : { passed: true };
    }
    if (!info) {
      const present = (await ctx.docker.containerNames()).join(", ") || "none";
      return { passed: false, ratio: 0, messageId: "absent", data: { name, present }, expected: `container ${name}`, actual: "no such container" };
    }
    const items: ItemResult[] = [];
    if (spec.state) {
      items.push({ label: "state", passed: info.State.Status === spec.state, expected: spec.state, actual: info.State.Status });
    }
    if (spec.image) {
      items.push({ label: "image", passed: sameImage(spec.image, info.Config.Image), expected: spec.image, actual: info.Config.Image });
    }
    const env = envOf(info);
    for (const [name, matcher] of Object.entries(spec.env ?? {})) {
      const result = name in env ? match(matcher, env[name]) : undefined;
      items.push({
        label: `env ${name}`,
        passed: result?.passed ?? false,
        expected: result?.expected ?? `set, ${match(matcher, "").expected}`,
        actual: result?.actual ?? "not set",
      });
    }
    for (const port of spec.ports ?? []) items.push(portItem(info, port));
    items.push(...mountItems(info, spec.mounts ?? [], ctx.submissionDir));
    return spec.service === undefined ? outcomeOfItems(items, "mismatch", { name }) : outcomeOfItems(items, "serviceMismatch", { name, service: spec.service });
  },
};
