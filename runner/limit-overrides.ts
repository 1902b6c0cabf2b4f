/**
 * Limits given on the command line (--timeout 20s, --memory 1g, ...) over the
 * rubric's own, so that an instructor can tighten or loosen them per run.
 */
import { parseDuration, parseSize } from "../common/units";
import { UsageError } from "./errors";
import type { Rubric } from "./rubric/types";

export interface LimitOverrides {
  timeout?: string;
  "grading-timeout"?: string;
  memory?: string;
  cpus?: string;
  pids?: string;
  "output-limit"?: string;
}

export const LIMIT_OPTIONS = ["timeout", "grading-timeout", "memory", "cpus", "pids", "output-limit"] as const;

function parsed<T>(option: string, value: string | undefined, parse: (v: string) => T | undefined, what: string): T | undefined {
  if (value === undefined) return undefined;
  const result = parse(value);
  if (result === undefined) throw new UsageError(`--${option} takes ${what}, got "${value}"`);
  return result;
}

const positiveNumber = (v: string) => (Number(v) > 0 ? Number(v) : undefined);
const positiveInteger = (v: string) => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined);

export function applyLimitOverrides(rubric: Rubric, overrides: LimitOverrides): Rubric {
  const timeoutMs = parsed("timeout", overrides.timeout, parseDuration, "a duration such as 60s");
  const limits = rubric.limits;
  return {
    ...rubric,
    submission: { ...rubric.submission, timeoutMs: timeoutMs ?? rubric.submission.timeoutMs },
    limits: {
      ...limits,
      gradingTimeoutMs: parsed("grading-timeout", overrides["grading-timeout"], parseDuration, "a duration such as 10m") ?? limits.gradingTimeoutMs,
      memoryBytes: parsed("memory", overrides.memory, parseSize, "a size such as 2g") ?? limits.memoryBytes,
      cpus: parsed("cpus", overrides.cpus, positiveNumber, "a number of CPUs such as 1.5") ?? limits.cpus,
      pids: parsed("pids", overrides.pids, positiveInteger, "a whole number of processes") ?? limits.pids,
      outputBytes: parsed("output-limit", overrides["output-limit"], parseSize, "a size such as 1MiB") ?? limits.outputBytes,
    },
  };
}
