/**
 * `labgrade batch <class-dir> --rubric R --out DIR [--parallel N] [--shard i/n] [--force]`:
 * every student folder of a class, N at a time, into DIR/students/<student>/ and the
 * class files (gradebook.csv, results.json, report.html, summary.md). Resumes: a student
 * with a completed result graded from the same rubric content and the same submission
 * content (their digests) is kept unless --force; the summary says who is graded again, and why.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeSubmission } from "../engine";
import { errorResult } from "../error-result";
import { writeReports } from "../report/write";
import { loadOrRefuse } from "../rubric/load-or-refuse";
import { removePartials } from "../files";
import { hostDocker } from "../sandbox/host-engine";
import { removeOwnContainers } from "../sandbox/orphans";
import { ENGINE_LEFT, watchEngine } from "../batch/engine-watch";
import { SandboxUnavailableError, UsageError } from "../errors";
import type { Io } from "../io";
import { log } from "../log";
import { formatNumber } from "../report/text";
import type { GradeResult } from "../result";
import { writeClassFiles } from "../report/class/write";
import { watchInterruption } from "../batch/interruption";
import { defaultParallel, parseParallel } from "../batch/parallel";
import { ProgressModel, formatDuration, progressDisplay } from "../batch/progress";
import { submissionDigest } from "../batch/digest";
import { describeRegrades, planShare } from "../batch/plan";
import { gradeAll, type GradedStudent } from "../batch/run";
import { parseShard, shareOf } from "../batch/shards";
import { classStats } from "../report/class/stats";
import { readPrevious, type Previous } from "../batch/previous";
import { markOutput, studentFiles } from "../report/class/folder";
import { listStudents } from "../batch/students";
import type { BatchArgs } from "./batch.cli";

function isFolder(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Exit 3 only when no sandbox could run at all: some grading met no engine and none ran in one. */
function noSandboxRan(outcomes: readonly GradedStudent[]): SandboxUnavailableError | undefined {
  const unavailable = outcomes.find((o) => o.error instanceof SandboxUnavailableError)?.error as SandboxUnavailableError | undefined;
  return unavailable && !outcomes.some((o) => o.result.sandbox) ? unavailable : undefined;
}

export async function batchCommand(args: BatchArgs, io: Io): Promise<number> {
  if (!isFolder(args.classDir)) throw new UsageError(`${args.classDir} is not a folder. Give the folder that holds one sub-folder per student.`);
  if (path.resolve(args.out) === path.resolve(args.classDir)) throw new UsageError("--out must not be the class folder itself: give a new folder, e.g. --out grades");
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const rubric = await loadOrRefuse(args.rubric, args.variables);
  const parallel = args.parallel === undefined ? defaultParallel(rubric.limits.memoryBytes) : parseParallel(args.parallel);

  markOutput(args.out);
  const everyone = listStudents(args.classDir, [args.out]);
  if (everyone.length === 0) throw new UsageError(`${args.classDir} holds no student folder (hidden folders and files are not submissions).`);
  const share = shareOf(everyone, shard);
  // A run killed between writing a file and renaming it into place left its temporary file.
  removePartials(args.out);
  for (const student of share) removePartials(studentFiles(args.out, student.name).dir);
  const digests = new Map(share.map((student) => [student.name, submissionDigest(student.dir)]));
  const previous = (student: { name: string }): Previous => {
    const file = studentFiles(args.out, student.name).json;
    const found = readPrevious(file);
    if (found.kind === "unreadable") io.err(`labgrade: warning: ${file} is not a result (${found.why}): grading ${student.name} again`);
    return found;
  };
  const { grade: toGrade, kept, again } = planShare(share, previous, {
    rubricId: rubric.id,
    rubricDigest: rubric.digest,
    submissionDigest: (student) => digests.get(student.name),
    force: args.force,
  });

  // What was graded, so that a later run can tell whether the result still holds.
  const recorded = (student: { name: string }, result: GradeResult): GradeResult => {
    const submission = digests.get(student.name);
    return submission === undefined ? result : { ...result, digests: { rubric: rubric.digest, submission } };
  };

  const of = shard ? `shard ${shard.index}/${shard.total}: ${share.length} of ${everyone.length} students` : `${share.length} students`;
  const keptNote = kept.length ? `; ${kept.length} kept from an earlier run (--force grades them again)` : "";
  const againNote = again.size ? `; ${describeRegrades(again)}` : "";
  io.err(`labgrade: ${rubric.id}: ${of}, grading ${toGrade.length}, ${parallel} at a time${keptNote}${againNote}`);

  const started = Date.now();
  const display = progressDisplay(new ProgressModel(toGrade.length, parallel), {
    live: args.live ?? Boolean(process.stderr.isTTY),
    write: io.err,
    columns: process.stderr.columns,
  });
  const interruption = watchInterruption();
  const engine = toGrade.length ? await hostDocker().then(watchEngine, () => undefined) : undefined;
  // A grading the host engine went away during says nothing of the student's work.
  const unlessEngineLeft = async (student: { dir: string }, result: GradeResult, started: number): Promise<GradeResult> =>
    result.status === "completed" && (await engine?.leftDuring(started))
      ? errorResult(rubric, student.dir, `${ENGINE_LEFT}; run the same command again: it grades this student again.`)
      : result;
  let outcomes: GradedStudent[];
  const removals = new Set<Promise<void>>();
  try {
    outcomes = await gradeAll(toGrade, {
      parallel,
      grade: async (student) => {
        const started = Date.now();
        // The next student's sandbox starts while this one's is removed.
        const result = await gradeSubmission({ rubric, submissionDir: student.dir, variables: args.variables, teardown: (removal) => void removals.add(removal) });
        return recorded(student, await unlessEngineLeft(student, result, started));
      },
      failed: (student, error) => {
        log(`grading ${student.name} failed: ${(error as Error).stack ?? error}`);
        return recorded(student, errorResult(rubric, student.dir, (error as Error).message ?? String(error)));
      },
      save: (student, result) => {
        const files = studentFiles(args.out, student.name);
        writeReports(result, { json: files.json, junit: files.junit });
      },
      progress: display,
      stopped: () => interruption.interrupted,
    });
  } finally {
    await Promise.all(removals);
    display.close();
    interruption.dispose();
    engine?.dispose();
  }
  if (interruption.interrupted) return 130;
  // Sandboxes the engine lost while away could not be removed then; it answers again now.
  if (engine?.outages().length) {
    await removeOwnContainers().catch(() =>
      io.err("labgrade: the host's Docker engine went away during this batch and does not answer yet: once it does, `labgrade clean` removes the sandboxes it held."),
    );
  }

  const results = [...kept, ...outcomes.map((o) => o.result)];
  const written = writeClassFiles(args.out, results);
  const stats = classStats(results);
  io.out(
    `${rubric.id}: ${stats.students} students, mean ${formatNumber(stats.mean)}/${formatNumber(stats.maxScore)}, ` +
      `${stats.errored} grading error(s); graded ${outcomes.length} in ${formatDuration(Date.now() - started)}`,
  );
  io.out(`wrote ${written.join(", ")} and ${path.join(args.out, "students")}/<student>/{result.json,junit.xml}`);

  const unavailable = noSandboxRan(outcomes);
  if (unavailable) {
    throw new SandboxUnavailableError(`${unavailable.message}\nNo submission could be graded in a sandbox; run the same command again once this is fixed: it resumes.`);
  }
  return 0;
}
