/**
 * Grades every fixture submission (fixtures/submissions/<rubric>/<case>/)
 * through the real CLI in real sandboxes, and compares each check's status
 * and the total with the case's expected.json. Some fixtures are graded four
 * more times among the others: each of their five gradings, under that load,
 * must give the same checks, points, words and score.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { inPool, ROOT, runCli, type CliRun } from "./support/cli";
import { EngineWatch } from "./support/engine-state";
import { leaks, studentVisible } from "./support/student-visible";
import { LANGS } from "../runner/i18n";
import { junitSchemaErrors } from "./support/junit-schema";

interface Expected {
  description: string;
  score: number;
  checks: Record<string, string>;
  /** Text the result's warnings or check messages (with what they expected and found) must contain. */
  mentions?: string[];
  /** Extra command-line arguments, e.g. a shorter --timeout for a script that never ends. */
  args?: string[];
  /** Facts about the script's run: timedOut, exitCode (null when killed). */
  run?: { timedOut?: boolean; exitCode?: number | null };
  /** Host files a hostile script aims at: absent ones must stay absent, the others unchanged. */
  host?: { absent?: string[]; unchanged?: string[] };
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
  junit?: string;
}

const SUBMISSIONS = path.join(ROOT, "fixtures", "submissions");
const PARALLEL = Number(process.env.LABGRADE_TEST_PARALLEL ?? 3);

// LABGRADE_FIXTURES=<regex> grades only the matching "<rubric>/<case>" (while working on some).
const only = new RegExp(process.env.LABGRADE_FIXTURES ?? "");

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
    }))
    .filter((c) => only.test(`${c.rubric}/${c.name}`)),
);

/** The fixtures graded five times in all (determinism): a full-marks one and a failing one. */
const REPEATED = ["lamp-stack/reference", "lamp-stack/no-volumes"];
const REPEATS = 4;
const repeated = cases.filter((c) => REPEATED.includes(`${c.rubric}/${c.name}`));
const repeats = repeated.flatMap((c) => [...Array(REPEATS).keys()].map((i) => ({ c, i })));

const graded = new Map<Case, Graded>();
const regraded = new Map<Case, Graded[]>();
const hostBefore = new Map<string, string>();

/** A file's content hash, or undefined when it cannot be read (then there is nothing to compare). */
function fingerprint(file: string): string | undefined {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}
let watch: EngineWatch;
const out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-fixtures-"));

beforeAll(async () => {
  watch = new EngineWatch();
  for (const c of cases) for (const file of c.expected.host?.unchanged ?? []) {
    const print = fingerprint(file);
    if (print) hostBefore.set(file, print);
  }
  // The repeats first: the longest gradings, they then run while the others load the engine.
  const gradings = [...repeats, ...cases.map((c) => ({ c, i: undefined }))];
  await inPool(gradings, PARALLEL, async ({ c, i }) => {
    const base = path.join(out, `${c.rubric}--${c.name}${i === undefined ? "" : `--again-${i}`}`);
    const [json, junit] = [`${base}.json`, `${base}.xml`];
    const rubric = path.join(ROOT, "rubrics", `${c.rubric}.yaml`);
    const run = await runCli(["grade", c.dir, "--rubric", rubric, "--json", json, "--junit", junit, ...(c.expected.args ?? [])]);
    const result = fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult) : undefined;
    const done = { run, result, junit: fs.existsSync(junit) ? fs.readFileSync(junit, "utf8") : undefined };
    if (i === undefined) graded.set(c, done);
    else regraded.set(c, [...(regraded.get(c) ?? []), done]);
  });
});

afterAll(() => {
  watch.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

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

  test("writes a junit.xml that Jenkins' xunit plugin accepts (its junit-10.xsd), one testcase per check", () => {
    const { junit, result } = graded.get(c)!;
    expect(junit).toBeDefined();
    expect(junitSchemaErrors(junit!)).toEqual([]);
    expect(junit!.match(/<testcase /g)).toHaveLength(result?.checks.length ?? -1);
  });

  test("says in words what went wrong", () => {
    const { result } = graded.get(c)!;
    for (const check of result?.checks ?? []) {
      if (check.status !== "passed") expect(check.message.length).toBeGreaterThan(20);
    }
    const text = [...(result?.warnings ?? []), ...(result?.checks ?? []).flatMap((check) => [check.message, check.expected ?? "", check.actual ?? ""])].join("\n");
    for (const mention of c.expected.mentions ?? []) expect(text).toContain(mention);
  });

  test.each(LANGS)("shows the student no harness insides (probe paths, shell or curl errors, ids), in %s", (lang) => {
    const { result } = graded.get(c)!;
    expect(result && leaks(studentVisible(result, lang))).toEqual([]);
  });

  if (c.expected.run) {
    test(`its script's run: ${JSON.stringify(c.expected.run)}`, () => {
      expect(graded.get(c)!.result?.run).toMatchObject(c.expected.run!);
    });
  }

  if (c.expected.host) {
    test("leaves the grading host's files alone", () => {
      for (const file of c.expected.host!.absent ?? []) expect(fs.existsSync(file)).toBe(false);
      for (const file of c.expected.host!.unchanged ?? []) {
        // A file this host does not have (cgroup v2 has no release_agent) would compare "missing" with "missing".
        expect({ file, readableBefore: hostBefore.has(file) }).toEqual({ file, readableBefore: true });
        expect(fingerprint(file)).toBe(hostBefore.get(file));
      }
    });
  }
});

/** What must not vary from one grading to the next: each check's status, points and words, and the score. */
function verdict(result: GradeResult | undefined) {
  return {
    score: result?.score,
    status: result?.status,
    checks: result?.checks.map(({ id, status, points, message, expected, actual }) => ({ id, status, points, message, expected, actual })),
  };
}

describe.each(repeated.map((c) => [`${c.rubric}/${c.name}`, c] as const))("%s graded five times", (_label, c) => {
  test("gives the same checks, points, words and score every time", () => {
    const all = [graded.get(c)!, ...(regraded.get(c) ?? [])];
    expect(all.map(({ run }) => run.code)).toEqual(Array(REPEATS + 1).fill(0));
    const verdicts = all.map(({ result }) => verdict(result));
    expect(verdicts[0]!.checks).toHaveLength(Object.keys(c.expected.checks).length);
    for (const other of verdicts.slice(1)) expect(other).toEqual(verdicts[0]);
  });
});

test("grading leaves none of its containers, volumes or networks on the engine", async () => {
  // Something to look at: one sandbox at least for every grading that had one.
  const sandboxes = [...graded.values(), ...[...regraded.values()].flat()].filter((g) => g.result?.sandbox).length;
  expect(watch.created.size).toBeGreaterThanOrEqual(sandboxes);
  expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
});
