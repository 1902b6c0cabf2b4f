/**
 * What `labgrade check` prints, as pure functions of events and results: the
 * phases, the checks as they complete, and the summary that says where to
 * start. The terminal writing is in display.ts.
 */
import type { Translate } from "../i18n";
import { checkLines, painter, pointsWidth, RED, YELLOW } from "../report/console";
import { clean, formatPoints, type FeedbackLine } from "../report/text";
import type { CheckResult, GradeResult, ScriptRun } from "../result";

export const DIM = "\x1b[2m";
export const BOLD = "\x1b[1m";

export interface Style {
  t: Translate;
  color: boolean;
}

export type Phase = "sandbox" | "script" | "checks" | "cleanup";

/** What the phase lines name: the lab's images and the student's script. */
export interface LabInfo {
  images: string[];
  script: string;
}

export function phaseLabel(t: Translate, phase: Phase, lab: LabInfo): string {
  switch (phase) {
    case "sandbox":
      return lab.images.length ? t("phase.sandbox", { images: lab.images.join(", ") }) : t("phase.sandboxNoImages");
    case "script":
      return t("phase.script", { script: lab.script });
    case "checks":
      return t("phase.checks");
    case "cleanup":
      return t("phase.cleanup");
  }
}

export function phaseLine(style: Style, phase: Phase, lab: LabInfo): string {
  return `${painter(style.color)(DIM, "▸")} ${phaseLabel(style.t, phase, lab)}`;
}

/** A line of the script's output, set off from the harness's own lines. */
export function outputLine(style: Style, line: string): string {
  return painter(style.color)(DIM, `  │ ${line}`);
}

export function hiddenOutputLine(style: Style, count: number): string {
  return outputLine(style, style.t("output.hidden", { count }));
}

/** "expected: …", "attendu : …": feedback labels in the student's language. */
export function feedbackIn(t: Translate): (line: FeedbackLine) => string {
  return (line) => {
    if (line.label === "expected") return t("detail.expected", { value: line.value });
    if (line.label === "found") return t("detail.found", { value: line.value });
    if (line.label === "hint") return t("detail.hint", { value: line.value });
    return line.value;
  };
}

/** The columns points take for a rubric's checks, so that titles line up as checks arrive. */
export function pointsWidthOf(maxPoints: number[]): number {
  return pointsWidth(maxPoints.map((max) => ({ points: max, maxPoints: max })));
}

/** One completed check with its feedback (what was expected, what was found, the hint). */
export function checkBlock(style: Style, check: CheckResult, width: number, titleOnly = false): string[] {
  // The id after the title: what --only takes and what the summary names.
  const titleOf = (c: CheckResult) => `${clean(c.title)} ${painter(style.color)(DIM, `[${c.id}]`)}`;
  return checkLines(check, { color: style.color, pointsWidth: width, feedbackText: feedbackIn(style.t), titleOnly, titleOf });
}

/**
 * Checks printed together at the end (those the engine had no event for): a run
 * of skipped checks sharing one reason shows their titles, then the reason once.
 */
export function checkBlocks(style: Style, checks: CheckResult[], width: number): string[] {
  const lines: string[] = [];
  checks.forEach((check, index) => {
    const next = checks[index + 1];
    const sharesReason = check.status === "skipped" && next?.status === "skipped" && next.message === check.message;
    lines.push(...checkBlock(style, check, width, sharesReason));
  });
  return lines;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** "exit code 0, 3.4 s", "arrêté après 300 s", "did not run". */
export function describeRunIn(t: Translate, run: ScriptRun): string {
  if (run.exitCode === null && !run.timedOut && run.durationMs === 0) return t("run.notRun");
  const parts = [run.exitCode === null ? t("run.noExitCode") : t("run.exitCode", { code: run.exitCode })];
  parts.push(run.timedOut ? t("run.stopped", { seconds: Math.round(run.durationMs / 1000) }) : t("run.took", { seconds: seconds(run.durationMs) }));
  if (run.droppedBytes > 0) parts.push(t("run.dropped", { bytes: run.droppedBytes }));
  return parts.join(", ");
}

export interface FirstFix {
  check: CheckResult;
  /** Checks not checked because of it, directly or through others. */
  blocked: string[];
  /** True when it was not checked itself, for a reason of its own (no script, engine stopped). */
  rootReason: boolean;
}

/** The steps that could not run because `failed` did not pass, through any chain of `requires`. */
function blockedBy(failed: string, requires: Record<string, string[]>): Set<string> {
  const blocked = new Set<string>([failed]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, needs] of Object.entries(requires)) {
      if (blocked.has(id) || !needs.some((need) => blocked.has(need))) continue;
      blocked.add(id);
      grew = true;
    }
  }
  blocked.delete(failed);
  return blocked;
}

