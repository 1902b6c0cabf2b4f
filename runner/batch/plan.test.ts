import type { GradeResult } from "../result";
import { describeRegrades, planShare, type PlanOptions } from "./plan";
import type { Previous } from "./previous";
import { asStudent, classResults } from "../../test/support/sample-class";

const students = ["alice", "bob", "chloe", "dan", "eve", "fay", "gus", "hal"].map((name) => ({ name, dir: `/class/${name}` }));
const digests = { rubric: "r1", submission: "s1" };
const result = (index: number, name: string, extra: Partial<GradeResult> = {}): Previous => ({
  kind: "result",
  result: { ...asStudent(classResults[index]!, name), digests, ...extra },
});
const previous: Record<string, Previous> = {
  alice: result(3, "alice"),
  bob: result(2, "bob"), // errored
  chloe: result(1, "chloe", { rubric: "another-lab" }),
  // dan: none
  eve: { kind: "unreadable", why: "not JSON (cut short or edited)" },
  fay: result(3, "fay", { digests: { rubric: "r0", submission: "s1" } }),
  gus: result(3, "gus", { digests: { rubric: "r0", submission: "s0" } }),
  hal: result(3, "hal", { digests: undefined }),
};
const options: PlanOptions = { rubricId: "lamp-stack", rubricDigest: "r1", submissionDigest: (s) => (s.name === "gus" ? "s2" : "s1"), force: false };
const lookup = (student: { name: string }): Previous => previous[student.name] ?? { kind: "missing" };

describe("planShare", () => {
  it("keeps only a completed result of the same rubric content and submission content", () => {
    const plan = planShare(students, lookup, options);
    expect(plan.kept.map((r) => r.submission)).toEqual(["alice"]);
    expect(plan.grade.map((s) => s.name)).toEqual(["bob", "chloe", "dan", "eve", "fay", "gus", "hal"]);
    expect(Object.fromEntries(plan.again)).toEqual({
      bob: ["errored"],
      chloe: ["other-rubric"],
      eve: ["unreadable"],
      fay: ["rubric-changed"],
      gus: ["rubric-changed", "submission-changed"],
      hal: ["no-digests"],
    });
  });

  it("grades a student again when the submission's digest cannot be taken", () => {
    const plan = planShare(students.slice(0, 1), lookup, { ...options, submissionDigest: () => undefined });
    expect(Object.fromEntries(plan.again)).toEqual({ alice: ["submission-changed"] });
  });

  it("says how many are graded again and why", () => {
    expect(describeRegrades(planShare(students, lookup, options).again)).toBe(
      "6 graded again (result.json unreadable: 1, earlier grading errored: 1, graded with another rubric: 1, rubric changed: 2, submission changed: 1, graded before content digests were recorded: 1)",
    );
    expect(describeRegrades(new Map())).toBe("");
  });

  it("grades everyone with --force", () => {
    const plan = planShare(students, lookup, { ...options, force: true });
    expect(plan).toEqual({ grade: students, kept: [], again: new Map() });
  });
});
