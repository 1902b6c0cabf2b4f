/**
 * A real sandbox holding some of the labs' images under their upstream names,
 * for the stand-ins' conformance tests. The sandbox picks the real image where
 * the host has it and the stand-in otherwise, so the same test pins either.
 *
 * The sandbox API is ESM-dependent (execa), which jest cannot load: a child
 * Node process holds the sandbox from the built dist/ (as the CLI would) and
 * removes it when its standard input closes, even if jest itself dies.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { Duplex } from "node:stream";
import type { CommandResult, ExecOptions, GraderContext, SandboxShell } from "../../graders/types";
import { PROBE_IMAGE } from "../../runner/sandbox/catalog";
import { engineApiOver } from "../../runner/sandbox/engine-api";
import { innerDocker } from "../../runner/sandbox/inner-docker";
import { ROOT } from "./cli";

export interface ShOptions {
  stdin?: string;
  timeoutMs?: number;
  /** The script's $1, $2...: file contents travel here rather than through quoting. */
  args?: string[];
}

export interface ImageSandbox {
  /** Runs commands in the sandbox, as graders do. */
  shell: SandboxShell;
  /** Runs a shell script in the sandbox, where `docker` reaches its own engine, as a student's script does. */
  sh(script: string, options?: ShOptions): Promise<CommandResult>;
  /** Like sh, but fails with the script's output when it exits non-zero; gives its stdout. */
  ok(script: string, options?: ShOptions): Promise<string>;
  /** What a grader sees of this sandbox, to run a check type's evaluate against its containers. */
  graderContext(): GraderContext;
  dispose(): Promise<void>;
}

const GiB = 1024 ** 3;

const HOLDER = `
const { Sandbox } = require(process.argv[1]);
const request = JSON.parse(process.argv[2]);
Sandbox.start(request).then((sandbox) => {
  const done = () => sandbox.dispose().then(() => process.exit(0));
  process.stdin.on("end", done).on("close", done).resume();
  process.on("SIGTERM", done);
  process.stdout.write(JSON.stringify({ id: sandbox.id }) + "\\n");
}, (error) => { console.error(error); process.exit(1); });
`;

function run(argv: string[], stdin: string | undefined, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? "");
    setTimeout(() => child.kill("SIGKILL"), timeoutMs + 5_000).unref();
  });
}

function started(holder: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    holder.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve((JSON.parse(line) as { id: string }).id);
    });
    holder.stderr!.on("data", (chunk) => (err += chunk));
    holder.on("close", (code) => reject(new Error(`the sandbox did not start (exit ${code}): ${err}`)));
  });
}

export async function imageSandbox(label: string, images: string[], memoryBytes = 2 * GiB): Promise<ImageSandbox> {
  const request = {
    label: `standins-${label}`,
    images,
    limits: { gradingTimeoutMs: 600_000, outputBytes: 1024 ** 2, memoryBytes, cpus: 2, pids: 4096 },
  };
  const holder = spawn(process.execPath, ["-e", HOLDER, path.join(ROOT, "dist", "runner", "sandbox", "sandbox.js"), JSON.stringify(request)], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const exited = new Promise<void>((resolve) => holder.on("close", () => resolve()));
  const id = await started(holder);
  const shell: SandboxShell = {
    exec: (argv: string[], options: ExecOptions = {}) => {
      const timeoutMs = options.timeoutMs ?? 60_000;
      const flags = [...(options.workdir ? ["-w", options.workdir] : []), ...Object.entries(options.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`])];
      const stdin = options.stdin === undefined ? undefined : String(options.stdin);
      return run(["docker", "exec", "-i", ...flags, id, "timeout", "-k", "2", String(Math.ceil(timeoutMs / 1000)), ...argv], stdin, timeoutMs);
    },
  };
  // The sandbox's engine API as the harness reaches it: a stream joined to its socket by its own docker CLI.
  const engineApi = engineApiOver(async () => {
    const dial = spawn("docker", ["exec", "-i", id, "docker", "system", "dial-stdio"], { stdio: ["pipe", "pipe", "ignore"] });
    return Duplex.from({ readable: dial.stdout, writable: dial.stdin });
  });
  const sh: ImageSandbox["sh"] = (script, options = {}) =>
    shell.exec(["bash", "-c", `set -o pipefail\n${script}`, "standin-test", ...(options.args ?? [])], { stdin: options.stdin, timeoutMs: options.timeoutMs ?? 120_000, workdir: "/tmp" });
  return {
    shell,
    sh,
    async ok(script, options) {
      const result = await sh(script, options);
      if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode} from:\n${script}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
      return result.stdout;
    },
    graderContext: () => ({
      shell,
      docker: innerDocker(shell, engineApi),
      submissionDir: "/tmp",
      probeImage: PROBE_IMAGE,
      runScript: () => Promise.reject(new Error("no script in a conformance test")),
      check: () => Promise.reject(new Error("no composite check in a conformance test")),
    }),
    async dispose() {
      engineApi.close();
      holder.stdin!.end();
      await exited;
    },
  };
}

/**
 * A shell loop that waits up to `seconds` for a command to succeed, as a
 * student's script waits for a service (`until ...; do sleep 1; done`).
 */
export function waitFor(command: string, seconds = 90): string {
  return `(for i in $(seq ${seconds * 2}); do ${command} >/dev/null 2>&1 && exit 0; sleep 0.5; done; ${command})`;
}
