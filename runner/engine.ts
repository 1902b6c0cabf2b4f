/**
 * Walks a rubric's steps in order against one submission's sandbox: runs the
 * student's script, actions and checks, with requires, retries and points.
 * It knows no check type by name: graders come from the registry.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { graderFor } from "../graders";
import type { GraderContext, Outcome, ScriptOutcome } from "../graders/types";
import { SandboxUnavailableError } from "./errors";
import { translator, type Lang, type Translate } from "./i18n";
import { render } from "./render";
import { NO_TIMINGS, type CheckResult, type GradeResult, type ScriptRun } from "./result";
import { interpolate, type InterpolationScope } from "./rubric/interpolate";
import type { CheckStep, Rubric, Step } from "./rubric/types";
import { PROBE_IMAGE } from "./sandbox/catalog";
import { innerDocker } from "./sandbox/inner-docker";
import { Sandbox, SUBMISSION_DIR, type ImageProvisioning } from "./sandbox/sandbox";
import { runInSandbox } from "./sandbox/script-run";
import { checkSubmissionFile } from "./submission-files";
import { commandFor } from "./sandbox/entry-command";

export type GradeEvent =
  | { type: "phase"; phase: "sandbox" | "script" | "checks" | "cleanup" }
  | { type: "output"; text: string }
  | { type: "check"; check: CheckResult };

export interface GradeOptions {
  rubric: Rubric;
  submissionDir: string;
  /** Variables from the command line; they override the rubric's. */
  variables?: Record<string, string>;
  provisioning?: ImageProvisioning;
  onEvent?: (event: GradeEvent) => void;
  /** Run only these checks (and what they require); the others are skipped as not selected. */
  only?: string[];
  /** Leave the sandbox running after grading, for a look at the state the checks saw. */
  keep?: boolean;
  /** The language of the engine's own messages to the student (runner/i18n/); English by default. */
  lang?: Lang;
}

const NOT_RUN: ScriptRun = { exitCode: null, durationMs: 0, output: "", timedOut: false, droppedBytes: 0 };

