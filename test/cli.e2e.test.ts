/**
 * The CLI contract, end to end: exit codes, the files it writes, the time and
 * output limits, and that an interrupted grading leaves nothing behind.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { STANDIN_BASE } from "../runner/sandbox/catalog";
import { ROOT, runCli, TEST_RUN, type CliRun } from "./support/cli";
import { EngineWatch } from "./support/engine-state";

const LAMP = path.join(ROOT, "rubrics", "lamp-stack.yaml");
const LIMITS = path.join(ROOT, "test", "rubrics", "limits.yaml");
let out: string;

beforeAll(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-cli-"))));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function readResult(file: string): GradeResult {
  return JSON.parse(fs.readFileSync(file, "utf8")) as GradeResult;
}

// (Their unit tests run in-process, where nothing that reaches Docker can even be loaded.)
test("validate and explain need no Docker engine", async () => {
  const noEngine = { DOCKER_HOST: "unix:///nonexistent/docker.sock", PATH: "/usr/bin:/bin" };
  const validated = await runCli(["validate", ...["lamp-stack", "backup-restore", "mount-types", "postgres-persistence", "shared-volumes"].map((id) => `rubrics/${id}.yaml`)], { env: noEngine });
  expect(validated.code).toBe(0);
  expect(validated.stdout).toContain("rubrics/lamp-stack.yaml: valid (13 steps, 20 points)");
  const explained = await runCli(["explain", "rubrics/lamp-stack.yaml"], { env: noEngine });
  expect(explained.code).toBe(0);
  expect(explained.stdout).toContain("Les volumes mysql-data, web-content et user-uploads existent");
});

describe("exit codes", () => {
  test("2 for bad usage, with the usage text", async () => {
    const run = await runCli(["grade", "fixtures/submissions/lamp-stack/reference"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("grade needs --rubric");
    expect(run.stderr).toContain("usage: labgrade");
  });

  test("2 for a rubric that does not fit, with file:line:column and the key; the sandbox started ahead is removed", async () => {
    const bad = path.join(out, "bad.yaml");
    fs.writeFileSync(bad, fs.readFileSync(LAMP, "utf8").replace("    retry: { timeout: 90s, interval: 1s }\n    sql:", "    retyr: { timeout: 90s, interval: 1s }\n    sql:"));
    const label = `${TEST_RUN}-bad-rubric`;
    const watch = new EngineWatch(label);
    try {
      const run = await runCli(["grade", "fixtures/submissions/lamp-stack/reference", "--rubric", bad], { env: { LABGRADE_RUN: label } });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+: .*retyr.*retry/);
      // Its id, images and limits read well: a sandbox started while the rest was checked.
      expect(watch.created.size).toBeGreaterThan(0);
      expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
    } finally {
      watch.stop();
    }
  });

  test("3 when no sandbox can run (an image is missing), saying what to do, with an error result written", async () => {
    const json = path.join(out, "missing-image.json");
    const run = await runCli(["grade", "fixtures/submissions/lamp-stack/reference", "--rubric", LAMP, "--json", json], {
      env: { LABGRADE_SANDBOX_IMAGE: "labgrade-standin/no-such-sandbox:latest" },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("npm run setup");
    const result = readResult(json);
    expect(result).toMatchObject({ status: "error", score: 0, maxScore: 20 });
    expect(result.checks).toHaveLength(11);
  });

  test("3 when the sandbox image is not a sandbox (it stops before an engine starts), leaving nothing behind", async () => {
    const json = path.join(out, "not-a-sandbox.json");
    const label = `${TEST_RUN}-not-a-sandbox`;
    const watch = new EngineWatch(label);
    try {
      // The stand-ins' Debian base, which setup always keeps: its shell exits at once.
      const run = await runCli(["grade", "fixtures/submissions/lamp-stack/reference", "--rubric", LAMP, "--json", json], {
        env: { LABGRADE_SANDBOX_IMAGE: STANDIN_BASE, LABGRADE_RUN: label },
      });
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(
        `labgrade: the sandbox image ${STANDIN_BASE} stopped before its Docker engine started, printing nothing. ` +
          "Run `npm run setup` to build the sandbox image again; where LABGRADE_SANDBOX_IMAGE is set, it must name a sandbox image that setup built.\n",
      );
      expect(readResult(json)).toMatchObject({ status: "error", score: 0, maxScore: 20 });
      expect(watch.created.size).toBeGreaterThan(0);
      expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
    } finally {
      watch.stop();
    }
  });

  test("0 for a completed grading whatever the score, with JSON and JUnit written", async () => {
    const json = path.join(out, "empty.json");
    const junit = path.join(out, "empty.xml");
    const run = await runCli(["grade", "fixtures/submissions/lamp-stack/empty", "--rubric", LAMP, "--json", json, "--junit", junit]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Score: 0/20");
    expect(readResult(json)).toMatchObject({ status: "completed", score: 0, maxScore: 20 });
    const xml = fs.readFileSync(junit, "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(11);
    expect(xml).toContain("Les volumes mysql-data, web-content et user-uploads existent");
  });
});

describe("three gradings of the limits rubric, run at once (none depends on another)", () => {
  const runs: Record<string, CliRun> = {};
  const json = (name: string) => path.join(out, `${name}.json`);

  beforeAll(async () => {
    const grade = (name: string, submission: string, ...args: string[]) =>
      runCli(["grade", path.join(ROOT, "test", "submissions", submission), "--rubric", LIMITS, "--json", json(name), ...args]).then((run) => (runs[name] = run));
    // 50 MB through a terminal: under load that outlasts the rubric's 5 s, and the time limit is not what the chatty gradings test.
    await Promise.all([
      grade("load", "chatty", "--images", "load", "--verbose", "--timeout", "120s"),
      grade("sleeps", "sleeps-forever"),
      grade("chatty", "chatty", "--timeout", "120s"),
    ]);
  });

  test("--images load provides the images with docker save | docker load instead of the store", () => {
    expect(runs["load"]!.code).toBe(0);
    const result = readResult(json("load"));
    expect(result.sandbox?.images).toBe("load");
    expect(result.checks[0].status).toBe("passed");
  });

  describe("limits", () => {
    test("a script that never ends is stopped at its time limit and the state it left is graded", () => {
      expect(runs["sleeps"]!.code).toBe(0);
      const result = readResult(json("sleeps"));
      expect(result.run).toMatchObject({ timedOut: true, exitCode: null });
      expect(result.warnings.join("\n")).toContain("Your script was stopped after 5 s");
      expect(result.checks.map((c) => [c.id, c.status])).toEqual([["marker-volume", "passed"]]);
      expect(result.run.output).toContain("waiting forever");
    });

    test("only the tail of a flood of output is kept, and the rest is counted", () => {
      expect(runs["chatty"]!.code).toBe(0);
      const result = readResult(json("chatty"));
      expect(Buffer.byteLength(result.run.output)).toBeLessThanOrEqual(64 * 1024);
      expect(result.run.output.trimEnd().endsWith("LAST LINE")).toBe(true);
      expect(result.run.output).toContain("la même ligne, encore et encore — données");
      expect(result.run.droppedBytes).toBeGreaterThan(40_000_000);
      expect(result.checks[0].status).toBe("passed");
    });
  });
});

/**
 * Starts a grading that never ends by itself, in a run of its own, and waits
 * until its sandbox runs. What it leaves is watched by that run's label.
 */
