/**
 * `labgrade check` as a student runs it: in a terminal, in an assignment's
 * folder, in their language. Two real gradings of the wrong-port fixture; the
 * rest uses folders without lamp.sh, which grade in well under a second.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clean } from "../runner/report/text";
import type { GradeResult } from "../runner/result";
import { CLI, ROOT, runCli, type CliRun } from "./support/cli";

const WRONG_PORT = path.join(ROOT, "fixtures", "submissions", "lamp-stack", "wrong-port");
const LAMP = path.join(ROOT, "rubrics", "lamp-stack.yaml");
let tmp: string;

beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-check-"))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI in a pseudo-terminal (util-linux's script), as a student's terminal would: raw bytes and exit code. */
function inTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; raw: string }> {
  const command = [process.execPath, CLI, ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const environment: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm", COLUMNS: "160", ...env };
    delete environment.NO_COLOR;
    const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env: environment, stdio: ["ignore", "pipe", "pipe"] });
    let raw = "";
    child.stdout.on("data", (chunk) => (raw += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, raw }));
  });
}

/** What the terminal shows at the end: the status line's redraws (cursor up, clear) undone, terminal bytes stripped. */
function finalScreen(raw: string): string {
  const lines: string[] = [];
  for (const part of raw.replace(/\r\n/g, "\n").split(/(\x1b\[\d+A\x1b\[J)/)) {
    const up = /^\x1b\[(\d+)A\x1b\[J$/.exec(part);
    if (up) lines.splice(lines.length - Number(up[1]));
    else lines.push(...part.split("\n").slice(0, -1));
  }
  return clean(lines.join("\n"));
}

/** The CLI with something on its standard input. */
function withInput(args: string[], input: string): Promise<CliRun> {
  return runCli(args, { env: { LANG: "en_US.UTF-8" }, input });
}

/** A git repository with labgrade.yaml at its root and an assignment folder without lamp.sh. */
function assignment(config: string | undefined, files: Record<string, string> = {}): { repo: string; lab: string } {
  const repo = fs.mkdtempSync(path.join(tmp, "repo-"));
  const lab = path.join(repo, "lab");
  fs.mkdirSync(path.join(repo, ".git"));
  fs.mkdirSync(lab);
  fs.writeFileSync(path.join(lab, "README.md"), "my work\n");
  if (config !== undefined) fs.writeFileSync(path.join(repo, "labgrade.yaml"), config);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(repo, file), text);
  return { repo, lab };
}

describe("in a terminal, on a failing submission, with --keep", () => {
  let kept: string | undefined;

  afterAll(() => {
    // Only if a step failed before `labgrade clean` removed it: the sandbox this test kept.
    if (kept) execFileSync("docker", ["rm", "-f", "-v", kept], { stdio: "ignore" });
  });

  test("shows the failed check, what was expected and found, the hint, the score and where to start; keeps the sandbox", async () => {
    const run = await inTerminal(["check", WRONG_PORT, "--rubric", "lamp-stack", "--keep"], { LANG: "en_US.UTF-8" });
    const text = finalScreen(run.raw);
    kept = /labgrade shell (\S+)/.exec(text)?.[1];
    expect(run.code).toBe(0);
    // A terminal gets colours and a status line redrawn in place.
    expect(run.raw).toContain("\x1b[31m✗\x1b[0m 0/2");
    expect(run.raw).toMatch(/\x1b\[\d+A\x1b\[J/);
    expect(text).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(text).toContain("▸ Running your script lamp.sh…\n  │ mysql-data\n  │ web-content\n");
    expect(text).toContain(
      [
        "✗ 0/2  lamp-web tourne avec l'image php:7.4-apache et publie le port 8080 vers 80 [web-running]",
        "    expected: container port 80 published on host port 8080",
        "    found: container port 80 is published on host port 8081",
      ].join("\n"),
    );
    expect(text).toContain("    hint: Publiez le port avec -p 8080:80.\n");
    expect(text).toContain("– 0/2  http://localhost:8080/info.php répond 200 avec la sortie de phpinfo() [info-php]\n    not checked because web-running failed\n");
    expect(text).toContain("Score: 14/20\n");
    expect(text).toContain("Failed: web-running (0/2)\n");
    expect(text).toContain("Start with: web-running — lamp-web tourne avec l'image php:7.4-apache et publie le port 8080 vers 80\n");
    expect(text).toContain("  not checked because of it: info-php, survives-restart, survives-recreate\n");
    expect(kept).toMatch(/^labgrade-lamp-stack-wrong-port-/);
    expect(text).toContain(`Sandbox kept: ${kept}\n`);
  });

  test("labgrade shell opens the kept sandbox, where docker is the sandbox's engine", async () => {
    expect(kept).toBeDefined();
    const run = await withInput(["shell", kept!], "docker ps --format '{{.Names}} {{.Ports}}'; pwd\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("lamp-web 0.0.0.0:8081->80/tcp");
    expect(run.stdout).toContain("lamp-mysql");
    expect(run.stdout).toContain("/home/student/submission");
  });

  test("labgrade clean removes it, and labgrade shell then refuses, saying why", async () => {
    const cleaned = await runCli(["clean"]);
    expect(cleaned.code).toBe(0);
    expect(cleaned.stdout).toContain(kept!);
    const name = kept!;
    kept = undefined;
    const refused = await runCli(["shell", name], { env: { LANG: "en_US.UTF-8" } });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`labgrade: There is no sandbox named ${name} any more: \`labgrade clean\` removed it`);
    expect((await runCli(["shell", name], { env: { LANG: "fr_FR.UTF-8" } })).stderr).toContain(`Il n'y a plus de bac à sable nommé ${name}`);
  });
});

describe("--only and --json", () => {
  test("re-checks the checks given (and what they need), the JSON alone on stdout, the display in French on stderr", async () => {
    const run = await runCli(["check", WRONG_PORT, "--rubric", LAMP, "--only", "web-running", "--only", "volumes,info-php", "--json", "--lang", "fr"], {
      env: { LANG: "en_US.UTF-8" },
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as GradeResult;
    const status = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({ volumes: "passed", "web-running": "failed", "info-php": "skipped", "mysql-running": "skipped" });
    expect(result.checks.find((c) => c.id === "info-php")!.message).toBe("non vérifiée car web-running a échoué");
    expect(result.checks.find((c) => c.id === "mysql-running")!.message).toMatch(/^non choisie : seules les vérifications données avec --only/);
    expect(run.stderr).toContain("    attendu : le port 80 du conteneur publié sur le port 8080 de l'hôte\n    obtenu : le port 80 du conteneur est publié sur le port 8081 de l'hôte\n");
    expect(run.stderr).toContain("    indice : Publiez le port avec -p 8080:80.\n");
    expect(run.stderr).toContain("Score des vérifications choisies : 3/7 (sans --only pour votre score complet)\n");
    expect(run.stderr).toContain("Commencez par : web-running — ");
    expect(run.stderr).not.toContain("[mysql-running]");
    expect(run.stderr).not.toMatch(/\x1b/);
  });

  test("an unknown check id is bad usage, with the closest id", async () => {
    const run = await runCli(["check", WRONG_PORT, "--rubric", LAMP, "--only", "web-runing", "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--only web-runing: no check of that id in lamp-stack\. Did you mean web-running\? Checks: volumes, mysql-running, /);
  });

  test("--json carries an error result when no sandbox can run, with exit code 3", async () => {
    const run = await runCli(["check", WRONG_PORT, "--rubric", LAMP, "--json"], { env: { LABGRADE_SANDBOX_IMAGE: "labgrade-standin/no-such-sandbox:latest" } });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "error", score: 0, maxScore: 20 });
  });
});

describe("labgrade.yaml", () => {
  test("names the rubric, found in a parent folder up to the git root", async () => {
    const { lab } = assignment("rubric: lamp-stack\n");
    const run = await runCli(["check", "--lang", "en"], { cwd: lab });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Rubric: Stack LAMP avec persistance (${LAMP})\n`);
    expect(run.stdout).toContain("    not checked: your submission has no lamp.sh. Expected a file named lamp.sh at the root of the submission folder; found: README.md.\n");
    expect(run.stdout).toContain("Score: 0/20\n");
    expect(run.stdout).toContain("Start with: not checked: your submission has no lamp.sh.");
  });

  test("a path in it is read from where labgrade.yaml is; --rubric overrides it", async () => {
    const { repo, lab } = assignment("rubric: ./course/lab.yaml\n");
    fs.mkdirSync(path.join(repo, "course"));
    fs.writeFileSync(path.join(repo, "course", "lab.yaml"), fs.readFileSync(LAMP, "utf8").replace('title: "Stack LAMP avec persistance"', 'title: "Course copy"'));
    expect((await runCli(["check", lab, "--lang", "en"])).stdout).toContain("Rubric: Course copy (");
    expect((await runCli(["check", lab, "--lang", "en", "--rubric", "lamp-stack"])).stdout).toContain("Rubric: Stack LAMP avec persistance (");
  });

  test("without one, exit 2 and say what to add", async () => {
    const { lab } = assignment(undefined);
    const run = await runCli(["check", lab], { env: { LANG: "en_US.UTF-8" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`labgrade: No rubric found for ${lab}: no labgrade.yaml in it or in its parents up to ${path.dirname(lab)}.`);
    expect(run.stderr).toContain("`rubric: lamp-stack`");
  });
});

describe("language", () => {
  // An English rubric, so that only the student's locale or --lang can make it French.
  const english = () =>
    assignment("rubric: lab.yaml\n", { "lab.yaml": fs.readFileSync(LAMP, "utf8").replace("language: fr", "language: en") });

  test("LANG=fr_FR.UTF-8 speaks French; the rubric's own text stays as written", async () => {
    const { lab } = english();
    const run = await runCli(["check", lab], { env: { LANG: "fr_FR.UTF-8" } });
    expect(run.stdout).toContain("    non vérifiée : votre rendu ne contient pas de lamp.sh.");
    expect(run.stdout).toContain("– 0/3  Les volumes mysql-data, web-content et user-uploads existent [volumes]\n");
    expect(run.stdout).toContain("Votre script lamp.sh : non lancé\n");
    expect(run.stdout).toContain("Score : 0/20\n");
    expect(run.stdout).toContain("Commencez par : non vérifiée : votre rendu ne contient pas de lamp.sh.");
  });

  test("--lang overrides the locale; without either the rubric's language is spoken", async () => {
    const { lab } = english();
    expect((await runCli(["check", lab, "--lang", "fr"], { env: { LANG: "en_US.UTF-8" } })).stdout).toContain("Score : 0/20\n");
    expect((await runCli(["check", lab], { env: { LANG: "C.UTF-8" } })).stdout).toContain("Score: 0/20\n");
    expect((await runCli(["check", lab, "--rubric", LAMP], { env: { LANG: "C.UTF-8" } })).stdout).toContain("Score : 0/20\n");
    const bad = await runCli(["check", lab, "--lang", "de"], { env: { LANG: "C.UTF-8" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--lang takes en, fr, got de.");
  });
});

describe("--fail-under", () => {
  test("exit 1 when the score is under it, in points or percent; 0 otherwise", async () => {
    const { lab } = assignment("rubric: lamp-stack\n");
    const under = await runCli(["check", lab, "--fail-under", "80%", "--lang", "en"]);
    expect(under.code).toBe(1);
    expect(under.stdout).toContain("Score 0/20 is under --fail-under 80%: exit code 1.\n");
    expect((await runCli(["check", lab, "--fail-under", "1"])).code).toBe(1);
    expect((await runCli(["check", lab, "--fail-under", "0"])).code).toBe(0);
  });

  test("bad thresholds are bad usage, before anything is graded", async () => {
    const { lab } = assignment("rubric: lamp-stack\n");
    const cases: [string[], string][] = [
      [["--fail-under", "lots"], "--fail-under takes points (15) or a percentage (80%), got lots."],
      [["--fail-under", "25"], "--fail-under 25 is more than the rubric's 20 points"],
      [["--fail-under", "15", "--only", "volumes"], "--fail-under judges the whole score, so it cannot be combined with --only."],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(["check", lab, "--lang", "en", ...args]);
      expect([run.code, run.stdout]).toEqual([2, ""]);
      expect(run.stderr).toContain(message);
    }
  });
});
