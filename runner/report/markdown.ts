/** A GitHub step summary ($GITHUB_STEP_SUMMARY): score heading, one table row per check. */
import type { CheckResult, CheckStatus, GradeResult } from "../result";
import { clean, describeRun, feedback, formatPoints } from "./text";

const ICON: Record<CheckStatus, string> = { passed: "✅", failed: "❌", skipped: "⏭️", error: "⚠️" };

/**
 * Student text inside a table cell: Markdown and HTML in it stay literal, `|` cannot end the
 * cell and newlines become <br> (a raw newline would end the table row).
 */
export function cell(text: string): string {
  return clean(text)
    .replace(/[\\`*_[\]~#!|]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\n/g, "<br>");
}

// Hidden checks keep their secret: no message, expected, found or hint, whatever the status.
function detailsCell(check: CheckResult): string {
  if (check.hidden || check.status === "passed") return "";
  return feedback(check)
    .map((line) => (line.label ? `**${line.label}:** ${cell(line.value)}` : cell(line.value)))
    .join("<br>");
}

export function toMarkdown(result: GradeResult): string {
  const lines = [`### ${cell(result.rubric)} — ${cell(result.submission)}: ${formatPoints(result.score, result.maxScore)}`, ""];

  if (result.status === "error") {
    lines.push(`> **Grading error:** ${cell(result.error ?? "grading did not complete")}`, "");
  }

  if (result.checks.length > 0) {
    lines.push("| | Check | Points | Details |", "|---|---|---|---|");
    for (const check of result.checks) {
      const points = formatPoints(check.points, check.maxPoints);
      lines.push(`| ${ICON[check.status]} | ${cell(check.title)} | ${points} | ${detailsCell(check)} |`);
    }
    lines.push("");
  }

  lines.push(`Script: ${describeRun(result.run)}`, "");

  if (result.warnings.length > 0) {
    lines.push("**Warnings**", "", ...result.warnings.map((w) => `- ${cell(w)}`), "");
  }
  return lines.join("\n");
}
