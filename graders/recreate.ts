/**
 * Removes containers and creates fresh ones from the same configuration:
 * image, command, environment, ports, mounts, links and networks. What was
 * kept only in a container's own layer is gone; what was in volumes stays.
 * A Compose service is re-created by Compose itself from the project's
 * compose files, as `docker compose up --force-recreate` would, except that
 * anonymous volumes are new: only named volumes carry data over, as with
 * `docker run`.
 */
import type { ContainerInspectInfo } from "dockerode";
import { containerRefListSchema } from "./support/schemas";
import { describeTarget, isService, PROJECT_LABEL, resolveContainer, SERVICE_LABEL, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";
import type { Grader, GraderContext, InnerDocker, Outcome } from "./types";

export interface RecreateSpec {
  containers: ContainerRef[];
}

/** Where Compose recorded the project a container belongs to (its labels). */
export interface ComposeProject {
  project: string;
  workingDir: string;
  configFiles: string[];
  envFiles: string[];
}

export function composeProjectOf(info: ContainerInspectInfo): ComposeProject | undefined {
  const labels = info.Config.Labels ?? {};
  const list = (key: string) => (labels[key] ?? "").split(",").filter(Boolean);
  const project = labels[PROJECT_LABEL];
  const workingDir = labels["com.docker.compose.project.working_dir"];
  if (!project || !workingDir) return undefined;
  return { project, workingDir, configFiles: list("com.docker.compose.project.config_files"), envFiles: list("com.docker.compose.project.environment_file") };
}

/** `docker compose ... up` that brings these services back new, and nothing else. */
export function composeUpArgs(project: ComposeProject, services: string[]): string[] {
  return [
    "compose",
    "--project-name", project.project,
    "--project-directory", project.workingDir,
    ...project.configFiles.flatMap((file) => ["--file", file]),
    ...project.envFiles.flatMap((file) => ["--env-file", file]),
    "up", "--detach", "--force-recreate", "--renew-anon-volumes", "--no-deps",
    ...services,
  ];
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

/** The step that failed, as a phrase id: the engine's own error text is not for students. */
async function recreateOne(docker: InnerDocker, name: string, info: ContainerInspectInfo): Promise<string | undefined> {
  const { body, extraNetworks } = createRequestOf(info);
  const created = await docker.api("POST", `/containers/create?name=${encodeURIComponent(name)}`, body);
  if (created.status !== 201) return "recreate.create";
  for (const [network, endpoint] of extraNetworks) {
    const connected = await docker.api("POST", `/networks/${encodeURIComponent(network)}/connect`, { Container: name, EndpointConfig: endpoint });
    if (connected.status !== 200) return "recreate.connect";
  }
  if (info.State.Running) {
    const started = await docker.api("POST", `/containers/${encodeURIComponent(name)}/start`);
    if (started.status !== 204 && started.status !== 304) return "recreate.start";
  }
  return undefined;
}

/** What could not be re-created, and which step failed (a phrase id). */
interface Problem {
  name: string;
  step: string;
}

async function recreateServices(ctx: GraderContext, groups: { project: ComposeProject; services: string[] }[]): Promise<Problem | undefined> {
  for (const { project, services } of groups) {
    const up = await ctx.docker.cli(composeUpArgs(project, services), { timeoutMs: 60_000 + 30_000 * services.length });
    if (up.exitCode !== 0) return { name: services.join(", "), step: "recreate.composeUp" };
  }
  return undefined;
}

/** Removes them all, then creates them again in the reverse order. */
async function recreateByName(ctx: GraderContext, infos: [string, ContainerInspectInfo][]): Promise<Problem | undefined> {
  for (const [name] of infos) {
    const removed = await ctx.docker.api("DELETE", `/containers/${encodeURIComponent(name)}?force=1`);
    if (removed.status !== 204) return { name, step: "recreate.remove" };
  }
  for (const [name, info] of [...infos].reverse()) {
    const step = await recreateOne(ctx.docker, name, info);
    if (step) return { name, step };
  }
  return undefined;
}

const messages = {
  ...targetMessages,
  missing: "Could not re-create {name}: there is no such container.",
  failed: "Could not re-create {name}: {step}.",
  "recreate.remove": "it could not be removed",
  "recreate.create": "it could not be created again from its settings",
  "recreate.connect": "it could not be connected to its networks again",
  "recreate.start": "it was created again but does not start (look at `docker logs`)",
  "recreate.composeUp": "`docker compose up --force-recreate` did not bring it back (try it yourself)",
};

const messagesFr = {
  ...targetMessagesFr,
  missing: "Impossible de recréer {name} : ce conteneur n'existe pas.",
  failed: "Impossible de recréer {name} : {step}.",
  "recreate.remove": "il n'a pas pu être supprimé",
  "recreate.create": "il n'a pas pu être recréé à partir de sa configuration",
  "recreate.connect": "il n'a pas pu être reconnecté à ses réseaux",
  "recreate.start": "il a été recréé mais ne démarre pas (regardez `docker logs`)",
  "recreate.composeUp": "`docker compose up --force-recreate` ne l'a pas remis en route (essayez-le vous-même)",
} satisfies Record<keyof typeof messages, string>;

export const recreate: Grader<RecreateSpec> = {
  meta: {
    type: "recreate",
    kinds: ["action"],
    description:
      "Removes the containers (not their volumes) and creates them again from the same image, command, environment, ports, mounts, links and networks, in reverse order; Compose services from their compose file, with new anonymous volumes.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["containers"],
    description: "Containers to remove and create again.",
    properties: {
      containers: containerRefListSchema("Removed in this order, created again in the reverse order: list a container before the ones it links to."),
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.containers.map(describeTarget).join(", ")} ${spec.containers.length > 1 ? "are" : "is"} removed and created again from the same settings`,
  async evaluate(ctx, spec): Promise<Outcome> {
    const infos: [string, ContainerInspectInfo][] = [];
    const projects = new Map<string, { project: ComposeProject; services: string[] }>();
    for (const ref of spec.containers) {
      const resolved = await resolveContainer(ctx, ref);
      if (resolved.outcome) return resolved.outcome;
      const name = resolved.name;
      const info = await ctx.docker.container(name);
      if (!info) return { passed: false, messageId: "missing", data: { name } };
      const project = isService(ref) ? composeProjectOf(info) : undefined;
      if (!project) {
        infos.push([name, info]);
        continue;
      }
      const group = projects.get(project.project) ?? { project, services: [] };
      group.services.push(info.Config.Labels![SERVICE_LABEL]);
      projects.set(project.project, group);
    }
    const problem = (await recreateByName(ctx, infos)) ?? (await recreateServices(ctx, [...projects.values()]));
    return problem ? { passed: false, messageId: "failed", data: { name: problem.name, step: { id: problem.step } } } : { passed: true };
  },
};
