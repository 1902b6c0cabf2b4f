/**
 * Which students of a share this run grades. A resumed batch keeps a student's
 * completed result of the same rubric; an errored one (no engine, an interruption)
 * is graded again, and --force grades everyone again. Reads nothing itself.
 */
import type { GradeResult } from "../result";
import { isReusable } from "./store";
import type { Student } from "./students";

export interface Plan {
  grade: Student[];
  kept: GradeResult[];
}

export function planShare(
  share: readonly Student[],
  previous: (student: Student) => GradeResult | undefined,
  options: { rubricId: string; force: boolean },
): Plan {
  const plan: Plan = { grade: [], kept: [] };
  for (const student of share) {
    const result = options.force ? undefined : previous(student);
    if (isReusable(result, options.rubricId)) plan.kept.push(result);
    else plan.grade.push(student);
  }
  return plan;
}
