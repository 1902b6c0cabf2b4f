/**
 * The layout of a class's output folder (batch and merge write it):
 *   students/<student>/result.json   the result contract (report/json.ts)
 *   students/<student>/junit.xml
 *   gradebook.csv, results.json, report.html, summary.md   the class, from the results
 */
import * as path from "node:path";
import { writeFileAtomic } from "../../files";

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
