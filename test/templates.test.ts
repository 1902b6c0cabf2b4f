/**
 * The CI templates under ci/: each parses as YAML, every `labgrade ...` command in
 * them names a command and options the CLI's usage lists, their shell parses, and
 * the Classroom reporter's runner id matches its environment variable. Then the
 * grading steps themselves run, as the templates write them, on submissions that
 * need no sandbox (no Docker): the Classroom step's output decodes as the reporter
 * decodes it, and the instructor workflows' shards merge into a gradebook. Every
 * GitHub workflow (the templates and the project's own .github/workflows/ci.yml)
 * names the current major of each action and Node 22 or 24, and each template
 * installs a pinned labgrade package without install scripts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ROOT } from "./support/cli";

type Yaml = Record<string, unknown>;
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  "working-directory"?: string;
}

const CLI = path.join(ROOT, "dist", "runner", "cli.js");
const TEMPLATES = ["github-classroom.yml", "github-instructor-batch.yml", "gitlab-ci.yml"];
const load = (name: string): Yaml => yaml.load(fs.readFileSync(path.join(ROOT, "ci", name), "utf8")) as Yaml;
const EMPTY = path.join(ROOT, "fixtures", "submissions", "lamp-stack", "empty");
const GITHUB_WORKFLOWS = ["ci/github-classroom.yml", "ci/github-instructor-batch.yml", ".github/workflows/ci.yml"];
const loadFile = (file: string): Yaml => yaml.load(fs.readFileSync(path.join(ROOT, file), "utf8")) as Yaml;

/**
 * The current major of each action the workflows use, read in each action's own
 * repository (its tags, package.json and action.yml) on 2026-12-01: checkout v7.0.1,
 * setup-node v7.0.0, upload-artifact v7.0.0, download-artifact v8.0.1, all on node24.
 * autograding-grading-reporter has only v1 (archived with GitHub Classroom).
 */
const CURRENT: Record<string, string> = {
  "actions/checkout": "v7",
  "actions/setup-node": "v7",
  "actions/upload-artifact": "v7",
  "actions/download-artifact": "v8",
  "classroom-resources/autograding-grading-reporter": "v1",
};
const NODE_MAJORS = [22, 24];

type Job = { steps: Step[]; strategy?: { matrix: Yaml & { include?: Yaml[] } }; "runs-on"?: string };
const jobsOf = (workflow: Yaml): Job[] => Object.values(workflow.jobs as Record<string, Job>);

/** The Node major a setup-node step asks for, each of a matrix's when it names one. */
function nodeVersions(step: Step, job: Job): unknown[] {
  const version = step.with?.["node-version"] as unknown;
  const matrixKey = typeof version === "string" ? /^\$\{\{ matrix\.(\w+) \}\}$/.exec(version)?.[1] : undefined;
  if (!matrixKey) return [version];
  return (job.strategy?.matrix.include ?? []).map((entry) => entry[matrixKey]);
}

describe.each(GITHUB_WORKFLOWS)("%s", (file) => {
  const workflow = loadFile(file);
  const steps = jobsOf(workflow).flatMap((job) => job.steps.map((step) => ({ step, job })));

  test("uses the current major of every action, and Node 22 or 24", () => {
    const uses = steps.flatMap(({ step }) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) {
      const [name, ref] = action.split("@");
      expect({ action, current: CURRENT[name!] }).toEqual({ action, current: ref });
    }
    const setups = steps.filter(({ step }) => step.uses?.startsWith("actions/setup-node@"));
    expect(setups.length).toBeGreaterThan(0);
    for (const { step, job } of setups) {
      for (const version of nodeVersions(step, job)) expect(NODE_MAJORS).toContain(version);
    }
  });
});

