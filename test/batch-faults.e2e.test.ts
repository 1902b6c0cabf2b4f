/**
 * A batch under faults, through the built CLI in real sandboxes: resuming after
 * the rubric or a submission changed, a corrupted result.json, an output folder
 * that is read-only or fills up, labgrade killed (SIGKILL) or stopped (SIGTERM)
 * mid-batch. The class is small and fast: an alpine rubric whose checks look for
 * volumes, two students with scripts (a sandbox each) and two without (none).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { CLI, ROOT, runCli, type CliRun } from "./support/cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-faults-"));
const rubric = path.join(tmp, "lab.yaml");
const mounts: string[] = [];

function writeRubric(points: { data: number; logs: number }): void {
  fs.writeFileSync(
    rubric,
    [
      "id: faults",
      "title: Volumes for the fault tests",
      "images: [alpine:latest]",
      "submission: { script: run.sh, timeout: 60s }",
      "steps:",
      `  - { check: data, points: ${points.data}, volume: { names: [data] } }`,
      `  - { check: logs, points: ${points.logs}, volume: { names: [logs] } }`,
      "  - { check: cache, points: 1, volume: { names: [cache] } }",
      "",
    ].join("\n"),
  );
}

function script(volumes: string[]): string {
  return `#!/bin/sh\n${volumes.map((v) => `docker volume create ${v}`).join("\n")}\n`;
}

/** A class folder: each student a real folder (not a link) with run.sh creating these volumes, or none. */
function makeClass(name: string, members: Record<string, string[] | null>): string {
  const dir = path.join(tmp, name);
  for (const [student, volumes] of Object.entries(members)) {
    fs.mkdirSync(path.join(dir, student), { recursive: true });
    if (volumes) fs.writeFileSync(path.join(dir, student, "run.sh"), script(volumes), { mode: 0o755 });
    else fs.writeFileSync(path.join(dir, student, "README.md"), "I did not do it.\n");
  }
  return dir;
}

const read = (file: string) => fs.readFileSync(file, "utf8");
const resultOf = (out: string, student: string) => JSON.parse(read(path.join(out, "students", student, "result.json"))) as GradeResult;
const gradebook = (out: string) => read(path.join(out, "gradebook.csv"));
const batch = (classDir: string, out: string, ...extra: string[]) => runCli(["batch", classDir, "--rubric", rubric, "--out", out, "--parallel", "2", ...extra]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const containersOf = (pid: number) => execFileSync("docker", ["ps", "-aq", "--filter", `label=labgrade.pid=${pid}`], { encoding: "utf8" }).trim();

function mountTmpfs(dir: string, size: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  mounts.push(dir);
}

/** The batch in the background, with its stderr as it comes. */
function startBatch(classDir: string, out: string, ...extra: string[]): { child: ChildProcess; stderr: () => string; closed: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, "batch", classDir, "--rubric", rubric, "--out", out, "--parallel", "2", ...extra], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const closed = new Promise<CliRun>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, stderr: () => stderr, closed };
}

async function until(what: string, condition: () => boolean, limitMs = 180_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 200) {
    if (waited > limitMs) throw new Error(`gave up waiting for ${what}`);
    await sleep(200);
  }
}

// 3 points each at first; the first describe raises them to 5, which the later ones grade with.
beforeAll(() => writeRubric({ data: 3, logs: 3 }));

