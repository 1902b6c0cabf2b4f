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
  /** Whether the engine is known to have stopped, by any step so far (in any order). */
  engineStopped: boolean;
}

interface NotRun {
  reason: Phrase;
  status: "skipped" | "failed";
}

/** A step once it is over: not run and why, or its outcome; recorded in the rubric's order. */
type Settled =
  | { step: ResolvedStep; notRun: NotRun }
  | { step: ResolvedStep; notRun?: undefined; outcome: Outcome; error?: string; durationMs: number; stoppedEngine: boolean; waited: boolean };

/** Steps run together: checks that only read (sharing one view of the engine), or one other step alone. */
interface Group {
  steps: ResolvedStep[];
  reads: boolean;
}

/**
 * Checks that only read run this many at a time: each is a `docker` process in the
 * sandbox or a probe container, and a small machine grades several sandboxes at once.
 */
export const CONCURRENT_READS = 4;

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
  let stoppedInOrder = walk.engineStopped;
  for (const group of readingGroups(walk, run.steps)) {
    const { results, over } = settleGroup(walk, group);
    // Results are recorded in the rubric's order, whichever check of a group ends first.
    for (const settling of results) {
      const settled = await settling;
      record(walk, settled, stoppedInOrder);
      stoppedInOrder ||= !settled.notRun && settled.stoppedEngine;
    }
    // Nothing of a group still runs when the next step starts (an action, say).
    await over;
  }
  if (walk.engineStopped) run.warnings.push(run.t("warning.engineStopped"));
}

/** The steps cut into groups run together: consecutive checks that only read, and every other step alone. */
function readingGroups(walk: Walk, steps: ResolvedStep[]): Group[] {
  const groups: Group[] = [];
  let open: Group | undefined;
  for (const step of steps) {
    if (!onlyReads(walk, step)) {
      groups.push({ steps: [step], reads: false });
      open = undefined;
      continue;
    }
    if (!open) groups.push((open = { steps: [], reads: true }));
    open.steps.push(step);
  }
  return groups;
}

function onlyReads(walk: Walk, step: ResolvedStep): boolean {
  if (step.kind !== "check") return false;
  try {
    return readsOnly(step.grader, interpolate(step.spec, walk.run.scope));
  } catch {
    // Its spec does not interpolate: it runs alone, and says why.
    return false;
  }
}

/**
 * Starts a group's steps, at most CONCURRENT_READS at a time, each once what it
 * requires has settled. The checks of a group that only read share one view of
 * the engine, taken when the first asks; any other step sees the engine itself.
 *
 * A check after one that retries is tried once beside it too, but what follows a
 * wait in the rubric may count on what was waited for: that early try stands only
 * if it passed and none of the retrying checks before it had to wait. Otherwise
 * the check runs (with its own retries) once they are over, as it would have run
 * after them. `over` is when every try of the group, early ones included, is over.
 */
function settleGroup(walk: Walk, group: Group): { results: Promise<Settled>[]; over: Promise<unknown> } {
  walk.sandbox.inspections?.setCaching(group.reads);
  const slots = slotsOf(CONCURRENT_READS);
  const settling = new Map<string, Promise<Settled>>();
  const retrying: Promise<Settled>[] = [];
  const early: Promise<Settled>[] = [];
  for (const step of group.steps) {
    const before = Promise.all(step.requires.flatMap((id) => settling.get(id) ?? []));
    const waits = [...retrying];
    const run = (tries: Tries) => before.then(() => slots(() => settle(walk, step, tries)));
    const first = waits.length === 0 ? undefined : run("once");
    const settled = first ? speculated(first, waits, () => run("all")) : run("all");
    if (first) early.push(first);
    settling.set(
      step.id,
      settled.then((result) => (walk.succeeded.set(step.id, !result.notRun && result.outcome.passed), result)),
    );
    if (step.retry) retrying.push(settling.get(step.id)!);
  }
  const results = [...settling.values()];
  return { results, over: Promise.all([...results, ...early]) };
}

/**
 * The result of a check tried early beside retrying checks: the early try if it
 * passed and none of them had to wait, else a run of its own once they are over
 * (started as soon as one is known to have waited, the early try left to end).
 */
