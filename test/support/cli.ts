/**
 * Runs the built CLI as a user would, in a child process: the end-to-end
 * tests exercise the real harness, not an in-process copy of it.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "runner", "cli.js");

/**
 * Every CLI a test file starts labels what it creates with this file's run
 * (labgrade.run), and its `labgrade clean` looks at nothing else: several test
 * files, and several developers, share one engine.
 */
process.env.LABGRADE_RUN = `test-${randomUUID()}`;
export const TEST_RUN = process.env.LABGRADE_RUN;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `killAfterMs`: a CLI that should end quickly is killed (SIGKILL) past it, so that a hang fails its test instead of outliving it. */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string; killAfterMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The batch command's pool: the tests grade N fixtures at a time with it too. */
export { inPool } from "../../runner/batch/pool";
