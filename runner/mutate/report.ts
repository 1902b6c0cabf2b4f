/**
 * The mutation report: one row per mutant with its score and the checks that
 * caught it, the survivors (mutants that keep full marks: the rubric is blind to
 * them) and the mutants skipped as identical. Pure: built from the gradings,
 * written as text for people and as JSON for tools.
 */
import type { GradeResult } from "../result";
import { formatPoints } from "../report/text";
import type { Change, Mutant, Skipped } from "./mutants";
import { fullMarks, type MutantRuns } from "./run";

export type MutantStatus = "survived" | "caught" | "error" | "not-graded";

export interface MutantRow {
  id: string;
  description: string;
  file: string;
  changes: Change[];
  status: MutantStatus;
  score?: number;
  maxScore?: number;
  /** Checks that failed (or errored) where the reference passed them. */
  caughtBy: string[];
  /** Checks not checked because of those. */
  skippedChecks: string[];
  error?: string;
}

export interface MutationReport {
  rubric: string;
  reference: string;
  referenceScore?: { score: number; maxScore: number; status: string; failed: string[] };
  mutants: MutantRow[];
  skipped: Skipped[];
  survivors: string[];
}

function rowOf(mutant: Mutant, result: GradeResult | undefined): MutantRow {
  const row = { id: mutant.id, description: mutant.description, file: mutant.file, changes: mutant.changes };
  if (!result) return { ...row, status: "not-graded", caughtBy: [], skippedChecks: [] };
  const base = { ...row, score: result.score, maxScore: result.maxScore };
  if (result.status === "error") return { ...base, status: "error", caughtBy: [], skippedChecks: [], error: result.error };
  return {
    ...base,
    status: fullMarks(result) ? "survived" : "caught",
    caughtBy: result.checks.filter((c) => c.status === "failed" || c.status === "error").map((c) => c.id),
    skippedChecks: result.checks.filter((c) => c.status === "skipped").map((c) => c.id),
  };
}

export function buildReport(rubric: string, reference: string, plan: { mutants: readonly Mutant[]; skipped: readonly Skipped[] }, runs: MutantRuns): MutationReport {
  const ref = runs.reference?.result;
  const mutants = plan.mutants.map((mutant) => rowOf(mutant, runs.mutants.get(mutant.id)?.result));
  return {
    rubric,
    reference,
    referenceScore: ref && {
      score: ref.score,
      maxScore: ref.maxScore,
      status: ref.status,
      failed: ref.checks.filter((c) => c.status !== "passed").map((c) => c.id),
    },
    mutants,
    skipped: [...plan.skipped],
    survivors: mutants.filter((m) => m.status === "survived").map((m) => m.id),
  };
}

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - [...text].length));

function caught(row: MutantRow): string {
  if (row.status === "survived") return "SURVIVED: no check caught it";
  if (row.status === "error") return `grading error: ${(row.error ?? "").split("\n")[0]}`;
  if (row.status === "not-graded") return "not graded";
  const skipped = row.skippedChecks.length ? ` (+${row.skippedChecks.length} not checked)` : "";
  return `${row.caughtBy.join(", ") || "(only checks not checked)"}${skipped}`;
}

export function reportText(report: MutationReport): string {
  const lines: string[] = [];
  const ref = report.referenceScore;
  lines.push(`Rubric: ${report.rubric}`);
  lines.push(`Reference: ${report.reference}${ref ? `: ${formatPoints(ref.score, ref.maxScore)}` : ""}`);
  lines.push(`Mutants: ${report.mutants.length} graded, ${report.skipped.length} skipped as identical`);
  lines.push("");
  const width = Math.max(8, ...report.mutants.map((m) => [...m.id].length)) + 2;
  lines.push(`${pad("mutation", width)}${pad("score", 9)}caught by`);
  for (const row of report.mutants) {
    const score = row.score === undefined ? "-" : formatPoints(row.score, row.maxScore!);
    lines.push(`${pad(row.id, width)}${pad(score, 9)}${caught(row)}`);
    lines.push(`  ${row.description}`);
  }
  if (report.skipped.length) {
    lines.push("");
    lines.push("Skipped (the same script as another):");
    for (const s of report.skipped) lines.push(`  ${s.id}: identical to ${s.sameAs}`);
  }
  lines.push("");
  lines.push(
    report.survivors.length
      ? `${report.survivors.length} of ${report.mutants.length} mutants keep full marks: ${report.survivors.join(", ")}`
      : `Every mutant lost points: no blind spot found among ${report.mutants.length} mutants.`,
  );
  return lines.join("\n");
}

export function reportJson(report: MutationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
