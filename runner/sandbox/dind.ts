/**
 * Starts one Docker-in-Docker container through testcontainers. Where the
 * engine refuses --privileged ("unable to apply caps"), falls back to a wide
 * capability set with a private cgroup namespace, and says which mode ran.
 */
import type { HostConfig } from "dockerode";
import { GenericContainer, Wait, type StartedTestContainer } from "testcontainers";
import { engineVersionFromLog } from "./engine-version";
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
}

export interface StartedDind {
  container: StartedTestContainer;
  mode: SecurityMode;
  /** Lines the sandbox's init printed before its engine answered. */
  startupLog: string[];
  /** The version of the sandbox's own Docker engine (26.1.5+dfsg1), from its startup lines. */
  engine?: string;
}

/** testcontainers has no builder methods for these; set them on the host config. */
class DindContainer extends GenericContainer {
  withHostConfig(extra: Partial<HostConfig> & { CgroupnsMode?: "private" | "host" }): this {
    Object.assign(this.hostConfig, extra);
    return this;
  }
}

/**
 * Docker-in-Docker needs mounts, cgroups and networking (SYS_ADMIN, NET_ADMIN, ...),
 * not these: SYS_RESOURCE is outside this engine's bounding set, and the rest
 * would let a submission load kernel modules, reach raw devices or the clock.
 */
const DROPPED_CAPABILITIES = ["SYS_RESOURCE", "SYS_MODULE", "SYS_RAWIO", "SYS_TIME", "SYS_BOOT", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "MAC_ADMIN", "MAC_OVERRIDE", "AUDIT_CONTROL"];

let modeLogged = false;
let knownMode: SecurityMode | undefined = process.env.LABGRADE_SECURITY_MODE as SecurityMode | undefined;

function build(options: DindOptions, mode: SecurityMode, startupLog: string[]): DindContainer {
  const container = new DindContainer(options.image)
    .withName(options.name)
    .withLabels(labelsFor(options.role, options.labels))
    .withEnvironment(options.env ?? {})
    .withWaitStrategy(Wait.forLogMessage(/API listen on/))
    .withStartupTimeout(options.startupTimeoutMs ?? 60_000)
    // No interface but loopback: the inner engine's bridge still joins the student's
    // containers to each other and to the sandbox's published ports, and no route leads out.
    .withNetworkMode(options.network === "outside" ? "bridge" : "none")
    .withLogConsumer((stream) => stream.on("data", (line: Buffer | string) => startupLog.push(String(line).trimEnd())))
    .withHostConfig({
      CgroupnsMode: "private",
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
    });
  if (options.rootBytes) container.withEnvironment({ LABGRADE_ROOT_BYTES: String(options.rootBytes) });
  if (mode === "privileged") return container.withPrivilegedMode();
  return container
    .withAddedCapabilities("ALL")
    .withDroppedCapabilities(...DROPPED_CAPABILITIES)
    .withHostConfig({ SecurityOpt: ["seccomp=unconfined", "apparmor=unconfined"] });
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
      const container = await build(options, mode, startupLog).start();
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
async function askedEngine(container: StartedTestContainer): Promise<string | undefined> {
  const answered = await container.exec(["docker", "version", "--format", "{{.Server.Version}}"]).catch(() => undefined);
  return answered?.exitCode === 0 ? answered.output.trim() || undefined : undefined;
}

/** A container that failed to start is left created: remove it so nothing stays behind. */
async function removeByName(name: string): Promise<void> {
  const docker = await hostDocker();
  await docker.getContainer(name).remove({ force: true, v: true }).catch(() => undefined);
}
