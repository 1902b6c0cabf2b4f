/**
 * summary.md: the class at a glance in Markdown, for a CI step summary
 * ($GITHUB_STEP_SUMMARY) where report.html cannot be shown: a row per student
 * with each check's points, then each check's pass rate.
 */
import type { GradeResult } from "../../result";
import { cell } from "../markdown";
import { formatNumber, formatPoints } from "../text";
import { byStudent, checkColumns } from "./columns";
import { classStats, percent } from "./stats";

export function toClassSummary(results: readonly GradeResult[]): string {
  const sorted = byStudent(results);
  const stats = classStats(sorted);
  const columns = checkColumns(sorted);
  const rubrics = [...new Set(sorted.map((r) => r.rubric))].join(", ") || "labgrade";
  const max = formatNumber(stats.maxScore);
  const lines = [
    `### ${cell(rubrics)} — class gradebook`,
    "",
    `${stats.students} student${stats.students === 1 ? "" : "s"} · mean ${formatNumber(stats.mean)}/${max} · median ${formatNumber(stats.median)}/${max} · ${stats.errored} grading error${stats.errored === 1 ? "" : "s"}`,
    "",
  ];
  if (sorted.length) {
    lines.push(`| Student | Score | ${columns.map((c) => cell(c.id)).join(" | ")} |`, `|---|---|${columns.map(() => "---|").join("")}`);
    for (const result of sorted) {
      const points = new Map(result.checks.map((c) => [c.id, formatNumber(c.points)]));
      const score = formatPoints(result.score, result.maxScore) + (result.status === "error" ? " ⚠️" : "");
      lines.push(`| ${cell(result.submission)} | ${score} | ${columns.map((c) => points.get(c.id) ?? "").join(" | ")} |`);
    }
    lines.push("", "| Check | Passed |", "|---|---|");
    for (const rate of stats.passRates) lines.push(`| ${cell(rate.check.id)} | ${percent(rate.passed, rate.total)} (${rate.passed}/${rate.total}) |`);
    lines.push("");
  }
  return lines.join("\n");
}
