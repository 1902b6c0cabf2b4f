/**
 * `grade --classroom`: what GitHub Classroom's autograding-grading-reporter reads.
 * The step's `result` output (base64 of the runner payload, report/classroom.ts) goes
 * to the file named by $GITHUB_OUTPUT; the Markdown table to $GITHUB_STEP_SUMMARY.
 * Outside GitHub Actions neither is set: say so, and carry on.
 */
import * as fs from "node:fs";
import type { Io } from "./io";
import type { GradeResult } from "./result";
import { toClassroomOutput, toMarkdown } from "./report";

export function writeClassroomOutputs(result: GradeResult, env: NodeJS.ProcessEnv, io: Io): void {
  if (env.GITHUB_OUTPUT) {
    // One line: base64 holds no newline, so no heredoc delimiter is needed.
    fs.appendFileSync(env.GITHUB_OUTPUT, `result=${toClassroomOutput(result)}\n`, "utf8");
  } else {
    io.err("labgrade: --classroom: GITHUB_OUTPUT is not set (not in GitHub Actions?); the result output for the Classroom reporter was not written.");
  }
  if (env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(env.GITHUB_STEP_SUMMARY, `${toMarkdown(result)}\n`, "utf8");
  } else {
    io.err("labgrade: --classroom: GITHUB_STEP_SUMMARY is not set; no step summary was written.");
  }
}
