/**
 * The layout of a batch's output folder, and reading a student's result back:
 *   students/<student>/result.json   the result contract (report/json.ts)
 *   students/<student>/junit.xml
 *   gradebook.csv, results.json, report.html, summary.md   the class, from the results
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../files";
import type { GradeResult } from "../result";

export const STUDENTS_DIR = "students";

/**
 * A hidden file that marks a folder as labgrade output, so that a batch never takes
 * another run's output folder for a student (--out class/out, then a shard over class/).
 */
export const OUTPUT_MARKER = ".labgrade-output";

export function markOutput(out: string): void {
  writeFileAtomic(path.join(out, OUTPUT_MARKER), "Written by labgrade batch or merge: this folder is never graded as a submission.\n");
}

export interface StudentFiles {
  dir: string;
  json: string;
  junit: string;
}

export function studentFiles(out: string, student: string): StudentFiles {
  const dir = path.join(out, STUDENTS_DIR, student);
  return { dir, json: path.join(dir, "result.json"), junit: path.join(dir, "junit.xml") };
}

export function isResult(value: unknown): value is GradeResult {
  const r = value as GradeResult | null;
  return (
    typeof r === "object" && r !== null &&
    typeof r.rubric === "string" && typeof r.submission === "string" &&
    typeof r.score === "number" && typeof r.maxScore === "number" &&
    (r.status === "completed" || r.status === "error") &&
    Array.isArray(r.checks) && typeof r.run === "object" && r.run !== null
  );
}

/** What an earlier run left for a student: nothing, a file that is not a result, or a result. */
export type Previous = { kind: "missing" } | { kind: "unreadable"; why: string } | { kind: "result"; result: GradeResult };

export function readPrevious(file: string): Previous {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "unreadable", why: (error as Error).message };
  }
  try {
    const value: unknown = JSON.parse(text);
    return isResult(value) ? { kind: "result", result: value } : { kind: "unreadable", why: "not a result's shape" };
  } catch {
    return { kind: "unreadable", why: "not JSON (cut short or edited)" };
  }
}
