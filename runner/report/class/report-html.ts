/**
 * report.html: one self-contained page for the instructor (inline CSS and SVG, no
 * script, nothing fetched): the score distribution, each check's pass rate, a row
 * per student, and per student every check's status, points and feedback (hidden
 * checks included: this page is not for students). A pure function of the results,
 * with no date in it, so that a merge of shards writes the same page.
 */
import type { CheckResult, GradeResult } from "../../result";
import { describeRun, feedback, feedbackText, formatNumber, formatPoints } from "../text";
import { distributionChart, passRateChart } from "./charts";
import { byStudent, checkColumns } from "./columns";
import { escapeHtml as esc } from "./html";
import { classStats, percent } from "./stats";
import { STUDENTS_DIR } from "./folder";

/** How much of a script's output the page shows; result.json keeps the whole tail. */
const OUTPUT_SHOWN = 4096;

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
.summary { color: #57606a; margin: 0; }
table { border-collapse: collapse; } th, td { padding: .25rem .5rem; text-align: left; vertical-align: top; }
.gradebook { overflow-x: auto; display: block; }
.gradebook thead th.check { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; font-size: .8rem; white-space: nowrap; padding: .4rem .15rem; }
.gradebook tbody tr:nth-child(odd) { background: #f6f8fa; }
.gradebook td.num, .checks td.num { text-align: right; font-variant-numeric: tabular-nums; }
.gradebook td.cell { text-align: center; font-size: .8rem; min-width: 1.6rem; }
.passed { background: #dafbe1; } .failed { background: #ffebe9; } .skipped { background: #fff8c5; } .error { background: #ffd8b5; }
.status { font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; border-radius: 3px; padding: .05rem .35rem; white-space: nowrap; }
.checks { width: 100%; } .checks td { border-top: 1px solid #d0d7de; } .checks .feedback { white-space: pre-wrap; color: #57606a; font-size: .9rem; }
.grading-error { background: #ffebe9; border-left: 4px solid #cf222e; padding: .4rem .8rem; }
.warnings { color: #9a6700; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: .8rem; max-height: 20rem; }
svg .bar { fill: #2da44e; } svg .track { fill: #eaeef2; } svg .baseline { stroke: #8c959f; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2328; } svg .count, svg .axis, svg .axis-title { text-anchor: middle; }
svg .label { text-anchor: end; } svg .axis, svg .axis-title { fill: #57606a; }
a { color: #0969da; }
`;

/** Anchor ids from folder names: [a-z0-9-] only, made unique in student order. */
export function studentAnchors(names: readonly string[]): string[] {
  const used = new Map<string, number>();
  return names.map((name) => {
    const base = `student-${name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x"}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    return seen ? `${base}-${seen + 1}` : base;
  });
}

function studentLink(student: string, file: string): string {
  return `${STUDENTS_DIR}/${encodeURIComponent(student)}/${file}`;
}

function checkRow(check: CheckResult): string {
  const lines = feedback(check).map(feedbackText);
  if (check.hidden) lines.push("(hidden from students)");
  return (
    `<tr class="check" data-check="${esc(check.id)}" data-status="${check.status}">` +
    `<td><span class="status ${check.status}">${check.status}</span></td>` +
    `<td>${esc(check.title)}<br><code>${esc(check.id)}</code></td>` +
    `<td class="num">${formatPoints(check.points, check.maxPoints)}</td>` +
    `<td class="feedback">${esc(lines.join("\n"))}</td></tr>`
  );
}

function studentSection(result: GradeResult, anchor: string): string {
  const parts = [
    `<section class="student" id="${anchor}" data-student="${esc(result.submission)}">`,
    `<h3>${esc(result.submission)} — ${formatPoints(result.score, result.maxScore)}</h3>`,
    `<p><a href="${esc(studentLink(result.submission, "result.json"))}">result.json</a> · ` +
      `<a href="${esc(studentLink(result.submission, "junit.xml"))}">junit.xml</a> · <a href="#students">back to the table</a></p>`,
  ];
  if (result.status === "error") parts.push(`<p class="grading-error">Grading error: ${esc(result.error ?? "grading did not complete")}</p>`);
  if (result.checks.length) {
    parts.push(`<table class="checks"><thead><tr><th>Status</th><th>Check</th><th>Points</th><th>Feedback</th></tr></thead><tbody>`);
    parts.push(...result.checks.map(checkRow), "</tbody></table>");
  }
  parts.push(`<p>Script: ${esc(describeRun(result.run))}</p>`);
  if (result.warnings.length) parts.push(`<ul class="warnings">${result.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`);
  if (result.run.output) {
    const tail = result.run.output.slice(-OUTPUT_SHOWN);
    const cut = tail.length < result.run.output.length ? ` (last ${OUTPUT_SHOWN} characters; result.json has more)` : "";
    parts.push(`<details><summary>Script output${cut}</summary><pre>${esc(tail)}</pre></details>`);
  }
  parts.push("</section>");
  return parts.join("\n");
}

export function toHtmlReport(results: readonly GradeResult[]): string {
  const sorted = byStudent(results);
  const stats = classStats(sorted);
  const columns = checkColumns(sorted);
  const anchors = studentAnchors(sorted.map((r) => r.submission));
  const rubrics = [...new Set(sorted.map((r) => r.rubric))].join(", ") || "labgrade";
  const max = formatNumber(stats.maxScore);

  const header =
    `<tr><th>Student</th><th>Score</th><th>Max</th><th>%</th>` +
    columns.map((c) => `<th class="check" title="${esc(c.title)}">${esc(c.id)}</th>`).join("") +
    `</tr>`;
  const rows = sorted.map((result, i) => {
    const byId = new Map(result.checks.map((c) => [c.id, c]));
    const cells = columns.map((column) => {
      const check = byId.get(column.id);
      if (!check) return `<td class="cell"></td>`;
      return `<td class="cell ${check.status}" title="${esc(`${check.id}: ${check.status}, ${formatPoints(check.points, check.maxPoints)}`)}">${formatNumber(check.points)}</td>`;
    });
    return (
      `<tr data-student="${esc(result.submission)}" data-status="${result.status}">` +
      `<th scope="row"><a href="#${anchors[i]}">${esc(result.submission)}</a>${result.status === "error" ? ` <span class="status error">error</span>` : ""}</th>` +
      `<td class="num score">${formatNumber(result.score)}</td><td class="num max">${formatNumber(result.maxScore)}</td>` +
      `<td class="num">${percent(result.score, result.maxScore)}</td>${cells.join("")}</tr>`
    );
  });

  return [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    // Belt and braces: nothing on this page may load anything from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(rubrics)} — class report</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${esc(rubrics)} — class report</h1>`,
    `<p class="summary"><span data-stat="students">${stats.students}</span> student${stats.students === 1 ? "" : "s"} · ` +
      `mean <span data-stat="mean">${formatNumber(stats.mean)}</span>/${max} · ` +
      `median <span data-stat="median">${formatNumber(stats.median)}</span>/${max} · ` +
      `<span data-stat="errored">${stats.errored}</span> grading error${stats.errored === 1 ? "" : "s"}</p>`,
    `<section id="distribution"><h2>Score distribution</h2>`,
    distributionChart(stats.bins, stats.maxScore),
    "</section>",
    `<section id="pass-rates"><h2>Pass rate per check</h2>`,
    `<p class="summary">Students whose check passed with full points, out of all students.</p>`,
    passRateChart(stats.passRates),
    "</section>",
    `<section id="students"><h2>Students</h2>`,
    `<table class="gradebook"><thead>${header}</thead><tbody>`,
    ...rows,
    "</tbody></table>",
    `<p class="summary">Each cell: the check's points — <span class="status passed">passed</span> <span class="status failed">failed</span> ` +
      `<span class="status skipped">skipped</span> <span class="status error">error</span>. A student's name leads to the details.</p>`,
    "</section>",
    `<section id="details"><h2>Details</h2>`,
    ...sorted.map((result, i) => studentSection(result, anchors[i]!)),
    "</section>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
