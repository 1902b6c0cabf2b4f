/**
 * One step: its own keys (validated by the step schema), its one check or
 * action type key (validated by that grader's schema), and the typed Step.
 */
import type { Grader, JsonSchema, StepKind } from "../../graders/types";
import { parseDuration } from "../../common/units";
import { replaceVariables } from "./interpolate";
import type { IssueList } from "./issues";
import type { Path, PositionMap } from "./positions";
import { DEFAULTS } from "./defaults";
import { gradersOfKind, type GraderRegistry } from "./schema";
import { describeFound, unknownKeyMessage } from "./schema-messages";
import { codeList } from "./suggest";
import type { RetryPolicy, Step } from "./types";
import type { RubricValidators } from "./validator";

export interface StepContext {
  registry: GraderRegistry;
  validators: RubricValidators;
  positions: PositionMap;
  /** Known at load time; specs are validated with them in place (a URL built from a variable). */
  vars: Record<string, string>;
  issues: IssueList;
}

export type RawStep = Record<string, unknown>;

const KINDS: readonly StepKind[] = ["check", "action"];

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Which of `check:` and `action:` the step starts with, if any. */
export function kindOf(step: RawStep): StepKind | undefined {
  return Object.keys(step).find((key): key is StepKind => (KINDS as readonly string[]).includes(key));
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function without(step: RawStep, keys: string[]): RawStep {
  return Object.fromEntries(Object.entries(step).filter(([key]) => !keys.includes(key)));
}

function wrongKindMessage(grader: Grader, kind: StepKind): string {
  return kind === "check"
    ? `\`${grader.meta.type}\` is an action, not a check: write this step as \`action: <id>\` (without points).`
    : `\`${grader.meta.type}\` is a check, not an action: write this step as \`check: <id>\` with points.`;
}

function stepKeyNames(validators: RubricValidators, kind: StepKind): string[] {
  const defs = validators.schema.$defs as Record<string, JsonSchema>;
  return Object.keys(defs[`${kind}-step`].properties as object);
}

/** Validates a step; returns it typed when it is whole enough to be built. */
export function readStep(raw: unknown, index: number, context: StepContext): Step | undefined {
  const { registry, validators, issues } = context;
  const path: Path = ["steps", index];
  if (!isMapping(raw)) {
    issues.error(path, `a step is a mapping that starts with \`check: <id>\` or \`action: <id>\`; found ${describeFound(raw)}.`);
    return undefined;
  }
  const kind = kindOf(raw);
  if (!kind) {
    issues.error(path, "a step needs `check: <id>` (a check, worth points) or `action: <id>` (an action).");
    const known = new Set([...stepKeyNames(validators, "check"), ...stepKeyNames(validators, "action"), ...Object.keys(registry)]);
    for (const key of Object.keys(raw).filter((key) => !known.has(key))) issues.error([...path, key], unknownKeyMessage(key, [...known]));
    return undefined;
  }
  const other: StepKind = kind === "check" ? "action" : "check";
  if (hasOwn(raw, other)) issues.error([...path, other], "a step is a check or an action, not both: keep `check:` or `action:`.");

  const graderKeys = Object.keys(raw).filter((key) => hasOwn(registry, key));
  for (const problem of validators.stepKeys(kind, without(raw, [...graderKeys, other]), path)) issues.error(problem.path, problem.message);
  const type = readTypeKey(raw, kind, graderKeys, path, context);
  return type ? build(raw, kind, type, index, context) : undefined;
}

/** The step's one check or action type, its spec validated; undefined when there is not exactly one. */
function readTypeKey(raw: RawStep, kind: StepKind, graderKeys: string[], path: Path, context: StepContext): string | undefined {
  const { registry, validators, issues } = context;
  const types = graderKeys.filter((key) => registry[key].meta.kinds.includes(kind));
  for (const key of graderKeys.filter((key) => !types.includes(key))) issues.error([...path, key], wrongKindMessage(registry[key], kind));
  if (graderKeys.length === 0) {
    const choices = gradersOfKind(registry, kind).map((g) => g.meta.type);
    issues.error([...path, kind], `says nothing to ${kind === "check" ? "check" : "do"}: add exactly one of ${codeList(choices)}.`);
  }
  if (types.length > 1) {
    const grouping = kind === "check" && hasOwn(registry, "all") ? ", or list them under `all:`" : "";
    issues.error([...path, types[1]], `has ${types.length} ${kind} types (${codeList(types)}) but a step runs exactly one: split it into ${types.length} steps${grouping}.`);
  }
  for (const type of types) {
    for (const problem of validators.graderSpec(type, replaceVariables(raw[type], context.vars), [...path, type])) {
      issues.error(problem.path, problem.message);
    }
  }
  return types.length === 1 ? types[0] : undefined;
}

function build(raw: RawStep, kind: StepKind, type: string, index: number, context: StepContext): Step {
  const spec = raw[type];
  const base = {
    id: String(raw[kind]),
    title: typeof raw.title === "string" ? raw.title : defaultTitle(context.registry[type], spec, String(raw[kind])),
    type,
    spec,
    position: context.positions.at(["steps", index]),
    requires: Array.isArray(raw.requires) ? raw.requires.map(String) : [],
    retry: readRetry(raw.retry, ["steps", index, "retry"], context.issues),
  };
  if (kind === "action") return { ...base, kind };
  const feedback = isMapping(raw.feedback) ? raw.feedback : {};
  return {
    ...base,
    kind,
    points: typeof raw.points === "number" ? raw.points : 0,
    partial: raw.partial === true,
    hidden: raw.hidden === true,
    feedback: {
      ...(typeof feedback.fail === "string" ? { fail: feedback.fail } : {}),
      ...(typeof feedback.hint === "string" ? { hint: feedback.hint } : {}),
    },
  };
}

/** The grader's own one-line account of the spec; a broken describe must not stop loading. */
function defaultTitle(grader: Grader, spec: unknown, id: string): string {
  try {
    return grader.describe(spec) || id;
  } catch {
    return id;
  }
}

function readRetry(raw: unknown, path: Path, issues: IssueList): RetryPolicy | undefined {
  if (!isMapping(raw)) return undefined;
  const timeoutMs = parseDuration(raw.timeout);
  const intervalMs = parseDuration(raw.interval ?? DEFAULTS.retryInterval);
  if (timeoutMs === undefined || intervalMs === undefined) return undefined;
  if (raw.interval !== undefined && intervalMs > timeoutMs) {
    issues.warning([...path, "interval"], `the interval (${raw.interval}) is longer than the timeout (${raw.timeout}), so the step is tried only once.`);
  }
  return { timeoutMs, intervalMs };
}
