/** The summary people read in a terminal or a CI log. */
import type { CheckStatus, GradeResult } from "../result";
import { clean, describeRun, feedback, feedbackText, formatPoints, showsDetails } from "./text";

export interface ConsoleOptions {
  /** Plain ANSI colours; without them the text holds no escape byte at all. */
  color: boolean;
  /** Show hidden checks' feedback (instructors); students see only title and points. */
  showHidden?: boolean;
}

const RESET = "\x1b[0m";
const GREEN = "\x1b[32m";
const RED = "\x1b[31m";
const YELLOW = "\x1b[33m";

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

export function toConsole(result: GradeResult, options: ConsoleOptions): string {
  const paint = (color: string, text: string) => (options.color ? `${color}${text}${RESET}` : text);
  const lines = [`${clean(result.rubric)} — ${clean(result.submission)}`];
  const width = Math.max(0, ...result.checks.map((c) => formatPoints(c.points, c.maxPoints).length));

  for (const check of result.checks) {
    const symbol = SYMBOL[check.status];
    const points = formatPoints(check.points, check.maxPoints).padStart(width);
    lines.push(`${paint(symbol.color, symbol.text)} ${points}  ${clean(check.title)}`);
    if (check.status === "passed" || !showsDetails(check, options.showHidden)) continue;
    lines.push(...feedback(check).map((line) => indented(feedbackText(line))));
  }

  if (result.status === "error") {
    lines.push(paint(RED, `grading error: ${clean(result.error ?? "grading did not complete")}`));
  }
  for (const warning of result.warnings) lines.push(paint(YELLOW, `warning: ${clean(warning)}`));
  lines.push(`script: ${describeRun(result.run)}`);
  lines.push(`Score: ${formatPoints(result.score, result.maxScore)}`);
  return `${lines.join("\n")}\n`;
}
