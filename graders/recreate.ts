/**
 * Removes containers and creates fresh ones from the same configuration:
 * image, command, environment, ports, mounts, links and networks. What was
 * kept only in a container's own layer is gone; what was in volumes stays.
 */
import type { ContainerInspectInfo } from "dockerode";
import { nameListSchema } from "./support/schemas";
import type { Grader, InnerDocker, Outcome } from "./types";

export interface RecreateSpec {
  containers: string[];
}

/** The create request that reproduces a container, from its inspect data. */
export function createRequestOf(info: ContainerInspectInfo): { body: Record<string, unknown>; extraNetworks: [string, unknown][] } {
  const shortId = info.Id.slice(0, 12);
  const networks = Object.entries(info.NetworkSettings.Networks ?? {}).map(([name, endpoint]) => {
    const e = endpoint as { Aliases?: string[] | null; Links?: string[] | null; IPAMConfig?: unknown };
    return [name, { Aliases: (e.Aliases ?? []).filter((alias) => alias !== shortId), Links: e.Links ?? undefined, IPAMConfig: e.IPAMConfig ?? undefined }] as [string, unknown];
  });
  const primary = info.HostConfig.NetworkMode ?? "default";
  const builtIn = ["default", "bridge", "host", "none"].includes(primary) || primary.startsWith("container:");
  const [first, rest] = builtIn
    ? [[] as [string, unknown][], networks.filter(([name]) => name !== "bridge")]
    : [networks.filter(([name]) => name === primary), networks.filter(([name]) => name !== primary)];
  const { Hostname: _hostname, ...config } = info.Config as unknown as Record<string, unknown>;
  return {
    body: { ...config, HostConfig: info.HostConfig, NetworkingConfig: { EndpointsConfig: Object.fromEntries(first) } },
    extraNetworks: rest,
  };
}

async function recreateOne(docker: InnerDocker, name: string, info: ContainerInspectInfo): Promise<string | undefined> {
  const { body, extraNetworks } = createRequestOf(info);
  const created = await docker.api("POST", `/containers/create?name=${encodeURIComponent(name)}`, body);
  if (created.status !== 201) return `create ${name}: ${JSON.stringify(created.body)}`;
  for (const [network, endpoint] of extraNetworks) {
    const connected = await docker.api("POST", `/networks/${encodeURIComponent(network)}/connect`, { Container: name, EndpointConfig: endpoint });
    if (connected.status !== 200) return `connect ${name} to ${network}: ${JSON.stringify(connected.body)}`;
  }
  if (info.State.Running) {
    const started = await docker.api("POST", `/containers/${encodeURIComponent(name)}/start`);
    if (started.status !== 204 && started.status !== 304) return `start ${name}: ${JSON.stringify(started.body)}`;
  }
  return undefined;
}

const messages = {
  missing: "Could not re-create {name}: there is no such container.",
  failed: "Could not re-create the containers: {detail}.",
};

const messagesFr = {
  missing: "Impossible de recréer {name} : ce conteneur n'existe pas.",
  failed: "Impossible de recréer les conteneurs : {detail}.",
} satisfies Record<keyof typeof messages, string>;

export const recreate: Grader<RecreateSpec> = {
  meta: {
    type: "recreate",
    kinds: ["action"],
    description:
      "Removes the containers (not their volumes) and creates them again from the same image, command, environment, ports, mounts, links and networks, in reverse order.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["containers"],
    description: "Containers to remove and create again.",
    properties: {
      containers: nameListSchema("Removed in this order, created again in the reverse order: list a container before the ones it links to."),
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.containers.join(", ")} ${spec.containers.length > 1 ? "are" : "is"} removed and created again from the same settings`,
  async evaluate(ctx, spec): Promise<Outcome> {
    const infos: [string, ContainerInspectInfo][] = [];
    for (const name of spec.containers) {
      const info = await ctx.docker.container(name);
      if (!info) return { passed: false, messageId: "missing", data: { name } };
      infos.push([name, info]);
    }
    for (const [name] of infos) {
      const removed = await ctx.docker.api("DELETE", `/containers/${encodeURIComponent(name)}?force=1`);
      if (removed.status !== 204) return { passed: false, messageId: "failed", data: { detail: `remove ${name}: ${JSON.stringify(removed.body)}` } };
    }
    for (const [name, info] of infos.reverse()) {
      const problem = await recreateOne(ctx.docker, name, info);
      if (problem) return { passed: false, messageId: "failed", data: { detail: problem } };
    }
    return { passed: true };
  },
};
