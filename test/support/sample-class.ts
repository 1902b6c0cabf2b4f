/** Results for the batch tests: the report samples under other students' names. */
import type { GradeResult } from "../../runner/result";
import { erroredResult, lampResult, perfectResult } from "./sample-results";

export function asStudent(result: GradeResult, submission: string, score = result.score): GradeResult {
  return { ...result, submission, score };
}

/** A small class: a perfect grading, a partial one, an errored one (no checks), a comma and accents in a name. */
export const classResults: GradeResult[] = [
  asStudent(lampResult, "zoé, \"la\" <b>"),
  asStudent(perfectResult, "chloe"),
  asStudent(erroredResult, "bob"),
  asStudent(lampResult, "alice"),
];
