import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { script } from "./script";
import { fakeContext } from "../test/support/fake-context";
import type { GraderContext, ScriptOutcome } from "./types";

/** A context whose shell is this machine's sh, in a real folder, and which records the script runs. */
function localContext(dir: string, outcome: Partial<ScriptOutcome> = {}): GraderContext & { runs: { file: string; args: string[] }[] } {
  const runs: { file: string; args: string[] }[] = [];
  return {
    ...fakeContext({}),
    submissionDir: dir,
    shell: {
      exec: async (argv) => {
        const done = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
        return { exitCode: done.status ?? -1, stdout: done.stdout, stderr: done.stderr };
      },
    },
    runScript: async (file, args) => {
      runs.push({ file, args });
      return { exitCode: 0, output: "", timedOut: false, durationMs: 1, timeoutMs: 300_000, ...outcome };
    },
    runs,
  };
}

describe("script", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-script-"));
    fs.mkdirSync(path.join(dir, "backups"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("passes arguments as written, patterns included, without glob", async () => {
    fs.writeFileSync(path.join(dir, "backups", "mon-volume_20240101_020000.tar.gz"), "");
    const ctx = localContext(dir);
    await script.evaluate(ctx, { file: "restore-volume.sh", args: ["backups/*.tar.gz", "mon-volume-restaure"] });
    expect(ctx.runs).toEqual([{ file: "restore-volume.sh", args: ["backups/*.tar.gz", "mon-volume-restaure"] }]);
  });

  test("with glob, expands patterns in the submission folder and keeps spaces and plain words whole", async () => {
    fs.writeFileSync(path.join(dir, "backups", "mon-volume_20240101_020000.tar.gz"), "");
    fs.writeFileSync(path.join(dir, "backups", "mon volume été.tar.gz"), "");
    const ctx = localContext(dir);
    await script.evaluate(ctx, { file: "restore-volume.sh", args: ["backups/mon-volume_*.tar.gz", "mon volume restauré", ""], glob: true });
    expect(ctx.runs[0].args).toEqual(["backups/mon-volume_20240101_020000.tar.gz", "mon volume restauré", ""]);
    await script.evaluate(ctx, { file: "restore-volume.sh", args: ["backups/*été*"], glob: true });
    expect(ctx.runs[1].args).toEqual(["backups/mon volume été.tar.gz"]);
  });

  test("with glob, a pattern that matches nothing is passed as written, and the message shows what ran", async () => {
    const ctx = localContext(dir, { exitCode: 1, output: "tar: backups/*.tar.gz: Cannot open" });
    const outcome = await script.evaluate(ctx, { file: "restore-volume.sh", args: ["backups/*.tar.gz", "x"], glob: true, expect: { "exit-code": 0 } });
    expect(ctx.runs[0].args).toEqual(["backups/*.tar.gz", "x"]);
    expect(outcome).toMatchObject({ passed: false, messageId: "failed", data: expect.objectContaining({ command: "restore-volume.sh backups/*.tar.gz x" }) });
  });

  test("a usage check: a non-zero exit and a usage line, in any case", async () => {
    const ctx = localContext(dir, { exitCode: 1, output: "USAGE: ./backup-volume.sh <volume-name>\n" });
    const outcome = await script.evaluate(ctx, { file: "backup-volume.sh", expect: { "exit-code": { not: 0 }, output: { matches: "/usage/i" } } });
    expect(outcome.passed).toBe(true);
  });

  test("names the script it runs: a step that runs the entry script places it among the steps", () => {
    expect(script.runsScript?.({ file: "backup-volume.sh", args: ["data"] })).toBe("backup-volume.sh");
  });
});
