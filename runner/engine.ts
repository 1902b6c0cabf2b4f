/**
 * Walks a rubric's steps in order against one submission's sandbox: runs the
 * student's script, actions and checks, with requires, retries and points.
 * It knows no check type by name: graders come from the registry.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { graderFor } from "../graders";
import type { GraderContext, Phrase } from "../graders/types";
import { translator, type Lang } from "./i18n";
import { NO_TIMINGS, type CheckResult, type GradeResult, type ScriptRun } from "./result";
import { interpolate, type InterpolationScope } from "./rubric/interpolate";
import type { CheckStep, Rubric, Step } from "./rubric/types";
import { PROBE_IMAGE } from "./sandbox/catalog";
import { innerDocker } from "./sandbox/inner-docker";
import { inspections } from "./sandbox/inspections";
import { Sandbox, SUBMISSION_DIR, type ImageProvisioning } from "./sandbox/sandbox";
import { round, skipped } from "./grading/results";
import { walkSteps, type Run as WalkRun } from "./grading/walk";
import { NOT_RUN, scriptRunner } from "./grading/script-runner";
import { checkSubmissionFile } from "./submission-files";

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

/** Files the rubric requires that the submission lacks, each with why. */
function missingFiles(rubric: Rubric, submissionDir: string): Map<string, string> {
  const missing = new Map<string, string>();
  for (const file of rubric.submission.files) {
    const found = checkSubmissionFile(submissionDir, file);
    if (!found.present) missing.set(file, found.reason);
  }
  return missing;
}

/** Per-run values: the rubric's and the command line's variables, and random ones. */
function scopeOf(rubric: Rubric, variables: Record<string, string> = {}): InterpolationScope {
  const randoms = new Map<string, string>();
  return {
    vars: { ...rubric.variables, ...variables },
    env: process.env,
    // One value per name and run, so that a hard-coded answer cannot match.
    random: (name) => {
      if (!randoms.has(name)) randoms.set(name, randomBytes(8).toString("hex"));
      return randoms.get(name)!;
    },
  };
}

interface Run extends WalkRun {
  options: GradeOptions;
  emit: (event: GradeEvent) => void;
}

export async function gradeSubmission(options: GradeOptions): Promise<GradeResult> {
  const { rubric } = options;
  const scope = scopeOf(rubric, options.variables);
  const t = translator(options.lang);
  const run: Run = {
    options,
    scope,
    t,
    // What students read (titles, feedback) may use variables too; specs are filled in step by step.
    steps: rubric.steps.map((step) => ({ ...step, ...(interpolate(step.kind === "check" ? { title: step.title, feedback: step.feedback } : { title: step.title }, scope) as object) })) as Step[],
    checks: [],
    warnings: [],
    timings: { ...NO_TIMINGS },
    started: Date.now(),
    emit: options.onEvent ?? (() => undefined),
  };
  const submission = path.basename(path.resolve(options.submissionDir));
  const checkSteps = run.steps.filter((s): s is CheckStep => s.kind === "check");
  const result = (script: ScriptRun, extra: Partial<GradeResult> = {}): GradeResult => ({
    rubric: rubric.id,
    submission,
    score: round(run.checks.reduce((sum, c) => sum + c.points, 0)),
    maxScore: round(checkSteps.reduce((sum, s) => sum + s.points, 0)),
    status: "completed",
    checks: run.checks,
    run: script,
    warnings: run.warnings,
    durationMs: Date.now() - run.started,
    timings: run.timings,
    ...extra,
  });

  const missing = missingFiles(rubric, options.submissionDir);
  const entry = rubric.submission.script;
  if (missing.has(entry)) {
    const present = fs.readdirSync(options.submissionDir).join(", ") || { id: "engine.nothing" };
    const reason: Phrase =
      missing.get(entry) === "missing" ? { id: "engine.noScript", data: { script: entry, present } } : { id: "engine.scriptNotFile", data: { script: entry, reason: missing.get(entry)! } };
    run.warnings.push(t("warning.missingFiles", { files: [...missing.keys()].join(", ") }));
    for (const step of checkSteps) run.checks.push(skipped(step, reason, options.lang));
    return result(NOT_RUN);
  }
  for (const [file, reason] of missing) run.warnings.push(t("warning.missingFile", { file, reason }));

  run.emit({ type: "phase", phase: "sandbox" });
  const sandbox = await Sandbox.start({ label: `${rubric.id}-${submission}`, images: rubric.images, limits: rubric.limits, provisioning: options.provisioning });
  try {
    run.timings.sandboxMs = sandbox.timings.sandboxMs;
    run.timings.imagesMs = sandbox.timings.imagesMs;
    await sandbox.copyIn(options.submissionDir, SUBMISSION_DIR);

    let entryRun: ScriptRun | undefined;
    const runScript = scriptRunner(sandbox, rubric, run.warnings, t, {
      entryStarting: () => run.emit({ type: "phase", phase: "script" }),
      entryOutput: (text) => run.emit({ type: "output", text }),
      entryFinished: (script) => {
        entryRun = script;
        run.timings.scriptMs = script.durationMs;
        run.emit({ type: "phase", phase: "checks" });
      },
    });
    const docker = inspections(innerDocker(sandbox), sandbox);
    const ctx: GraderContext = {
      shell: sandbox,
      docker,
      submissionDir: SUBMISSION_DIR,
      probeImage: PROBE_IMAGE,
      runScript,
      check: async (type, spec) => {
        const grader = graderFor(type);
        if (!grader) throw new Error(`unknown check type ${type}`);
        const outcome = await grader.evaluate(ctx, spec);
        // The outcome's message ids are the inner grader's.
        return { ...outcome, grader: outcome.grader ?? type };
      },
    };

    const entryIsAStep = run.steps.some((s) => s.type === "script" && (s.spec as { file?: string }).file === entry);
    if (!entryIsAStep) await runScript(entry, []);

    const checksStarted = Date.now();
    await walkSteps(run, { running: () => sandbox.running(), inspections: docker }, ctx);
    run.timings.checksMs = Date.now() - checksStarted;
    const script = { ...(entryRun ?? NOT_RUN), ...(sandbox.engine ? { engine: sandbox.engine } : {}) };
    return result(script, { sandbox: { mode: sandbox.mode, images: sandbox.provisioning, ...(options.keep ? { kept: sandbox.name } : {}) } });
  } finally {
    if (!options.keep) {
      run.emit({ type: "phase", phase: "cleanup" });
      await sandbox.dispose();
    }
  }
}
