import type { GradeResult } from "../result";
import { planShare } from "./plan";
import { asStudent, classResults } from "../../test/support/sample-class";

const students = ["alice", "bob", "chloe", "dan"].map((name) => ({ name, dir: `/class/${name}` }));
const previous: Record<string, GradeResult> = {
  alice: asStudent(classResults[3]!, "alice"),
  bob: asStudent(classResults[2]!, "bob"), // errored
  chloe: { ...asStudent(classResults[1]!, "chloe"), rubric: "another-lab" },
};

describe("planShare", () => {
  const lookup = (student: { name: string }) => previous[student.name];

  it("keeps completed results of the same rubric and grades the rest: errored, other rubric, missing", () => {
    const plan = planShare(students, lookup, { rubricId: "lamp-stack", force: false });
    expect(plan.kept.map((r) => r.submission)).toEqual(["alice"]);
    expect(plan.grade.map((s) => s.name)).toEqual(["bob", "chloe", "dan"]);
  });

  it("grades everyone with --force", () => {
    const plan = planShare(students, lookup, { rubricId: "lamp-stack", force: true });
    expect(plan).toEqual({ grade: students, kept: [] });
  });
});
