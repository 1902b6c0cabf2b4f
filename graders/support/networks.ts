/**
 * A container's place on networks, as `docker inspect` shows it: its network
 * mode (--network) and, on each network it is attached to, its aliases and IP
 * address. Shared by the container check (its networks) and the network
 * check (its containers), so both say it in the same words.
 */
import type { ContainerInspectInfo } from "dockerode";
import type { JsonSchema, Phrase } from "../types";
import type { ItemResult } from "./items";
import { nameListSchema } from "./schemas";

/** Where a container is expected on one network: attached, with these aliases (--network-alias) and this IP (--ip). */
export interface AttachmentSpec {
  aliases?: string[];
  ip?: string;
}

interface Endpoint {
  Aliases?: string[] | null;
  DNSNames?: string[] | null;
  IPAddress?: string;
  IPAMConfig?: { IPv4Address?: string } | null;
}

export function attachmentProperties(): Record<string, JsonSchema> {
  return {
    aliases: nameListSchema("Names it must answer to on that network, besides its own (--network-alias)."),
    ip: { type: "string", minLength: 1, description: "Its IPv4 address on that network (--ip), e.g. 10.20.0.10." },
  };
}

function endpointsOf(info: ContainerInspectInfo): Record<string, Endpoint> {
  return (info.NetworkSettings?.Networks ?? {}) as Record<string, Endpoint>;
}

/** The networks a container is attached to, by name. */
export function networksOf(info: ContainerInspectInfo): string[] {
  return Object.keys(endpointsOf(info)).sort();
}

/** Its aliases as the student gave them (Docker 25 and later no longer list the short id among them). */
function aliasesOf(info: ContainerInspectInfo, endpoint: Endpoint): string[] {
  const shortId = info.Id?.slice(0, 12);
  return (endpoint.Aliases ?? []).filter((alias) => alias !== shortId);
}

/** The names the engine's DNS gives it on that network: its name, its aliases, its hostname. */
function dnsNamesOf(info: ContainerInspectInfo, endpoint: Endpoint): string[] {
  return [info.Name?.replace(/^\//, "") ?? "", ...aliasesOf(info, endpoint), ...(endpoint.DNSNames ?? [])].filter(Boolean);
}

/** A running container's address, else the one it was given with --ip. */
function ipOf(endpoint: Endpoint): string | undefined {
  return endpoint.IPAddress || endpoint.IPAMConfig?.IPv4Address || undefined;
}

/** "app1 on network app-net, alias app, IP address 10.20.0.10": the found or expected attachment. */
function onPhrase(container: string, network: string, aliases: string[] | undefined, ip: string | undefined): Phrase {
  const details: Phrase[] = [];
  if (aliases?.length) details.push({ id: aliases.length === 1 ? "attach.alias" : "attach.aliases", data: { aliases: aliases.join(", ") } });
  if (ip) details.push({ id: "attach.ip", data: { ip } });
  return details.length ? { id: "attach.onWith", data: { container, network, details } } : { id: "attach.on", data: { container, network } };
}

/** Where the container is instead: its other networks, or none. */
function elsewherePhrase(info: ContainerInspectInfo, container: string, network: string): Phrase {
  const others = networksOf(info);
  return others.length ? { id: "attach.notOnBut", data: { container, network, networks: others.join(", ") } } : { id: "attach.onNone", data: { container } };
}

/**
 * One item: the container is attached to the network, with the aliases and
 * IP address asked. `info` is undefined when there is no such container.
 */
export function attachmentItem(info: ContainerInspectInfo | undefined, container: string, network: string, spec: AttachmentSpec, label: Phrase): ItemResult {
  const expected = onPhrase(container, network, spec.aliases, spec.ip);
  if (!info) return { label, passed: false, expected, actual: { id: "container.missing", data: { name: container } } };
  const endpoint = endpointsOf(info)[network];
  if (!endpoint) return { label, passed: false, expected, actual: elsewherePhrase(info, container, network) };
  const names = dnsNamesOf(info, endpoint);
  const ip = ipOf(endpoint);
  const passed = (spec.aliases ?? []).every((alias) => names.includes(alias)) && (spec.ip === undefined || ip === spec.ip);
  const found = aliasesOf(info, endpoint);
  const actual =
    spec.aliases && found.length === 0
      ? { id: "attach.onNoAlias", data: { container, network, ip: ip ?? "-" } }
      : onPhrase(container, network, spec.aliases ? found : undefined, spec.ip !== undefined ? ip : undefined);
  return { label, passed, expected, actual };
}

/** One item: the container is not attached to the network (a container that does not exist is not). */
export function detachedItem(info: ContainerInspectInfo | undefined, container: string, network: string, label: Phrase): ItemResult {
  const attached = Boolean(info && endpointsOf(info)[network]);
  return {
    label,
    passed: !attached,
    expected: { id: "attach.notOn", data: { container, network } },
    actual: attached ? { id: "attach.on", data: { container, network } } : { id: "attach.notOn", data: { container, network } },
  };
}

/** `bridge`, `host`, `none`, `container:<name>` or a network's name, as --network takes it. */
export async function networkModeOf(info: ContainerInspectInfo, nameOfContainer: (id: string) => Promise<string | undefined>): Promise<string> {
  const mode = info.HostConfig.NetworkMode ?? "default";
  if (mode === "default") return "bridge";
  if (mode.startsWith("container:")) {
    const id = mode.slice("container:".length);
    return `container:${(await nameOfContainer(id)) ?? id}`;
  }
  return mode;
}

export function networkModePhrase(mode: string): Phrase {
  return mode === "bridge" ? { id: "netmode.bridge" } : { id: "netmode.is", data: { mode } };
}

export const networkPhrases = {
  en: {
    "attach.on": "{container} on network {network}",
    "attach.onWith": "{container} on network {network}, {details}",
    "attach.alias": "alias {aliases}",
    "attach.aliases": "aliases {aliases}",
    "attach.ip": "IP address {ip}",
    "attach.onNoAlias": "{container} on network {network} with no alias (IP address {ip})",
    "attach.notOn": "{container} not on network {network}",
    "attach.notOnBut": "{container} is not on network {network}, but on {networks}",
    "attach.onNone": "{container} is on no network",
    "netmode.bridge": "the default bridge (no --network, or --network bridge)",
    "netmode.is": "--network {mode}",
  },
  fr: {
    "attach.on": "{container} sur le réseau {network}",
    "attach.onWith": "{container} sur le réseau {network}, {details}",
    "attach.alias": "alias {aliases}",
    "attach.aliases": "alias {aliases}",
    "attach.ip": "adresse IP {ip}",
    "attach.onNoAlias": "{container} sur le réseau {network} sans alias (adresse IP {ip})",
    "attach.notOn": "{container} absent du réseau {network}",
    "attach.notOnBut": "{container} n'est pas sur le réseau {network}, mais sur {networks}",
    "attach.onNone": "{container} n'est sur aucun réseau",
    "netmode.bridge": "le bridge par défaut (sans --network, ou --network bridge)",
    "netmode.is": "--network {mode}",
  },
};
