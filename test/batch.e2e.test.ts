/**
 * Instructor workflows end to end, through the built CLI in real sandboxes:
 * `batch` over a small class (unsharded, and as 2 shards joined by `merge`),
 * resuming, --force, exit codes, and report.html rendered by headless Chromium.
 *
 * The class is made of links to LAMP fixtures that grade fast: reference (20),
 * wrong-port (14), and empty (0, no sandbox) twice, once under a name that
 * needs CSV quoting and HTML escaping.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { xmlAttr } from "../runner/report/xml";
import { ROOT, runCli, type CliRun } from "./support/cli";
import { junitSchemaErrors } from "./support/junit-schema";

const LAMP = path.join(ROOT, "rubrics", "lamp-stack.yaml");
const FIXTURES = path.join(ROOT, "fixtures", "submissions", "lamp-stack");
const ODD_NAME = 'Zoé "Z" Durand, 2e';
const CLASS: Record<string, string> = { reference: "reference", "wrong-port": "wrong-port", empty: "empty", [ODD_NAME]: "empty" };
const CLASS_FILES = ["gradebook.csv", "results.json", "report.html", "summary.md"];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-batch-"));
const classDir = path.join(tmp, "class");
// Inside the class folder on purpose: it must not be taken for a student.
const wholeOut = path.join(classDir, "out");
const shardOut = [1, 2].map((i) => path.join(tmp, `shard-${i}`));
const mergedOut = path.join(tmp, "merged");

const expectedScore = (fixture: string): number =>
  (JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture, "expected.json"), "utf8")) as { score: number }).score;
const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), "utf8");
const readResults = (dir: string): GradeResult[] => JSON.parse(read(dir, "results.json")) as GradeResult[];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const snapshot = (dir: string) => Object.fromEntries(CLASS_FILES.map((file) => [file, read(dir, file)]));

/** gradebook.csv's records as fields (the names here hold no line break). */
function csvRows(text: string): string[][] {
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, "").replace(/""/g, '"')));
}

function makeClass(dir: string, members: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [student, fixture] of Object.entries(members)) fs.symlinkSync(path.join(FIXTURES, fixture), path.join(dir, student));
}

let whole: CliRun;
let shards: CliRun[];
let merged: CliRun;

