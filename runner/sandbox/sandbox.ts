/**
 * One submission's sandbox: a fresh DinD container whose engine holds the
 * lab's images under their upstream names, the submission copied in (never
 * bind-mounted), and everything removed afterwards whatever happened.
 */
import type Dockerode from "dockerode";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import type { CommandResult, ExecOptions, SandboxShell } from "../../graders/types";
import { SandboxUnavailableError } from "../errors";
import type { Limits } from "../rubric/types";
import { log } from "../log";
import { sandboxImageName } from "./catalog";
import { startDind, type DindOptions, type StartedDind } from "./dind";
import { execIn, execStream } from "./container-exec";
import { engineApiOver, type EngineApi } from "./engine-api";
import { hostDocker } from "./host-engine";
import { runOnHost } from "./host-process";
import { transferImages } from "./image-transfer";
import { LABEL_SEED } from "./labels";
import { ensureSeed, resolveImages, SEED_MISSING, seedOf, type Seed } from "./seed";
import { STORE_VOLUME } from "./image-store";

/** A submission larger than this is refused: it is a folder of scripts, not a data set. */
const MAX_SUBMISSION_BYTES = 64 * 1024 * 1024;

const ROOT_BYTES_MAX = 512 * 1024 * 1024;

/** Where the submission lives inside the sandbox: the script's working directory. */
export const SUBMISSION_DIR = "/home/student/submission";

/** clone: the sandbox's data-root starts as a clone of a seeded store; load: docker save | docker load (slow, works anywhere). */
export type ImageProvisioning = "clone" | "load";

export interface SandboxRequest {
  label: string;
  images: string[];
  limits: Limits;
  provisioning?: ImageProvisioning;
}

/** How a grading gets its sandbox: started for the request, or one started ahead for the same request. */
export type SandboxStarter = (request: SandboxRequest) => Promise<Sandbox>;

/** What a grading asks of its sandbox, from the rubric's id, images and limits. */
export function sandboxRequest(rubric: { id: string; images: string[]; limits: Limits }, submissionDir: string, provisioning?: ImageProvisioning): SandboxRequest {
  return { label: `${rubric.id}-${submissionName(submissionDir)}`, images: rubric.images, limits: rubric.limits, provisioning };
}

/** A submission is known by its folder's name. */
export function submissionName(submissionDir: string): string {
  return path.basename(path.resolve(submissionDir));
}

export interface SandboxTimings {
  sandboxMs: number;
  imagesMs: number;
}

const live = new Set<Sandbox>();
/** Sandboxes still starting: an interruption waits for them, then removes them too. */
const starting = new Set<Promise<unknown>>();
let shuttingDown = false;

function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30) || "submission";
}

/** The seed for these images, or undefined (with a log line) when the store cannot be used. */
async function seedOrFallback(images: string[], find: (images: string[]) => Promise<Seed>): Promise<Seed | undefined> {
  try {
    return await find(images);
  } catch (error) {
    if (error instanceof SandboxUnavailableError) throw error;
    log(`the image store is unavailable (${(error as Error).message.split("\n")[0]}); loading images with docker save | docker load instead`);
    return undefined;
  }
}

function sandboxOptions(request: SandboxRequest, seed: Seed | undefined): DindOptions {
  return {
    image: sandboxImageName(),
    name: `labgrade-${slug(request.label)}-${randomBytes(4).toString("hex")}`,
    role: "sandbox",
    labels: seed ? { [LABEL_SEED]: seed.key } : {},
    storeVolume: seed ? STORE_VOLUME : undefined,
    env: seed ? { LABGRADE_SEED: seed.key } : {},
    memoryBytes: request.limits.memoryBytes,
    cpus: request.limits.cpus,
    pids: request.limits.pids,
    network: request.limits.network,
    // tmpfs counts against the sandbox's memory: half of it for the engine's files and a
    // quarter (at most 512 MiB) for the rest of the root leave the remainder to the services.
    diskBytes: seed ? Math.floor(request.limits.memoryBytes / 2) : undefined,
    rootBytes: seed ? Math.min(ROOT_BYTES_MAX, Math.floor(request.limits.memoryBytes / 4)) : undefined,
  };
}

export class Sandbox implements SandboxShell {
  private disposed?: Promise<void>;
  /** The inner engine's API, through the sandbox's own docker CLI: what it can reach is what a student's `docker` reaches. */
  readonly engineApi: EngineApi = engineApiOver(() => execStream(this.docker, this.id, ["docker", "system", "dial-stdio"]));

  private constructor(
    private readonly docker: Dockerode,
    private readonly dind: StartedDind,
    readonly timings: SandboxTimings,
    readonly provisioning: ImageProvisioning,
  ) {}

  get id(): string {
    return this.dind.container.getId();
  }

