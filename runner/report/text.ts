/** Small text helpers shared by the human-facing formats (console, markdown, junit, classroom). */
import type { CheckResult, ScriptRun } from "../result";

// Script output reaches reports through `actual` and `message`; terminal bytes in it must not
// repaint the reader's terminal or break XML, so escape sequences and control characters go.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** Text without escape sequences or control characters (newlines and tabs kept). */
export function clean(text: string): string {
  return text.replace(ANSI, "").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** 2, 1.5, 0.33: rounding hides float noise like 0.30000000000000004. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function formatPoints(points: number, maxPoints: number): string {
  return `${formatNumber(points)}/${formatNumber(maxPoints)}`;
}

/** Whether a reader may see a check's message, expected, found and hint. */
export function showsDetails(check: CheckResult, showHidden = false): boolean {
  return !check.hidden || showHidden;
}

export interface Detail {
  label: "expected" | "found" | "hint";
  value: string;
}

/** What was expected, what was found, what to try: the labelled parts of a check's feedback. */
export function details(check: CheckResult): Detail[] {
  const parts: Detail[] = [];
  if (check.expected !== undefined) parts.push({ label: "expected", value: clean(check.expected) });
  if (check.actual !== undefined) parts.push({ label: "found", value: clean(check.actual) });
  if (check.hint !== undefined) parts.push({ label: "hint", value: clean(check.hint) });
  return parts;
}

export interface FeedbackLine {
  label?: Detail["label"];
  value: string;
}

/**
 * What a reader sees under a check, in reading order: for a failed or errored check what was
 * expected, what was found, the message, then the hint; for the others only the message.
 */
export function feedback(check: CheckResult): FeedbackLine[] {
  const message: FeedbackLine[] = check.message ? [{ value: clean(check.message) }] : [];
  if (check.status !== "failed" && check.status !== "error") return message;
  const parts = details(check);
  return [...parts.filter((d) => d.label !== "hint"), ...message, ...parts.filter((d) => d.label === "hint")];
}

/** "label: value", or the bare value for the message. */
export function feedbackText(line: FeedbackLine): string {
  return line.label ? `${line.label}: ${line.value}` : line.value;
}

/** "exit code 1, stopped after 300 s, 2048 bytes of output dropped" */
export function describeRun(run: ScriptRun): string {
  const parts = [run.exitCode === null ? "no exit code" : `exit code ${run.exitCode}`];
  if (run.timedOut) parts.push(`stopped after ${formatNumber(Math.round(run.durationMs / 1000))} s`);
  if (run.droppedBytes > 0) parts.push(`${run.droppedBytes} bytes of output dropped`);
  return parts.join(", ");
}
