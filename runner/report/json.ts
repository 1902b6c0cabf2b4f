/** The result contract as JSON: what `grade --json` writes and `merge` reads back. */
import type { CheckResult, GradeResult } from "../result";

// Key order follows runner/result.ts, whatever order the engine built the objects in, so that
// two gradings of the same work diff line by line. Keys unknown here are kept, after these.
const RESULT_KEYS = [
  "rubric", "submission", "score", "maxScore", "status", "checks", "run", "warnings", "error",
  "durationMs", "timings", "sandbox",
] as const satisfies readonly (keyof GradeResult)[];
const CHECK_KEYS = [
  "id", "title", "status", "points", "maxPoints", "message", "expected", "actual", "hint",
  "hidden", "durationMs",
] as const satisfies readonly (keyof CheckResult)[];
const RUN_KEYS = ["exitCode", "durationMs", "output", "timedOut", "droppedBytes"] as const;
const TIMING_KEYS = ["sandboxMs", "imagesMs", "scriptMs", "checksMs", "waitMs", "actionsMs"] as const;
const SANDBOX_KEYS = ["mode", "images"] as const;

function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out as T;
}

export function toJson(result: GradeResult): string {
  const value = ordered(
    {
      ...result,
      checks: result.checks.map((check) => ordered(check, CHECK_KEYS)),
      run: ordered(result.run, RUN_KEYS),
      timings: ordered(result.timings, TIMING_KEYS),
      ...(result.sandbox && { sandbox: ordered(result.sandbox, SANDBOX_KEYS) }),
    },
    RESULT_KEYS,
  );
  return `${JSON.stringify(value, null, 2)}\n`;
}
