/**
 * GitHub Classroom's runner result, read by classroom-resources/autograding-grading-reporter
 * from the `<RUNNER>_RESULTS` environment variable as base64 of this JSON. The reporter sums
 * tests[].score for the grade and counts max_score, so partial credit lives in each score.
 */
import type { CheckResult, GradeResult } from "../result";
import { clean, feedback, feedbackText, showsDetails } from "./text";

export type ClassroomStatus = "pass" | "fail" | "error";

export interface ClassroomTest {
  name: string;
  status: ClassroomStatus;
  score: number;
  message: string;
  line_no: 0;
  test_code: string;
  filename: string;
  /** Milliseconds. */
  duration: number;
}

export interface ClassroomPayload {
  version: 1;
  status: ClassroomStatus;
  max_score: number;
  tests: ClassroomTest[];
}

// Classroom shows every message to the student: hidden checks say nothing about themselves.
const HIDDEN = "hidden check: details are not shown";

function testStatus(check: CheckResult): ClassroomStatus {
  if (check.status === "error") return "error";
  return check.status === "passed" && check.points >= check.maxPoints ? "pass" : "fail";
}

function message(check: CheckResult): string {
  if (!showsDetails(check)) return check.status === "passed" ? "" : HIDDEN;
  return feedback(check).map(feedbackText).join("\n");
}

function toTest(result: GradeResult, check: CheckResult): ClassroomTest {
  return {
    name: clean(check.title),
    status: testStatus(check),
    score: check.points,
    message: message(check),
    line_no: 0,
    test_code: check.id,
    filename: result.rubric,
    duration: check.durationMs,
  };
}

export function toClassroomPayload(result: GradeResult): ClassroomPayload {
  const tests = result.checks.map((check) => toTest(result, check));
  if (result.status === "error") {
    tests.unshift({
      name: "grading",
      status: "error",
      score: 0,
      message: clean(result.error ?? "grading did not complete"),
      line_no: 0,
      test_code: "grading",
      filename: result.rubric,
      duration: result.durationMs,
    });
  }
  const status: ClassroomStatus =
    result.status === "error" ? "error" : result.score >= result.maxScore ? "pass" : "fail";
  return { version: 1, status, max_score: result.maxScore, tests };
}

/** The value of `<RUNNER>_RESULTS`: base64 of the payload's JSON, encoded as UTF-8. */
export function toClassroomOutput(result: GradeResult): string {
  return Buffer.from(JSON.stringify(toClassroomPayload(result)), "utf8").toString("base64");
}