describe("Node in the GitLab template and the harness image", () => {
  test("the GitLab jobs run a Node 22 or 24 image", () => {
    const image = (load("gitlab-ci.yml")[".labgrade"] as { image: string }).image;
    expect(image).toMatch(/^node:(22|24)-/);
  });

  test("ci/Dockerfile installs a Node 22 or 24 from the npm registry's node-linux package", () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, "ci", "Dockerfile"), "utf8");
    const version = /^ARG NODE_VERSION=(\d+)\.\d+\.\d+$/m.exec(dockerfile);
    expect(NODE_MAJORS).toContain(Number(version?.[1]));
    expect(dockerfile).toContain('npm pack --silent "node-linux-${arch}@${NODE_VERSION}"');
  });
});

/** Every `npm install --global` line of a template's scripts. */
const installs = (template: Yaml): string[] =>
  scripts(template).flatMap((script) => script.split("\n")).filter((line) => /\bnpm install --global\b/.test(line));

describe.each(TEMPLATES)("ci/%s installs labgrade", (name) => {
  const template = load(name);

  test("from a pinned package (a release tarball), without install scripts: the package is built", () => {
    const lines = installs(template);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.trim().replace(/^- /, "")).toBe('npm install --global --ignore-scripts --no-audit --no-fund "$LABGRADE_PACKAGE"');
    }
    const env = (template.env ?? template.variables) as Record<string, string>;
    expect(env.LABGRADE_PACKAGE).toMatch(/\/labgrade-\d+\.\d+\.\d+\.tgz$/);
    expect(JSON.stringify(template)).not.toMatch(/LABGRADE_REPOSITORY|npm ci/);
  });
});

describe(".github/workflows/ci.yml", () => {
  const workflow = loadFile(".github/workflows/ci.yml");
  const jobs = jobsOf(workflow);

  test("its shell parses (bash -n) and takes workflow values through the environment", () => {
    expect(scripts(workflow).length).toBeGreaterThan(0);
    for (const script of scripts(workflow)) {
      expect(script).not.toContain("${{");
      const check = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      expect({ script, stderr: check.stderr }).toEqual({ script, stderr: "" });
    }
  });

  test("runs .ci/run on ubuntu-24.04, once with real images and once with the stand-ins forced", () => {
    for (const job of jobs) {
      expect(job["runs-on"]).toBe("ubuntu-24.04");
      expect(job.steps.some((step) => /\bbash \.ci\/run$/.test(step.run ?? ""))).toBe(true);
    }
    const runs = jobs.flatMap((job) => job.strategy?.matrix.include ?? [{}]);
    expect(runs.map((entry) => entry.pull)).toEqual(expect.arrayContaining(["", "never"]));
    const step = jobs[0]!.steps.find((s) => s.run?.includes(".ci/run"))!;
    expect(step.env?.LABGRADE_PULL).toBe("${{ matrix.pull }}");
    // LABGRADE_PULL=never is what forces the stand-ins (runner/setup/ensure-images.ts reads it).
    expect(fs.readFileSync(path.join(ROOT, "runner", "setup", "ensure-images.ts"), "utf8")).toContain('process.env.LABGRADE_PULL === "never"');
  });
});

/** Every shell script of a template: GitHub's `run:`, GitLab's script lists. */
function scripts(node: unknown, key = ""): string[] {
  if (typeof node === "string") return ["run", "script", "before_script"].includes(key) ? [node] : [];
  if (Array.isArray(node)) return ["script", "before_script"].includes(key) ? [node.join("\n")] : node.flatMap((item) => scripts(item));
  if (node && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => scripts(v, k));
  return [];
}

