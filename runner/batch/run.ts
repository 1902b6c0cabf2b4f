/**
 * Grades a list of submissions N at a time. One broken submission never stops
 * the batch: whatever a grading throws becomes an error result for that student.
 * Grading itself is injected, so this runs in tests without Docker.
 */
import type { GradeResult } from "../result";
import { inPool } from "./pool";
import type { ProgressDisplay } from "./progress";
import type { Student } from "./students";

/** One student's grading in a batch. */
export interface GradedStudent {
  student: Student;
  result: GradeResult;
  /** What the grading threw, when it did: `result` is then an error result. */
  error?: unknown;
}

export interface GradeAllOptions {
  parallel: number;
  grade: (student: Student) => Promise<GradeResult>;
  /** The error result for a grading that threw. */
  failed: (student: Student, error: unknown) => GradeResult;
  /**
   * Persists one result as soon as it exists, so that an interrupted batch resumes.
   * When it throws (the output folder is full or read-only), nothing more starts,
   * the gradings under way finish, and gradeAll rethrows the first such error.
   */
  save: (student: Student, result: GradeResult) => void;
  progress: ProgressDisplay;
  /** True once interrupted: nothing more starts, and what finishes is not saved. */
  stopped: () => boolean;
}

export async function gradeAll(students: readonly Student[], options: GradeAllOptions): Promise<GradedStudent[]> {
  let unsaved: { error: unknown } | undefined;
  const stopped = () => unsaved !== undefined || options.stopped();
  const outcomes = await inPool(
    students,
    options.parallel,
    async (student): Promise<GradedStudent | undefined> => {
      options.progress.started(student.name);
      let outcome: GradedStudent;
      try {
        outcome = { student, result: await options.grade(student) };
      } catch (error) {
        outcome = { student, result: options.failed(student, error), error };
      }
      if (stopped()) return undefined;
      try {
        options.save(student, outcome.result);
      } catch (error) {
        unsaved ??= { error };
        return undefined;
      }
      options.progress.finished(student.name, outcome.result);
      return outcome;
    },
    stopped,
  );
  if (unsaved) throw unsaved.error;
  return outcomes.filter((o): o is GradedStudent => o !== undefined);
}
