/** `--parallel N`: how many submissions are graded at once. */
import * as os from "node:os";
import { UsageError } from "../errors";

export function parseParallel(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--parallel takes a whole number of at least 1, got "${text}"`);
  return n;
}

/**
 * Without --parallel: one sandbox more than the cores (a grading waits on its
 * services starting and stopping much of the time: on 2 cores, 6 LAMP submissions
 * took 22-29 s three at a time against 33-37 s two at a time), as many as the
 * memory holds at the rubric's limit, and no more than 4 (past a few they slow
 * each other's startup: four at a time took 29 s there). 3 on a 2-core machine.
 */
export function defaultParallel(memoryBytesPerSandbox: number, cores = os.availableParallelism(), memoryBytes = os.totalmem()): number {
  return Math.max(1, Math.min(4, cores + 1, Math.floor(memoryBytes / memoryBytesPerSandbox)));
}
