/** The summary people read in a terminal or a CI log. */
import type { CheckResult, CheckStatus, GradeResult } from "../result";
import { clean, describeRun, feedback, feedbackText, formatPoints, showsDetails, type FeedbackLine } from "./text";

export interface ConsoleOptions {
  /** Plain ANSI colours; without them the text holds no escape byte at all. */
  color: boolean;
  /** Show hidden checks' feedback (instructors); students see only title and points. */
  showHidden?: boolean;
}

const RESET = "\x1b[0m";
const GREEN = "\x1b[32m";
export const RED = "\x1b[31m";
export const YELLOW = "\x1b[33m";

/** Wraps text in a colour, or leaves it alone when colours are off. */
export function painter(color: boolean): (code: string, text: string) => string {
  return (code, text) => (color ? `${code}${text}${RESET}` : text);
}

const SYMBOL: Record<CheckStatus, { text: string; color: string }> = {
  passed: { text: "✓", color: GREEN },
  failed: { text: "✗", color: RED },
  skipped: { text: "–", color: YELLOW },
  error: { text: "!", color: RED },
};

const INDENT = "    ";

/** Indents every line of a possibly multi-line text, continuation lines two columns deeper. */
function indented(text: string): string {
  return INDENT + text.split("\n").join(`\n${INDENT}  `);
}

export interface CheckLinesOptions extends ConsoleOptions {
  /** Columns the points take, so that titles line up. */
  pointsWidth: number;
  /** "expected: …": how a labelled line of feedback reads (another language's labels). */
  feedbackText?: (line: FeedbackLine) => string;
  /** Leave out the feedback under the title. */
  titleOnly?: boolean;
  /** The title as shown (with the check's id, say); by default the rubric's title, cleaned. */
  titleOf?: (check: CheckResult) => string;
}

/** The width of the widest points column among these checks. */
export function pointsWidth(checks: Pick<CheckResult, "points" | "maxPoints">[]): number {
  return Math.max(0, ...checks.map((c) => formatPoints(c.points, c.maxPoints).length));
}

/** One check: its symbol, points and title, then (unless it passed) its feedback, indented. */
export function checkLines(check: CheckResult, options: CheckLinesOptions): string[] {
  const paint = painter(options.color);
  const symbol = SYMBOL[check.status];
  const points = formatPoints(check.points, check.maxPoints).padStart(options.pointsWidth);
  const title = options.titleOf ? options.titleOf(check) : clean(check.title);
  const lines = [`${paint(symbol.color, symbol.text)} ${points}  ${title}`];
  if (options.titleOnly || check.status === "passed" || !showsDetails(check, options.showHidden)) return lines;
  return [...lines, ...feedback(check).map((line) => indented((options.feedbackText ?? feedbackText)(line)))];
}

export function toConsole(result: GradeResult, options: ConsoleOptions): string {
  const paint = painter(options.color);
  const lines = [`${clean(result.rubric)} — ${clean(result.submission)}`];
  const width = pointsWidth(result.checks);

  for (const check of result.checks) lines.push(...checkLines(check, { ...options, pointsWidth: width }));

  if (result.status === "error") {
    lines.push(paint(RED, `grading error: ${clean(result.error ?? "grading did not complete")}`));
  }
  for (const warning of result.warnings) lines.push(paint(YELLOW, `warning: ${clean(warning)}`));
  lines.push(`script: ${describeRun(result.run)}`);
  lines.push(`Score: ${formatPoints(result.score, result.maxScore)}`);
  return `${lines.join("\n")}\n`;
}
