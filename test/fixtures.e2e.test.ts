/**
 * Grades every fixture submission (fixtures/submissions/<rubric>/<case>/)
 * through the real CLI in real sandboxes, and compares each check's status
 * and the total with the case's expected.json.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { inPool, ROOT, runCli, type CliRun } from "./support/cli";
import { engineState, type EngineState } from "./support/engine-state";

interface Expected {
  description: string;
  score: number;
  checks: Record<string, string>;
  /** Text the result's warnings or check messages must contain. */
  mentions?: string[];
}

interface Case {
  rubric: string;
  name: string;
  dir: string;
  expected: Expected;
}

interface Graded {
  run: CliRun;
  result?: GradeResult;
}

const SUBMISSIONS = path.join(ROOT, "fixtures", "submissions");
const PARALLEL = Number(process.env.LABGRADE_TEST_PARALLEL ?? 3);

const cases: Case[] = fs.readdirSync(SUBMISSIONS).sort().flatMap((rubric) =>
  fs
    .readdirSync(path.join(SUBMISSIONS, rubric))
    .sort()
    .filter((name) => fs.existsSync(path.join(SUBMISSIONS, rubric, name, "expected.json")))
    .map((name) => ({
      rubric,
      name,
      dir: path.join(SUBMISSIONS, rubric, name),
      expected: JSON.parse(fs.readFileSync(path.join(SUBMISSIONS, rubric, name, "expected.json"), "utf8")) as Expected,
    })),
);

const graded = new Map<Case, Graded>();
let before: EngineState;
const out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-fixtures-"));

beforeAll(async () => {
  before = engineState();
  await inPool(cases, PARALLEL, async (c) => {
    const json = path.join(out, `${c.rubric}--${c.name}.json`);
    const run = await runCli(["grade", c.dir, "--rubric", path.join(ROOT, "rubrics", `${c.rubric}.yaml`), "--json", json]);
    const result = fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult) : undefined;
    graded.set(c, { run, result });
  });
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe.each(cases.map((c) => [`${c.rubric}/${c.name}`, c] as const))("%s", (_label, c) => {
  test("completes with exit code 0 and a completed result", () => {
    const { run, result } = graded.get(c)!;
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(result?.status).toBe("completed");
  });

  test(`scores ${c.expected.score} with the expected status for every check`, () => {
    const { result } = graded.get(c)!;
    const statuses = Object.fromEntries((result?.checks ?? []).map((check) => [check.id, check.status]));
    expect(statuses).toEqual(c.expected.checks);
    expect(result?.score).toBe(c.expected.score);
  });

  test("says in words what went wrong", () => {
    const { result } = graded.get(c)!;
    for (const check of result?.checks ?? []) {
      if (check.status !== "passed") expect(check.message.length).toBeGreaterThan(20);
    }
    const text = [...(result?.warnings ?? []), ...(result?.checks ?? []).map((check) => check.message)].join("\n");
    for (const mention of c.expected.mentions ?? []) expect(text).toContain(mention);
  });
});

test("grading leaves no container, volume or network on the engine", () => {
  expect(engineState()).toEqual(before);
});
