import { translator } from "../i18n";
import { lampResult } from "../../test/support/sample-results";
import type { CheckResult, GradeResult } from "../result";
import { checkBlock, checkBlocks, describeRunIn, firstToFix, keepLines, summaryLines } from "./format";

const en = { t: translator("en"), color: false };
const fr = { t: translator("fr"), color: false };

const check = (id: string, status: CheckResult["status"], extra: Partial<CheckResult> = {}): CheckResult => ({
  id, title: `Title of ${id}`, status, points: status === "passed" ? 2 : 0, maxPoints: 2, message: "", durationMs: 0, ...extra,
});

/** The LAMP lab's shape: web-running failed, so info-php and what needs it did not run. */
const requires = { volumes: [], "web-running": [], "info-php": ["web-running"], "restart-stack": [], "survives-restart": ["info-php", "restart-stack"], "mysql-volume": [] };
const wrongPort = [
  check("volumes", "passed"),
  check("mysql-volume", "failed"),
  check("web-running", "failed", { expected: "80/tcp published on 8080", actual: "8081->80/tcp", hint: "Publiez le port avec -p 8080:80.", message: "Container lamp-web does not match." }),
  check("info-php", "skipped", { message: "not checked because web-running failed" }),
  check("survives-restart", "skipped", { message: "not checked because info-php failed" }),
];

describe("checkBlock", () => {
  it("shows a failure's expected and found values, its message and hint, with the id --only takes", () => {
    expect(checkBlock(en, wrongPort[2], 3)).toEqual([
      "✗ 0/2  Title of web-running [web-running]",
      "    expected: 80/tcp published on 8080",
      "    found: 8081->80/tcp",
      "    Container lamp-web does not match.",
      "    hint: Publiez le port avec -p 8080:80.",
    ]);
  });

  it("labels them in the student's language; rubric and grader text stay as written", () => {
    expect(checkBlock(fr, wrongPort[2], 3)).toEqual([
      "✗ 0/2  Title of web-running [web-running]",
      "    attendu : 80/tcp published on 8080",
      "    obtenu : 8081->80/tcp",
      "    Container lamp-web does not match.",
      "    indice : Publiez le port avec -p 8080:80.",
    ]);
  });

  it("colours the symbol and dims the id when asked", () => {
    expect(checkBlock({ ...en, color: true }, wrongPort[0], 3)).toEqual(["\x1b[32m✓\x1b[0m 2/2  Title of volumes \x1b[2m[volumes]\x1b[0m"]);
  });

  it("gives a run of checks skipped for one reason that reason once, after their titles", () => {
    const reason = "not checked: your submission has no lamp.sh.";
    expect(checkBlocks(en, [check("a", "skipped", { message: reason }), check("b", "skipped", { message: reason })], 3)).toEqual([
      "– 0/2  Title of a [a]",
      "– 0/2  Title of b [b]",
      `    ${reason}`,
    ]);
  });
});

describe("firstToFix", () => {
  it("starts with the failure that kept the most checks from running, with those checks", () => {
    expect(firstToFix(wrongPort, requires)).toMatchObject({ check: { id: "web-running" }, blocked: ["info-php", "survives-restart"], rootReason: false });
  });

  it("otherwise with the first failure in rubric order", () => {
    const checks = [check("volumes", "failed"), check("mysql-volume", "failed")];
    expect(firstToFix(checks, requires)).toMatchObject({ check: { id: "volumes" }, blocked: [] });
  });

  it("with no failure, starts with a check not run for a reason of its own (no script)", () => {
    const reason = "not checked: your submission has no lamp.sh.";
    const checks = [check("volumes", "skipped", { message: reason }), check("info-php", "skipped", { message: reason })];
    expect(firstToFix(checks, requires)).toMatchObject({ check: { id: "volumes" }, rootReason: true });
  });

  it("ignores checks that --only left out, and has nothing to say when all passed", () => {
    expect(firstToFix(wrongPort, requires, new Set(["volumes"]))).toBeUndefined();
  });
});

