/**
 * The engine restarted in the middle of a batch. The shared engine is never
 * touched: the test starts a Docker engine of its own (its own data-root,
 * exec-root, socket and bridge, no iptables rules), loads the two images the
 * batch needs into it, points the batch at it through DOCKER_HOST, and restarts
 * that engine while two sandboxes run. The students whose sandbox died get
 * error results; the same command run again completes them. Each script holds
 * its sandbox until the engine is back (the test then lets it go on), so the
 * gradings after the restart do not wait for nothing. `grade` alone, under the
 * same restart, ends with exit 3 and an error result.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { CLI, ROOT, runCli } from "./support/cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-restart-"));
const engineDir = path.join(tmp, "engine");
const socket = path.join(engineDir, "docker.sock");
const bridge = `lgr${randomBytes(3).toString("hex")}`;
const DOCKER_HOST = `unix://${socket}`;
const rubric = path.join(tmp, "lab.yaml");
const classDir = path.join(tmp, "class");
const out = path.join(tmp, "grades");
/** The file in a sandbox that lets its script end (see releaseScripts). */
const RELEASED = "/tmp/labgrade-test-released";
let engine: ChildProcess | undefined;
let stopReleasing = async (): Promise<void> => {};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const onEngine = (args: string[]) => execFileSync("docker", args, { encoding: "utf8", env: { ...process.env, DOCKER_HOST } });
const resultOf = (student: string) => JSON.parse(fs.readFileSync(path.join(out, "students", student, "result.json"), "utf8")) as GradeResult;

async function until(what: string, condition: () => boolean, limitMs = 180_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 250) {
    if (waited > limitMs) throw new Error(`gave up waiting for ${what}`);
    await sleep(250);
  }
}

