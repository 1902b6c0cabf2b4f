/**
 * The layout of a batch's output folder, and reading a student's result back:
 *   students/<student>/result.json   the result contract (report/json.ts)
 *   students/<student>/junit.xml
 *   gradebook.csv, results.json, report.html, summary.md   the class, from the results
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { GradeResult } from "../result";

export const STUDENTS_DIR = "students";

/**
 * A hidden file that marks a folder as labgrade output, so that a batch never takes
 * another run's output folder for a student (--out class/out, then a shard over class/).
 */
export const OUTPUT_MARKER = ".labgrade-output";

export function markOutput(out: string): void {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, OUTPUT_MARKER), "Written by labgrade batch or merge: this folder is never graded as a submission.\n");
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

/** A result.json that parses and has the result's shape; undefined when missing or cut short. */
export function readResult(file: string): GradeResult | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return isResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a resumed batch keeps a result instead of grading again: only a completed
 * grading of the same rubric. An errored one (no engine, an interruption) is retried.
 */
export function isReusable(result: GradeResult | undefined, rubricId: string): result is GradeResult {
  return result?.status === "completed" && result.rubric === rubricId;
}
