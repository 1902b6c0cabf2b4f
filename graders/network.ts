/**
 * Docker networks: that some exist (or are gone), and what one of them is
 * (`docker network inspect`): its driver, whether it is internal, its subnet
 * and gateway, labels, and the containers attached to it with their aliases
 * and addresses. One item per attribute, for partial credit.
 */
import type { NetworkInspectInfo } from "dockerode";
import type { Grader, GraderContext, Outcome, Phrase } from "./types";
import { matcherRef, type Matcher } from "./matchers/match";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { keyValueItem } from "./support/key-values";
import { attachmentItem, attachmentProperties, detachedItem, type AttachmentSpec } from "./support/networks";
import { describePresence, presenceItems } from "./support/presence";
import { nameListSchema } from "./support/schemas";
import { similarName } from "./support/near";

export const DRIVERS = ["bridge", "host", "none", "macvlan", "ipvlan", "overlay"] as const;

export interface NetworkContainerSpec extends AttachmentSpec {
  name: string;
}

export interface NetworkSpec {
  /** One network and its attributes... */
  name?: string;
  driver?: (typeof DRIVERS)[number];
  internal?: boolean;
  subnet?: string;
  gateway?: string;
  attachable?: boolean;
  labels?: Record<string, Matcher>;
  containers?: NetworkContainerSpec[];
  "not-attached"?: string[];
  /** ...or networks that exist, or do not. */
  names?: string[];
  absent?: string[];
}

const ATTRIBUTES = ["driver", "internal", "subnet", "gateway", "attachable", "labels", "containers", "not-attached"] as const;

/** The engine calls the driver of `none` "null". */
const driverName = (driver: string) => (driver === "null" ? "none" : driver);

function subnetsOf(info: NetworkInspectInfo): { subnets: string[]; gateways: string[] } {
  const config = info.IPAM?.Config ?? [];
  return {
    subnets: config.map((c) => c.Subnet).filter((s): s is string => Boolean(s)),
    gateways: config.map((c) => c.Gateway).filter((g): g is string => Boolean(g)),
  };
}

function flagItem(key: "internal" | "attachable", wanted: boolean, found: boolean): ItemResult {
  const say = (value: boolean): Phrase => ({ id: `${key}.${value ? "yes" : "no"}` });
  return { label: { id: `${key}.label` }, passed: wanted === found, expected: say(wanted), actual: say(found) };
}

function addressItem(key: "subnet" | "gateway", wanted: string, found: string[]): ItemResult {
  return {
    label: { id: `${key}.label` },
    passed: found.includes(wanted),
    expected: { id: `${key}.is`, data: { [key]: wanted } },
    actual: found.length ? { id: `${key}.is`, data: { [key]: found.join(", ") } } : { id: `${key}.none` },
  };
}

async function attributeItems(ctx: GraderContext, info: NetworkInspectInfo, spec: NetworkSpec): Promise<ItemResult[]> {
  const network = info.Name;
  const items: ItemResult[] = [];
  if (spec.driver) {
    const found = driverName(info.Driver);
    items.push({
      label: { id: "driver.label" },
      passed: found === spec.driver,
      expected: { id: "driver.is", data: { driver: spec.driver } },
      actual: { id: "driver.is", data: { driver: found } },
    });
  }
  if (spec.internal !== undefined) items.push(flagItem("internal", spec.internal, Boolean(info.Internal)));
  const { subnets, gateways } = subnetsOf(info);
  if (spec.subnet) items.push(addressItem("subnet", spec.subnet, subnets));
  if (spec.gateway) items.push(addressItem("gateway", spec.gateway, gateways));
  if (spec.attachable !== undefined) items.push(flagItem("attachable", spec.attachable, Boolean(info.Attachable)));
  for (const [name, matcher] of Object.entries(spec.labels ?? {})) items.push(keyValueItem("label", info.Labels ?? {}, name, matcher));
  // A container's inspect knows its aliases and keeps its networks while it is stopped; the network's own list does not.
  for (const wanted of spec.containers ?? []) {
    const label = { id: "member.label", data: { name: wanted.name } };
    items.push(attachmentItem(await ctx.docker.container(wanted.name), wanted.name, network, wanted, label));
  }
  for (const name of spec["not-attached"] ?? []) {
    items.push(detachedItem(await ctx.docker.container(name), name, network, { id: "member.label", data: { name } }));
  }
  return items;
}