/**
 * What to look at first: of the failures (they ran, so their prerequisites
 * passed), the one that kept the most other checks from running, else the
 * first in rubric order. With no failure, a check not run for a reason of its
 * own (its prerequisites did not fail: no script, the engine stopped).
 */
export function firstToFix(checks: CheckResult[], requires: Record<string, string[]>, selected?: ReadonlySet<string>): FirstFix | undefined {
  const counted = checks.filter((c) => !selected || selected.has(c.id));
  const skipped = new Set(counted.filter((c) => c.status === "skipped").map((c) => c.id));
  let best: FirstFix | undefined;
  for (const check of counted.filter((c) => c.status === "failed")) {
    const blocked = [...blockedBy(check.id, requires)].filter((id) => skipped.has(id));
    if (!best || blocked.length > best.blocked.length) best = { check, blocked, rootReason: false };
  }
  if (best) return best;
  const passed = new Set(counted.filter((c) => c.status === "passed").map((c) => c.id));
  const root = counted.find((c) => c.status === "skipped" && (requires[c.id] ?? []).every((id) => passed.has(id) || !checks.some((k) => k.id === id)));
  return root && { check: root, blocked: [], rootReason: true };
}

export interface SummaryOptions extends Style {
  script: string;
  /** Every step's `requires`, by id: to tell a cause from its consequences. */
  requires: Record<string, string[]>;
  /** With --only: the checks that ran; the others count for nothing here. */
  selected?: ReadonlySet<string>;
}

const lost = (c: CheckResult) => `${c.id} (${formatPoints(c.points, c.maxPoints)})`;

/** The end of the run: warnings, the script, the score, what failed and where to start. */
export function summaryLines(result: GradeResult, options: SummaryOptions): string[] {
  const { t } = options;
  const paint = painter(options.color);
  const lines = [""];
  if (result.status === "error") lines.push(paint(RED, t("summary.gradingError", { error: clean(result.error ?? "") })));
  for (const warning of result.warnings) lines.push(paint(YELLOW, t("summary.warning", { text: clean(warning) })));
  lines.push(t("summary.script", { script: options.script, run: describeRunIn(t, result.run) }));
  const { sandboxMs, imagesMs, scriptMs, checksMs, waitMs } = result.timings;
  // Without a sandbox (no script to run) there is no time worth telling.
  if (result.sandbox) {
    lines.push(paint(DIM, t("summary.timings", { total: seconds(result.durationMs), sandbox: seconds(sandboxMs), images: seconds(imagesMs), script: seconds(scriptMs), checks: seconds(checksMs) })));
    // A failing check with a retry waits out its whole timeout: say where the time went.
    if (waitMs >= 1000) lines.push(paint(DIM, t("summary.waited", { seconds: seconds(waitMs) })));
  }

  const counted = result.checks.filter((c) => !options.selected || options.selected.has(c.id));
  const score = options.selected
    ? formatPoints(counted.reduce((sum, c) => sum + c.points, 0), counted.reduce((sum, c) => sum + c.maxPoints, 0))
    : formatPoints(result.score, result.maxScore);
  lines.push("", paint(BOLD, t(options.selected ? "summary.scoreOnly" : "summary.score", { score })));
  if (counted.length && counted.every((c) => c.status === "passed")) lines.push(t("summary.allPassed"));
  const failed = counted.filter((c) => c.status === "failed");
  if (failed.length) lines.push(t("summary.failed", { list: failed.map(lost).join(", ") }));
  const errors = counted.filter((c) => c.status === "error");
  if (errors.length) lines.push(t("summary.errors", { list: errors.map((c) => c.id).join(", ") }));
  const first = firstToFix(result.checks, options.requires, options.selected);
  if (first?.rootReason) lines.push(paint(BOLD, t("summary.startWithReason", { reason: clean(first.check.message) })));
  else if (first) {
    lines.push(paint(BOLD, t("summary.startWith", { id: first.check.id, title: clean(first.check.title) })));
    if (first.blocked.length) lines.push(`  ${t("summary.blocked", { list: first.blocked.join(", ") })}`);
  }
  return lines;
}

/** After --keep: the sandbox's name and the one command that opens a shell in it. */
export function keepLines(t: Translate, kept: string | undefined): string[] {
  if (!kept) return ["", t("keep.none")];
  return ["", t("keep.kept", { name: kept }), `  ${t("keep.shell", { command: `labgrade shell ${kept}` })}`, `  ${t("keep.clean", { command: "labgrade clean" })}`];
}
