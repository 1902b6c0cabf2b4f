/**
 * Typed errors; only the CLI maps them to exit codes:
 * 0 grading completed (whatever the score), 2 bad rubric or usage, 3 no sandbox.
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

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof RubricError) return 2;
  if (error instanceof SandboxUnavailableError) return 3;
  return 1;
}