async function speculated(early: Promise<Settled>, waits: Promise<Settled>[], again: () => Promise<Settled>): Promise<Settled> {
  const earlier = await Promise.all(waits);
  if (earlier.some((other) => !other.notRun && other.waited)) return again();
  const first = await early;
  return !first.notRun && first.outcome.passed ? first : again();
}

/** A runner of at most `count` tasks at a time, in the order they were given. */
function slotsOf(count: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= count) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** A step's tries: as its retry policy says, or one (an early try, beside a wait). */
type Tries = "all" | "once";

/** Runs a step unless there is a reason not to; what it requires is known by then. */
async function settle(walk: Walk, step: ResolvedStep, tries: Tries): Promise<Settled> {
  const notRun = whyNotRun(walk, step);
  if (notRun) return { step, notRun };
  const started = Date.now();
  const { outcome, error, stoppedEngine, waited } = await outcomeOf(walk, tries === "all" ? step : { ...step, retry: undefined });
  const durationMs = Date.now() - started;
  if (step.kind === "action") walk.run.timings.actionsMs += durationMs;
  return { step, outcome, error, durationMs, stoppedEngine, waited };
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

/**
 * Records a settled step: a check's result is recorded and announced; an action that did not
 * complete is a warning. Once an earlier step (in the rubric's order) found the engine stopped,
 * a check fails for that reason, as if the steps had run one after the other.
 */
function record(walk: Walk, settled: Settled, stoppedBefore: boolean): void {
  const { run } = walk;
  const { step } = settled;
  const lang = run.options.lang;
  const stopped: NotRun = { reason: { id: "engine.stopped" }, status: "failed" };
  if (settled.notRun || stoppedBefore) {
    // A check left out by --only stays left out; any other fails once the engine is known stopped.
    const notSelected = settled.notRun?.reason.id === "engine.notSelected";
    return recordNotRun(walk, step, settled.notRun && (notSelected || !stoppedBefore) ? settled.notRun : stopped);
  }
  if (step.kind === "action") {
    if (!settled.outcome.passed && !walk.engineStopped) {
      run.warnings.push(run.t("warning.stepIncomplete", { id: step.id, title: step.title, reason: settled.error ?? outcomeMessage(step, settled.outcome, lang) }));
    }
    return;
  }
  announce(run, settled.stoppedEngine ? skipped(step, stopped.reason, lang, stopped.status) : checkResultOf(step, settled.outcome, settled.error, settled.durationMs, lang));
}

function recordNotRun(walk: Walk, step: ResolvedStep, notRun: NotRun): void {
  if (step.kind !== "check") return;
  // Checks left out by --only are not news to whoever chose them: recorded, not announced.
  if (!walk.selected.has(step.id)) walk.run.checks.push(skipped(step, notRun.reason, walk.run.options.lang));
  else announce(walk.run, skipped(step, notRun.reason, walk.run.options.lang, notRun.status));
}

/** The step's outcome, retried as its policy says; a grader that throws is an error of the harness's. */
async function outcomeOf(walk: Walk, step: ResolvedStep): Promise<{ outcome: Outcome; error?: string; stoppedEngine: boolean; waited: boolean }> {
  const { run, sandbox } = walk;
  let waited = false;
  const wait = (ms: number) => {
    waited = true;
    run.timings.waitMs += ms;
  };
  try {
    const spec = interpolate(step.spec, run.scope);
    const outcome = await evaluateWithRetry(walk.ctx, step, spec, walk.deadline, wait, () => sandbox.inspections?.forget());
    return { outcome, stoppedEngine: false, waited };
  } catch (thrown) {
    const error = (thrown as Error).message;
    // A grader fails when the sandbox is gone: the student's script stopped its engine.
    const stoppedEngine = !(await sandbox.running());
    walk.engineStopped ||= stoppedEngine;
    return { outcome: { passed: false }, error, stoppedEngine, waited };
  }
}

function announce(run: Run, check: CheckResult): void {
  run.checks.push(check);
  run.emit({ type: "check", check });
}
