/**
 * `labgrade merge DIR... --out DIR`: joins the outputs of `batch --shard` runs into
 * the class files an unsharded batch writes (same bytes for the same results), and
 * copies each student's folder alongside so that report.html's links work.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors";
import type { Io } from "../io";
import type { GradeResult } from "../result";
import { writeClassFiles } from "../report/class/write";
import { parseResultsJson } from "../report/class/results-json";
import { markOutput, studentFiles } from "../report/class/folder";
import type { MergeArgs } from "./merge.cli";

/** Copies a student's files (result.json, junit.xml) from one output folder to another. */
function copyStudent(from: string, to: string, student: string): void {
  const source = studentFiles(from, student).dir;
  const target = studentFiles(to, student).dir;
  if (!fs.existsSync(source) || path.resolve(source) === path.resolve(target)) return;
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (entry.isFile()) fs.copyFileSync(path.join(source, entry.name), path.join(target, entry.name));
  }
}

export async function mergeCommand(args: MergeArgs, io: Io): Promise<number> {
  const results: GradeResult[] = [];
  const from = new Map<string, string>();
  for (const dir of args.dirs) {
    const file = path.join(dir, "results.json");
    if (!fs.existsSync(file)) {
      throw new UsageError(`${dir} has no results.json: give the --out folders of batch runs (a shard whose run was interrupted writes it when run again).`);
    }
    for (const result of parseResultsJson(fs.readFileSync(file, "utf8"), file)) {
      const earlier = from.get(result.submission);
      if (earlier !== undefined) throw new UsageError(`${result.submission} is in both ${earlier} and ${dir}: each student must come from one shard.`);
      from.set(result.submission, dir);
      results.push(result);
    }
  }
  const rubrics = [...new Set(results.map((r) => r.rubric))];
  if (rubrics.length > 1) throw new UsageError(`the folders hold results of different rubrics (${rubrics.join(", ")}); merge one rubric at a time.`);

  markOutput(args.out);
  for (const [student, dir] of from) copyStudent(dir, args.out, student);
  const written = writeClassFiles(args.out, results);
  io.out(`merged ${results.length} students from ${args.dirs.length} folder(s); wrote ${written.join(", ")}`);
  return 0;
}
