/**
 * Grades one submission: the rubric's steps paired with their graders, a
 * sandbox, the student's script, then the steps walked in order (grading/).
 * It knows no check type by name: each step comes with its grader.
 */
import * as fs from "node:fs";
import { randomBytes } from "node:crypto";
import type { Phrase } from "../graders/types";
import { translator, type Lang } from "./i18n";
import { NO_TIMINGS, type CheckResult, type GradeResult, type ScriptRun } from "./result";
import type { InterpolationScope } from "./rubric/interpolate";
import type { Rubric } from "./rubric/types";
import { innerDocker } from "./sandbox/inner-docker";
import { inspections } from "./sandbox/inspections";
import { Sandbox, sandboxRequest, submissionName, SUBMISSION_DIR, type ImageProvisioning, type SandboxStarter } from "./sandbox/sandbox";
import { graderContext } from "./grading/context";
import { resolveSteps } from "./grading/resolve";
import { skipped } from "./grading/results";
import { maxScore, roundPoints } from "./rubric/points";
import { walkSteps, type Run as WalkRun } from "./grading/walk";
import { NOT_RUN, scriptRunner } from "./grading/script-runner";
import { checkSubmissionFile, headOfSubmissionFile } from "./submission-files";
import { HEAD_BYTES } from "./sandbox/entry-command";

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
  /** Where the sandbox comes from: Sandbox.start unless one was started ahead (runner/early-sandbox.ts). */
  startSandbox?: SandboxStarter;
  /**
   * Given, the sandbox's removal is handed over instead of awaited, so that the result is
   * reported (or the next submission started) while it goes; the caller awaits it before exiting.
   */
  teardown?: (removed: Promise<void>) => void;
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
export function scopeOf(rubric: Rubric, variables: Record<string, string> = {}): InterpolationScope {
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
  submission: string;
  emit: (event: GradeEvent) => void;
}

export async function gradeSubmission(options: GradeOptions): Promise<GradeResult> {
  const { rubric } = options;
  const run = runOf(options);
  const missing = missingFiles(rubric, options.submissionDir);
  if (missing.has(rubric.submission.script)) return withoutEntry(run, missing);
  for (const [file, reason] of missing) run.warnings.push(run.t("warning.missingFile", { file, reason }));

  run.emit({ type: "phase", phase: "sandbox" });
  const start = options.startSandbox ?? ((request) => Sandbox.start(request));
  const sandbox = await start(sandboxRequest(rubric, options.submissionDir, options.provisioning));
  try {
    const script = await gradeIn(sandbox, run);
    return resultOf(run, script, { sandbox: { mode: sandbox.mode, images: sandbox.provisioning, ...(options.keep ? { kept: sandbox.name } : {}) } });
  } finally {
    if (!options.keep) {
      run.emit({ type: "phase", phase: "cleanup" });
      if (options.teardown) options.teardown(sandbox.dispose());
      else await sandbox.dispose();
    }
  }
}

/** A grading before anything ran: its values, and the rubric's steps with their graders. */
function runOf(options: GradeOptions): Run {
  const scope = scopeOf(options.rubric, options.variables);
  return {
    options,
    submission: submissionName(options.submissionDir),
    scope,
    t: translator(options.lang),
    steps: resolveSteps(options.rubric.steps, scope),
    checks: [],
    warnings: [],
    timings: { ...NO_TIMINGS },
    started: Date.now(),
    emit: options.onEvent ?? (() => undefined),
  };
}

/** The entry script is missing: no sandbox, every check skipped for that reason. */
function withoutEntry(run: Run, missing: Map<string, string>): GradeResult {
  const { submissionDir, rubric, lang } = run.options;
  const entry = rubric.submission.script;
  const present = fs.readdirSync(submissionDir).join(", ") || { id: "engine.nothing" };
  const reason: Phrase =
    missing.get(entry) === "missing" ? { id: "engine.noScript", data: { script: entry, present } } : { id: "engine.scriptNotFile", data: { script: entry, reason: missing.get(entry)! } };
  run.warnings.push(run.t("warning.missingFiles", { files: [...missing.keys()].join(", ") }));
  for (const step of run.steps) if (step.kind === "check") run.checks.push(skipped(step, reason, lang));
  return resultOf(run, NOT_RUN);
}

/** In the sandbox: the submission copied in, the entry script run (unless a step runs it), then the steps. */
async function gradeIn(sandbox: Sandbox, run: Run): Promise<ScriptRun> {
  const { rubric } = run.options;
  run.timings.sandboxMs = sandbox.timings.sandboxMs;
  run.timings.imagesMs = sandbox.timings.imagesMs;
  await sandbox.copyIn(run.options.submissionDir, SUBMISSION_DIR);

  const entry = rubric.submission.script;
  // A step that runs the entry script may run it after other steps changed it: only the engine's run is known ahead.
  const engineRunsEntry = !run.steps.some((step) => step.grader.runsScript?.(step.spec) === entry);
  let entryRun: ScriptRun | undefined;
  const runScript = scriptRunner(sandbox, rubric, run.warnings, run.t, {
    // Read on the host: the sandbox's copy has the same bytes, and asking it costs a command there.
    entryHead: engineRunsEntry ? headOfSubmissionFile(run.options.submissionDir, entry, HEAD_BYTES) : undefined,
    entryStarting: () => {
      run.emit({ type: "phase", phase: "script" });
      // The checks' streams to the inner engine open while the script runs.
      sandbox.engineApi.warm();
    },
    entryOutput: (text) => run.emit({ type: "output", text }),
    entryFinished: (script) => {
      entryRun = script;
      run.timings.scriptMs = script.durationMs;
      run.emit({ type: "phase", phase: "checks" });
    },
  });
  const docker = inspections(innerDocker(sandbox, sandbox.engineApi), sandbox.engineApi);
  const ctx = graderContext(sandbox, docker, runScript);
  if (engineRunsEntry) await runScript(entry, []);

  const checksStarted = Date.now();
  await walkSteps(run, { running: () => sandbox.running(), inspections: docker }, ctx);
  run.timings.checksMs = Date.now() - checksStarted;
  return { ...(entryRun ?? NOT_RUN), ...(sandbox.engine ? { engine: sandbox.engine } : {}) };
}

/** The result: the points of the checks recorded, out of every check's. */
function resultOf(run: Run, script: ScriptRun, extra: Partial<GradeResult> = {}): GradeResult {
  return {
    rubric: run.options.rubric.id,
    submission: run.submission,
    score: roundPoints(run.checks.reduce((sum, c) => sum + c.points, 0)),
    maxScore: maxScore(run.steps),
    status: "completed",
    checks: run.checks,
    run: script,
    warnings: run.warnings,
    durationMs: Date.now() - run.started,
    timings: run.timings,
    ...extra,
  };
}
