/**
 * The sandbox's own engine: lookups, listings and `docker exec` through its API
 * (answered as the CLI answers them), other commands with the docker CLI inside the sandbox.
 */
import type { ContainerInfo, ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import { isProbe, PROBE_LABEL } from "../../graders/support/probe";
import type { CommandResult, ExecOptions, InnerDocker, ProbeRun, SandboxShell } from "../../graders/types";
import type { EngineApi } from "./engine-api";

/** The version `api()` callers build their requests for; lookups use the engine's own, as its CLI does. */
const API_VERSION = "v1.41";

export type Kind = "container" | "volume" | "network";

/**
 * The order `docker volume ls` and `docker network ls` print names in (the CLI
 * sorts them "naturally": digits before other characters, numbers by value),
 * so that lists a student reads come as their own terminal shows them.
 */
export function naturalLess(a: string, b: string): boolean {
  const digit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (digit(a[i]) !== digit(b[j])) return digit(a[i]);
    if (!digit(a[i])) {
      if (a[i] !== b[j]) return a[i] < b[j];
      i++;
      j++;
      continue;
    }
    while (a[i] === "0") i++;
    while (b[j] === "0") j++;
    const [fromA, fromB] = [i, j];
    while (digit(a[i])) i++;
    while (digit(b[j])) j++;
    const [numberA, numberB] = [a.slice(fromA, i), b.slice(fromB, j)];
    if (numberA.length !== numberB.length) return numberA.length < numberB.length;
    if (numberA !== numberB) return numberA < numberB;
    if (fromA !== fromB) return fromA < fromB;
  }
  return a.length < b.length;
}

const byName = <T extends { Name: string }>(items: T[]) => [...items].sort((x, y) => (naturalLess(x.Name, y.Name) ? -1 : naturalLess(y.Name, x.Name) ? 1 : 0));

/** A name or id in a path: the CLI's client drops leading slashes; no name has one inside. */
function segment(key: string): string | undefined {
  const bare = key.replace(/^\/+/, "");
  return bare && !bare.includes("/") ? encodeURIComponent(bare) : undefined;
}

/**
 * The engine's answer; an engine that cannot be reached is an error, not an
 * empty answer, for the walk to find out whether the student's script stopped it.
 */
function answered<T extends { status: number; body?: unknown }>(answer: T): T {
  if (answer.status === 0) throw new Error(`the sandbox's engine did not answer: ${String(answer.body)}`);
  return answer;
}

const asked = async (engine: EngineApi, method: "GET" | "POST" | "DELETE", path: string, body?: unknown, timeoutMs?: number) => answered(await engine.request(method, path, body, timeoutMs));

async function found<T>(engine: EngineApi, path: string | undefined): Promise<T | undefined> {
  if (path === undefined) return undefined;
  const answer = await asked(engine, "GET", path);
  return answer.status === 200 ? (answer.body as T) : undefined;
}