afterAll(() => {
  for (const dir of mounts.reverse()) execFileSync("umount", ["-l", dir]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("resuming never keeps a stale grade", () => {
  const classDir = makeClass("class", { full: ["data", "logs", "cache"], half: ["data"], nothing: null, "nothing-either": null });
  const out = path.join(tmp, "grades");
  const runs: CliRun[] = [];

  beforeAll(async () => {
    runs.push(await batch(classDir, out));
    // The instructor fixes the rubric (3 points become 5 on two checks, same ids), and a student changes their script.
    writeRubric({ data: 5, logs: 5 });
    fs.writeFileSync(path.join(classDir, "half", "run.sh"), script(["data", "logs"]), { mode: 0o755 });
    runs.push(await batch(classDir, out));
    runs.push(await batch(classDir, out));
  });

  test("the first run grades everyone and records what it graded", () => {
    expect(runs[0]!.code).toBe(0);
    expect(runs[0]!.stderr).toContain("faults: 4 students, grading 4, 2 at a time\n");
    const full = resultOf(out, "full");
    expect(full.digests).toEqual({ rubric: expect.stringMatching(/^[0-9a-f]{64}$/), submission: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test("after the rubric and a script changed, everyone is graded again, and the summary says why", () => {
    expect(runs[1]!.code).toBe(0);
    expect(runs[1]!.stderr).toContain("grading 4, 2 at a time; 4 graded again (rubric changed: 4, submission changed: 1)\n");
    expect(runs[1]!.stderr).not.toContain("kept from an earlier run");
    expect(gradebook(out).split("\r\n").slice(0, 5)).toEqual([
      "student,score,max,data,logs,cache",
      "full,11,11,5,5,1",
      "half,10,11,5,5,0",
      "nothing,0,11,0,0,0",
      "nothing-either,0,11,0,0,0",
    ]);
  });

  test("with nothing changed, every result is kept", () => {
    expect(runs[2]!.code).toBe(0);
    expect(runs[2]!.stderr).toContain("grading 0, 2 at a time; 4 kept from an earlier run");
  });

  test("a corrupted result.json is graded again, with a warning naming it", async () => {
    const file = path.join(out, "students", "nothing", "result.json");
    fs.writeFileSync(file, '{"rubric": "faults", "sco');
    const run = await batch(classDir, out);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`labgrade: warning: ${file} is not a result (not JSON (cut short or edited)): grading nothing again\n`);
    expect(run.stderr).toContain("grading 1, 2 at a time; 3 kept from an earlier run (--force grades them again); 1 graded again (result.json unreadable: 1)");
    expect(resultOf(out, "nothing")).toMatchObject({ submission: "nothing", status: "completed", maxScore: 11 });
  });
});

describe("an output folder that cannot be written", () => {
  test("read-only: exit 2 with a message naming the folder, and the gradebook as it was", async () => {
    const classDir = makeClass("ro-class", { a: null, b: null });
    const out = path.join(tmp, "ro-out");
    mountTmpfs(out, "4m");
    expect((await batch(classDir, out)).code).toBe(0);
    const before = gradebook(out);
    execFileSync("mount", ["-o", "remount,ro", out]);
    const run = await batch(classDir, out, "--force");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`labgrade: cannot write to ${out}: it is read-only (EROFS).`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(gradebook(out)).toBe(before);
  });

  test("filling up mid-batch: exit 2 naming the folder, nothing more starts, no file truncated", async () => {
    const classDir = makeClass("full-class", { a: null, graded: ["data"], z: null });
    const out = path.join(tmp, "full-out");
    mountTmpfs(out, "1m");
    expect((await batch(classDir, out, "--parallel", "1")).code).toBe(0);
    const before = { gradebook: gradebook(out), graded: read(path.join(out, "students", "graded", "result.json")) };
    const run = startBatch(classDir, out, "--force", "--parallel", "1");
    await until("the sandboxed grading to start", () => run.stderr().includes("started graded"));
    // Fill what is left of the folder's file system.
    const filler = fs.openSync(path.join(out, "filler"), "w");
    try {
      for (;;) fs.writeSync(filler, Buffer.alloc(64 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    } finally {
      fs.closeSync(filler);
    }
    const ended = await run.closed;
    expect(ended.code).toBe(2);
    expect(ended.stderr).toContain(`labgrade: cannot write to ${path.join(out, "students", "graded")}: the disk is full (ENOSPC).`);
    expect(ended.stderr).not.toContain("started z");
    expect(gradebook(out)).toBe(before.gradebook);
    expect(read(path.join(out, "students", "graded", "result.json"))).toBe(before.graded);
    expect(fs.readdirSync(path.join(out, "students", "graded")).sort()).toEqual(["junit.xml", "result.json"]);
  });
});

describe("labgrade stopped mid-batch", () => {
  test("SIGKILL: every result.json left reads whole, a rerun completes the class, clean removes the orphaned sandboxes", async () => {
    const classDir = makeClass("killed-class", { early: null, one: ["data"], two: ["data", "logs"] });
    const out = path.join(tmp, "killed-out");
    const run = startBatch(classDir, out);
    const pid = run.child.pid!;
    await until("both sandboxes to run", () => run.stderr().includes("started two") && containersOf(pid) !== "");
    run.child.kill("SIGKILL");
    await run.closed;
    for (const student of fs.readdirSync(path.join(out, "students"))) {
      const dir = path.join(out, "students", student);
      for (const file of fs.readdirSync(dir).filter((name) => name.endsWith(".json"))) expect(() => JSON.parse(read(path.join(dir, file)))).not.toThrow();
    }
    const rerun = await batch(classDir, out);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/grading [23], /);
    expect(["early", "one", "two"].map((s) => [s, resultOf(out, s).status, resultOf(out, s).score])).toEqual([
      ["early", "completed", 0],
      ["one", "completed", 5],
      ["two", "completed", 10],
    ]);
    expect(containersOf(pid)).not.toBe("");
    const clean = await runCli(["clean"]);
    expect(clean.code).toBe(0);
    expect(containersOf(pid)).toBe("");
  });

  test("SIGTERM: exits 130 after removing its sandboxes, and a rerun resumes", async () => {
    const classDir = makeClass("term-class", { one: ["data"] });
    const out = path.join(tmp, "term-out");
    const run = startBatch(classDir, out);
    const pid = run.child.pid!;
    await until("its sandbox to run", () => containersOf(pid) !== "");
    run.child.kill("SIGTERM");
    // A hang guard, not a timing: a batch that ignored the signal is killed and fails below.
    const guard = setTimeout(() => run.child.kill("SIGKILL"), 60_000);
    const ended = await run.closed;
    clearTimeout(guard);
    expect(ended.code).toBe(130);
    expect(containersOf(pid)).toBe("");
    expect(fs.existsSync(path.join(out, "students", "one", "result.json"))).toBe(false);
    const rerun = await batch(classDir, out);
    expect({ code: rerun.code, stderr: rerun.stderr }).toEqual({ code: 0, stderr: expect.stringContaining("grading 1, ") });
    expect(resultOf(out, "one").score).toBe(5);
  });
});
