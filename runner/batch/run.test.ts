import type { GradeResult } from "../result";
import { lampResult } from "../../test/support/sample-results";
import type { ProgressDisplay } from "./progress";
import { gradeAll } from "./run";
import type { Student } from "./students";

const students: Student[] = ["alice", "broken", "chloe", "dan", "emma"].map((name) => ({ name, dir: `/class/${name}` }));
const graded = (student: Student): GradeResult => ({ ...lampResult, submission: student.name });
const failed = (student: Student, error: unknown): GradeResult => ({ ...lampResult, submission: student.name, status: "error", score: 0, error: (error as Error).message });

function silent(): ProgressDisplay & { done: string[] } {
  const done: string[] = [];
  return { done, started: () => undefined, finished: (student) => done.push(student), close: () => undefined };
}

describe("gradeAll", () => {
  it("turns a grading that throws into an error result and carries on with the others", async () => {
    const saved = new Map<string, GradeResult>();
    const progress = silent();
    const outcomes = await gradeAll(students, {
      parallel: 2,
      grade: async (student) => {
        if (student.name === "broken") throw new Error("tar: cannot read lamp.sh");
        return graded(student);
      },
      failed,
      save: (student, result) => saved.set(student.name, result),
      progress,
      stopped: () => false,
    });
    expect(outcomes.map((o) => [o.student.name, o.result.status])).toEqual([
      ["alice", "completed"], ["broken", "error"], ["chloe", "completed"], ["dan", "completed"], ["emma", "completed"],
    ]);
    expect(outcomes[1]!.error).toEqual(new Error("tar: cannot read lamp.sh"));
    expect(saved.get("broken")).toMatchObject({ status: "error", error: "tar: cannot read lamp.sh" });
    expect([...saved.keys()].sort()).toEqual(students.map((s) => s.name));
    expect(progress.done.sort()).toEqual(students.map((s) => s.name));
  });

  it("runs at most N gradings at once", async () => {
    let running = 0;
    let most = 0;
    await gradeAll(students, {
      parallel: 3,
      grade: async (student) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return graded(student);
      },
      failed,
      save: () => undefined,
      progress: silent(),
      stopped: () => false,
    });
    expect(most).toBe(3);
  });

  it("once interrupted, starts nothing more and saves nothing that finishes", async () => {
    let interrupted = false;
    const saved: string[] = [];
    const outcomes = await gradeAll(students, {
      parallel: 1,
      grade: async (student) => {
        if (student.name === "broken") interrupted = true;
        return graded(student);
      },
      failed,
      save: (student) => saved.push(student.name),
      progress: silent(),
      stopped: () => interrupted,
    });
    expect(saved).toEqual(["alice"]);
    expect(outcomes.map((o) => o.student.name)).toEqual(["alice"]);
  });
});
