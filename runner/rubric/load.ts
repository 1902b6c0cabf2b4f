/**
 * From a YAML file to a typed Rubric, or to every problem in it at once, each
 * with its line and column. Never throws for a bad rubric.
 */
import { readFile } from "node:fs/promises";
import { graders } from "../../graders";
import { parseDuration, parseSize } from "../../graders/support/duration";
import { IssueList, type RubricIssue } from "./issues";
import { parseYaml } from "./positions";
import { DEFAULTS, type GraderRegistry } from "./schema";
import { describeFound } from "./schema-messages";
import { checkIds, checkReferences, checkRequires, warnNoPoints, warnUnusedVariables } from "./semantics";
import { isMapping, readStep, type RawStep } from "./steps";
import type { Limits, Rubric, Step, SubmissionSpec } from "./types";
import { rubricValidators } from "./validator";

export { formatIssue, formatWarning, type RubricIssue } from "./issues";

export interface LoadOptions {
  /** Values given on the command line; they override the rubric's `variables`. */
  variables?: Record<string, string>;
  /** The check and action types; tests inject their own. */
  registry?: GraderRegistry;
}

export interface LoadResult {
  /** Present only when there is no error. */
  rubric?: Rubric;
  errors: RubricIssue[];
  warnings: RubricIssue[];
}

export async function loadRubric(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const issues = new IssueList(file);
    issues.error([], `cannot read the rubric: ${(error as Error).message}`);
    return { errors: issues.errors, warnings: [] };
  }
  return loadRubricText(text, file, options);
}

export function loadRubricText(text: string, file: string, options: LoadOptions = {}): LoadResult {
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
  const validators = rubricValidators(registry);
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
  return { rubric: buildRubric(document, steps as Step[], vars, file), errors, warnings };
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}

/** Only called on a document the schema accepted, so every conversion succeeds. */
function buildRubric(document: Record<string, any>, steps: Step[], vars: Record<string, string>, file: string): Rubric {
  const submission = document.submission;
  const limits = document.limits ?? {};
  const submissionSpec: SubmissionSpec = {
    script: submission.script,
    timeoutMs: parseDuration(submission.timeout ?? DEFAULTS.submissionTimeout)!,
    files: [...new Set<string>([submission.script, ...(submission.files ?? [])])],
  };
  const limitSpec: Limits = {
    gradingTimeoutMs: parseDuration(limits["grading-timeout"] ?? DEFAULTS.gradingTimeout)!,
    outputBytes: parseSize(limits.output ?? DEFAULTS.output)!,
    memoryBytes: parseSize(limits.memory ?? DEFAULTS.memory)!,
    cpus: limits.cpus ?? DEFAULTS.cpus,
    pids: limits.pids ?? DEFAULTS.pids,
  };
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
  };
}
