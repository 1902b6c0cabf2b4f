/**
 * The submissions of a class: one sub-folder per student. A GitHub Classroom
 * export (one cloned repository per student) has the same shape.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { OUTPUT_MARKER } from "../report/class/folder";
import { compareNames } from "../report/class/columns";

export interface Student {
  /** The folder's name: the student's key in every output. */
  name: string;
  dir: string;
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The student folders of `classDir`, sorted by name: hidden entries and plain
 * files are left out, and so are `exclude` (this run's output folder, when it
 * lies inside the class folder) and the output folders of other runs (they hold
 * OUTPUT_MARKER). Links to folders count as folders.
 */
export function listStudents(classDir: string, exclude: string[] = []): Student[] {
  const excluded = new Set(exclude.map(realOrSelf));
  return fs
    .readdirSync(classDir)
    .filter((name) => !name.startsWith("."))
    .map((name) => ({ name, dir: path.join(classDir, name) }))
    .filter((student) => fs.statSync(student.dir, { throwIfNoEntry: false })?.isDirectory())
    .filter((student) => !excluded.has(realOrSelf(student.dir)) && !fs.existsSync(path.join(student.dir, OUTPUT_MARKER)))
    .sort((a, b) => compareNames(a.name, b.name));
}
