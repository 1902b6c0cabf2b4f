/**
 * Walks a rubric's steps after the entry script: actions and checks in order,
 * with requires, retries, points, the grading's time limit and a stopped engine.
 * Apart from the sandbox, so that the scoring is tested without Docker.
 */
import { readsOnlyCheck } from "../../graders";
import type { GraderContext, Outcome, Phrase } from "../../graders/types";
import type { Lang, Translate } from "../i18n";
import type { CheckResult, PhaseTimings } from "../result";
import { interpolate, type InterpolationScope } from "../rubric/interpolate";
import type { Limits, Step } from "../rubric/types";
import { checkResultOf, outcomeMessage, selectedSteps, skipped } from "./results";
import { evaluateWithRetry } from "./retry";

/** One grading's state as the walk sees it; the engine's run is one. */
export interface Run {
  options: { rubric: { limits: Limits }; only?: string[]; lang?: Lang };
  steps: Step[];
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

function record(run: Run, check: CheckResult): void {
  run.checks.push(check);
  run.emit({ type: "check", check });
}

/** Walks the steps after the entry script: requires, the time limit, a stopped engine, `only`. */
export async function walkSteps(run: Run, sandbox: Engine, ctx: GraderContext): Promise<void> {
  const { options, t, timings } = run;
  const lang = options.lang;
  const limits = options.rubric.limits;
  const succeeded = new Map<string, boolean>();
  const deadline = run.started + limits.gradingTimeoutMs;
  const selected = selectedSteps(run.steps, options.only);
  let engineStopped = !(await sandbox.running());
  for (const step of run.steps) {
    // Why a step is not run, if it is not; the first reason wins.
    const notRun: { reason: Phrase; status: "skipped" | "failed" } | undefined = !selected.has(step.id)
      ? { reason: { id: "engine.notSelected" }, status: "skipped" }
      : engineStopped
        ? { reason: { id: "engine.stopped" }, status: "failed" }
        : Date.now() > deadline
          ? { reason: { id: "engine.gradingTimeout", data: { seconds: Math.round(limits.gradingTimeoutMs / 1000) } }, status: "skipped" }
          : step.requires.some((id) => !succeeded.get(id))
            ? { reason: { id: "engine.becauseFailed", data: { id: step.requires.find((id) => !succeeded.get(id))! } }, status: "skipped" }
            : undefined;
    if (notRun) {
      succeeded.set(step.id, false);
      // Checks left out by --only are not news to whoever chose them: recorded, not announced.
      if (step.kind === "check" && !selected.has(step.id)) run.checks.push(skipped(step, notRun.reason, lang));
      else if (step.kind === "check") record(run, skipped(step, notRun.reason, lang, notRun.status));
      continue;
    }
    const stepStarted = Date.now();
    let outcome: Outcome;
    let error: string | undefined;
    try {
      const spec = interpolate(step.spec, run.scope);
      sandbox.inspections?.setCaching(step.kind === "check" && readsOnlyCheck(step.type, spec));
      outcome = await evaluateWithRetry(ctx, step, spec, deadline, (ms) => (timings.waitMs += ms), () => sandbox.inspections?.forget());
    } catch (thrown) {
      error = (thrown as Error).message;
      outcome = { passed: false };
      // A grader fails when the sandbox is gone: the student's script stopped its engine.
      engineStopped = !(await sandbox.running());
    }
    succeeded.set(step.id, outcome.passed);
    if (step.kind === "action") {
      timings.actionsMs += Date.now() - stepStarted;
      if (!outcome.passed && !engineStopped) run.warnings.push(t("warning.stepIncomplete", { id: step.id, title: step.title, reason: error ?? outcomeMessage(step, outcome, run.options.lang) }));
      continue;
    }
    record(run, engineStopped ? skipped(step, { id: "engine.stopped" }, lang, "failed") : checkResultOf(step, outcome, error, Date.now() - stepStarted, lang));
  }
  if (engineStopped) run.warnings.push(t("warning.engineStopped"));
}