  get name(): string {
    return this.dind.container.getName().replace(/^\//, "");
  }

  get mode(): string {
    return this.dind.mode;
  }

  /** The sandbox's Docker engine version, as its dockerd reported it. */
  get engine(): string | undefined {
    return this.dind.engine;
  }

  /** `onCreated`: told once the container is created and starting (see DindOptions). */
  static start(request: SandboxRequest, onCreated?: () => void): Promise<Sandbox> {
    if (shuttingDown) return Promise.reject(new Error("labgrade is shutting down"));
    const started = Sandbox.startUnguarded(request, onCreated);
    starting.add(started);
    return started.finally(() => starting.delete(started));
  }

  private static async startUnguarded(request: SandboxRequest, onCreated?: () => void): Promise<Sandbox> {
    const wanted = request.provisioning ?? (process.env.LABGRADE_IMAGES as ImageProvisioning | undefined) ?? "clone";
    const docker = await hostDocker();
    const seedStarted = Date.now();
    let seed = wanted === "clone" ? await seedOrFallback(request.images, seedOf) : undefined;
    let seedMs = Date.now() - seedStarted;
    let started = Date.now();
    const dind = await startDind({ ...sandboxOptions(request, seed), onCreated }).catch(async (error: Error) => {
      if (!seed || !SEED_MISSING.test(error.message)) throw error;
      // The store lacks the seed (a rebuilt stand-in, a cleaned store): built, then the sandbox again.
      const building = Date.now();
      seed = await seedOrFallback(request.images, ensureSeed);
      seedMs += Date.now() - building;
      started = Date.now();
      return startDind({ ...sandboxOptions(request, seed), onCreated });
    });
    const images = seed?.images ?? (await resolveImages(request.images));
    const startMs = Date.now() - started;
    const cloneLine = dind.startupLog.find((line) => line.includes("labgrade: cloned seed"));
    const cloneMs = Number(/in (\d+) ms/.exec(cloneLine ?? "")?.[1] ?? 0);
    if (cloneLine) log(cloneLine.replace(/^labgrade: /, ""));
    const sandbox = new Sandbox(docker, dind, { sandboxMs: startMs - cloneMs, imagesMs: seedMs + cloneMs }, seed ? "clone" : "load");
    live.add(sandbox);
    if (!seed) {
      const loadStarted = Date.now();
      try {
        await transferImages(sandbox.id, images);
      } catch (error) {
        await sandbox.dispose();
        throw error;
      }
      sandbox.timings.imagesMs = seedMs + Date.now() - loadStarted;
    }
    return sandbox;
  }

  /** Whether the sandbox and its engine still run: it stops when its dockerd (PID 1) dies. */
  async running(): Promise<boolean> {
    const info = await this.docker.getContainer(this.id).inspect().catch(() => undefined);
    // A sandbox whose dockerd is going down may still run for a moment: its engine must answer too.
    return Boolean(info?.State.Running) && (await this.engineApi.request("GET", "/_ping", undefined, 10_000)).status === 200;
  }

  exec(argv: string[], options?: ExecOptions): Promise<CommandResult> {
    return execIn(this.docker, this.id, argv, options);
  }

  /** Copies a host folder in as a tar stream; links stay links, never followed out of it. */
  async copyIn(hostDir: string, target: string): Promise<void> {
    // Unpacked by tar inside the sandbox rather than `docker cp`, which cannot write into its tmpfs.
    const archive = await tarOf(hostDir);
    const unpacked = await this.exec(["sh", "-c", 'mkdir -p "$1" && tar -x -C "$1"', "copy-in", target], { stdin: archive });
    if (unpacked.exitCode !== 0) throw new Error(`copying the submission into the sandbox failed: ${unpacked.stderr}`);
  }

  /**
   * Removes the sandbox with its anonymous volume, which holds its engine's
   * data-root (the clone and every inner container). Safe to call twice.
   */
  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      this.engineApi.close();
      // SIGKILL: the inner containers die with it; nothing of theirs is worth a clean stop.
      await this.dind.container.stop({ timeout: 0, remove: true, removeVolumes: true }).catch((error) => {
        log(`stopping sandbox ${this.name}: ${(error as Error).message}`);
        return this.docker.getContainer(this.id).remove({ force: true, v: true }).catch(() => undefined);
      });
      // Live until it is gone: an interruption during a removal left to run waits for it.
      live.delete(this);
    })();
    return this.disposed;
  }
}

/** A host folder as a tar archive, its owners numeric root; refused past MAX_SUBMISSION_BYTES. */
async function tarOf(hostDir: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const made = await runOnHost("tar", ["-C", hostDir, "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", "."], {
    onOutput: (chunk) => {
      size += chunk.length;
      if (size <= MAX_SUBMISSION_BYTES) chunks.push(chunk);
    },
  });
  if (size > MAX_SUBMISSION_BYTES) throw new Error(`the submission is larger than ${MAX_SUBMISSION_BYTES / 1024 / 1024} MiB: it should be a folder of scripts`);
  if (made.exitCode !== 0) throw new Error(`tar could not read the submission: ${made.stderr.trim()}`);
  return Buffer.concat(chunks);
}

/** For Ctrl-C: removes every sandbox this process holds, including those still starting. */
export async function disposeAllSandboxes(): Promise<void> {
  shuttingDown = true;
  await Promise.race([Promise.allSettled([...starting]), new Promise((resolve) => setTimeout(resolve, 60_000))]);
  await Promise.all([...live].map((sandbox) => sandbox.dispose()));
}