describe("describeRunIn", () => {
  it("says how the script ended, in the student's language", () => {
    expect(describeRunIn(en.t, { exitCode: 0, durationMs: 3420, output: "", timedOut: false, droppedBytes: 0 })).toBe("exit code 0, 3.4 s");
    expect(describeRunIn(fr.t, { exitCode: null, durationMs: 300_200, output: "", timedOut: true, droppedBytes: 2048 })).toBe(
      "pas de code de sortie, arrêté après 300 s, 2048 octets de sortie non conservés",
    );
    expect(describeRunIn(en.t, { exitCode: null, durationMs: 0, output: "", timedOut: false, droppedBytes: 0 })).toBe("did not run");
  });
});

describe("summaryLines", () => {
  const result: GradeResult = {
    ...lampResult,
    score: 2,
    maxScore: 10,
    checks: wrongPort,
    warnings: ["Your script printed 10 bytes more than the 5 kept; only the end is shown."],
    run: { exitCode: 0, durationMs: 3400, output: "", timedOut: false, droppedBytes: 0 },
    sandbox: { mode: "capabilities", images: "clone" },
    timings: { ...lampResult.timings, sandboxMs: 1000, imagesMs: 400, scriptMs: 3400, checksMs: 3800, waitMs: 2000 },
    durationMs: 8700,
  };

  it("ends with the score, the failures and where to start", () => {
    expect(summaryLines(result, { ...en, script: "lamp.sh", requires })).toEqual([
      "",
      "warning: Your script printed 10 bytes more than the 5 kept; only the end is shown.",
      "Your script lamp.sh: exit code 0, 3.4 s",
      "Time: 8.7 s (sandbox 1.0 s, images 0.4 s, script 3.4 s, checks 3.8 s)",
      "  2.0 s of the checks went to retrying checks that wait for a service (the rubric's retry)",
      "",
      "Score: 2/10",
      "Failed: mysql-volume (0/2), web-running (0/2)",
      "Start with: web-running — Title of web-running",
      "  not checked because of it: info-php, survives-restart",
    ]);
  });

  it("in French", () => {
    const lines = summaryLines(result, { ...fr, script: "lamp.sh", requires });
    expect(lines).toContain("Score : 2/10");
    expect(lines).toContain("Échouées : mysql-volume (0/2), web-running (0/2)");
    expect(lines).toContain("Commencez par : web-running — Title of web-running");
    expect(lines).toContain("  non vérifiées à cause d'elle : info-php, survives-restart");
  });

  it("with --only, scores the selected checks alone", () => {
    const lines = summaryLines(result, { ...en, script: "lamp.sh", requires, selected: new Set(["volumes"]) });
    expect(lines).toContain("Score of the selected checks: 2/2 (run without --only for your full score)");
    expect(lines).toContain("Every check passed.");
    expect(lines.join("\n")).not.toContain("Failed");
  });

  it("names checks the grader could not check apart from failures", () => {
    const errored = { ...result, checks: [check("volumes", "error", { message: "The grader could not check this" })] };
    expect(summaryLines(errored, { ...en, script: "lamp.sh", requires })).toContain("Could not be checked (not your fault: tell your instructor): volumes");
  });
});

describe("keepLines", () => {
  it("gives the one command that opens a shell in the kept sandbox", () => {
    expect(keepLines(en.t, "labgrade-lamp-stack-x-1234")).toEqual([
      "",
      "Sandbox kept: labgrade-lamp-stack-x-1234",
      "  Open a shell in it: labgrade shell labgrade-lamp-stack-x-1234",
      "  Remove it when you are done: labgrade clean",
    ]);
    expect(keepLines(en.t, undefined)).toEqual(["", "No sandbox was started, so none was kept."]);
  });
});
