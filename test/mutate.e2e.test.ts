/**
 * `labgrade mutate` against a rubric made blind on purpose
 * (fixtures/rubrics/blind-volume.yaml asks for a volume on /data, never which
 * one): through the real CLI, every mutant graded in a real sandbox. The
 * anonymous volume keeps full marks and fails the run; the other mutants lose
 * points, each caught by the check that should catch it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { MutationReport } from "../runner/mutate/report";
import { ROOT, runCli, type CliRun } from "./support/cli";
import { EngineWatch } from "./support/engine-state";

const RUBRIC = path.join(ROOT, "fixtures", "rubrics", "blind-volume.yaml");
const REFERENCE = path.join(ROOT, "fixtures", "rubrics", "blind-volume", "reference");

let watch: EngineWatch;
let out: string;
let run: CliRun;
let report: MutationReport;
let tmp: string;

beforeAll(async () => {
  watch = new EngineWatch();
  out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-mutate-test-"));
  // The mutants' copies of the reference go to the CLI's temporary folder: this test's own.
  tmp = path.join(out, "tmp");
  fs.mkdirSync(tmp);
  run = await runCli(["mutate", RUBRIC, REFERENCE, "--json", path.join(out, "report.json")], { env: { TMPDIR: tmp } });
  report = JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")) as MutationReport;
});

afterAll(() => {
  watch.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

test("exits with 1: a mutant keeps full marks", () => {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.stringContaining("4 mutants") });
});

test("the anonymous volume survives, and only it", () => {
  expect(report.referenceScore).toMatchObject({ score: 3, maxScore: 3, status: "completed" });
  expect(report.survivors).toEqual(["anonymous-volume:box:/data"]);
  expect(Object.fromEntries(report.mutants.map((m) => [m.id, [m.status, m.score, m.caughtBy]]))).toEqual({
    "drop-mount:box:/data": ["caught", 2, ["box-volume"]],
    "bind-mount:box:/data": ["caught", 2, ["box-volume"]],
    "anonymous-volume:box:/data": ["survived", 3, []],
    "drop-env:box:MODE": ["caught", 1, ["box-running"]],
  });
});

test("prints a table of each mutation, its score and the checks that caught it, then the survivors", () => {
  expect(run.stdout).toMatch(/^mutation\s+score\s+caught by$/m);
  expect(run.stdout).toMatch(/^drop-env:box:MODE\s+1\/3\s+box-running$/m);
  expect(run.stdout).toMatch(/^anonymous-volume:box:\/data\s+3\/3\s+SURVIVED/m);
  expect(run.stdout).toContain("box mounts a new anonymous volume on /data instead of the volume box-data");
  expect(run.stdout).toContain("1 of 4 mutants keep full marks: anonymous-volume:box:/data");
});

test("--only grades the mutants named; with none surviving it exits with 0", async () => {
  const only = await runCli(["mutate", RUBRIC, REFERENCE, "--only", "drop-env"]);
  expect({ code: only.code, stdout: only.stdout }).toEqual({ code: 0, stdout: expect.stringContaining("Every mutant lost points") });
  expect(only.stdout).not.toContain("anonymous-volume");
});

test("bad usage exits with 2 before any grading", async () => {
  expect((await runCli(["mutate", RUBRIC])).code).toBe(2);
  expect((await runCli(["mutate", RUBRIC, path.join(ROOT, "no-such-folder")])).code).toBe(2);
  expect((await runCli(["mutate", RUBRIC, REFERENCE, "--only", "no-such-mutant"])).code).toBe(2);
  expect((await runCli(["mutate", RUBRIC, REFERENCE, "--parallel", "0"])).code).toBe(2);
});

test("leaves nothing behind: no container, volume or network, no copy of the reference", async () => {
  expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
  // (Docker's libraries keep a lock and a cache there too.)
  expect(fs.readdirSync(tmp).filter((name) => name.startsWith("labgrade-mutate-"))).toEqual([]);
});
