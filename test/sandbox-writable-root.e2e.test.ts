/**
 * The sandbox's root is writable anywhere, as on a host (a folder under /, a
 * path `docker run -v` creates, /etc), and bounded: the writes land in a
 * size-limited tmpfs, never in the sandbox container's layer on the host's disk.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli } from "./support/cli";

const RUBRIC = path.join(ROOT, "test", "rubrics", "writable-root.yaml");
const SUBMISSION = path.join(ROOT, "test", "submissions", "writable-root");
let kept: string | undefined;
let result: GradeResult;

beforeAll(async () => {
  const run = await runCli(["check", SUBMISSION, "--rubric", RUBRIC, "--keep", "--json", "--lang", "en"]);
  result = JSON.parse(run.stdout) as GradeResult;
  kept = result.sandbox?.kept;
});

// Only this test's own sandbox: `labgrade clean` would remove other people's too.
afterAll(() => {
  if (kept) execFileSync("docker", ["rm", "-f", "-v", kept], { stdio: "ignore" });
});

test("a script writes where it would on a host", () => {
  expect(result.run.exitCode).toBe(0);
  expect(Object.fromEntries(result.checks.map((check) => [check.id, check.status]))).toEqual({
    "bind-from-new-folder": "passed",
    "engine-created-path": "passed",
    "etc-writable": "passed",
    "root-bounded": "passed",
  });
});

test("nothing the script wrote is in the sandbox container's layer on the host's disk", () => {
  expect(kept).toMatch(/^labgrade-writable-root-/);
  const upper = execFileSync("docker", ["inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", kept!], { encoding: "utf8" }).trim();
  const bytes = Number(execFileSync("du", ["-sb", upper], { encoding: "utf8" }).split("\t")[0]);
  // Mount points the engine made, nothing more; the script wrote 64 MiB under /opt.
  expect(bytes).toBeLessThan(1024 * 1024);
  expect(execFileSync("find", [upper, "-name", "big", "-o", "-name", "motd", "-o", "-name", "site"], { encoding: "utf8" })).toBe("");
});
