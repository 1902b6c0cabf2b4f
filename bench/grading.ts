/**
 * Whole-command benchmark (`npm run bench`, after sandbox-images): in one run,
 *   startup: `--version`, `--help`, `validate`, `explain` (beside `node -e 0`);
 *   one grading: the LAMP reference by bench/baseline-lamp.sh (by hand: DinD,
 *     save | load, grep checks) and by `labgrade grade`, rounds alternating,
 *     their ratio, labgrade's phases, and its distance to the limit (sandbox +
 *     script + restart and re-creation);
 *   a class: N copies of the reference and two failing fixtures by `batch` at
 *     parallel 1, 2 and the default, rounds alternating: submissions per minute
 *     (of each mode's median) and the grades.
 * It ends with one table of all of it, each line with what the issue wants of it.
 * Numbers are wall times on a shared machine: compare ratios of one run. It asserts nothing.
 * BENCH_CLI=<checkout>/bin/labgrade.js measures another build (an older commit,
 * for a before-and-after table) against this checkout's baseline and fixtures.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../runner/paths";
import type { GradeResult } from "../runner/result";
import { sandboxImageName, sourcesFor } from "../runner/sandbox/catalog";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const CLASS_COPIES = Number(process.env.BENCH_CLASS_COPIES ?? 2);
/** A class's time varies by a fifth from run to run (a restart that meets MariaDB's first start waits 10 s): each mode is timed this many times. */
const CLASS_ROUNDS = Number(process.env.BENCH_CLASS_ROUNDS ?? 3);
/** Extra --parallel values to time beside 1, 2 and the default (BENCH_CLASS_PARALLEL=3,4), to see where the default stands. */
const CLASS_EXTRA = (process.env.BENCH_CLASS_PARALLEL ?? "").split(",").filter(Boolean);
/** Which parts run (BENCH_SECTIONS=class for the class alone): all of them unless told. */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? "startup,grading,class").split(","));
const CLI = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(REPO_ROOT, "bin", "labgrade.js");
const LAMP = path.join(REPO_ROOT, "fixtures", "submissions", "lamp-stack");
const FAILING = ["no-volumes", "wrong-port"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The closing table: one row per measure, with what is wanted of it. */
const table: { section: string; measure: string; value: string; wanted: string }[] = [];
function row(section: string, measure: string, value: string, wanted = ""): void {
  table.push({ section, measure, value, wanted });
}

function printTable(): void {
  const width = (key: "section" | "measure" | "value") => Math.max(...table.map((r) => r[key].length));
  const [s, m, v] = [width("section"), width("measure"), width("value")];
  console.log("");
  console.log(`${"".padEnd(s)}  ${"measure".padEnd(m)}  ${"value".padStart(v)}  wanted`);
  for (const r of table) console.log(`${r.section.padEnd(s)}  ${r.measure.padEnd(m)}  ${r.value.padStart(v)}  ${r.wanted}`.trimEnd());
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; stdout: string } {
  const { ms, status, stdout, stderr } = timedRun(command, args, env);
  if (status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${status}: ${stderr}`);
  return { ms, stdout };
}

function timedRun(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The environments startup is timed in: this one, and, when it sets
 * NODE_EXTRA_CA_CERTS, this one without it. Node reads that file of
 * certificates at every start (about 90 ms on this machine, for node -e 0 too),
 * before any of labgrade's code runs; labgrade itself makes no TLS connection.
 */
function startupEnvironments(): { name: string; env: NodeJS.ProcessEnv }[] {
  const here = [{ name: "", env: process.env }];
  if (!process.env.NODE_EXTRA_CA_CERTS) return here;
  const { NODE_EXTRA_CA_CERTS: _certificates, ...without } = process.env;
  return [...here, { name: ", NODE_EXTRA_CA_CERTS unset", env: without }];
}

function startup(): void {
  const cases: [string, string[], string][] = [
    ["node -e 0 (the floor)", ["-e", "0"], ""],
    ["labgrade --version", [CLI, "--version"], "< 150 ms"],
    ["labgrade --help", [CLI, "--help"], "< 150 ms"],
    ["labgrade validate lamp-stack", [CLI, "validate", "lamp-stack"], "< 400 ms"],
    ["labgrade explain lamp-stack", [CLI, "explain", "lamp-stack"], "< 400 ms"],
  ];
  const environments = startupEnvironments();
  console.log(`startup (median of ${STARTUP_RUNS}, rounds alternating)`);
  for (const { name, env } of environments) {
    const runs = cases.map(() => [] as number[]);
    // An older build (BENCH_CLI) may lack a command: its row says so instead of a time.
    const missing = new Set<number>();
    for (let round = 0; round < STARTUP_RUNS; round++) {
      cases.forEach(([, args], i) => {
        const run = timedRun(process.execPath, args, env);
        if (run.status === 0) runs[i].push(run.ms);
        else missing.add(i);
      });
    }
    const floor = median(runs[0]);
    cases.forEach(([label, , wanted], i) => {
      const measure = `${label}${name}`;
      if (missing.has(i)) {
        console.log(`  ${measure.padEnd(60)}  not in this build`);
        return row("startup", measure, "not in this build", wanted);
      }
      const ms = median(runs[i]);
      console.log(`  ${measure.padEnd(60)} ${ms.toFixed(0).padStart(6)} ms`);
      row("startup", measure, `${ms.toFixed(0)} ms`, i === 0 ? "" : `${wanted} (${(ms - floor).toFixed(0)} ms above the floor)`);
    });
  }
}

function baselineEnv(): NodeJS.ProcessEnv {
  const pairs = sourcesFor(["mysql:8.0", "php:7.4-apache"])
    .filter((source) => source.upstream !== "labgrade/probe:latest")
    .map((source) => {
      const host = source.candidates.find((name) => spawnSync("docker", ["image", "inspect", name], { stdio: "ignore" }).status === 0);
      if (!host) throw new Error(`no host image for ${source.upstream}: run npm run setup`);
      return `${host}=${source.upstream}`;
    });
  return { ...process.env, SANDBOX_IMAGE: sandboxImageName(), IMAGES: pairs.join(" ") };
}

function oneGrading(work: string): void {
  const env = baselineEnv();
  const reference = path.join(LAMP, "reference");
  const baseline: number[] = [];
  const labgrade: number[] = [];
  const results: GradeResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const byHand = timed("bash", [path.join(REPO_ROOT, "bench", "baseline-lamp.sh"), reference], env);
    baseline.push(byHand.ms);
    const json = path.join(work, `grade-${round}.json`);
    labgrade.push(timed(process.execPath, [CLI, "grade", reference, "--rubric", "lamp-stack", "--json", json]).ms);
    results.push(JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult);
    console.log(`  round ${round + 1}: baseline ${seconds(baseline[round])} (${/score \S+/.exec(byHand.stdout)?.[0]}), labgrade ${seconds(labgrade[round])} (${results[round].score}/${results[round].maxScore})`);
  }
  const phase = (key: keyof GradeResult["timings"]) => median(results.map((r) => r.timings[key]));
  const limit = phase("sandboxMs") + phase("scriptMs") + phase("actionsMs");
  const ratio = median(baseline) / median(labgrade);
  row("one grading", "baseline (bench/baseline-lamp.sh)", seconds(median(baseline)));
  row("one grading", "labgrade grade, command to exit", seconds(median(labgrade)));
  row("one grading", "ratio baseline / labgrade", `${ratio.toFixed(2)}x`, ">= 2.5x");
  for (const key of ["sandboxMs", "imagesMs", "scriptMs", "checksMs", "waitMs", "actionsMs"] as const) row("one grading", `phase ${key.replace(/Ms$/, "")}`, seconds(phase(key)));
  row("one grading", "outside every phase (startup, copy-in, teardown)", seconds(median(labgrade.map((ms, i) => ms - ["sandboxMs", "imagesMs", "scriptMs", "checksMs"].reduce((sum, key) => sum + results[i].timings[key as "sandboxMs"], 0)))));
  row("one grading", "limit: sandbox + script + restart and re-creation", seconds(limit));
  row("one grading", "labgrade / limit", `${(median(labgrade) / limit).toFixed(2)}x`, "<= 1.2x");
  console.log(`one grading of the LAMP reference (median of ${ROUNDS}, alternating)`);
  console.log(`  baseline (bench/baseline-lamp.sh)  ${seconds(median(baseline))}`);
  console.log(`  labgrade grade                     ${seconds(median(labgrade))}`);
  console.log(`  ratio baseline / labgrade          ${(median(baseline) / median(labgrade)).toFixed(2)}x   (wanted >= 2.5x)`);
  console.log(`  phases: sandbox ${seconds(phase("sandboxMs"))} | images ${seconds(phase("imagesMs"))} | script ${seconds(phase("scriptMs"))} | checks ${seconds(phase("checksMs"))} (waits ${seconds(phase("waitMs"))}, restart and re-creation ${seconds(phase("actionsMs"))})`);
  console.log(`  labgrade / limit (sandbox + script + restart and re-creation = ${seconds(limit)})  ${(median(labgrade) / limit).toFixed(2)}x   (wanted <= 1.2x)`);
}

function classThroughput(work: string): void {
  const classDir = path.join(work, "class");
  for (let copy = 1; copy <= CLASS_COPIES; copy++) {
    for (const fixture of ["reference", ...FAILING]) fs.cpSync(path.join(LAMP, fixture), path.join(classDir, `${fixture}-${copy}`), { recursive: true });
  }
  const count = CLASS_COPIES * (1 + FAILING.length);
  console.log(`a class: ${count} submissions (${CLASS_COPIES} x reference, ${FAILING.join(", ")}) by batch, median of ${CLASS_ROUNDS} (rounds alternating)`);
  const modes: (string | undefined)[] = [...new Set(["1", "2", ...CLASS_EXTRA]), undefined];
  const times = new Map<string | undefined, number[]>(modes.map((mode) => [mode, []]));
  let first: string | undefined;
  let same = true;
  for (let round = 0; round < CLASS_ROUNDS; round++) {
    for (const parallel of modes) {
      const out = path.join(work, `out-${parallel ?? "default"}-${round}`);
      const args = [CLI, "batch", classDir, "--rubric", "lamp-stack", "--out", out, ...(parallel ? ["--parallel", parallel] : [])];
      const { ms } = timed(process.execPath, args);
      times.get(parallel)!.push(ms);
      const grades = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
      first ??= grades;
      same &&= grades === first;
      console.log(`  round ${round + 1}: parallel ${(parallel ?? "default").padEnd(8)} ${seconds(ms).padStart(9)}  grades ${grades === first ? "identical" : "DIFFER"}`);
    }
  }
  const perMinute = (parallel: string | undefined) => count / (median(times.get(parallel)!) / 60000);
  for (const parallel of modes) {
    const ratio = perMinute(parallel) / perMinute("1");
    console.log(`  parallel ${(parallel ?? "default").padEnd(8)} ${seconds(median(times.get(parallel)!)).padStart(9)}  ${perMinute(parallel).toFixed(2)} submissions/min  ${ratio.toFixed(2)}x of parallel 1`);
    const label = `parallel ${parallel ?? "default"}, ${count} submissions`;
    row("class", label, `${perMinute(parallel).toFixed(2)}/min`, `${ratio.toFixed(2)}x of parallel 1${parallel ? "" : " (wanted >= 1.6x)"}, grades ${same ? "identical" : "DIFFER"}`);
  }
}

function main(): void {
  console.log(`labgrade bench: whole commands of ${CLI} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  if (SECTIONS.has("startup")) startup();
  if (!SECTIONS.has("grading") && !SECTIONS.has("class")) return printTable();
  execFileSync(process.execPath, [CLI, "images", "prepare", "--rubric", "lamp-stack"], { stdio: "ignore" });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-bench-"));
  try {
    if (SECTIONS.has("grading")) oneGrading(work);
    if (SECTIONS.has("class")) classThroughput(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  printTable();
}

main();