/** Tells every script running on the test's engine, from now until the returned stop, that it may end. */
function releaseScripts(): () => Promise<void> {
  let stopped = false;
  const docker = (args: string[]) =>
    new Promise<string>((resolve) => execFile("docker", args, { encoding: "utf8", env: { ...process.env, DOCKER_HOST } }, (error, stdout) => resolve(error ? "" : stdout)));
  const loop = (async () => {
    while (!stopped) {
      const sandboxes = (await docker(["ps", "-q", "--filter", "label=labgrade.role=sandbox"])).split("\n").filter(Boolean);
      await Promise.all(sandboxes.map((id) => docker(["exec", id, "touch", RELEASED])));
      await sleep(500);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

/** The CLI on the test's engine, in the background: its exit code once it ends, and what it has said on stderr. */
function startCli(args: string[]): { closed: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", DOCKER_HOST }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  child.stdout!.resume();
  return { closed: new Promise((resolve) => child.on("close", resolve)), stderr: () => stderr };
}

/** Once `count` sandboxes run their script (its volume exists in their engine), the engine goes down and comes back; then the scripts may end. */
async function restartEngineUnder(count: number): Promise<void> {
  await until(`${count} sandbox(es) running their scripts`, () => {
    const sandboxes = onEngine(["ps", "-q", "--filter", "label=labgrade.role=sandbox"]).split("\n").filter(Boolean);
    return sandboxes.length === count && sandboxes.every((id) => scriptRuns(id));
  });
  await stopEngine();
  await startEngine();
  stopReleasing = releaseScripts();
}

/** Whether the script in this sandbox got as far as its volume. */
function scriptRuns(sandbox: string): boolean {
  try {
    return onEngine(["exec", sandbox, "docker", "volume", "ls", "-q"]).split("\n").includes("data");
  } catch {
    return false;
  }
}

function answers(): boolean {
  try {
    onEngine(["version", "--format", "{{.Server.Version}}"]);
    return true;
  } catch {
    return false;
  }
}

async function startEngine(): Promise<void> {
  const log = fs.openSync(path.join(tmp, "dockerd.log"), "a");
  engine = spawn(
    "dockerd",
    [
      "--data-root", path.join(engineDir, "root"),
      "--exec-root", path.join(engineDir, "exec"),
      "--pidfile", path.join(engineDir, "dockerd.pid"),
      "--host", DOCKER_HOST,
      "--bridge", bridge,
      "--iptables=false",
      "--ip-masq=false",
      "--storage-driver", "overlay2",
    ],
    { stdio: ["ignore", log, log] },
  );
  await until("the test's engine to answer", answers, 60_000);
}

async function stopEngine(): Promise<void> {
  const running = engine;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once("exit", resolve));
  running.kill("SIGTERM");
  await exited;
}

/** The host's copy of an image, into the test's engine. */
function transfer(images: string[]): void {
  execFileSync("sh", ["-c", `docker save "$@" | DOCKER_HOST=${DOCKER_HOST} docker load -q`, "transfer", ...images], { stdio: "ignore" });
}

function hostImageFor(expression: string): string {
  return execFileSync(process.execPath, ["-e", `console.log(require(${JSON.stringify(path.join(ROOT, "dist", "runner", "sandbox", "catalog.js"))}).${expression})`], { encoding: "utf8" }).trim();
}

beforeAll(async () => {
  fs.mkdirSync(engineDir, { recursive: true });
  execFileSync("ip", ["link", "add", bridge, "type", "bridge"]);
  execFileSync("ip", ["addr", "add", "172.31.251.1/24", "dev", bridge]);
  execFileSync("ip", ["link", "set", bridge, "up"]);
  await startEngine();
  const alpine = hostImageFor('sourcesFor(["alpine:latest"])[0].candidates.find((c) => c.includes("standin"))');
  transfer([hostImageFor("sandboxImageName()"), alpine]);

  fs.writeFileSync(
    rubric,
    "id: restart\ntitle: Restart\nimages: [alpine:latest]\nsubmission: { script: run.sh, timeout: 120s }\nsteps:\n  - { check: data, points: 2, volume: { names: [data] } }\n",
  );
  // Each script waits long enough for the engine to be restarted under it: until the test releases it, 25 s at most.
  const script = `#!/bin/sh\ndocker volume create data\ni=0\nwhile [ ! -e ${RELEASED} ] && [ $i -lt 25 ]; do sleep 1; i=$((i + 1)); done\n`;
  for (const student of ["ana", "ben", "cleo", "dev"]) {
    fs.mkdirSync(path.join(classDir, student), { recursive: true });
    fs.writeFileSync(path.join(classDir, student, "run.sh"), script, { mode: 0o755 });
  }
});

afterAll(async () => {
  await stopReleasing();
  if (engine && engine.exitCode === null && answers()) {
    const ids = onEngine(["ps", "-aq"]).split("\n").filter(Boolean);
    if (ids.length) onEngine(["rm", "-f", "-v", ...ids]);
  }
  await stopEngine();
  execFileSync("ip", ["link", "del", bridge]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("a restart of the engine mid-batch gives the affected students error results; a rerun completes them", async () => {
  const batch = startCli(["batch", classDir, "--rubric", rubric, "--out", out, "--parallel", "2"]);
  await restartEngineUnder(2);
  const code = await batch.closed;
  const stderr = batch.stderr();

  expect([0, 3]).toContain(code);
  const first = ["ana", "ben", "cleo", "dev"].map((s) => [s, resultOf(s).status] as const);
  const affected = first.filter(([, status]) => status === "error").map(([s]) => s);
  expect(affected).toEqual(expect.arrayContaining(["ana", "ben"]));
  for (const student of affected) expect(resultOf(student).error).toBeTruthy();
  expect(resultOf("ana").error).toContain("the host's Docker engine stopped or restarted during this grading");
  // The batch ended before the engine was back: it says how to remove what the engine held.
  if (onEngine(["ps", "-aq", "--filter", "label=labgrade.role=sandbox"]).trim()) expect(stderr).toContain("`labgrade clean` removes the sandboxes it held");

  const rerun = await runCli(["batch", classDir, "--rubric", rubric, "--out", out, "--parallel", "2"], { env: { DOCKER_HOST } });
  await stopReleasing();
  expect(rerun.code).toBe(0);
  expect(rerun.stderr).toContain(`grading ${affected.length}, `);
  expect(rerun.stderr).toContain(`${affected.length} graded again (earlier grading errored: ${affected.length})`);
  expect(["ana", "ben", "cleo", "dev"].map((s) => [s, resultOf(s).status, resultOf(s).score])).toEqual([
    ["ana", "completed", 2],
    ["ben", "completed", 2],
    ["cleo", "completed", 2],
    ["dev", "completed", 2],
  ]);
  // The rerun left nothing; `clean` removes what the first run's lost sandboxes left.
  const clean = await runCli(["clean"], { env: { DOCKER_HOST } });
  expect(clean.code).toBe(0);
  expect(onEngine(["ps", "-aq", "--filter", "label=labgrade.role=sandbox"]).trim()).toBe("");
});

test("a restart of the engine during `grade` ends it with exit 3 and an error result, not a score the student did not earn", async () => {
  const json = path.join(tmp, "ana-alone.json");
  const grade = startCli(["grade", path.join(classDir, "ana"), "--rubric", rubric, "--json", json]);
  await restartEngineUnder(1);
  const code = await grade.closed;
  const stderr = grade.stderr();
  await stopReleasing();

  expect({ code, stderr }).toMatchObject({ code: 3, stderr: expect.stringContaining("the host's Docker engine stopped or restarted during this grading (not the student's doing); run the same command again.") });
  expect(JSON.parse(fs.readFileSync(json, "utf8"))).toMatchObject({ status: "error", error: expect.stringContaining("the host's Docker engine stopped or restarted") });
  // The command removed its sandbox if the engine was back before it ended; if not, it said how to.
  if (onEngine(["ps", "-aq", "--filter", "label=labgrade.role=sandbox"]).trim()) expect(stderr).toContain("`labgrade clean` removes the sandbox it held");
  expect((await runCli(["clean"], { env: { DOCKER_HOST } })).code).toBe(0);
  expect(onEngine(["ps", "-aq", "--filter", "label=labgrade.role=sandbox"]).trim()).toBe("");
});
