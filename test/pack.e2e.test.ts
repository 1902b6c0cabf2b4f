/**
 * labgrade installs like any CLI: the tarball `npm pack` makes holds the built code, the
 * bundled rubrics, their schema and the image recipes, and needs no install script; the
 * `labgrade` npm installs from it works from any folder, with bundled rubrics by id.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { ROOT } from "./support/cli";
import { installLabgrade, packLabgrade } from "./support/pack";

const FIXTURES = path.join(ROOT, "fixtures", "submissions", "lamp-stack");
let dir: string;
let tarball: string;
let labgrade: string;
/** A folder that is neither the checkout nor the installed package. */
let elsewhere: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-pack-"));
  tarball = packLabgrade(dir);
  labgrade = installLabgrade(tarball, path.join(dir, "prefix"));
  elsewhere = path.join(dir, "course");
  for (const name of ["reference", "wrong-port"]) fs.cpSync(path.join(FIXTURES, name), path.join(elsewhere, name), { recursive: true });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const child = spawnSync(labgrade, args, { cwd: elsewhere, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

test("the tarball holds the built CLI, rubrics, schema, image recipes and templates, and no tests", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const file of [
    "dist/runner/cli.js",
    "dist/graders/index.js",
    "dist/common/units.js",
    "bin/labgrade.js",
    "rubrics/lamp-stack.yaml",
    "rubrics/schema/rubric.schema.json",
    "images/stand-ins.yaml",
    "images/sandbox/Dockerfile",
    "templates/classroom50/autograder.py",
  ]) {
    expect(files).toContain(`package/${file}`);
  }
  expect(files.filter((file) => /\.test\.js$|\.map$|^package\/(test|bench|fixtures\/submissions)\//.test(file))).toEqual([]);
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as { scripts?: Record<string, string> };
  expect(Object.keys(manifest.scripts ?? {}).filter((name) => /^(pre|post)?install$/.test(name))).toEqual([]);
});

test("explain and validate a bundled rubric by its id", () => {
  const explained = run(["explain", "lamp-stack"]);
  expect(explained).toMatchObject({ code: 0 });
  expect(explained.stdout).toContain("Les volumes mysql-data, web-content et user-uploads existent");
  const validated = run(["validate", "lamp-stack"]);
  expect(validated).toMatchObject({ code: 0 });
  expect(validated.stdout).toContain("lamp-stack: valid (13 steps, 20 points)");
});

test("grade and check a submission with a bundled rubric's id", () => {
  const graded = run(["grade", "reference", "--rubric", "lamp-stack", "--json", "reference.json"]);
  expect(graded.code).toBe(0);
  const result = JSON.parse(fs.readFileSync(path.join(elsewhere, "reference.json"), "utf8")) as GradeResult;
  expect(result).toMatchObject({ status: "completed", score: 20, maxScore: 20 });

  const checked = run(["check", "wrong-port", "--rubric", "lamp-stack", "--json"]);
  expect(checked.code).toBe(0);
  expect(JSON.parse(checked.stdout)).toMatchObject({ status: "completed", score: 14, maxScore: 20 });
});

test("an installed labgrade writes a Classroom 50 autograder folder, packing itself", () => {
  const written = run(["classroom50", "autograder", "--rubric", "lamp-stack", "--out", "autograder"]);
  expect(written).toMatchObject({ code: 0 });
  const repacked = path.join(elsewhere, "autograder", path.basename(tarball));
  expect(fs.readdirSync(path.join(elsewhere, "autograder")).sort()).toEqual(["autograder.py", path.basename(tarball)]);
  const list = (file: string) => execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).split("\n").filter(Boolean).sort();
  expect(list(repacked)).toEqual(list(tarball));
});
