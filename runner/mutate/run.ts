/**
 * Grades the reference and its mutants as a batch grades a class: N at a time
 * (runner/batch/run.ts), each in a copy of the reference folder with one file
 * changed, made just before its grading and removed just after. The reference
 * goes first: when it does not score full marks, nothing more starts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../result";
import type { ProgressDisplay } from "../batch/progress";
import { gradeAll, type GradedStudent } from "../batch/run";
import type { Student } from "../batch/students";
import type { Mutant } from "./mutants";

export interface MutantRunOptions {
  referenceDir: string;
  mutants: readonly Mutant[];
  parallel: number;
  grade: (dir: string) => Promise<GradeResult>;
  /** The error result for a grading that threw. */
  failed: (dir: string, error: unknown) => GradeResult;
  progress: ProgressDisplay;
  stopped: () => boolean;
}

export interface MutantRuns {
  reference?: GradedStudent;
  /** By mutant id; a mutant not graded (stopped early) has none. */
  mutants: Map<string, GradedStudent>;
}

export const REFERENCE = "reference";

export const fullMarks = (result: GradeResult) => result.status === "completed" && result.score >= result.maxScore;

/** A folder name for a mutant id: drop-mount:lamp-web:/var/www/html gives drop-mount-lamp-web-var-www-html. */
export function folderName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "mutant";
}

function copyOf(referenceDir: string, into: string, mutant?: Mutant): void {
  fs.cpSync(referenceDir, into, { recursive: true, verbatimSymlinks: true });
  if (mutant) fs.writeFileSync(path.join(into, mutant.file), mutant.text);
}

export async function runMutants(options: MutantRunOptions): Promise<MutantRuns> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-mutate-"));
  // Named by id in the progress lines; each in a folder of its own.
  const byName = new Map<string, Mutant | undefined>([[REFERENCE, undefined]]);
  const folders = new Set([REFERENCE]);
  const items: Student[] = [{ name: REFERENCE, dir: path.join(root, REFERENCE) }];
  for (const mutant of options.mutants) {
    let folder = folderName(mutant.id);
    for (let n = 2; folders.has(folder); n++) folder = `${folderName(mutant.id)}-${n}`;
    folders.add(folder);
    byName.set(mutant.id, mutant);
    items.push({ name: mutant.id, dir: path.join(root, folder) });
  }
  let referenceFailed = false;
  try {
    const outcomes = await gradeAll(items, {
      parallel: options.parallel,
      grade: async (item) => {
        copyOf(options.referenceDir, item.dir, byName.get(item.name));
        try {
          return await options.grade(item.dir);
        } finally {
          fs.rmSync(item.dir, { recursive: true, force: true });
        }
      },
      failed: (item, error) => options.failed(item.dir, error),
      save: (item, result) => {
        if (item.name === REFERENCE && !fullMarks(result)) referenceFailed = true;
      },
      progress: options.progress,
      stopped: () => referenceFailed || options.stopped(),
    });
    const runs: MutantRuns = { mutants: new Map() };
    for (const outcome of outcomes) {
      const mutant = byName.get(outcome.student.name);
      if (mutant) runs.mutants.set(mutant.id, outcome);
      else runs.reference = outcome;
    }
    return runs;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
