/**
 * Grades are the same under load: one class folder per rubric (the reference
 * and two failing cases of LAMP, PostgreSQL and backup) graded by `batch`
 * one at a time, then four at a time on the same engine. Every check's status
 * and points must be identical, and the ones the fixtures expect.
 *
 * The most CPU-hungry test of the suite (18 gradings): the batches run one
 * after the other, so that --parallel 1 really grades alone.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli, type CliRun } from "./support/cli";

const CLASSES: Record<string, string[]> = {
  // never-waits-for-db: the grade that a retry window would make flip under load.
  "lamp-stack": ["reference", "wrong-port", "never-waits-for-db"],
  "postgres-persistence": ["reference", "fresh-volume", "wrong-mount-point"],
  "backup-restore": ["reference", "hidden-files-missed", "no-ro-no-rm"],
};
const PARALLEL = [1, 4] as const;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-parity-"));
const fixture = (rubric: string, name: string) => path.join(ROOT, "fixtures", "submissions", rubric, name);

/** Per student, each check's status and points: what must not change with the load. */
type Verdicts = Record<string, [string, string, number][]>;

function verdicts(results: GradeResult[]): Verdicts {
  return Object.fromEntries(results.map((r) => [r.submission, r.checks.map((c) => [c.id, c.status, c.points] as [string, string, number])]));
}

const runs = new Map<string, CliRun>();
const graded = new Map<string, Verdicts>();

beforeAll(async () => {
  for (const [rubric, members] of Object.entries(CLASSES)) {
    const classDir = path.join(tmp, rubric);
    fs.mkdirSync(classDir);
    for (const name of members) fs.symlinkSync(fixture(rubric, name), path.join(classDir, name));
  }
  for (const parallel of PARALLEL) {
    for (const rubric of Object.keys(CLASSES)) {
      const out = path.join(tmp, `${rubric}-p${parallel}`);
      const run = await runCli(["batch", path.join(tmp, rubric), "--rubric", path.join(ROOT, "rubrics", `${rubric}.yaml`), "--out", out, "--parallel", String(parallel)]);
      runs.set(`${rubric}-p${parallel}`, run);
      if (run.code === 0) graded.set(`${rubric}-p${parallel}`, verdicts(JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8")) as GradeResult[]));
    }
  }
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(Object.keys(CLASSES))("%s", (rubric) => {
  test.each(PARALLEL)("batch --parallel %d completes", (parallel) => {
    const run = runs.get(`${rubric}-p${parallel}`)!;
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.stringContaining(`${parallel} at a time`) });
  });

  test("one at a time, every check has the status the fixture expects", () => {
    const alone = graded.get(`${rubric}-p1`)!;
    for (const name of CLASSES[rubric]) {
      const expected = (JSON.parse(fs.readFileSync(path.join(fixture(rubric, name), "expected.json"), "utf8")) as { checks: Record<string, string> }).checks;
      expect({ name, checks: Object.fromEntries(alone[name].map(([id, status]) => [id, status])) }).toEqual({ name, checks: expected });
    }
  });

  test("four at a time, every check's status and points are the same as one at a time", () => {
    expect(graded.get(`${rubric}-p4`)).toEqual(graded.get(`${rubric}-p1`));
  });
});
