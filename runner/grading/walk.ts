/**
 * Walks a rubric's steps after the entry script: actions and checks in order,
 * with requires, retries, points, the grading's time limit and a stopped engine.
 * Apart from the sandbox, so that the scoring is tested without Docker.
 */
import { readsOnly } from "../../graders";
import type { GraderContext, Outcome, Phrase } from "../../graders/types";
import type { Lang, Translate } from "../i18n";
import type { CheckResult, PhaseTimings } from "../result";
import { interpolate, type InterpolationScope } from "../rubric/interpolate";
import type { Limits } from "../rubric/types";
import type { ResolvedStep } from "./resolve";
import { checkResultOf, outcomeMessage, selectedSteps, skipped } from "./results";
import { evaluateWithRetry } from "./retry";

/** One grading's state as the walk sees it; the engine's run is one. */
export interface Run {
  options: { rubric: { limits: Limits }; only?: string[]; lang?: Lang };
  steps: ResolvedStep[];
  scope: InterpolationScope;
  t: Translate;
  checks: CheckResult[];
  warnings: string[];
  timings: PhaseTimings;
  started: number;
  emit: (event: { type: "check"; check: CheckResult }) => void;
}

/** The sandbox, as far as the walk needs it: whether its engine still runs, and what its checks have seen of it. */
export interface Engine {
  running(): Promise<boolean>;
  /** Shared between consecutive checks that only read; forgotten at an action and at each retry. */
  inspections?: { setCaching(on: boolean): void; forget(): void };
}

/** What the walk has learnt so far, and what it runs against. */
interface Walk {
  run: Run;
  sandbox: Engine;
  ctx: GraderContext;
  selected: Set<string>;
  deadline: number;
  succeeded: Map<string, boolean>;
  engineStopped: boolean;
}

interface NotRun {
  reason: Phrase;
  status: "skipped" | "failed";
}

/** Walks the steps after the entry script: requires, the time limit, a stopped engine, `only`. */
export async function walkSteps(run: Run, sandbox: Engine, ctx: GraderContext): Promise<void> {
  const walk: Walk = {
    run,
    sandbox,
    ctx,
    selected: selectedSteps(run.steps, run.options.only),
    deadline: run.started + run.options.rubric.limits.gradingTimeoutMs,
    succeeded: new Map(),
    engineStopped: !(await sandbox.running()),
  };
  for (const step of run.steps) {
    const notRun = whyNotRun(walk, step);
    if (notRun) recordNotRun(walk, step, notRun);
    else await runStep(walk, step);
  }
  if (walk.engineStopped) run.warnings.push(run.t("warning.engineStopped"));
}

/** Why a step is not run, if it is not; the first reason wins. */
function whyNotRun(walk: Walk, step: ResolvedStep): NotRun | undefined {
  if (!walk.selected.has(step.id)) return { reason: { id: "engine.notSelected" }, status: "skipped" };
  if (walk.engineStopped) return { reason: { id: "engine.stopped" }, status: "failed" };
  if (Date.now() > walk.deadline) {
    return { reason: { id: "engine.gradingTimeout", data: { seconds: Math.round(walk.run.options.rubric.limits.gradingTimeoutMs / 1000) } }, status: "skipped" };
  }
  const failed = step.requires.find((id) => !walk.succeeded.get(id));
  return failed === undefined ? undefined : { reason: { id: "engine.becauseFailed", data: { id: failed } }, status: "skipped" };
}

function recordNotRun(walk: Walk, step: ResolvedStep, notRun: NotRun): void {
  walk.succeeded.set(step.id, false);
  if (step.kind !== "check") return;
  // Checks left out by --only are not news to whoever chose them: recorded, not announced.
  if (!walk.selected.has(step.id)) walk.run.checks.push(skipped(step, notRun.reason, walk.run.options.lang));
  else record(walk.run, skipped(step, notRun.reason, walk.run.options.lang, notRun.status));
}

/** Runs a step: a check's result is recorded and announced; an action that did not complete is a warning. */
async function runStep(walk: Walk, step: ResolvedStep): Promise<void> {
  const { run } = walk;
  const lang = run.options.lang;
  const started = Date.now();
  const { outcome, error } = await outcomeOf(walk, step);
  walk.succeeded.set(step.id, outcome.passed);
  if (step.kind === "action") {
    run.timings.actionsMs += Date.now() - started;
    if (!outcome.passed && !walk.engineStopped) run.warnings.push(run.t("warning.stepIncomplete", { id: step.id, title: step.title, reason: error ?? outcomeMessage(step, outcome, lang) }));
    return;
  }
  record(run, walk.engineStopped ? skipped(step, { id: "engine.stopped" }, lang, "failed") : checkResultOf(step, outcome, error, Date.now() - started, lang));
}

/** The step's outcome, retried as its policy says; a grader that throws is an error of the harness's. */
async function outcomeOf(walk: Walk, step: ResolvedStep): Promise<{ outcome: Outcome; error?: string }> {
  const { run, sandbox } = walk;
  try {
    const spec = interpolate(step.spec, run.scope);
    sandbox.inspections?.setCaching(step.kind === "check" && readsOnly(step.grader, spec));
    return { outcome: await evaluateWithRetry(walk.ctx, step, spec, walk.deadline, (ms) => (run.timings.waitMs += ms), () => sandbox.inspections?.forget()) };
  } catch (thrown) {
    const error = (thrown as Error).message;
    // A grader fails when the sandbox is gone: the student's script stopped its engine.
    walk.engineStopped = !(await sandbox.running());
    return { outcome: { passed: false }, error };
  }
}

function record(run: Run, check: CheckResult): void {
  run.checks.push(check);
  run.emit({ type: "check", check });
}
