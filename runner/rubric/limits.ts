/**
 * A rubric's limits read from text, one reading for each: the rubric's YAML
 * (`submission.timeout`, `limits.memory`, ...) and the command line's flags
 * (--timeout 20s, --memory 1g, ...), which an instructor gives to tighten or
 * loosen a rubric's limits for one run.
 */
import { parseDuration, parseSize } from "../../common/units";
import { UsageError } from "../errors";
import { DEFAULTS } from "./defaults";
import type { Limits, Rubric, SandboxNetwork } from "./types";

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

/** A rubric's `limits:` section as the sandbox takes them, defaults filled in; undefined for a value that does not read. */
export function limitsOf(section: Record<string, unknown> = {}): Partial<Limits> {
  return {
    gradingTimeoutMs: LIMITS["grading-timeout"].read(section["grading-timeout"] ?? DEFAULTS.gradingTimeout),
    outputBytes: LIMITS["output-limit"].read(section.output ?? DEFAULTS.output),
    memoryBytes: LIMITS.memory.read(section.memory ?? DEFAULTS.memory),
    cpus: LIMITS.cpus.read(section.cpus ?? DEFAULTS.cpus),
    pids: LIMITS.pids.read(section.pids ?? DEFAULTS.pids),
    network: (section.network ?? DEFAULTS.network) as SandboxNetwork,
  };
}

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
  return {
    ...rubric,
    submission: { ...rubric.submission, timeoutMs: timeoutMs ?? rubric.submission.timeoutMs },
    limits: overriddenLimits(rubric.limits, overrides),
  };
}

/** A rubric's limits with the command line's in their place. */
export function overriddenLimits(limits: Limits, overrides: LimitOverrides): Limits {
  return {
    ...limits,
    gradingTimeoutMs: overridden(overrides, "grading-timeout") ?? limits.gradingTimeoutMs,
    memoryBytes: overridden(overrides, "memory") ?? limits.memoryBytes,
    cpus: overridden(overrides, "cpus") ?? limits.cpus,
    pids: overridden(overrides, "pids") ?? limits.pids,
    outputBytes: overridden(overrides, "output-limit") ?? limits.outputBytes,
  };
}
