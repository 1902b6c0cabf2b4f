/** The class in numbers: what report.html and summary.md chart and print. */
import type { GradeResult } from "../../result";
import { checkColumns, type CheckColumn } from "./columns";

export interface PassRate {
  check: CheckColumn;
  /** Students whose check passed (full points). */
  passed: number;
  /** Every student: an errored grading counts as not passed. */
  total: number;
}

export interface ScoreBin {
  label: string;
  count: number;
}

export interface ClassStats {
  students: number;
  errored: number;
  /** The highest maxScore among the results (they share one rubric). */
  maxScore: number;
  mean: number;
  median: number;
  passRates: PassRate[];
  bins: ScoreBin[];
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Whole-point bins up to 25 points (a bar per score), ten equal ranges above. */
export function scoreBins(scores: readonly number[], maxScore: number): ScoreBin[] {
  if (Number.isInteger(maxScore) && maxScore <= 25) {
    const bins = Array.from({ length: maxScore + 1 }, (_, i) => ({ label: String(i), count: 0 }));
    for (const score of scores) bins[Math.min(maxScore, Math.max(0, Math.floor(score)))]!.count++;
    return bins;
  }
  const width = maxScore / 10;
  const edge = (i: number) => String(Math.round(i * width * 10) / 10);
  const bins = Array.from({ length: 10 }, (_, i) => ({ label: `${edge(i)}–${edge(i + 1)}`, count: 0 }));
  for (const score of scores) bins[Math.min(9, Math.max(0, Math.floor(score / width)))]!.count++;
  return bins;
}

export function classStats(results: readonly GradeResult[]): ClassStats {
  const scores = results.map((r) => r.score).sort((a, b) => a - b);
  const maxScore = Math.max(0, ...results.map((r) => r.maxScore));
  return {
    students: results.length,
    errored: results.filter((r) => r.status === "error").length,
    maxScore,
    mean: scores.length ? scores.reduce((sum, s) => sum + s, 0) / scores.length : 0,
    median: median(scores),
    passRates: checkColumns(results).map((check) => ({
      check,
      passed: results.filter((r) => r.checks.some((c) => c.id === check.id && c.status === "passed")).length,
      total: results.length,
    })),
    bins: scoreBins(scores, maxScore),
  };
}

/** "75%": the share rounded to a whole percent. */
export function percent(part: number, whole: number): string {
  return `${whole ? Math.round((100 * part) / whole) : 0}%`;
}
