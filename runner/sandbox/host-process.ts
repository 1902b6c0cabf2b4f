/**
 * A command on the host, with node's child_process: the grading path runs only
 * tar and the docker CLI, and loading execa cost it a noticeable share of its start.
 */
import { spawn } from "node:child_process";

export interface HostRun {
  /** null when it ended by a signal or could not start. */
  exitCode: number | null;
  timedOut: boolean;
  stderr: string;
}

export interface HostRunOptions {
  env?: Record<string, string>;
  /** Then SIGTERM, and SIGKILL 2 s later. */
  timeoutMs?: number;
  /** Each piece of stdout, and of stderr when `stderrToo`, as it comes. */
  onOutput: (chunk: Buffer) => void;
  stderrToo?: boolean;
}

export function runOnHost(command: string, args: string[], options: HostRunOptions): Promise<HostRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let timedOut = false;
    const stderr: Buffer[] = [];
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 2_000).unref();
          }, options.timeoutMs);
    child.stdout.on("data", options.onOutput);
    child.stderr.on("data", (chunk: Buffer) => (options.stderrToo ? options.onOutput(chunk) : stderr.length < 64 && stderr.push(chunk)));
    const done = (exitCode: number | null, error?: Error) => {
      clearTimeout(timer);
      resolve({ exitCode, timedOut, stderr: error ? error.message : Buffer.concat(stderr).toString("utf8") });
    };
    child.on("error", (error) => done(null, error));
    child.on("close", (code) => done(code));
  });
}
