import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { markOutput } from "../report/class/folder";
import { listStudents } from "./students";

describe("listStudents", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-students-"));
    for (const name of ["bob", "Alice", "émile", ".git", ".hidden", "out"]) fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, "rubric.yaml"), "id: x\n");
    fs.writeFileSync(path.join(dir, "README.md"), "");
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-linked-"));
    fs.symlinkSync(elsewhere, path.join(dir, "linked"));
    fs.symlinkSync(path.join(dir, "no-such-folder"), path.join(dir, "dangling"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists sub-folders (links to folders too), sorted by code unit, without hidden ones, files or dangling links", () => {
    expect(listStudents(dir).map((s) => s.name)).toEqual(["Alice", "bob", "linked", "out", "émile"]);
    expect(listStudents(dir)[0]!.dir).toBe(path.join(dir, "Alice"));
  });

  it("leaves out the output folder when it lies inside the class folder, however it is spelled", () => {
    expect(listStudents(dir, [path.join(dir, "out")]).map((s) => s.name)).toEqual(["Alice", "bob", "linked", "émile"]);
    expect(listStudents(dir, [`${dir}/./out/`]).map((s) => s.name)).not.toContain("out");
    expect(listStudents(dir, [path.join(dir, "not-yet-created")]).map((s) => s.name)).toContain("out");
  });

  it("leaves out another run's output folder, by its marker", () => {
    markOutput(path.join(dir, "out"));
    expect(listStudents(dir).map((s) => s.name)).toEqual(["Alice", "bob", "linked", "émile"]);
  });
});
