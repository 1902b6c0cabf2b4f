import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../errors";
import { translator } from "../i18n";
import { REPO_ROOT } from "../paths";
import { bundledRubrics, findConfig, rubricFor } from "./check-config";

const t = translator("en");
let root: string;

/** A git repository holding an assignment: repo/.git, repo/labs/lamp/. */
function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(root, "repo-"));
  fs.mkdirSync(path.join(dir, ".git"));
  fs.mkdirSync(path.join(dir, "labs", "lamp"), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

beforeAll(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-config-"))));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("finding the rubric", () => {
  it("reads a bundled rubric's id from labgrade.yaml in the assignment's folder", () => {
    const dir = repo({ "labs/lamp/labgrade.yaml": "rubric: lamp-stack\n" });
    expect(rubricFor(path.join(dir, "labs", "lamp"), undefined, t)).toBe(path.join(REPO_ROOT, "rubrics", "lamp-stack.yaml"));
  });

  it("finds labgrade.yaml in a parent and resolves a path from where labgrade.yaml is", () => {
    const dir = repo({ "labgrade.yaml": "# the course's rubric\nrubric: rubrics/lab.yaml\n", "rubrics/lab.yaml": "id: lab\n" });
    expect(rubricFor(path.join(dir, "labs", "lamp"), undefined, t)).toBe(path.join(dir, "rubrics", "lab.yaml"));
  });

  it("takes the nearest labgrade.yaml", () => {
    const dir = repo({ "labgrade.yaml": "rubric: elsewhere\n", "labs/labgrade.yaml": "rubric: ../r.yaml\n", "r.yaml": "" });
    expect(rubricFor(path.join(dir, "labs", "lamp"), undefined, t)).toBe(path.join(dir, "r.yaml"));
  });

  it("looks no higher than the git root", () => {
    const outer = fs.mkdtempSync(path.join(root, "outer-"));
    fs.writeFileSync(path.join(outer, "labgrade.yaml"), "rubric: lamp-stack\n");
    const dir = path.join(outer, "student");
    fs.mkdirSync(path.join(dir, ".git"), { recursive: true });
    expect(findConfig(dir)).toEqual({ top: dir });
    expect(() => rubricFor(dir, undefined, t)).toThrow(/^No rubric found for .*student: no labgrade\.yaml in it or in its parents up to .*student\. .*--rubric/);
  });

  it("lets --rubric win, as a path from the working directory or a bundled id", () => {
    const dir = repo({ "labgrade.yaml": "rubric: nothing-like-this\n" });
    expect(rubricFor(dir, "lamp-stack", t)).toBe(path.join(REPO_ROOT, "rubrics", "lamp-stack.yaml"));
    expect(rubricFor(dir, path.relative(process.cwd(), path.join(REPO_ROOT, "rubrics", "lamp-stack.yaml")), t)).toBe(path.join(REPO_ROOT, "rubrics", "lamp-stack.yaml"));
  });

  it("names the bundled rubrics when the one asked for does not exist", () => {
    const dir = repo({ "labgrade.yaml": "rubric: lamp-stak\n" });
    expect(bundledRubrics()).toContain("lamp-stack");
    expect(() => rubricFor(dir, undefined, t)).toThrow(/The rubric lamp-stak named by .*labgrade\.yaml does not exist \(looked for .*lamp-stak\.yaml\)\. Bundled rubrics: .*lamp-stack/);
  });

  it("refuses a labgrade.yaml that is not `rubric: …`, saying which file", () => {
    const cases: Record<string, RegExp> = {
      "rubric: [a, b]\n": /labgrade\.yaml: expected a mapping with a `rubric` key/,
      "- lamp-stack\n": /labgrade\.yaml: expected a mapping/,
      "rubric: lamp-stack\nlanguage: fr\n": /labgrade\.yaml: unknown key `language`; labgrade\.yaml takes only `rubric`/,
      "rubric: [\n": /labgrade\.yaml: not valid YAML/,
    };
    for (const [text, message] of Object.entries(cases)) {
      const dir = repo({ "labgrade.yaml": text });
      expect(() => rubricFor(dir, undefined, t)).toThrow(UsageError);
      expect(() => rubricFor(dir, undefined, t)).toThrow(message);
    }
  });

  it("refuses, without reading it whole or waiting on it, a labgrade.yaml that is huge, a folder or a pipe", () => {
    const huge = repo({ "labgrade.yaml": `rubric: lamp-stack\n${"# padding\n".repeat(1_000_000)}` });
    const folder = repo({ "labgrade.yaml/x": "" });
    const pipe = repo({});
    execFileSync("mkfifo", [path.join(pipe, "labgrade.yaml")]);
    for (const dir of [huge, folder, pipe]) {
      expect(() => rubricFor(dir, undefined, t)).toThrow(UsageError);
      expect(() => rubricFor(dir, undefined, t)).toThrow(/labgrade\.yaml: expected a file of at most 64 KiB with one line, such as `rubric: lamp-stack`\./);
    }
  });

  it("refuses a labgrade.yaml the student may not read, saying why and what to do", () => {
    const dir = repo({ "labgrade.yaml": "rubric: lamp-stack\n" });
    fs.chmodSync(path.join(dir, "labgrade.yaml"), 0o000);
    // root reads any file: there, the command runs as nobody (setpriv), as a student would.
    const student = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath] : [process.execPath];
    for (const folder of [root, dir]) fs.chmodSync(folder, 0o755);
    const expected: Record<string, RegExp> = {
      en: /labgrade\.yaml cannot be read \(permission denied\): make it readable, for example with `chmod a\+r labgrade\.yaml`, or give the rubric with --rubric\./,
      fr: /labgrade\.yaml ne peut pas être lu \(le système répond « permission denied »\) : rendez-le lisible, par exemple avec `chmod a\+r labgrade\.yaml`, ou donnez la grille avec --rubric\./,
    };
    for (const [lang, message] of Object.entries(expected)) {
      const run = spawnSync(student[0]!, [...student.slice(1), path.join(REPO_ROOT, "bin", "labgrade.js"), "check", path.join(dir, "labs", "lamp"), "--lang", lang], {
        encoding: "utf8",
        env: { ...process.env, HOME: dir, NO_COLOR: "1" },
      });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/EACCES|internal error|    at /i);
      expect(run.status).toBe(2);
    }
  });

  it("speaks the student's language", () => {
    const dir = repo({});
    expect(() => rubricFor(dir, undefined, translator("fr"))).toThrow(/^Aucune grille trouvée pour /);
  });
});