beforeAll(async () => {
  makeClass(classDir, CLASS);
  fs.mkdirSync(path.join(classDir, ".git"));
  fs.writeFileSync(path.join(classDir, "notes.txt"), "not a submission\n");
  // The unsharded run and both shards at once: 4 sandboxes in all, about 25 s. The shards
  // start once the unsharded run has marked its output folder (inside the class folder)
  // as such, as it would be by then in real use: they must not take it for a student.
  const wholeRun = runCli(["batch", classDir, "--rubric", LAMP, "--out", wholeOut, "--parallel", "2"]);
  for (let waited = 0; !fs.existsSync(path.join(wholeOut, ".labgrade-output")) && waited < 30_000; waited += 100) await sleep(100);
  shards = await Promise.all(shardOut.map((out, i) => runCli(["batch", classDir, "--rubric", LAMP, "--out", out, "--shard", `${i + 1}/2`, "--parallel", "2"])));
  whole = await wholeRun;
  merged = await runCli(["merge", ...shardOut, "--out", mergedOut]);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("batch over a class", () => {
  test("completes with exit code 0, showing progress on stderr", () => {
    expect({ code: whole.code, stderr: whole.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(whole.stderr).toContain("lamp-stack: 4 students, grading 4, 2 at a time");
    expect(whole.stderr).toMatch(/\] started reference\n/);
    expect(whole.stderr).toMatch(/\[\d\/4\] reference: 20\/20 in [\d.]+ s; /);
    expect(whole.stderr).toMatch(/\[4\/4\] .*; done\n/);
    expect(whole.stdout).toContain("lamp-stack: 4 students, mean 8.5/20, 0 grading error(s)");
  });

  test("writes a gradebook row per student folder with each check's points, skipping hidden folders, files and its own output", () => {
    const rows = csvRows(read(wholeOut, "gradebook.csv"));
    expect(rows[0]!.slice(0, 4)).toEqual(["student", "score", "max", "volumes"]);
    expect(rows[0]).toHaveLength(3 + 11);
    expect(rows.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual([
      [ODD_NAME, 0, 20],
      ["empty", expectedScore("empty"), 20],
      ["reference", expectedScore("reference"), 20],
      ["wrong-port", expectedScore("wrong-port"), 20],
    ]);
    expect(read(wholeOut, "gradebook.csv")).toContain(`\r\n"Zoé ""Z"" Durand, 2e",0,20,`);
    const reference = rows.find((r) => r[0] === "reference")!;
    expect(reference.slice(3).reduce((sum, p) => sum + Number(p), 0)).toBe(20);
  });

  test("writes each student's result.json and junit.xml, and all results sorted by student", () => {
    for (const student of Object.keys(CLASS)) {
      const result = JSON.parse(read(path.join(wholeOut, "students", student), "result.json")) as GradeResult;
      expect(result).toMatchObject({ submission: student, status: "completed", score: expectedScore(CLASS[student]!) });
      const junit = read(path.join(wholeOut, "students", student), "junit.xml");
      expect(junitSchemaErrors(junit)).toEqual([]);
      // GitLab shows a testcase's classname as its suite: each student's report names the student.
      expect(new Set(junit.match(/classname="[^"]*"/g))).toEqual(new Set([`classname="lamp-stack.${xmlAttr(student)}"`]));
    }
    expect(readResults(wholeOut).map((r) => r.submission)).toEqual([ODD_NAME, "empty", "reference", "wrong-port"]);
  });
});

describe("sharded", () => {
  test("each shard grades a disjoint half and writes only its share", () => {
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    const shares = shardOut.map((out) => readResults(out).map((r) => r.submission));
    expect(shares).toEqual([
      [ODD_NAME, "reference"],
      ["empty", "wrong-port"],
    ]);
    expect(fs.readdirSync(path.join(shardOut[0]!, "students")).sort()).toEqual(shares[0]!.sort());
  });

  test("merge gives the unsharded gradebook, byte for byte, and the same results", () => {
    expect(merged.code).toBe(0);
    expect(read(mergedOut, "gradebook.csv")).toBe(read(wholeOut, "gradebook.csv"));
    // Two gradings of the same work differ only in timings and the script's output.
    const comparable = (dir: string) =>
      readResults(dir).map(({ submission, score, maxScore, status, checks }) => ({ submission, score, maxScore, status, checks: checks.map((c) => [c.id, c.status, c.points]) }));
    expect(comparable(mergedOut)).toEqual(comparable(wholeOut));
    expect(fs.readdirSync(path.join(mergedOut, "students")).sort()).toEqual(Object.keys(CLASS).sort());
  });

  test("merging the same results again writes identical class files (no date or order in them)", async () => {
    const again = path.join(tmp, "merged-again");
    expect((await runCli(["merge", wholeOut, "--out", again])).code).toBe(0);
    expect(snapshot(again)).toEqual(snapshot(wholeOut));
  });
});

describe("resuming and --force", () => {
  test("a second run keeps every completed result and rewrites the same class files", async () => {
    const before = snapshot(wholeOut);
    const run = await runCli(["batch", classDir, "--rubric", LAMP, "--out", wholeOut]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("grading 0");
    expect(run.stderr).toContain("4 kept from an earlier run");
    expect(snapshot(wholeOut)).toEqual(before);
  });

  test("a student whose result.json is missing or cut short is graded again; --force grades everyone again", async () => {
    const tiny = path.join(tmp, "tiny");
    const out = path.join(tmp, "tiny-out");
    makeClass(tiny, { a: "empty", b: "empty" });
    expect((await runCli(["batch", tiny, "--rubric", LAMP, "--out", out])).code).toBe(0);
    fs.writeFileSync(path.join(out, "students", "a", "result.json"), '{"rubric": "lamp-st');
    const resumed = await runCli(["batch", tiny, "--rubric", LAMP, "--out", out]);
    expect(resumed.stderr).toContain("grading 1, ");
    expect(resumed.stderr).toMatch(/started a\n/);
    const forced = await runCli(["batch", tiny, "--rubric", LAMP, "--out", out, "--force"]);
    expect(forced.stderr).toContain("grading 2, ");
  });
});

describe("exit codes", () => {
  test("3 when no sandbox could run at all, after writing an error result for each such student", async () => {
    const dir = path.join(tmp, "no-sandbox");
    const out = path.join(tmp, "no-sandbox-out");
    makeClass(dir, { reference: "reference", empty: "empty" });
    const run = await runCli(["batch", dir, "--rubric", LAMP, "--out", out], { env: { LABGRADE_SANDBOX_IMAGE: "labgrade-standin/no-such-sandbox:latest" } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("No submission could be graded in a sandbox");
    expect(readResults(out).map((r) => [r.submission, r.status])).toEqual([["empty", "completed"], ["reference", "error"]]);
    expect(csvRows(read(out, "gradebook.csv")).map((r) => r[0])).toEqual(["student", "empty", "reference"]);
  });

  test.each([
    ["no --out", ["batch", "fixtures/submissions/lamp-stack", "--rubric", LAMP], "batch needs --out"],
    ["a bad --shard", ["batch", "fixtures/submissions/lamp-stack", "--rubric", LAMP, "--out", "/tmp/x", "--shard", "3/2"], "--shard takes i/n"],
    ["a bad --parallel", ["batch", "fixtures/submissions/lamp-stack", "--rubric", LAMP, "--out", "/tmp/x", "--parallel", "0"], "--parallel takes"],
    ["a missing class folder", ["batch", "no/such/class", "--rubric", LAMP, "--out", "/tmp/x"], "is not a folder"],
    ["merge without folders", ["merge", "--out", "/tmp/x"], "merge needs the --out folders"],
  ])("2 for bad usage: %s", async (_label, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test("2 for a bad rubric, before anything is graded", async () => {
    const bad = path.join(tmp, "bad.yaml");
    fs.writeFileSync(bad, "id: x\nsteps: nope\n");
    const out = path.join(tmp, "bad-out");
    const run = await runCli(["batch", classDir, "--rubric", bad, "--out", out]);
    expect(run.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("report.html in headless Chromium", () => {
  function chromium(): string {
    for (const name of ["chromium", "chromium-browser"]) {
      try {
        return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      } catch {
        // next name
      }
    }
    throw new Error("no chromium on this machine: run `bash ci/setup-browser.sh` (as .ci/run does) to install Debian's chromium");
  }

  function browse(file: string, ...flags: string[]): string {
    const profile = fs.mkdtempSync(path.join(tmp, "chromium-"));
    return execFileSync(
      chromium(),
      ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`, ...flags, `file://${file}`],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
    );
  }

  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#39;/g, "'").replace(/&amp;/g, "&");

  test("shows every student's score as in the gradebook, and each check's pass rate as in the results", () => {
    const dom = browse(path.join(wholeOut, "report.html"), "--dump-dom");
    const shown = [...dom.matchAll(/<tr data-student="([^"]*)" data-status="\w+"><th scope="row"><a href="#[\w-]+">[^<]*<\/a>(?:.*?)<\/th><td class="num score">([^<]*)<\/td><td class="num max">([^<]*)<\/td>/g)].map((m) => [unescape(m[1]!), m[2], m[3]]);
    expect(shown).toEqual(csvRows(read(wholeOut, "gradebook.csv")).slice(1).map((r) => r.slice(0, 3)));

    const results = readResults(wholeOut);
    const rates = [...dom.matchAll(/<g class="rate" data-check="([^"]+)"[^>]*>.*?<text [^>]*class="value">([^<]+)<\/text><\/g>/gs)].map((m) => [m[1], m[2]]);
    expect(rates).toEqual(
      results[0]!.checks.map((check) => {
        const passed = results.filter((r) => r.checks.some((c) => c.id === check.id && c.status === "passed")).length;
        return [check.id, `${Math.round((100 * passed) / results.length)}% (${passed}/${results.length})`];
      }),
    );
    // Every student's anchor section made it into the page, after parsing.
    expect(dom.match(/<section class="student" id="student-[\w-]+"/g)).toHaveLength(4);
  });

  test("renders to a picture (a screenshot is taken without error)", () => {
    const png = path.join(tmp, "report.png");
    browse(path.join(wholeOut, "report.html"), "--window-size=1200,1600", `--screenshot=${png}`);
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
