/**
 * `labgrade draft` end to end: drafts rubrics from the LAMP and the backup
 * references in real sandboxes, then proves each draft with the real CLI:
 * it validates, gives its reference full marks, and takes points from a
 * fixture known to be wrong. The two labs are drafted and graded side by
 * side (each lab's two gradings at once too): none depends on another.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli, type CliRun } from "./support/cli";
import { EngineWatch } from "./support/engine-state";

const SUBMISSIONS = path.join(ROOT, "fixtures", "submissions");
let dir: string;
let watch: EngineWatch;

/** One lab's draft, its validation, and the gradings of two submissions with it. */
interface Drafted {
  draft: CliRun;
  validated: CliRun;
  text: string;
  graded: Record<string, { run: CliRun; result?: GradeResult }>;
}

let lamp: Drafted;
let backup: Drafted;

async function graded(submission: string, rubric: string): Promise<{ run: CliRun; result?: GradeResult }> {
  const json = path.join(dir, `${path.basename(submission)}-${path.basename(rubric)}.json`);
  const run = await runCli(["grade", submission, "--rubric", rubric, "--json", json]);
  return { run, result: fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult) : undefined };
}

async function drafted(lab: string, args: string[], submissions: string[]): Promise<Drafted> {
  const out = path.join(dir, `${lab}.yaml`);
  const draft = await runCli(["draft", path.join(SUBMISSIONS, lab, "reference"), ...args, "--out", out]);
  const validated = await runCli(["validate", out]);
  const text = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  const results = await Promise.all(submissions.map((name) => graded(path.join(SUBMISSIONS, lab, name), out)));
  return { draft, validated, text, graded: Object.fromEntries(submissions.map((name, i) => [name, results[i]!])) };
}

/** The draft ran, validated, and each grading with it completed. */
function expectRan({ draft, validated, graded: gradings }: Drafted): void {
  expect(draft.stderr).not.toContain("internal error");
  expect(draft.code).toBe(0);
  expect(validated.stdout).toMatch(/: valid \(\d+ steps?, \d+ points?\)/);
  expect(validated.code).toBe(0);
  for (const { run } of Object.values(gradings)) {
    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(0);
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-draft-"));
  watch = new EngineWatch();
  [lamp, backup] = await Promise.all([
    drafted("lamp-stack", ["--images", "mysql:8.0,php:7.4-apache"], ["reference", "wrong-port"]),
    drafted("backup-restore", ["--images", "alpine:latest", "--script", "backup-volume.sh"], ["reference", "no-usage"]),
  ]);
});

afterAll(() => {
  watch.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("labgrade draft", () => {
  it("drafts the LAMP lab: full marks for the reference, points lost by a wrong port", () => {
    expectRan(lamp);
    const { text } = lamp;
    const rubric = load(text) as { language: string; steps: { check?: string; action?: string; title: string }[] };
    // French, as the reference's comments are; the concerns a person would check, each once.
    expect(rubric.language).toBe("fr");
    expect(rubric.steps.map((s) => s.check ?? s.action)).toEqual(
      expect.arrayContaining(["volumes", "mysql-running", "mysql-volume", "webapp-db", "web-running", "web-volumes", "web-reaches-mysql", "info-php", "info-php-in-volume", "restart-stack", "survives-restart", "recreate-stack", "survives-recreate"]),
    );
    expect(text).toMatch(/# MYSQL_ROOT_PASSWORD ressemble à un secret.*\n\s+MYSQL_ROOT_PASSWORD: \{ matches: "\." \}/);
    expect(text).not.toContain("rootpass");

    const reference = lamp.graded["reference"]!.result!;
    expect(reference.checks.filter((c) => c.status !== "passed")).toEqual([]);
    expect(reference.score).toBe(reference.maxScore);
    const wrongPort = lamp.graded["wrong-port"]!.result!;
    expect(wrongPort.score).toBeLessThan(wrongPort.maxScore);
    expect(wrongPort.checks.find((c) => c.id === "web-running")?.status).toBe("failed");
    expect(wrongPort.checks.find((c) => c.id === "info-php")?.status).toBe("skipped");
  });

  it("drafts the backup script from what it does without an argument; a script without a usage line loses points", () => {
    expectRan(backup);
    const { text } = backup;
    expect(load(text)).toMatchObject({ submission: { script: "backup-volume.sh", files: ["backup-volume.sh", "restore-volume.sh"] } });
    // Without its argument the script only prints its usage and fails: that is what the draft can check.
    expect((load(text) as { steps: unknown[] }).steps).toEqual([
      expect.objectContaining({ script: { file: "backup-volume.sh", expect: { "exit-code": 1, output: { contains: "Usage:" } } } }),
    ]);

    const reference = backup.graded["reference"]!.result!;
    expect(reference.score).toBe(reference.maxScore);
    const noUsage = backup.graded["no-usage"]!.result!;
    expect(noUsage.score).toBeLessThan(noUsage.maxScore);
  });

  it("leaves nothing on the engine", async () => {
    expect(await watch.leftovers()).toEqual({ containers: [], volumes: [], networks: [] });
  });
});