function describeNetwork(spec: NetworkSpec): string {
  const parts = [
    spec.driver && `uses the ${spec.driver} driver`,
    spec.internal !== undefined && (spec.internal ? "is internal" : "is not internal"),
    spec.subnet && `has the subnet ${spec.subnet}`,
    spec.gateway && `has the gateway ${spec.gateway}`,
    spec.attachable !== undefined && (spec.attachable ? "is attachable" : "is not attachable"),
    spec.labels && `has the labels ${Object.keys(spec.labels).join(", ")}`,
    spec.containers &&
      `connects ${spec.containers
        .map((c) => [c.name, c.aliases?.length ? ` (alias ${c.aliases.join(", ")})` : "", c.ip ? ` at ${c.ip}` : ""].join(""))
        .join(", ")}`,
    spec["not-attached"] && `does not connect ${spec["not-attached"].join(", ")}`,
  ].filter(Boolean);
  return `network ${spec.name} ${parts.length ? parts.join(", ") : "exists"}`;
}

const messages = {
  missing:
    "Expected a network named {name}, but there is none. Networks found: {present}. Create it with `docker network create {name}` before the containers that use it, and check that your script did not stop on an error before.",
  mismatch:
    "Network {name} does not match for {failed}. Compare your `docker network create` and `docker run --network` options with the lab's, then look at `docker network inspect {name}`.",
  presence:
    "Networks not as expected: {failed}. Networks found: {present}. Create one with `docker network create <name>`; remove one with `docker network rm <name>` once no container uses it.",
  "driver.label": "its driver",
  "driver.is": "driver {driver}",
  "internal.label": "whether it is internal",
  "internal.yes": "internal (--internal: no route out of the network)",
  "internal.no": "not internal",
  "subnet.label": "its subnet",
  "subnet.is": "subnet {subnet}",
  "subnet.none": "no subnet",
  "gateway.label": "its gateway",
  "gateway.is": "gateway {gateway}",
  "gateway.none": "no gateway",
  "attachable.label": "whether it is attachable",
  "attachable.yes": "attachable (--attachable)",
  "attachable.no": "not attachable",
  "label.label": "label {name}",
  "label.equals": "label {name}={value}",
  "label.matches": "label {name} {matcher}",
  "label.notSet": "label {name} is not set",
  "label.notSetSimilar": "label {name} is not set, but {similar}={value} is",
  "member.label": "container {name}",
  none: "none",
};

const messagesFr = {
  missing:
    "Un réseau nommé {name} était attendu, mais il n'y en a aucun. Réseaux trouvés : {present}. Créez-le avec `docker network create {name}` avant les conteneurs qui l'utilisent, et vérifiez que votre script ne s'est pas arrêté sur une erreur avant.",
  mismatch:
    "Le réseau {name} ne correspond pas pour {failed}. Comparez vos options de `docker network create` et de `docker run --network` avec celles du TP, puis regardez `docker network inspect {name}`.",
  presence:
    "Réseaux non conformes : {failed}. Réseaux trouvés : {present}. Créez-en un avec `docker network create <nom>` ; supprimez-en un avec `docker network rm <nom>` quand plus aucun conteneur ne l'utilise.",
  "driver.label": "son pilote",
  "driver.is": "pilote {driver}",
  "internal.label": "s'il est interne",
  "internal.yes": "interne (--internal : aucune route vers l'extérieur du réseau)",
  "internal.no": "non interne",
  "subnet.label": "son sous-réseau",
  "subnet.is": "sous-réseau {subnet}",
  "subnet.none": "aucun sous-réseau",
  "gateway.label": "sa passerelle",
  "gateway.is": "passerelle {gateway}",
  "gateway.none": "aucune passerelle",
  "attachable.label": "s'il est attachable",
  "attachable.yes": "attachable (avec --attachable)",
  "attachable.no": "non attachable",
  "label.label": "le label {name}",
  "label.equals": "le label {name}={value}",
  "label.matches": "le label {name} {matcher}",
  "label.notSet": "le label {name} n'est pas défini",
  "label.notSetSimilar": "le label {name} n'est pas défini, mais {similar}={value} l'est",
  "member.label": "le conteneur {name}",
  none: "aucun",
} satisfies Record<keyof typeof messages, string>;

