import * as path from "node:path";
import { skipped } from "./grading/results";
import { NOT_RUN } from "./grading/script-runner";
import { NO_TIMINGS, type GradeResult } from "./result";
import { maxScore } from "./rubric/points";
import type { CheckStep, Rubric } from "./rubric/types";

/** The result of a grading that could not run, so that reports always have something to say: each check not run, as the step walk marks one. */
export function errorResult(rubric: Rubric, submission: string, error: string): GradeResult {
  return {
    rubric: rubric.id,
    submission: path.basename(path.resolve(submission)),
    score: 0,
    maxScore: maxScore(rubric.steps),
    status: "error",
    checks: rubric.steps.filter((step): step is CheckStep => step.kind === "check").map((step) => skipped(step, { id: "engine.notRun", data: { error } }, "en", "error")),
    run: { ...NOT_RUN },
    warnings: [],
    error,
    durationMs: 0,
    timings: { ...NO_TIMINGS },
  };
}
