/**
 * `labgrade draft` end to end: drafts rubrics from the LAMP and the backup
 * references in real sandboxes, then proves each draft with the real CLI:
 * it validates, gives its reference full marks, and takes points from a
 * fixture known to be wrong.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli } from "./support/cli";
import { EngineWatch } from "./support/engine-state";

const SUBMISSIONS = path.join(ROOT, "fixtures", "submissions");
let dir: string;
let watch: EngineWatch;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-draft-"));
  watch = new EngineWatch();
});

afterAll(() => {
  watch.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function graded(submission: string, rubric: string): Promise<GradeResult> {
  const json = path.join(dir, `${path.basename(submission)}-${path.basename(rubric)}.json`);
  const run = await runCli(["grade", submission, "--rubric", rubric, "--json", json]);
  expect(run.stderr).not.toContain("internal error");
  expect(run.code).toBe(0);
  return JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult;
}

async function drafted(reference: string, args: string[], out: string): Promise<string> {
  const run = await runCli(["draft", reference, ...args, "--out", out]);
  expect(run.stderr).not.toContain("internal error");
  expect(run.code).toBe(0);
  const validated = await runCli(["validate", out]);
  expect(validated.stdout).toMatch(/: valid \(\d+ steps?, \d+ points?\)/);
  expect(validated.code).toBe(0);
  return fs.readFileSync(out, "utf8");
}

describe("labgrade draft", () => {
  it("drafts the LAMP lab: full marks for the reference, points lost by a wrong port", async () => {
    const out = path.join(dir, "lamp-stack.yaml");
    const text = await drafted(path.join(SUBMISSIONS, "lamp-stack", "reference"), ["--images", "mysql:8.0,php:7.4-apache"], out);
    const rubric = load(text) as { language: string; steps: { check?: string; action?: string; title: string }[] };
    // French, as the reference's comments are; the concerns a person would check, each once.
    expect(rubric.language).toBe("fr");
    expect(rubric.steps.map((s) => s.check ?? s.action)).toEqual(
      expect.arrayContaining(["volumes", "mysql-running", "mysql-volume", "webapp-db", "web-running", "web-volumes", "web-reaches-mysql", "info-php", "info-php-in-volume", "restart-stack", "survives-restart", "recreate-stack", "survives-recreate"]),
    );
    expect(text).toMatch(/# MYSQL_ROOT_PASSWORD ressemble à un secret.*\n\s+MYSQL_ROOT_PASSWORD: \{ matches: "\." \}/);
    expect(text).not.toContain("rootpass");

    const reference = await graded(path.join(SUBMISSIONS, "lamp-stack", "reference"), out);
    expect(reference.checks.filter((c) => c.status !== "passed")).toEqual([]);
    expect(reference.score).toBe(reference.maxScore);
    const wrongPort = await graded(path.join(SUBMISSIONS, "lamp-stack", "wrong-port"), out);
    expect(wrongPort.score).toBeLessThan(wrongPort.maxScore);
    expect(wrongPort.checks.find((c) => c.id === "web-running")?.status).toBe("failed");
    expect(wrongPort.checks.find((c) => c.id === "info-php")?.status).toBe("skipped");
  });

  it("drafts the backup script from what it does without an argument; a script without a usage line loses points", async () => {
    const out = path.join(dir, "backup-restore.yaml");
    const text = await drafted(path.join(SUBMISSIONS, "backup-restore", "reference"), ["--images", "alpine:latest", "--script", "backup-volume.sh"], out);
    expect(load(text)).toMatchObject({ submission: { script: "backup-volume.sh", files: ["backup-volume.sh", "restore-volume.sh"] } });
    // Without its argument the script only prints its usage and fails: that is what the draft can check.
    expect((load(text) as { steps: unknown[] }).steps).toEqual([
      expect.objectContaining({ script: { file: "backup-volume.sh", expect: { "exit-code": 1, output: { contains: "Usage:" } } } }),
    ]);

    const reference = await graded(path.join(SUBMISSIONS, "backup-restore", "reference"), out);
    expect(reference.score).toBe(reference.maxScore);
    const noUsage = await graded(path.join(SUBMISSIONS, "backup-restore", "no-usage"), out);
    expect(noUsage.score).toBeLessThan(noUsage.maxScore);
  });

  it("leaves nothing on the engine", async () => {
    expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
  });
});
