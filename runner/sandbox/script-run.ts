/**
 * Runs one of the submission's scripts inside the sandbox with `docker exec`, through
 * the sandbox's `labgrade-run` (its own cgroup and process limit, a terminal so
 * that `docker exec -it` copied from the course works, a wall-clock limit, and
 * nothing of it left running afterwards): its folder as working directory, the
 * limit enforced here too, and only the tail of its output kept.
 */
import type { ScriptRun } from "../result";
import { DOCKER_COMMAND_LOG } from "../../common/sandbox-image";
import { dockerCliEnv } from "./host-engine";
import { runOnHost } from "./host-process";
import { TailBuffer, stripTerminal } from "./tail-buffer";

export interface ScriptRequest {
  containerId: string;
  workdir: string;
  /** The command to run, already resolved (interpreter and script path). */
  argv: string[];
  timeoutMs: number;
  outputBytes: number;
  /** Processes the script may run at once, below the sandbox's own limit. */
  maxProcesses: number;
  /** Called with each piece of output as it comes (for a live display). */
  onOutput?: (text: string) => void;
}

/** Quotes a value for a POSIX shell command line. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Exit codes of coreutils' timeout when it had to stop the command. */
const TIMEOUT_CODES = new Set([124, 137]);

export async function runInSandbox(request: ScriptRequest): Promise<ScriptRun> {
  const seconds = Math.max(1, Math.ceil(request.timeoutMs / 1000));
  const command = request.argv.map(shellQuote).join(" ");
  const started = Date.now();
  const tail = new TailBuffer(request.outputBytes);
  const finished = await runOnHost(
    "docker",
    ["exec", "-w", request.workdir, "-e", "TERM=dumb", "-e", `LABGRADE_DOCKER_LOG=${DOCKER_COMMAND_LOG}`, request.containerId,
     "labgrade-run", String(seconds), String(request.maxProcesses), command],
    {
      env: await dockerCliEnv(),
      timeoutMs: request.timeoutMs + 20_000,
      stderrToo: true,
      onOutput: (chunk) => {
        tail.push(chunk);
        request.onOutput?.(stripTerminal(chunk.toString("utf8")));
      },
    },
  );
  const durationMs = Date.now() - started;
  const timedOut = finished.timedOut || (TIMEOUT_CODES.has(finished.exitCode ?? -1) && durationMs >= request.timeoutMs);
  return {
    exitCode: timedOut ? null : (finished.exitCode ?? null),
    durationMs,
    output: stripTerminal(tail.text()),
    timedOut,
    droppedBytes: tail.dropped,
  };
}