function round(points: number): number {
  return Math.round(points * 100) / 100;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Files the rubric requires that the submission lacks, each with why. */
function missingFiles(rubric: Rubric, submissionDir: string): Map<string, string> {
  const missing = new Map<string, string>();
  for (const file of rubric.submission.files) {
    const found = checkSubmissionFile(submissionDir, file);
    if (!found.present) missing.set(file, found.reason);
  }
  return missing;
}

/** The steps to run for `only`: the selected checks, every action, and all they require. */
export function selectedSteps(steps: Step[], only: string[] | undefined): Set<string> {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const wanted = only ? [...only, ...steps.filter((s) => s.kind === "action").map((s) => s.id)] : steps.map((s) => s.id);
  const selected = new Set<string>();
  while (wanted.length) {
    const id = wanted.pop()!;
    if (selected.has(id) || !byId.has(id)) continue;
    selected.add(id);
    wanted.push(...byId.get(id)!.requires);
  }
  return selected;
}

function checkResultOf(step: CheckStep, outcome: Outcome, error: string | undefined, durationMs: number, t: Translate): CheckResult {
  const ratio = outcome.passed ? 1 : step.partial ? (outcome.ratio ?? 0) : 0;
  return {
    id: step.id,
    title: step.title,
    status: error ? "error" : outcome.passed ? "passed" : "failed",
    points: round(step.points * ratio),
    maxPoints: step.points,
    message: error ? t("engine.graderError", { error }) : messageOf(step, outcome),
    expected: outcome.passed ? undefined : outcome.expected,
    actual: outcome.passed ? undefined : outcome.actual,
    hint: outcome.passed ? undefined : step.feedback.hint,
    hidden: step.hidden || undefined,
    durationMs,
  };
}

function skipped(step: CheckStep, message: string): CheckResult {
  return { id: step.id, title: step.title, status: "skipped", points: 0, maxPoints: step.points, message, hidden: step.hidden || undefined, durationMs: 0 };
}

/** Placeholders a message may use: the grader's data plus expected/actual. */
function messageOf(step: Step, outcome: Outcome): string {
  const grader = graderFor(step.type)!;
  const data = { ...outcome.data, expected: outcome.expected, actual: outcome.actual };
  if (step.kind === "check" && step.feedback.fail) return render(step.feedback.fail, data);
  if (outcome.message) return outcome.message;
  const template = outcome.messageId ? grader.messages[outcome.messageId] : undefined;
  return template ? render(template, data) : outcome.passed ? "" : "The check failed.";
}

export async function gradeSubmission(options: GradeOptions): Promise<GradeResult> {
  const { rubric } = options;
  const started = Date.now();
  const warnings: string[] = [];
  const checks: CheckResult[] = [];
  const timings = { ...NO_TIMINGS };
  const emit = options.onEvent ?? (() => undefined);
  const t = translator(options.lang);
  const randoms = new Map<string, string>();
  const scope: InterpolationScope = {
    vars: { ...rubric.variables, ...options.variables },
    env: process.env,
    // One value per name and run, so that a hard-coded answer cannot match.
    random: (name) => {
      if (!randoms.has(name)) randoms.set(name, randomBytes(8).toString("hex"));
      return randoms.get(name)!;
    },
  };
  // What students read (titles, feedback) may use variables too; specs are filled in step by step.
  const steps = rubric.steps.map((step) => ({ ...step, ...(interpolate(step.kind === "check" ? { title: step.title, feedback: step.feedback } : { title: step.title }, scope) as object) })) as Step[];
  const submission = path.basename(path.resolve(options.submissionDir));
  const checkSteps = steps.filter((s): s is CheckStep => s.kind === "check");
  const maxScore = round(checkSteps.reduce((sum, s) => sum + s.points, 0));
  const result = (run: ScriptRun, extra: Partial<GradeResult> = {}): GradeResult => ({
    rubric: rubric.id,
    submission,
    score: round(checks.reduce((sum, c) => sum + c.points, 0)),
    maxScore,
    status: "completed",
    checks,
    run,
    warnings,
    durationMs: Date.now() - started,
    timings,
    ...extra,
  });

  const missing = missingFiles(rubric, options.submissionDir);
  const entry = rubric.submission.script;
  if (missing.has(entry)) {
    const present = fs.readdirSync(options.submissionDir).join(", ") || t("engine.nothing");
    const message =
      missing.get(entry) === "missing"
        ? t("engine.noScript", { script: entry, present })
        : t("engine.scriptNotFile", { script: entry, reason: missing.get(entry)! });
    warnings.push(t("warning.missingFiles", { files: [...missing.keys()].join(", ") }));
    for (const step of checkSteps) checks.push(skipped(step, message));
    return result(NOT_RUN);
  }
  for (const [file, reason] of missing) warnings.push(t("warning.missingFile", { file, reason }));

  emit({ type: "phase", phase: "sandbox" });
  const sandbox = await Sandbox.start({ label: `${rubric.id}-${submission}`, images: rubric.images, limits: rubric.limits, provisioning: options.provisioning });
  try {
    timings.sandboxMs = sandbox.timings.sandboxMs;
    timings.imagesMs = sandbox.timings.imagesMs;
    await sandbox.copyIn(options.submissionDir, SUBMISSION_DIR);

    let entryRun: ScriptRun | undefined;
    const runScript = async (file: string, args: string[], timeoutMs?: number): Promise<ScriptOutcome> => {
      const isEntry = file === rubric.submission.script && entryRun === undefined;
      if (isEntry) emit({ type: "phase", phase: "script" });
      const limitMs = timeoutMs ?? rubric.submission.timeoutMs;
      const command = await commandFor(sandbox, SUBMISSION_DIR, file, args, warnings);
      if ("refused" in command) warnings.push(command.refused);
      const run =
        "refused" in command
          ? { ...NOT_RUN, output: command.refused }
          : await runInSandbox({
              containerId: sandbox.id,
              workdir: SUBMISSION_DIR,
              argv: command.argv,
              timeoutMs: limitMs,
              outputBytes: rubric.limits.outputBytes,
              // Half the sandbox's processes: the engine and the checks keep the rest.
              maxProcesses: Math.max(64, Math.floor(rubric.limits.pids / 2)),
              onOutput: isEntry ? (text) => emit({ type: "output", text }) : undefined,
            });
      if (isEntry) {
        entryRun = run;
        timings.scriptMs = run.durationMs;
        if (run.timedOut) warnings.push(t("warning.timedOut", { seconds: Math.round(limitMs / 1000) }));
        if (run.droppedBytes > 0) warnings.push(t("warning.dropped", { dropped: run.droppedBytes, kept: rubric.limits.outputBytes }));
        emit({ type: "phase", phase: "checks" });
      }
      return { ...run, timeoutMs: limitMs };
    };
    const ctx: GraderContext = {
      shell: sandbox,
      docker: innerDocker(sandbox),
      submissionDir: SUBMISSION_DIR,
      probeImage: PROBE_IMAGE,
      runScript,
      check: async (type, spec) => {
        const grader = graderFor(type);
        if (!grader) throw new Error(`unknown check type ${type}`);
        const outcome = await grader.evaluate(ctx, spec);
        const template = outcome.messageId ? grader.messages[outcome.messageId] : undefined;
        return { ...outcome, message: outcome.message ?? (template ? render(template, { ...outcome.data, expected: outcome.expected, actual: outcome.actual }) : undefined) };
      },
    };

    const entryIsAStep = steps.some((s) => s.type === "script" && (s.spec as { file?: string }).file === rubric.submission.script);
    if (!entryIsAStep) await runScript(rubric.submission.script, []);

    const checksStarted = Date.now();
    const succeeded = new Map<string, boolean>();
    const deadline = started + rubric.limits.gradingTimeoutMs;
    const selected = selectedSteps(steps, options.only);
    let engineStopped = !(await sandbox.running());
    for (const step of steps) {
      const failedPrerequisite = step.requires.find((id) => !succeeded.get(id));
      if (!selected.has(step.id)) {
        if (step.kind === "check") checks.push(skipped(step, t("engine.notSelected")));
        continue;
      }
      if (engineStopped) {
        succeeded.set(step.id, false);
        if (step.kind === "check") {
          const check = { ...skipped(step, t("engine.stopped")), status: "failed" as const };
          checks.push(check);
          emit({ type: "check", check });
        }
        continue;
      }
      if (Date.now() > deadline) {
        succeeded.set(step.id, false);
        if (step.kind === "check") checks.push(skipped(step, t("engine.gradingTimeout", { seconds: Math.round(rubric.limits.gradingTimeoutMs / 1000) })));
        continue;
      }
      if (failedPrerequisite) {
        succeeded.set(step.id, false);
        if (step.kind === "check") {
          const check = skipped(step, t("engine.becauseFailed", { id: failedPrerequisite }));
          checks.push(check);
          emit({ type: "check", check });
        }
        continue;
      }
      const stepStarted = Date.now();
      const spec = interpolate(step.spec, scope);
      let outcome: Outcome;
      let error: string | undefined;
      try {
        outcome = await evaluateWithRetry(ctx, step, spec, deadline, (ms) => (timings.waitMs += ms));
      } catch (thrown) {
        error = (thrown as Error).message;
        outcome = { passed: false };
        // A grader fails when the sandbox is gone: the student's script stopped its engine.
        engineStopped = !(await sandbox.running());
      }
      succeeded.set(step.id, outcome.passed);
      if (step.kind === "action") {
        timings.actionsMs += Date.now() - stepStarted;
        if (!outcome.passed && !engineStopped) warnings.push(t("warning.stepIncomplete", { id: step.id, title: step.title, reason: error ?? messageOf(step, outcome) }));
        continue;
      }
      const check = engineStopped ? { ...skipped(step, t("engine.stopped")), status: "failed" as const } : checkResultOf(step, outcome, error, Date.now() - stepStarted, t);
      checks.push(check);
      emit({ type: "check", check });
    }
    timings.checksMs = Date.now() - checksStarted;
    if (engineStopped) warnings.push(t("warning.engineStopped"));
    return result(entryRun ?? NOT_RUN, { sandbox: { mode: sandbox.mode, images: sandbox.provisioning, ...(options.keep ? { kept: sandbox.name } : {}) } });
  } finally {
    if (!options.keep) {
      emit({ type: "phase", phase: "cleanup" });
      await sandbox.dispose();
    }
  }
}

async function evaluateWithRetry(ctx: GraderContext, step: Step, spec: unknown, deadline: number, waited: (ms: number) => void): Promise<Outcome> {
  const grader = graderFor(step.type)!;
  const until = Math.min(deadline, Date.now() + (step.retry?.timeoutMs ?? 0));
  for (;;) {
    const outcome = await grader.evaluate(ctx, spec);
    if (outcome.passed || outcome.final || !step.retry || Date.now() + step.retry.intervalMs > until) return outcome;
    await sleep(step.retry.intervalMs);
    waited(step.retry.intervalMs);
  }
}

export { SandboxUnavailableError };
