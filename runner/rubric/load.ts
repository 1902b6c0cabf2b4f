/**
 * From a YAML file to a typed Rubric, or to every problem in it at once, each
 * with its line and column. Never throws for a bad rubric.
 */
import { createHash } from "node:crypto";
import { NotARegularFileError, readAtMost, readFailureReason } from "../bounded-read";
import { graders } from "../../graders";
import { decodeUtf8, RUBRIC_BOUNDS } from "./bounds";
import { IssueList, type RubricIssue } from "./issues";
import { LIMITS, limitsOf } from "./limits";
import { parseYaml } from "./positions";
import { DEFAULTS } from "./defaults";
import type { GraderRegistry } from "./schema";
import { describeFound } from "./schema-messages";
import { checkIds, checkReferences, checkRequires, warnNoPoints, warnUnusedVariables } from "./semantics";
import { isMapping, readStep, type RawStep } from "./steps";
import type { Limits, Rubric, Step, SubmissionSpec } from "./types";
import { rubricValidators, type RubricValidators } from "./validator";

export { formatIssue, formatWarning, type RubricIssue } from "./issues";

export interface LoadOptions {
  /** Values given on the command line; they override the rubric's `variables`. */
  variables?: Record<string, string>;
  /** The check and action types; tests inject their own. */
  registry?: GraderRegistry;
  /** The registry's validators, when a test brings its own (precompiled ones). */
  validators?: RubricValidators;
}

export interface LoadResult {
  /** Present only when there is no error. */
  rubric?: Rubric;
  errors: RubricIssue[];
  warnings: RubricIssue[];
}

export async function loadRubric(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = readAtMost(file, RUBRIC_BOUNDS.bytes + 1);
  } catch (error) {
    const message = error instanceof NotARegularFileError ? `${error.message}: give the rubric's YAML file` : readFailureReason(error);
    return documentError(file, `cannot read the rubric: ${message}`);
  }
  return loadRubricBytes(bytes, file, options);
}

/** The file's bytes, as read: refused past the size bound, or where they are not UTF-8. */
export function loadRubricBytes(bytes: Uint8Array, file: string, options: LoadOptions = {}): LoadResult {
  if (bytes.length > RUBRIC_BOUNDS.bytes) return documentError(file, tooLong());
  const decoded = decodeUtf8(bytes);
  if ("invalidAt" in decoded) {
    const before = new TextDecoder().decode(bytes.subarray(0, decoded.invalidAt));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    const byte = bytes[decoded.invalidAt]?.toString(16).padStart(2, "0") ?? "end";
    return { errors: [{ file, line, column, path: "", message: `not UTF-8 here (byte 0x${byte}): save the rubric as UTF-8` }], warnings: [] };
  }
  return loadRubricText(decoded.text, file, options);
}

function tooLong(): string {
  return `the rubric is longer than ${RUBRIC_BOUNDS.bytes / 1024 / 1024} MiB (${RUBRIC_BOUNDS.bytes} bytes); a rubric never needs that much, so it is refused: is this the right file?`;
}

function documentError(file: string, message: string): LoadResult {
  const issues = new IssueList(file);
  issues.error([], message);
  return { errors: issues.errors, warnings: [] };
}

export function loadRubricText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  if (text.length > RUBRIC_BOUNDS.bytes || Buffer.byteLength(text, "utf8") > RUBRIC_BOUNDS.bytes) return documentError(file, tooLong());
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    return { errors: [{ file, ...parsed.position, path: "", message: parsed.message }], warnings: [] };
  }
  const { value: document, positions } = parsed;
  const issues = new IssueList(file, positions);
  if (!isMapping(document)) {
    issues.error([], `a rubric is a mapping with id, title, images, submission and steps; found ${describeFound(document)}.`);
    return issues.sorted();
  }
  const registry = options.registry ?? graders;
  const validators = options.validators ?? rubricValidators(registry);
  for (const problem of validators.envelope(document)) issues.error(problem.path, problem.message);

  const declared = isMapping(document.variables) ? document.variables : {};
  const given = options.variables ?? {};
  const vars = { ...stringValues(declared), ...given };
  const rawSteps = Array.isArray(document.steps) ? (document.steps as unknown[]) : [];
  const context = { registry, validators, positions, vars, issues };
  const steps = rawSteps.map((raw, index) => readStep(raw, index, context));

  const ids = checkIds(rawSteps, positions, issues);
  checkRequires(rawSteps, ids, positions, issues);
  const used = checkReferences(rawSteps, vars, issues);
  warnUnusedVariables(declared, given, used, issues);
  warnNoPoints(rawSteps.filter(isMapping) as RawStep[], issues);

  const { errors, warnings } = issues.sorted();
  if (errors.length || steps.some((step) => !step)) return { errors, warnings };
  return { rubric: buildRubric(document, steps as Step[], vars, file, rubricDigest(text, given)), errors, warnings };
}

/** The same text with the same variables given grades the same way; a comment edited counts as a change. */
function rubricDigest(text: string, given: Record<string, string>): string {
  const variables = Object.keys(given).sort().map((name) => [name, given[name]]);
  return createHash("sha256").update(text).update("\0").update(JSON.stringify(variables)).digest("hex");
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}

/** Only called on a document the schema accepted, so every conversion succeeds. */
function buildRubric(document: Record<string, any>, steps: Step[], vars: Record<string, string>, file: string, digest: string): Rubric {
  const submission = document.submission;
  const submissionSpec: SubmissionSpec = {
    script: submission.script,
    timeoutMs: LIMITS.timeout.read(submission.timeout ?? DEFAULTS.submissionTimeout)!,
    files: [...new Set<string>([submission.script, ...(submission.files ?? [])])],
  };
  const limitSpec = limitsOf(document.limits) as Limits;
  return {
    id: document.id,
    title: document.title,
    ...(document.description !== undefined ? { description: document.description } : {}),
    language: document.language ?? DEFAULTS.language,
    ...(document.version !== undefined ? { version: document.version } : {}),
    images: document.images,
    submission: submissionSpec,
    variables: vars,
    limits: limitSpec,
    steps,
    file,
    digest,
  };
}
