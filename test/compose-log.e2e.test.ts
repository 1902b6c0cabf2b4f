/**
 * The sandbox's command log holds Compose commands as the student typed
 * them, whether as `docker compose` or as `docker-compose`, in one form.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli } from "./support/cli";

test("docker compose and docker-compose both reach the command log", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-compose-log-"));
  try {
    const json = path.join(out, "result.json");
    const run = await runCli(["grade", path.join(ROOT, "test", "submissions", "compose-log"), "--rubric", path.join(ROOT, "test", "rubrics", "compose-log.yaml"), "--json", json]);
    expect(run.code).toBe(0);
    const result = JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult;
    expect(result.run.exitCode).toBe(0);
    expect(result.checks.map((c) => [c.id, c.status, c.message])).toEqual([["both-spellings-logged", "passed", ""]]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
