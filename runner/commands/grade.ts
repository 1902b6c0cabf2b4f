/** `labgrade grade <submission> --rubric R`: one submission, one result. */
import * as fs from "node:fs";
import { gradeSubmission } from "../engine";
import { classroom50Run, writeClassroom50Files } from "../classroom50-files";
import { writeClassroomOutputs } from "../github-outputs";
import { errorResult } from "../error-result";
import { SandboxUnavailableError, UsageError } from "../errors";
import type { Io } from "../io";
import type { GradeResult } from "../result";
import { toConsole } from "../report";
import { writeReports } from "../report/write";
import { loadOrRefuse } from "../rubric/load-or-refuse";
import { applyLimitOverrides } from "../rubric/limits";
import { startEarly } from "../early-sandbox";
import { rubricFile } from "../paths";
import type { SandboxStarter } from "../sandbox/sandbox";
import { gradeWhileEngineWatched } from "../watched-grading";
import type { GradeArgs } from "./grade.cli";

export async function gradeCommand(args: GradeArgs, io: Io): Promise<number> {
  if (!fs.existsSync(args.submission) || !fs.statSync(args.submission).isDirectory()) {
    throw new UsageError(`${args.submission} is not a folder. Give the folder that holds the submission's scripts.`);
  }
  // The sandbox boots while the rubric is checked; a rubric refused, or asking for another, removes it.
  const early = startEarly({ rubricFile: rubricFile(args.rubric), submissionDir: args.submission, overrides: args.limits, provisioning: args.images });
  await early?.created;
  try {
    return await gradeAndReport(args, io, early?.start);
  } finally {
    await early?.discard();
  }
}

async function gradeAndReport(args: GradeArgs, io: Io, startSandbox: SandboxStarter | undefined): Promise<number> {
  const rubric = applyLimitOverrides(await loadOrRefuse(args.rubric, args.variables), args.limits ?? {});
  const classroom50 = args.classroom50 && classroom50Run(rubric, process.env, args.classroom50.scale);
  const report = (graded: GradeResult) => {
    writeReports(graded, args);
    if (args.classroom) writeClassroomOutputs(graded, process.env, io);
    if (classroom50) writeClassroom50Files(graded, rubric, classroom50);
  };
  let result: GradeResult;
  // The reports are written while the sandbox is removed; the command ends once it is.
  let removed: Promise<void> = Promise.resolve();
  try {
    // The release body is in the student's language; the engine's messages in it too.
    result = await gradeWhileEngineWatched(() =>
      gradeSubmission({
        rubric,
        submissionDir: args.submission,
        variables: args.variables,
        provisioning: args.images,
        startSandbox,
        lang: classroom50?.lang,
        teardown: (removal) => (removed = removal),
      }),
    );
  } catch (error) {
    await removed;
    if (!(error instanceof SandboxUnavailableError)) throw error;
    report(errorResult(rubric, args.submission, error.message));
    throw error;
  }
  try {
    report(result);
    io.out(toConsole(result, { color: io.color }));
  } finally {
    await removed;
  }
  return 0;
}
