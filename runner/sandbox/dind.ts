/**
 * Starts one Docker-in-Docker container through the Engine API (dockerode),
 * ready when its dockerd says "API listen on". Where the engine refuses
 * --privileged ("unable to apply caps"), falls back to a wide capability set
 * with a private cgroup namespace, and says which mode ran.
 * Not through testcontainers: loading it alone took most of a second of every grading.
 */
import type Dockerode from "dockerode";
import type { ContainerCreateOptions, HostConfig } from "dockerode";
import { PassThrough } from "node:stream";
import { SandboxUnavailableError } from "../errors";
import { engineVersionFromLog } from "./engine-version";
import { execIn } from "./container-exec";
import { labelsFor, type Role } from "./labels";
import type { SandboxNetwork } from "../rubric/types";
import { log } from "../log";
import { hostDocker } from "./host-engine";
import { rememberedMode, rememberMode } from "./mode-cache";

export type SecurityMode = "privileged" | "capabilities";

export interface DindOptions {
  image: string;
  name: string;
  role: Role;
  labels?: Record<string, string>;
  env?: Record<string, string>;
  /** A named volume mounted at /store (the seeded image store). */
  storeVolume?: string;
  /** Sandboxes read the store; only a seeder writes to it. */
  storeWritable?: boolean;
  memoryBytes?: number;
  cpus?: number;
  pids?: number;
  /**
   * Bytes of the engine's data-root (images' clones, the student's containers
   * and volumes): a size-limited tmpfs, so a submission that fills it gets
   * "no space left" instead of filling the host. Requires rootBytes.
   */
  diskBytes?: number;
  /**
   * Bytes a script may write anywhere else in the sandbox (/srv, /etc, its
   * folder, /tmp): the root filesystem is an overlay whose upper layer is a
   * tmpfs of this size (labgrade-writable-root), over the image's read-only root.
   */
  rootBytes?: number;
  startupTimeoutMs?: number;
  /** isolated (the default): no network interface but loopback, so nothing beyond the sandbox is reachable. */
  network?: SandboxNetwork;
  /** Told once the container exists and its start is asked: the caller's own work can go on while its engine boots. */
  onCreated?: () => void;
}

/** The started container, as the sandbox and the seeder use it. */
export interface DindContainer {
  getId(): string;
  getName(): string;
  /** A command in the container: its exit code and its stdout and stderr together. */
  exec(argv: string[]): Promise<{ exitCode: number; output: string }>;
  /** Stops it (SIGKILL after `timeout` seconds) and removes it with its anonymous volumes, unless told not to. */
  stop(options?: { timeout?: number; remove?: boolean; removeVolumes?: boolean }): Promise<void>;
}

export interface StartedDind {
  container: DindContainer;
  mode: SecurityMode;
  /** Lines the sandbox's init printed before its engine answered. */
  startupLog: string[];
  /** The version of the sandbox's own Docker engine (26.1.5+dfsg1), from its startup lines. */
  engine?: string;
}

/**
 * Docker-in-Docker needs mounts, cgroups and networking (SYS_ADMIN, NET_ADMIN, ...),
 * not these: SYS_RESOURCE is outside this engine's bounding set, and the rest
 * would let a submission load kernel modules, reach raw devices or the clock.
 */
const DROPPED_CAPABILITIES = ["SYS_RESOURCE", "SYS_MODULE", "SYS_RAWIO", "SYS_TIME", "SYS_BOOT", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "MAC_ADMIN", "MAC_OVERRIDE", "AUDIT_CONTROL"];

let modeLogged = false;
let knownMode: SecurityMode | undefined = process.env.LABGRADE_SECURITY_MODE as SecurityMode | undefined;

function createOptions(options: DindOptions, mode: SecurityMode): ContainerCreateOptions {
  const env = { ...(options.env ?? {}), ...(options.rootBytes ? { LABGRADE_ROOT_BYTES: String(options.rootBytes) } : {}) };
  const hostConfig: HostConfig & { CgroupnsMode?: "private" | "host" } = {
    CgroupnsMode: "private",
    // No interface but loopback: the inner engine's bridge still joins the student's
    // containers to each other and to the sandbox's published ports, and no route leads out.
    NetworkMode: options.network === "outside" ? "bridge" : "none",
    // No host network, no engine socket, no bind mount from the host: only the store volume.
    Mounts: options.storeVolume ? [{ Type: "volume", Source: options.storeVolume, Target: "/store", ReadOnly: !options.storeWritable }] : [],
    ...(options.memoryBytes ? { Memory: options.memoryBytes, MemorySwap: options.memoryBytes } : {}),
    ...(options.cpus ? { NanoCpus: Math.round(options.cpus * 1e9) } : {}),
    ...(options.pids ? { PidsLimit: options.pids } : {}),
    ...(options.diskBytes
      ? {
          // The container's own layer, on the host's disk, is never written: the init
          // makes the root writable on a tmpfs instead (LABGRADE_ROOT_BYTES).
          ReadonlyRootfs: true,
          Tmpfs: { "/var/lib/docker": `rw,exec,dev,suid,size=${options.diskBytes}` },
        }
      : {}),
    ...(mode === "privileged"
      ? { Privileged: true }
      : { CapAdd: ["ALL"], CapDrop: DROPPED_CAPABILITIES, SecurityOpt: ["seccomp=unconfined", "apparmor=unconfined"] }),
  };
  return {
    name: options.name,
    Image: options.image,
    Labels: labelsFor(options.role, options.labels),
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    HostConfig: hostConfig,
  };
}