async function gradingWithRunningSandbox(name: string) {
  const run = `${TEST_RUN}-${name}`;
  const env = { ...process.env, LABGRADE_RUN: run };
  const watch = new EngineWatch(run);
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "runner", "cli.js"), "grade", path.join(ROOT, "test", "submissions", "sleeps-forever"), "--rubric", LIMITS], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const containers = (...filters: string[]) =>
    execFileSync("docker", ["ps", "-aq", "--filter", `label=labgrade.run=${run}`, ...filters.flatMap((f) => ["--filter", f])], { encoding: "utf8" }).trim();
  const deadline = Date.now() + 60_000;
  while (containers("label=labgrade.role=sandbox", "status=running") === "" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(containers("label=labgrade.role=sandbox", "status=running")).not.toBe("");
  return { child, exited, containers, watch, env: { LABGRADE_RUN: run } };
}

test("`labgrade clean` leaves a grading that runs alone; Ctrl-C then removes its sandbox and volumes before exiting with 130", async () => {
  const { child, exited, containers, watch, env } = await gradingWithRunningSandbox("ctrl-c");
  try {
    const clean = await runCli(["clean"], { env });
    expect(clean).toMatchObject({ code: 0, stdout: "nothing to clean\n" });
    expect(containers("status=running")).not.toBe("");
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(watch.created.size).toBeGreaterThan(0);
    expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
  } finally {
    watch.stop();
  }
});

test("a reader that goes away early (`labgrade grade ... 2>&1 | head -1`) leaves the grading to complete and remove its sandbox", async () => {
  const run = `${TEST_RUN}-reader-gone`;
  const watch = new EngineWatch(run);
  const json = path.join(out, "reader-gone.json");
  try {
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "runner", "cli.js"), "grade", path.join(ROOT, "test", "submissions", "sleeps-forever"), "--rubric", LIMITS, "--json", json, "--verbose"], {
      cwd: ROOT,
      env: { ...process.env, LABGRADE_RUN: run },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Both ends closed at the first line: every later write meets a closed pipe.
    await new Promise<void>((resolve) => child.stderr!.once("data", () => resolve()));
    child.stdout!.destroy();
    child.stderr!.destroy();
    expect(await exited).toBe(0);
    expect(readResult(json).checks.map((c) => [c.id, c.status])).toEqual([["marker-volume", "passed"]]);
    expect(watch.created.size).toBeGreaterThan(0);
    expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
  } finally {
    watch.stop();
  }
});

test("after a crash (SIGKILL), `labgrade clean` finds the orphaned sandbox by its labels and removes it with its volume", async () => {
  const { child, exited, containers, watch, env } = await gradingWithRunningSandbox("sigkill");
  try {
    child.kill("SIGKILL");
    await exited;
    expect(containers()).not.toBe("");
    const clean = await runCli(["clean"], { env });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("removed containers");
    expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
  } finally {
    watch.stop();
  }
});