/** Shell words of one simple command, quotes removed (enough for these templates). */
function words(command: string): string[] {
  return [...command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Every `labgrade ...` invocation, as words. */
function labgradeCommands(script: string): string[][] {
  return script
    .replace(/\\\n/g, " ")
    .split(/\n|&&|\|\||;|\|/)
    .map((part) => words(part.replace(/\s#.*$/, "").trim()))
    .filter((w) => w[0] === "labgrade");
}

/** The CLI's usage: for each command, the options its lines list; plus the global ones. */
function usage(): { commands: Map<string, Set<string>>; global: Set<string> } {
  const text = execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
  const commands = new Map<string, Set<string>>();
  const global = new Set<string>();
  let current: Set<string> | undefined;
  for (const line of text.split("\n")) {
    const head = /^ {2}([a-z]+)\b/.exec(line);
    if (head) current = commands.get(head[1]!) ?? commands.set(head[1]!, new Set()).get(head[1]!)!;
    else if (/^ {2}--/.test(line)) current = global;
    else if (!/^ {3,}\S/.test(line)) current = undefined;
    for (const option of line.match(/--[a-z][a-z-]*/g) ?? []) current?.add(option);
  }
  return { commands, global };
}

describe.each(TEMPLATES)("ci/%s", (name) => {
  const template = load(name);
  const shell = scripts(template);

  test("parses as YAML and runs labgrade", () => {
    expect(template).toEqual(expect.any(Object));
    expect(shell.flatMap(labgradeCommands).length).toBeGreaterThan(0);
  });

  test("every labgrade command names a command and options that the CLI's usage lists", () => {
    const { commands, global } = usage();
    for (const command of shell.flatMap(labgradeCommands)) {
      const options = commands.get(command[1]!);
      expect({ command: command.join(" "), known: options !== undefined }).toEqual({ command: command.join(" "), known: true });
      for (const option of command.filter((w) => w.startsWith("--")).map((w) => w.split("=")[0]!)) {
        expect({ command: command.join(" "), option, listed: options!.has(option) || global.has(option) }).toMatchObject({ listed: true });
      }
    }
  });

  test("its shell parses (bash -n), and takes workflow values through the environment, not ${{ }} in the script", () => {
    for (const script of shell) {
      expect(script).not.toContain("${{");
      const check = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      expect({ script, stderr: check.stderr }).toEqual({ script, stderr: "" });
    }
  });
});

/** A workspace with a `labgrade` on the PATH, as the templates' global install puts it. */
function workspace(): { dir: string; env: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-templates-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.symlinkSync(path.join(ROOT, "bin", "labgrade.js"), path.join(dir, "bin", "labgrade"));
  return { dir, env: { ...(process.env as Record<string, string>), PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, NO_COLOR: "1" } };
}

function runScript(script: string, cwd: string, env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync("bash", ["-e", "-c", script], { cwd, env, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("ci/github-classroom.yml", () => {
  const workflow = load("github-classroom.yml");
  const job = (workflow.jobs as Record<string, { "runs-on": string; steps: Step[] }>)["run-autograding-tests"]!;

  test("is the workflow the reporter expects: its name, one job run-autograding-tests on ubuntu-latest", () => {
    expect(workflow.name).toBe("Autograding Tests");
    expect(Object.keys(workflow.jobs as Yaml)).toEqual(["run-autograding-tests"]);
    expect(job["runs-on"]).toBe("ubuntu-latest");
    expect(job.steps.map((s) => s.uses?.split("@")[0])).toEqual(expect.arrayContaining(["actions/checkout", "actions/setup-node"]));
    expect(NODE_MAJORS).toContain(job.steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]);
  });

  test("hands each runner's result to the reporter in <ID upper-cased>_RESULTS, as its source reads it", () => {
    const reporter = job.steps.find((s) => s.uses?.startsWith("classroom-resources/autograding-grading-reporter@"))!;
    const runners = reporter.with!.runners!.split(",").map((id) => id.trim());
    expect(runners.length).toBeGreaterThan(0);
    for (const id of runners) {
      // The reporter reads process.env[`${runner.trim().toUpperCase()}_RESULTS`].
      expect(reporter.env![`${id.toUpperCase()}_RESULTS`]).toBe(`\${{ steps.${id}.outputs.result }}`);
      const grading = job.steps.find((s) => s.id === id)!;
      expect(labgradeCommands(grading.run!)[0]!.slice(0, 3)).toEqual(["labgrade", "grade", "."]);
      expect(grading.run).toContain("--classroom");
    }
  });

  test("its grading step writes the result output the reporter decodes, and a step summary", () => {
    const { dir, env } = workspace();
    try {
      const step = job.steps.find((s) => s.id === "labgrade")!;
      fs.cpSync(EMPTY, path.join(dir, step["working-directory"]!), { recursive: true });
      const files = { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
      const run = runScript(step.run!, path.join(dir, step["working-directory"]!), {
        ...env, ...(workflow.env as Record<string, string>), ...files, GITHUB_WORKSPACE: dir,
      });
      expect(run).toMatchObject({ code: 0 });
      const output = /^result=(.*)$/m.exec(fs.readFileSync(files.GITHUB_OUTPUT, "utf8"))![1]!;
      const payload = JSON.parse(Buffer.from(output, "base64").toString("utf-8")) as { max_score: number; tests: { score: number }[] };
      expect(payload).toMatchObject({ version: 1, status: "fail", max_score: 20 });
      expect(payload.tests).toHaveLength(11);
      expect(fs.readFileSync(files.GITHUB_STEP_SUMMARY, "utf8")).toContain("### lamp-stack — submission: 0/20");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("grade --classroom", () => {
  test("writes the errored result when no sandbox can run (exit 3), so that the reporter still has tests", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-classroom-"));
    try {
      const files = { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
      const run = spawnSync(process.execPath, [CLI, "grade", "fixtures/submissions/lamp-stack/reference", "--rubric", "rubrics/lamp-stack.yaml", "--classroom"], {
        cwd: ROOT, encoding: "utf8", env: { ...process.env, ...files, NO_COLOR: "1", LABGRADE_SANDBOX_IMAGE: "labgrade-standin/no-such-sandbox:latest" },
      });
      expect(run.status).toBe(3);
      const output = /^result=(.*)$/m.exec(fs.readFileSync(files.GITHUB_OUTPUT, "utf8"))![1]!;
      const payload = JSON.parse(Buffer.from(output, "base64").toString("utf-8")) as { status: string; tests: { name: string; status: string }[] };
      expect(payload.status).toBe("error");
      expect(payload.tests[0]).toMatchObject({ name: "grading", status: "error" });
      expect(payload.tests).toHaveLength(12);
      expect(fs.readFileSync(files.GITHUB_STEP_SUMMARY, "utf8")).toContain("Grading error");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("says on stderr that $GITHUB_OUTPUT is unset outside GitHub Actions, and does not fail", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.GITHUB_OUTPUT;
    delete env.GITHUB_STEP_SUMMARY;
    const run = spawnSync(process.execPath, [CLI, "grade", EMPTY, "--rubric", "rubrics/lamp-stack.yaml", "--classroom"], { cwd: ROOT, encoding: "utf8", env });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("GITHUB_OUTPUT is not set");
  });
});

/** A class of three that needs no sandbox: each student is the `empty` fixture. */
function makeClass(dir: string): void {
  for (const student of ["ana", "ben", "cleo"]) fs.cpSync(EMPTY, path.join(dir, student), { recursive: true });
}

describe("ci/github-instructor-batch.yml", () => {
  const workflow = load("github-instructor-batch.yml");
  const jobs = workflow.jobs as Record<string, { steps: Step[]; env?: Record<string, string>; strategy?: { matrix: Yaml } }>;
  const inputs = ((workflow.on as Yaml).workflow_dispatch as { inputs: Record<string, { default: string }> }).inputs;

  test("plans a matrix of shards, grades each into an artifact, and merges them into a published gradebook", () => {
    expect(jobs.grade!.strategy!.matrix.shard).toBe("${{ fromJSON(needs.plan.outputs.shards) }}");
    const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-plan-")), "output");
    runScript(jobs.plan!.steps[0]!.run!, os.tmpdir(), { ...(process.env as Record<string, string>), SHARDS: "3", GITHUB_OUTPUT: output });
    expect(fs.readFileSync(output, "utf8")).toBe("shards=[1,2,3]\n");
    fs.rmSync(path.dirname(output), { recursive: true });
    expect(jobs.grade!.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!.with).toMatchObject({ name: "shard-${{ matrix.shard }}" });
    expect(jobs.merge!.steps.find((s) => s.uses?.startsWith("actions/download-artifact"))!.with).toMatchObject({ pattern: "shard-*", path: "shards" });
    expect(jobs.merge!.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!.with).toMatchObject({ name: "gradebook", path: "gradebook" });
  });

  test("its shard and merge steps, run as written, give one gradebook and a step summary", () => {
    const { dir, env } = workspace();
    try {
      makeClass(path.join(dir, inputs.class!.default));
      const grade = jobs.grade!.steps.find((s) => s.run?.includes("labgrade batch"))!;
      for (const shard of ["1", "2"]) {
        const shardEnv = { CLASS: inputs.class!.default, RUBRIC: inputs.rubric!.default, SHARD: shard, SHARDS: "2", PARALLEL: inputs.parallel!.default };
        expect(runScript(grade.run!, dir, { ...env, ...shardEnv })).toMatchObject({ code: 0 });
        // download-artifact puts each artifact in a folder of its name under `path`.
        fs.mkdirSync(path.join(dir, "shards"), { recursive: true });
        fs.renameSync(path.join(dir, `shard-${shard}`), path.join(dir, "shards", `shard-${shard}`));
      }
      const merge = jobs.merge!.steps.find((s) => s.run?.includes("labgrade merge"))!;
      const summary = path.join(dir, "step-summary");
      expect(runScript(merge.run!, dir, { ...env, GITHUB_STEP_SUMMARY: summary })).toMatchObject({ code: 0 });
      expect(fs.readFileSync(path.join(dir, "gradebook", "gradebook.csv"), "utf8").split("\r\n").map((l) => l.split(",")[0])).toEqual(["student", "ana", "ben", "cleo", ""]);
      expect(fs.existsSync(path.join(dir, "gradebook", "report.html"))).toBe(true);
      expect(fs.readFileSync(summary, "utf8")).toContain("### lamp-stack — class gradebook");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ci/gitlab-ci.yml", () => {
  const pipeline = load("gitlab-ci.yml");
  const variables = pipeline.variables as Record<string, string>;
  const grade = pipeline.grade as { parallel: number; services: { name: string }[]; variables: Record<string, string>; script: string[] };
  const merge = pipeline.merge as { stage: string; script: string[] };

  test("runs N grade jobs against a docker:dind service and merges them in a later stage", () => {
    expect(grade.parallel).toBeGreaterThan(1);
    expect(grade.services.map((s) => s.name)).toContain("docker:dind");
    expect(grade.variables.DOCKER_HOST).toBe("tcp://docker:2375");
    expect(pipeline.stages).toEqual(["grade", "merge"]);
    expect(merge.stage).toBe("merge");
  });

  test("its batch and merge lines, run as written for each CI_NODE_INDEX, give one gradebook", () => {
    const { dir, env } = workspace();
    try {
      makeClass(path.join(dir, variables.CLASS_DIR!));
      const batch = grade.script.find((line) => line.startsWith("labgrade batch"))!;
      expect(batch).toContain('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"');
      for (const index of ["1", "2", "3", "4"]) {
        expect(runScript(batch, dir, { ...env, ...variables, CI_NODE_INDEX: index, CI_NODE_TOTAL: "4" })).toMatchObject({ code: 0 });
      }
      for (const line of merge.script) expect(runScript(line, dir, { ...env, ...variables })).toMatchObject({ code: 0 });
      expect(fs.readFileSync(path.join(dir, "gradebook", "gradebook.csv"), "utf8").split("\r\n").map((l) => l.split(",")[0])).toEqual(["student", "ana", "ben", "cleo", ""]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
