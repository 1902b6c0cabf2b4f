/** `--parallel N`: how many submissions are graded at once. */
import * as os from "node:os";
import { UsageError } from "../errors";

export function parseParallel(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--parallel takes a whole number of at least 1, got "${text}"`);
  return n;
}

/**
 * Without --parallel: one sandbox per core, as many as the memory holds at the
 * rubric's limit, and no more than 4 (sandboxes mostly wait on services starting,
 * but past a few they slow each other's startup). 2 on a 2-core machine.
 */
export function defaultParallel(memoryBytesPerSandbox: number, cores = os.availableParallelism(), memoryBytes = os.totalmem()): number {
  return Math.max(1, Math.min(4, cores, Math.floor(memoryBytes / memoryBytesPerSandbox)));
}