/**
 * The sandbox ended before its engine listened: no submission can run in this image
 * (not a labgrade sandbox, or a broken one), so it is the machine's problem, said as such.
 */
function stoppedEarly(image: string, lastLines: string[]): SandboxUnavailableError {
  const said = lastLines.filter((line) => line.trim() !== "");
  return new SandboxUnavailableError(
    `the sandbox image ${image} stopped before its Docker engine started${said.length ? ` (its last lines: ${said.join(" | ")})` : ", printing nothing"}. ` +
      "Run `npm run setup` to build the sandbox image again; where LABGRADE_SANDBOX_IMAGE is set, it must name a sandbox image that setup built.",
  );
}

/** Follows the container's log from its start, line by line into `lines`, until dockerd listens. */
async function untilListening(docker: Dockerode, id: string, image: string, lines: string[], timeoutMs: number): Promise<void> {
  const stream = (await docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true })) as unknown as NodeJS.ReadableStream & { destroy(): void };
  const text = new PassThrough();
  docker.modem.demuxStream(stream, text, text);
  await new Promise<void>((resolve, reject) => {
    let partial = "";
    const done = (error?: Error) => {
      clearTimeout(timer);
      stream.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`the sandbox's engine did not answer within ${timeoutMs / 1000} s: ${lines.slice(-5).join(" | ")}`)), timeoutMs);
    text.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop()!;
      for (const line of parts) lines.push(line.trimEnd());
      if (parts.some((line) => /API listen on/.test(line))) done();
    });
    stream.on("end", () => done(stoppedEarly(image, [...lines, partial].slice(-5))));
    stream.on("error", (error: Error) => done(error));
  });
}

function handle(docker: Dockerode, id: string, name: string): DindContainer {
  const container = docker.getContainer(id);
  return {
    getId: () => id,
    getName: () => name,
    async exec(argv) {
      const result = await execIn(docker, id, argv);
      return { exitCode: result.exitCode, output: result.stdout + result.stderr };
    },
    async stop({ timeout = 10, remove = true, removeVolumes = true } = {}) {
      // One call where nothing is worth a clean stop: a forced removal kills it.
      if (remove && timeout === 0) return void (await container.remove({ force: true, v: removeVolumes }));
      await container.stop({ t: timeout }).catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error;
      });
      if (remove) await container.remove({ force: true, v: removeVolumes });
    },
  };
}

async function start(options: DindOptions, mode: SecurityMode, startupLog: string[]): Promise<DindContainer> {
  const docker = await hostDocker();
  const created = await docker.createContainer(createOptions(options, mode));
  const starting = created.start();
  options.onCreated?.();
  await starting;
  await untilListening(docker, created.id, options.image, startupLog, options.startupTimeoutMs ?? 60_000);
  return handle(docker, created.id, options.name);
}

function refusedPrivileged(error: unknown): boolean {
  return /unable to apply caps|operation not permitted/i.test(String((error as Error)?.message ?? error));
}

export async function startDind(options: DindOptions): Promise<StartedDind> {
  knownMode ??= await rememberedMode<SecurityMode>();
  const modes: SecurityMode[] = knownMode ? [knownMode] : ["privileged", "capabilities"];
  for (const mode of modes) {
    const startupLog: string[] = [];
    try {
      const container = await start(options, mode, startupLog);
      if (knownMode !== mode) await rememberMode(mode);
      const engine = engineVersionFromLog(startupLog) ?? (await askedEngine(container));
      if (!modeLogged) {
        log(`sandbox security mode: ${mode}${mode === "capabilities" ? " (the engine refuses --privileged)" : ""}`);
        log(`sandbox engine: Docker ${engine ?? "(version not found in its log)"}`);
      }
      modeLogged = true;
      knownMode = mode;
      return { container, mode, startupLog, engine };
    } catch (error) {
      if (mode === "privileged" && modes.length > 1 && refusedPrivileged(error)) {
        log(`the engine refused --privileged; falling back to capabilities (ALL but ${DROPPED_CAPABILITIES.join(", ")}; private cgroup namespace)`);
        await removeByName(options.name);
        continue;
      }
      await removeByName(options.name);
      throw error;
    }
  }
  throw new Error("unreachable");
}

/** When the log consumer has not caught up with dockerd's first lines yet. */
async function askedEngine(container: DindContainer): Promise<string | undefined> {
  const answered = await container.exec(["docker", "version", "--format", "{{.Server.Version}}"]).catch(() => undefined);
  return answered?.exitCode === 0 ? answered.output.trim() || undefined : undefined;
}

/** A container that failed to start is left created: remove it so nothing stays behind. */
async function removeByName(name: string): Promise<void> {
  const docker = await hostDocker();
  await docker.getContainer(name).remove({ force: true, v: true }).catch(() => undefined);
}
