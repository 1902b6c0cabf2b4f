/**
 * A rubric's limits read from text, one reading for each: the rubric's YAML
 * (`submission.timeout`, `limits.memory`, ...) and the command line's flags
 * (--timeout 20s, --memory 1g, ...), which an instructor gives to tighten or
 * loosen a rubric's limits for one run.
 */
import { parseDuration, parseSize } from "../../common/units";
import { UsageError } from "../errors";
import type { Rubric } from "./types";

const positiveNumber = (v: unknown) => (Number(v) > 0 ? Number(v) : undefined);
const positiveInteger = (v: unknown) => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined);

/** Each limit by its flag's name: how its text reads (undefined when it does not), and what it takes. */
export const LIMITS = {
  timeout: { read: parseDuration, takes: "a duration such as 60s" },
  "grading-timeout": { read: parseDuration, takes: "a duration such as 10m" },
  memory: { read: parseSize, takes: "a size such as 2g" },
  cpus: { read: positiveNumber, takes: "a number of CPUs such as 1.5" },
  pids: { read: positiveInteger, takes: "a whole number of processes" },
  "output-limit": { read: parseSize, takes: "a size such as 1MiB" },
} as const;

export type LimitOverrides = Partial<Record<keyof typeof LIMITS, string>>;

export const LIMIT_OPTIONS = Object.keys(LIMITS) as (keyof typeof LIMITS)[];

function overridden(overrides: LimitOverrides, option: keyof typeof LIMITS): number | undefined {
  const value = overrides[option];
  if (value === undefined) return undefined;
  const result = LIMITS[option].read(value);
  if (result === undefined) throw new UsageError(`--${option} takes ${LIMITS[option].takes}, got "${value}"`);
  return result;
}

export function applyLimitOverrides(rubric: Rubric, overrides: LimitOverrides): Rubric {
  const timeoutMs = overridden(overrides, "timeout");
  const limits = rubric.limits;
  return {
    ...rubric,
    submission: { ...rubric.submission, timeoutMs: timeoutMs ?? rubric.submission.timeoutMs },
    limits: {
      ...limits,
      gradingTimeoutMs: overridden(overrides, "grading-timeout") ?? limits.gradingTimeoutMs,
      memoryBytes: overridden(overrides, "memory") ?? limits.memoryBytes,
      cpus: overridden(overrides, "cpus") ?? limits.cpus,
      pids: overridden(overrides, "pids") ?? limits.pids,
      outputBytes: overridden(overrides, "output-limit") ?? limits.outputBytes,
    },
  };
}
