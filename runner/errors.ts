/**
 * Typed errors; only the CLI maps them to exit codes:
 * 0 grading completed (whatever the score), 2 bad rubric or usage (or an output
 * folder that cannot be written), 3 no sandbox.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class RubricError extends Error {
  readonly exitCode = 2;
}

/** No sandbox could run: no engine, an image missing. The message says what to do. */
export class SandboxUnavailableError extends Error {
  readonly exitCode = 3;
}

/** An output folder that cannot be written (read-only, full): the message names it. */
export class OutputError extends Error {
  readonly exitCode = 2;

  constructor(
    readonly dir: string,
    readonly reason: NodeJS.ErrnoException,
  ) {
    const cause = reason;
    const why = cause.code === "ENOSPC" ? "the disk is full" : cause.code === "EROFS" ? "it is read-only" : cause.code === "EACCES" || cause.code === "EPERM" ? "permission denied" : cause.message;
    super(`cannot write to ${dir}: ${why} (${cause.code ?? "error"}). Files already there are unchanged; free space or give another folder, then run the same command again.`);
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof RubricError || error instanceof OutputError) return 2;
  if (error instanceof SandboxUnavailableError) return 3;
  return 1;
}
