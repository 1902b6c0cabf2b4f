/**
 * `labgrade mutate <rubric> <reference-dir> [--parallel N] [--json FILE] [--only TEXT]... [--var NAME=VALUE]...`:
 * makes wrong variants of the reference answer (runner/mutate/), grades each as a
 * batch grades a class, and reports the ones that keep full marks: the rubric's
 * blind spots. Exit 1 when a mutant keeps full marks, 0 otherwise, 2 on bad usage
 * or a reference short of full marks, 3 when no sandbox could run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { errorResult } from "../error-result";
import { loadOrRefuse } from "../rubric/load-or-refuse";
import { gradeSubmission } from "../engine";
import { SandboxUnavailableError, UsageError } from "../errors";
import { writeFileAtomic } from "../files";
import type { Io } from "../io";
import { log } from "../log";
import { defaultParallel, parseParallel } from "../batch/parallel";
import { watchInterruption } from "../batch/interruption";
import { ProgressModel, progressDisplay } from "../batch/progress";
import { planMutants } from "../mutate/mutants";
import { buildReport, reportJson, reportText } from "../mutate/report";
import { runMutants } from "../mutate/run";
import type { MutateArgs } from "./mutate.cli";

function readIn(dir: string): (file: string) => string | undefined {
  return (file) => {
    try {
      return fs.readFileSync(path.join(dir, file), "utf8");
    } catch {
      return undefined;
    }
  };
}

export async function mutateCommand(args: MutateArgs, io: Io): Promise<number> {
  if (!fs.statSync(args.referenceDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`${args.referenceDir} is not a folder. Give the folder of the reference answer (the lab done right).`);
  }
  const parallel = args.parallel === undefined ? undefined : parseParallel(args.parallel);
  const rubric = await loadOrRefuse(args.rubric, args.variables);
  const planned = planMutants(rubric, readIn(args.referenceDir));
  if (!readIn(args.referenceDir)(rubric.submission.script)) {
    throw new UsageError(`${args.referenceDir} has no ${rubric.submission.script}, the rubric's script: give the folder of the reference answer.`);
  }
  const only = args.only;
  const plan = only.length ? { ...planned, mutants: planned.mutants.filter((m) => only.some((o) => m.id.includes(o))) } : planned;
  if (only.length && plan.mutants.length === 0) throw new UsageError(`no mutant's id contains ${only.join(" or ")}; ids look like ${planned.mutants[0]?.id ?? "drop-mount:web:/data"}`);

  const slots = parallel ?? defaultParallel(rubric.limits.memoryBytes);
  io.err(`labgrade: ${rubric.id}: ${plan.mutants.length} mutants of ${args.referenceDir} (${plan.skipped.length} skipped as identical), and the reference first; ${slots} at a time`);
  const display = progressDisplay(new ProgressModel(plan.mutants.length + 1, slots), {
    live: args.live ?? Boolean(process.stderr.isTTY),
    write: io.err,
    columns: process.stderr.columns,
  });
  const interruption = watchInterruption();
  let runs;
  try {
    runs = await runMutants({
      referenceDir: args.referenceDir,
      mutants: plan.mutants,
      parallel: slots,
      grade: (dir) => gradeSubmission({ rubric, submissionDir: dir, variables: args.variables }),
      failed: (dir, error) => {
        log(`grading ${dir} failed: ${(error as Error).stack ?? error}`);
        return errorResult(rubric, dir, (error as Error).message ?? String(error));
      },
      progress: display,
      stopped: () => interruption.interrupted,
    });
  } finally {
    display.close();
    interruption.dispose();
  }
  if (interruption.interrupted) return 130;

  const report = buildReport(rubric.id, args.referenceDir, plan, runs);
  if (args.json) writeFileAtomic(args.json, reportJson(report));
  const reference = runs.reference;
  if (reference?.error instanceof SandboxUnavailableError) throw reference.error;
  const ref = report.referenceScore;
  if (!ref || ref.status !== "completed" || ref.score < ref.maxScore) {
    const why = ref?.status === "completed" ? `scores ${ref.score}/${ref.maxScore} (${ref.failed.join(", ")} did not pass)` : `could not be graded (${reference?.result.error ?? "no result"})`;
    throw new UsageError(`the reference ${args.referenceDir} ${why}: mutants are compared with a reference that gets full marks. Fix the rubric or the reference first (labgrade grade ${args.referenceDir} --rubric ${args.rubric}).`);
  }
  io.out(reportText(report));
  return report.survivors.length ? 1 : 0;
}
