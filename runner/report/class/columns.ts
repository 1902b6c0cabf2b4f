/** What the class outputs share: the students in order, and one column per check. */
import type { GradeResult } from "../../result";

/**
 * Code-unit order, the same on every machine: locale-aware sorting would let two
 * shards, or a shard and its merge, order the same names differently.
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface CheckColumn {
  id: string;
  title: string;
  maxPoints: number;
}

/** Results in student order (the folder name each was graded from). */
export function byStudent(results: readonly GradeResult[]): GradeResult[] {
  return [...results].sort((a, b) => compareNames(a.submission, b.submission));
}

/**
 * One column per check id, in rubric order. Every result lists every check of its
 * rubric in that order (errored gradings too), so the first appearance of each id
 * gives the order; columns come from the results alone, so that `merge` and an
 * unsharded batch agree without the rubric.
 */
export function checkColumns(results: readonly GradeResult[]): CheckColumn[] {
  const columns = new Map<string, CheckColumn>();
  for (const result of byStudent(results)) {
    for (const check of result.checks) {
      if (!columns.has(check.id)) columns.set(check.id, { id: check.id, title: check.title, maxPoints: check.maxPoints });
    }
  }
  return [...columns.values()];
}
