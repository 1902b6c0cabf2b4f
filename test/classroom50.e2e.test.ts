/**
 * Classroom 50, end to end: `labgrade classroom50 autograder` writes the autograder folder,
 * and its autograder.py runs as Classroom 50's runner runs it (python3, in the student's
 * checkout, the runner's environment, the folder as CLASSROOM50_BUNDLE_DIR). It installs
 * labgrade from the tarball this checkout packs and grades real LAMP fixtures in a real
 * sandbox; the result.json it leaves must be one Classroom 50 ingests.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, runCli } from "./support/cli";
import { resultProblems, runnerEnv } from "./support/classroom50-contract";
import { EngineWatch } from "./support/engine-state";
import { packLabgrade } from "./support/pack";

const FIXTURES = path.join(ROOT, "fixtures", "submissions", "lamp-stack");
let dir: string;
let bundle: string;
let tarball: string;
let watch: EngineWatch;

beforeAll(async () => {
  watch = new EngineWatch();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-classroom50-"));
  tarball = packLabgrade(dir);
  bundle = path.join(dir, "autograders", "lamp");
  const written = await runCli(["classroom50", "autograder", "--rubric", "lamp-stack", "--out", bundle, "--package", tarball]);
  expect(written).toMatchObject({ code: 0 });
});
afterAll(() => {
  watch.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** autograder.py's CONFIG, read by Python without running the autograder. */
function configOf(script: string): Record<string, unknown> {
  const read = spawnSync("python3", ["-c", "import json, runpy, sys; print(json.dumps(runpy.run_path(sys.argv[1], run_name='check')['CONFIG']))", script], { encoding: "utf8" });
  expect(read.stderr).toBe("");
  return JSON.parse(read.stdout) as Record<string, unknown>;
}

test("the autograder folder holds autograder.py and the tarball it installs, pinned", () => {
  expect(fs.readdirSync(bundle).sort()).toEqual(["autograder.py", path.basename(tarball)]);
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  expect(configOf(path.join(bundle, "autograder.py"))).toEqual({ version, package: path.basename(tarball), rubric: "lamp-stack", scale: null });
});

test("a rubric given by path travels in the folder; a URL package and a scale are kept as given", async () => {
  const out = path.join(dir, "autograders", "custom");
  const url = "https://example.org/labgrade/releases/labgrade-0.1.0.tgz";
  const written = await runCli(["classroom50", "autograder", "--rubric", "rubrics/lamp-stack.yaml", "--out", out, "--package", url, "--scale", "100"]);
  expect(written).toMatchObject({ code: 0 });
  expect(fs.readdirSync(out).sort()).toEqual(["autograder.py", "lamp-stack.yaml"]);
  expect(configOf(path.join(out, "autograder.py"))).toMatchObject({ package: url, rubric: "lamp-stack.yaml", scale: 100 });
  const refused = await runCli(["classroom50", "autograder", "--rubric", "lamp-stack", "--out", out, "--scale", "0.5"]);
  expect(refused.code).toBe(2);
});

/** One submission graded as the runner grades it: a checkout holding the fixture, the runner's environment. */
async function autograde(fixture: string, env: Record<string, string> = {}, name = fixture) {
  const checkout = path.join(dir, "checkouts", name);
  fs.cpSync(path.join(FIXTURES, fixture), checkout, { recursive: true });
  const runner = runnerEnv("alice-dupont");
  // Not spawnSync: the engine's events must keep being read while the autograder runs.
  const child = spawn("python3", [path.join(bundle, "autograder.py")], {
    cwd: checkout,
    env: { ...process.env, NO_COLOR: "1", ...runner, CLASSROOM50_BUNDLE_DIR: bundle, RUNNER_TEMP: path.join(dir, "runner-temp"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const code = await new Promise<number | null>((resolve, reject) => child.on("error", reject).on("close", resolve));
  const read = (file: string) => fs.readFileSync(path.join(checkout, file), "utf8");
  const result = JSON.parse(read("result.json")) as { score: number; "max-score": number; tests: { "test-name": string; passed: boolean; id: string; score: number }[] };
  return { code, log, result, body: read("release-body.md"), problems: resultProblems(result, { classroom: runner.CLASSROOM!, assignment: runner.ASSIGNMENT! }) };
}

test("full marks: exit 0 and a valid result of 20/20", async () => {
  const graded = await autograde("reference");
  expect(graded.code).toBe(0);
  expect(graded.log).toContain("installing labgrade");
  expect(graded.problems).toEqual([]);
  expect([graded.result.score, graded.result["max-score"]]).toEqual([20, 20]);
  expect(graded.result.tests.every((test) => test.passed)).toBe(true);
  expect(graded.body.startsWith("### Stack LAMP avec persistance: 20/20\n")).toBe(true);
});

test("partial: exit 0 and a valid result of 14/20, the release body saying what to fix", async () => {
  const graded = await autograde("wrong-port");
  expect(graded.code).toBe(0);
  // The same job's second grading keeps the install of the same tarball.
  expect(graded.log).toMatch(/labgrade \S+ is already installed in /);
  expect(graded.problems).toEqual([]);
  expect([graded.result.score, graded.result["max-score"]]).toEqual([14, 20]);
  expect(graded.result.score).toBe(graded.result.tests.reduce((sum, test) => sum + test.score, 0));
  expect(graded.result.tests.filter((test) => !test.passed).map((test) => test.id)).toEqual(["web-running", "info-php", "survives-restart", "survives-recreate"]);
  expect(graded.body).toContain("#### ❌ lamp-web tourne avec l'image php:7.4-apache et publie le port 8080 vers 80 (0/2, `web-running`)");
  expect(graded.body).toMatch(/^- attendu : .*8080.*\n- obtenu : .*8081/m);
  expect(graded.body).toContain("- indice : Publiez le port avec -p 8080:80.");
});

test("errored: a valid result that says why, and a non-zero exit so the runner records an error", async () => {
  const graded = await autograde("reference", { LABGRADE_SANDBOX_IMAGE: "labgrade-standin/no-such-sandbox:latest" }, "no-sandbox");
  expect(graded.code).toBe(3);
  expect(graded.log).toContain("::error::labgrade could not grade this submission (exit 3)");
  expect(graded.problems).toEqual([]);
  expect([graded.result.score, graded.result["max-score"]]).toEqual([0, 20]);
  expect(graded.result.tests.every((test) => !test.passed)).toBe(true);
  expect(graded.body).toMatch(/^> erreur de notation : /m);
});

test("the autograder's gradings left nothing behind on the engine", async () => {
  expect(watch.created.size).toBeGreaterThanOrEqual(2);
  expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
});
