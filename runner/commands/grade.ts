/** `labgrade grade <submission> --rubric R`: one submission, one result. */
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeSubmission } from "../engine";
import { classroom50Run, writeClassroom50Files } from "../classroom50-files";
import { writeFileAtomic } from "../files";
import { writeClassroomOutputs } from "../github-outputs";
import { RubricError, SandboxUnavailableError, UsageError } from "../errors";
import type { Io } from "../io";
import { NO_TIMINGS, type GradeResult } from "../result";
import { toConsole, toJson, toJunit } from "../report";
import { rubricFile } from "../paths";
import { formatIssue, loadRubric } from "../rubric/load";
import type { Rubric } from "../rubric/types";
import { applyLimitOverrides } from "../limit-overrides";
import type { GradeArgs } from "./grade.cli";

export async function loadOrRefuse(file: string, variables: Record<string, string> = {}): Promise<Rubric> {
  const loaded = await loadRubric(rubricFile(file), { variables });
  if (!loaded.rubric || loaded.errors.length) {
    throw new RubricError([...loaded.errors.map(formatIssue), `${file}: ${loaded.errors.length} error(s); nothing was graded.`].join("\n"));
  }
  return loaded.rubric;
}

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
    maxScore: checks.reduce((sum, c) => sum + c.maxPoints, 0),
    status: "error",
    checks,
    run: { exitCode: null, durationMs: 0, output: "", timedOut: false, droppedBytes: 0 },
    warnings: [],
    error,
    durationMs: 0,
    timings: { ...NO_TIMINGS },
  };
}

export function writeReports(result: GradeResult, args: { json?: string; junit?: string }): void {
  if (args.json) writeFileAtomic(args.json, toJson(result));
  if (args.junit) writeFileAtomic(args.junit, toJunit(result));
}

export async function gradeCommand(args: GradeArgs, io: Io): Promise<number> {
  if (!fs.existsSync(args.submission) || !fs.statSync(args.submission).isDirectory()) {
    throw new UsageError(`${args.submission} is not a folder. Give the folder that holds the submission's scripts.`);
  }
  const rubric = applyLimitOverrides(await loadOrRefuse(args.rubric, args.variables), args.limits ?? {});
  const classroom50 = args.classroom50 && classroom50Run(rubric, process.env, args.classroom50.scale);
  const report = (graded: GradeResult) => {
    writeReports(graded, args);
    if (args.classroom) writeClassroomOutputs(graded, process.env, io);
    if (classroom50) writeClassroom50Files(graded, rubric, classroom50);
  };
  let result: GradeResult;
  try {
    // The release body is in the student's language; the engine's messages in it too.
    result = await gradeSubmission({ rubric, submissionDir: args.submission, variables: args.variables, provisioning: args.images, lang: classroom50?.lang });
  } catch (error) {
    if (!(error instanceof SandboxUnavailableError)) throw error;
    report(errorResult(rubric, args.submission, error.message));
    throw error;
  }
  report(result);
  io.out(toConsole(result, { color: io.color }));
  return 0;
}
