import * as path from "node:path";
import { NO_TIMINGS, type GradeResult } from "./result";
import { maxScore } from "./rubric/points";
import type { Rubric } from "./rubric/types";

/** The result of a grading that could not run, so that reports always have something to say. */
export function errorResult(rubric: Rubric, submission: string, error: string): GradeResult {
  const checks = rubric.steps.flatMap((step) =>
    step.kind === "check"
      ? [{ id: step.id, title: step.title, status: "error" as const, points: 0, maxPoints: step.points, message: `not checked: ${error}`, durationMs: 0 }]
      : [],
  );
  return {
    rubric: rubric.id,
    submission: path.basename(path.resolve(submission)),
    score: 0,
    maxScore: maxScore(rubric.steps),
    status: "error",
    checks,
    run: { exitCode: null, durationMs: 0, output: "", timedOut: false, droppedBytes: 0 },
    warnings: [],
    error,
    durationMs: 0,
    timings: { ...NO_TIMINGS },
  };
}
