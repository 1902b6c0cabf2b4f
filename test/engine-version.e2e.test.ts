/**
 * The engine students' scripts meet is today's (Debian 13's Docker 26 with
 * Compose), whatever the host runs; `--version`, `--verbose` and the result's
 * run.engine name the same one the script saw.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { sandboxImageName } from "../runner/sandbox/catalog";
import { ENGINE_LABEL, quickImageLabels } from "../runner/sandbox/image-label";
import { ROOT, runCli } from "./support/cli";

const LIMITS = path.join(ROOT, "test", "rubrics", "limits.yaml");

test("--version, --verbose and run.engine name the sandbox's engine, the one the script used", async () => {
  const version = await runCli(["--version"]);
  expect(version.code).toBe(0);
  const named = /^sandbox engine: Docker (\S+) /m.exec(version.stdout)?.[1];
  expect(named).toMatch(/^2[6-9]\./);
  // The quick way (one bare request, no Docker client) is the one that answered: the real engine takes it.
  expect((await quickImageLabels(sandboxImageName()))?.[ENGINE_LABEL]).toBe(named);

  const out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-engine-"));
  try {
    const json = path.join(out, "result.json");
    const run = await runCli(["grade", path.join(ROOT, "test", "submissions", "engine-version"), "--rubric", LIMITS, "--json", json, "--verbose"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`sandbox engine: Docker ${named}`);
    const result = JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult;
    expect(result.run.engine).toBe(named);
    expect(result.run.output).toContain(`server ${named}`);
    expect(result.run.output).toMatch(/Docker Compose version v?2\./);
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([["marker-volume", "passed"]]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
