/**
 * gradebook.csv: student, score, max, then one column per check id (rubric order),
 * each cell the points that check earned. RFC 4180: CRLF line ends, fields quoted
 * when they hold a comma, a quote or a line break, quotes doubled. UTF-8, no BOM.
 */
import type { GradeResult } from "../../result";
import { formatNumber } from "../text";
import { byStudent, checkColumns } from "./columns";

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(fields: string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function toGradebook(results: readonly GradeResult[]): string {
  const columns = checkColumns(results);
  const lines = [row(["student", "score", "max", ...columns.map((c) => c.id)])];
  for (const result of byStudent(results)) {
    const points = new Map(result.checks.map((check) => [check.id, formatNumber(check.points)]));
    lines.push(row([result.submission, formatNumber(result.score), formatNumber(result.maxScore), ...columns.map((c) => points.get(c.id) ?? "")]));
  }
  return lines.join("");
}