export const network: Grader<NetworkSpec> = {
  meta: {
    type: "network",
    kinds: ["check"],
    readsOnly: true,
    description:
      "Networks exist (names) or do not (absent); or one network by name: its driver, internal, subnet, gateway, attachable, labels, and the containers attached to it with their aliases and IP addresses; one item per attribute for partial credit.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    description: "Networks that must exist or not (names, absent), or what must hold of one network (name and its attributes).",
    // A network's attributes need its name; a name and the presence lists do not mix.
    dependentRequired: Object.fromEntries(ATTRIBUTES.map((key) => [key, ["name"]])),
    allOf: [{ not: { required: ["name", "names"] } }, { not: { required: ["name", "absent"] } }],
    properties: {
      name: { type: "string", minLength: 1, description: "The network checked (docker network create <name>); its attributes follow." },
      driver: { enum: [...DRIVERS], description: "Its driver (-d): bridge for a network of containers on one host." },
      internal: { type: "boolean", description: "Whether it is internal (--internal): its containers reach each other, and nothing outside it." },
      subnet: { type: "string", minLength: 1, description: "Its subnet (--subnet), e.g. 10.20.0.0/24." },
      gateway: { type: "string", minLength: 1, description: "Its gateway (--gateway), e.g. 10.20.0.1." },
      attachable: { type: "boolean", description: "Whether containers may be attached to it by hand (--attachable; for overlay networks)." },
      labels: {
        type: "object",
        minProperties: 1,
        additionalProperties: matcherRef("What the label's value must match."),
        description: "Labels (--label NAME=value) and what their values must match.",
      },
      containers: {
        type: "array",
        minItems: 1,
        description: "Containers that must be attached to it (--network, docker network connect), one item each.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: {
            name: { type: "string", minLength: 1, description: "The container's name (--name)." },
            ...attachmentProperties(),
          },
        },
      },
      "not-attached": nameListSchema("Containers that must not be attached to it, one item each (a container that does not exist is not attached)."),
      names: nameListSchema("Networks that must exist, one item each."),
      absent: nameListSchema("Networks that must not exist, one item each."),
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => (spec.name === undefined ? describePresence("networks", spec) : describeNetwork(spec)),
  async evaluate(ctx, spec): Promise<Outcome> {
    const present = await ctx.docker.networkNames();
    const presentData = present.join(", ") || { id: "none" };
    if (spec.name === undefined) return outcomeOfItems(presenceItems(present, spec, "network"), "presence", { present: presentData });
    const info = await ctx.docker.network(spec.name);
    if (!info) {
      const similar = similarName(spec.name, present);
      const actual: Phrase = similar ? { id: "network.missingSimilar", data: { name: spec.name, similar } } : { id: "network.missing", data: { name: spec.name } };
      return {
        passed: false,
        ratio: 0,
        final: true,
        messageId: "missing",
        data: { name: spec.name, present: presentData },
        expected: [{ id: "network.exists", data: { name: spec.name } }],
        actual: [actual],
      };
    }
    return outcomeOfItems(await attributeItems(ctx, info, spec), "mismatch", { name: spec.name });
  },
};