/** The name `docker ps` shows: a container's own, not the ones links give it (lamp-web/mysql). */
function shownName(container: ContainerInfo): string | undefined {
  return container.Names?.map((name) => name.replace(/^\//, "")).find((name) => !name.includes("/"));
}

/** The listing `docker <kind> ls` gives, in its order: what each entry is known by. */
async function listed(engine: EngineApi, kind: Kind): Promise<{ key: string; name: string; probe: boolean }[] | undefined> {
  if (kind === "container") {
    const list = await found<ContainerInfo[]>(engine, "/containers/json?all=1");
    return list?.map((c) => ({ key: c.Id, name: shownName(c) ?? "", probe: isProbe(c.Labels) }));
  }
  if (kind === "volume") {
    const list = await found<{ Volumes: VolumeInspectInfo[] | null }>(engine, "/volumes");
    return list && byName(list.Volumes ?? []).map((v) => ({ key: v.Name, name: v.Name, probe: false }));
  }
  const list = await found<NetworkInspectInfo[]>(engine, "/networks");
  return list && byName(list).map((n) => ({ key: n.Id, name: n.Name, probe: false }));
}

const inspectPath = (kind: Kind, key: string) => {
  const at = segment(key);
  return at === undefined ? undefined : { container: `/containers/${at}/json`, volume: `/volumes/${at}`, network: `/networks/${at}` }[kind];
};

/**
 * Every container's, volume's or network's inspection, in the order `docker <kind> ls`
 * lists them; undefined when the engine could not list them. One removed between
 * the listing and its inspection is left out, as `docker inspect` of the list leaves it.
 */
export async function inspectEvery<T>(engine: EngineApi, kind: Kind): Promise<T[] | undefined> {
  const entries = await listed(engine, kind);
  if (!entries) return undefined;
  const inspected = await Promise.all(entries.map((entry) => found<T>(engine, inspectPath(kind, entry.key))));
  return inspected.filter((item): item is Awaited<T> => item !== undefined) as T[];
}

/** Every inspection of a kind, the harness's probes left out; a listing the engine refused is an error, as `docker ls` failing was. */
export async function inspectedOrThrow<T>(engine: EngineApi, kind: Kind): Promise<T[]> {
  const all = await inspectEvery<T>(engine, kind);
  if (!all) throw new Error(`the sandbox's engine did not list its ${kind}s`);
  return kind === "container" ? all.filter((c) => !isProbe((c as ContainerInspectInfo).Config?.Labels)) : all;
}

/** What the docker CLI prints for an error the engine answered, and exits 1 with. */
const refused = (body: unknown): CommandResult => ({ exitCode: 1, stdout: "", stderr: `Error response from daemon: ${(body as { message?: string } | undefined)?.message ?? String(body)}\n` });

/**
 * `docker exec` through the engine's API, as the CLI does it: the container
 * inspected first (so that "no such container" wins), the exec created, started
 * attached, then its exit code read. Output and exit code are the CLI's; a time
 * limit that runs out ends it with 124, as `timeout` around the CLI did.
 */
async function execThroughApi(engine: EngineApi, container: string, argv: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CommandResult> {
  const at = segment(container);
  const inspected = at === undefined ? { status: 404, body: { message: `No such container: ${container}` } } : await asked(engine, "GET", `/containers/${at}/json`);
  if (inspected.status !== 200) return refused(inspected.body);
  const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
  const created = await asked(engine, "POST", `/containers/${at}/exec`, { AttachStdout: true, AttachStderr: true, Env: env, Cmd: argv });
  if (created.status !== 201) return refused(created.body);
  const id = (created.body as { Id: string }).Id;
  const started = answered(await engine.attach(`/exec/${id}/start`, { Detach: false, Tty: false }, options.timeoutMs ?? 60_000));
  if (!started.output) return refused(started.body);
  if (started.output.timedOut) return { exitCode: 124, stdout: started.output.stdout, stderr: started.output.stderr };
  const ended = await asked(engine, "GET", `/exec/${id}/json`);
  const exitCode = ended.status === 200 ? ((ended.body as { ExitCode: number | null }).ExitCode ?? -1) : -1;
  return { exitCode, stdout: started.output.stdout, stderr: started.output.stderr };
}

/** What `docker run` prints when the engine refuses to create or start a container, and exits 125 with. */
const notRun = (body: unknown): CommandResult => ({ exitCode: 125, stdout: "", stderr: `docker: ${refused(body).stderr}` });

/**
 * `docker run --rm` of a probe through the engine's API, in the CLI's order:
 * created, attached (so that nothing it prints is lost), started, waited for,
 * then removed with its anonymous volumes. A time limit that runs out removes
 * it at once and ends with 124, as `timeout` around the CLI did.
 */
async function probeThroughApi(engine: EngineApi, run: ProbeRun): Promise<CommandResult> {
  const input = run.stdin !== undefined;
  const created = await asked(engine, "POST", "/containers/create", {
    Image: run.image,
    Cmd: run.argv,
    Labels: { [PROBE_LABEL]: "1" },
    AttachStdin: input,
    OpenStdin: input,
    StdinOnce: input,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: {
      NetworkMode: run.network,
      Binds: (run.mounts ?? []).map((mount) => `${mount.source}:${mount.target}${mount.writable ? "" : ":ro"}`),
      // What it prints is read as it comes: the engine need not keep it.
      LogConfig: { Type: "none", Config: {} },
    },
  });
  if (created.status !== 201) return notRun(created.body);
  const id = (created.body as { Id: string }).Id;
  try {
    let attachedNow = () => undefined as void;
    const attached = new Promise<undefined>((resolve) => (attachedNow = () => resolve(undefined)));
    const path = `/containers/${id}/attach?stream=1&stdout=1&stderr=1${input ? "&stdin=1" : ""}`;
    const streams = engine.attach(path, undefined, run.timeoutMs ?? 60_000, { input: run.stdin, attached: attachedNow });
    const refusedAttach = await Promise.race([attached, streams]);
    if (refusedAttach) return notRun(answered(refusedAttach).body);
    const started = await asked(engine, "POST", `/containers/${id}/start`);
    if (started.status !== 204) return notRun(started.body);
    const ended = answered(await streams);
    if (!ended.output) return notRun(ended.body);
    if (ended.output.timedOut) return { exitCode: 124, stdout: ended.output.stdout, stderr: ended.output.stderr };
    const waited = await asked(engine, "POST", `/containers/${id}/wait`);
    const exitCode = waited.status === 200 ? (waited.body as { StatusCode: number }).StatusCode : -1;
    return { exitCode, stdout: ended.output.stdout, stderr: ended.output.stderr };
  } finally {
    await engine.request("DELETE", `/containers/${id}?force=1&v=1`);
  }
}

export function innerDocker(shell: SandboxShell, engine: EngineApi): InnerDocker {
  const cli = (args: string[], options?: ExecOptions) => shell.exec(["docker", ...args], options);
  const names = async (kind: Kind) => (await listed(engine, kind))?.filter((entry) => !entry.probe).map((entry) => entry.name) ?? [];
  return {
    cli,
    exec: (container, argv, options) => execThroughApi(engine, container, argv, options),
    probe: (run) => probeThroughApi(engine, run),
    containers: () => inspectedOrThrow<ContainerInspectInfo>(engine, "container"),
    volumes: () => inspectedOrThrow<VolumeInspectInfo>(engine, "volume"),
    container: (name) => found<ContainerInspectInfo>(engine, inspectPath("container", name)),
    volume: (name) => found<VolumeInspectInfo>(engine, inspectPath("volume", name)),
    async network(name) {
      // `docker network inspect db` also finds a network whose id begins with "db": only the name counts.
      const network = await found<NetworkInspectInfo>(engine, inspectPath("network", name));
      return network?.Name === name ? network : undefined;
    },
    // The harness's probes, running beside the checks, are not the student's.
    containerNames: () => names("container"),
    volumeNames: () => names("volume"),
    networkNames: () => names("network"),
    async api(method, path, body) {
      const answer = await asked(engine, method, `/${API_VERSION}${path}`, body, 120_000);
      return { status: answer.status, body: answer.body };
    },
  };
}
