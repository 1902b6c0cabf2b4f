/**
 * Grading the same submission again gives the same checks and scores: five
 * gradings of the LAMP reference and five of a failing fixture, two at a time.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { inPool, ROOT, runCli } from "./support/cli";

const RUNS = 5;
const RUBRIC = path.join(ROOT, "rubrics", "lamp-stack.yaml");

async function gradeTimes(fixture: string, out: string): Promise<(GradeResult | undefined)[]> {
  return inPool([...Array(RUNS).keys()], 2, async (run) => {
    const json = path.join(out, `${fixture}-${run}.json`);
    const cli = await runCli(["grade", path.join(ROOT, "fixtures", "submissions", "lamp-stack", fixture), "--rubric", RUBRIC, "--json", json]);
    expect(cli.code).toBe(0);
    return JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult;
  });
}

/** What must not vary: each check's status, points and words, and the score. */
function verdict(result: GradeResult) {
  return {
    score: result.score,
    status: result.status,
    checks: result.checks.map(({ id, status, points, message, expected, actual }) => ({ id, status, points, message, expected, actual })),
  };
}

describe.each(["reference", "no-volumes"])("%s graded five times", (fixture) => {
  let out: string;
  beforeAll(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-determinism-"))));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("gives the same checks and scores every time", async () => {
    const verdicts = (await gradeTimes(fixture, out)).map((result) => verdict(result!));
    expect(verdicts[0].checks).toHaveLength(11);
    for (const other of verdicts.slice(1)) expect(other).toEqual(verdicts[0]);
  });
});
