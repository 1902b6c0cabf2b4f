/**
 * Hostile rubrics: every bundled rubric mutated many times (keys deleted and
 * duplicated, wrong types, huge numbers, deep nesting, control characters,
 * invalid UTF-8, alias bombs) and loaded in-process; then a handful through the
 * built CLI for exit codes (a 50 MB file, a bomb named by a student's
 * labgrade.yaml, a pipe). Each load must end with a rubric or with errors
 * that all have a position, and never throw; the jest timeout is the hang guard.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { RUBRIC_BOUNDS } from "../runner/rubric/bounds";
import { loadRubric, loadRubricBytes, type LoadResult } from "../runner/rubric/load";
import { ROOT, runCli } from "./support/cli";

const RUBRICS = path.join(ROOT, "rubrics");
const BUNDLED = fs.readdirSync(RUBRICS).filter((name) => name.endsWith(".yaml")).sort();
const MUTATIONS_PER_RUBRIC = 120;

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Billion laughs: `levels` levels of `&aN [*aN-1 × width]`, used where a list is expected. */
function aliasBomb(levels: number, width = 9): string {
  const lines = [`  a0: &a0 [${Array(width).fill('"lol"').join(", ")}]`];
  for (let i = 1; i <= levels; i++) lines.push(`  a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(", ")}]`);
  return `bomb:\n${lines.join("\n")}\n`;
}

const HUGE = ["1e308", "-1e308", "99999999999999999999999", ".inf", "-.inf", ".nan", "-1", "0", "1.5", "999999999999h", "1e400", "0x7fffffffffffffff"];
const WRONG = ["[1, 2]", "{ a: 1 }", "~", "true", '""', "[]", "{}", "[[[]]]", '"${var.nope}"', '"${"', "!!binary aGVsbG8=", "!!str 3", "&x 1", "*nowhere"];
const CONTROL = ["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u2028", "\ufeff", "\t", "\r", "\ud800"];

/** Line-level edits of the text, the way a careless or hostile author makes them. */
const textMutations: ((lines: string[], rng: Rng) => string[])[] = [
  (lines, rng) => lines.filter((_, i) => i !== Math.floor(rng() * lines.length)), // a key deleted
  (lines, rng) => {
    const i = Math.floor(rng() * lines.length);
    return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)]; // a key duplicated
  },
  (lines, rng) => lines.map((line, i) => (i === Math.floor(rng() * lines.length) ? line.replace(/:\s+\S.*$/, `: ${pick(rng, WRONG)}`) : line)),
  (lines, rng) => lines.map((line, i) => (i === Math.floor(rng() * lines.length) ? line.replace(/:\s+\S.*$/, `: ${pick(rng, HUGE)}`) : line)),
  (lines, rng) => lines.map((line) => line.replace(/\b\d+\b/g, () => pick(rng, HUGE))),
  (lines, rng) => {
    const i = Math.floor(rng() * lines.length);
    const at = Math.floor(rng() * (lines[i]!.length + 1));
    return lines.map((line, k) => (k === i ? line.slice(0, at) + pick(rng, CONTROL) + line.slice(at) : line));
  },
  (lines, rng) => {
    const depth = pick(rng, [50, 99, 101, 150, 5000]);
    return [...lines, `deep: ${"[".repeat(depth)}1${"]".repeat(depth)}`];
  },
  (lines, rng) => {
    const depth = pick(rng, [30, 120]);
    return [...lines, ...Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}k${i}:`), `${"  ".repeat(depth)}v: 1`];
  },
  (lines, rng) => [...lines, ...aliasBomb(pick(rng, [3, 4, 6, 9])).split("\n")],
  // Aliases where the schema walks: a bomb under a step's names, a step list that contains itself.
  (lines) => [...aliasBomb(8).split("\n"), ...lines.map((line) => line.replace(/names: \[[^\]]*\]/, "names: *a8"))],
  (lines) => lines.map((line) => line.replace(/^steps:/, "steps: &self").replace(/^(\s+)(volume|container|exec|http|sql|all):.*$/, "$1all: *self")),
  (lines, rng) => lines.slice(0, Math.floor(rng() * lines.length)), // cut short
  (lines, rng) => lines.map((line) => (rng() < 0.1 ? line.replace(/^(\s*)/, "$1 ") : line)), // indentation broken
  (lines, rng) => [...lines, `wide: &w [${Array(3000).fill('"x"').join(",")}]`, `wider: [${Array(pick(rng, [5, 8])).fill("*w").join(",")}]`],
  (lines) => [...lines, "<<: [*a, *b]", "merged: { <<: {}, <<: {} }"],
];

/** Structure-level edits: parse, change one node, write YAML again. */
function mutateTree(value: unknown, rng: Rng): unknown {
  if (Array.isArray(value)) {
    const copy = value.map((item) => (rng() < 0.3 ? mutateTree(item, rng) : item));
    if (copy.length && rng() < 0.2) copy.push(copy[Math.floor(rng() * copy.length)]);
    if (copy.length && rng() < 0.2) copy.splice(Math.floor(rng() * copy.length), 1);
    return copy;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(() => rng() > 0.1);
    return Object.fromEntries(entries.map(([key, inner]) => [key, rng() < 0.3 ? mutateTree(inner, rng) : inner]));
  }
  const replacements: unknown[] = [null, 0, -1, 1e308, Number.MAX_SAFE_INTEGER * 8, "", "x".repeat(10_000), [], {}, true, "${var.missing}", [value], { value }];
  return rng() < 0.5 ? pick(rng, replacements) : value;
}

/** Invalid UTF-8 at a random place: a stray byte, a lone lead byte, an overlong form, a surrogate. */
function invalidUtf8(bytes: Buffer, rng: Rng): Buffer {
  const bad = pick(rng, [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]);
  const at = Math.floor(rng() * bytes.length);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
}

interface Case {
  name: string;
  bytes: Buffer;
}

function cases(): Case[] {
  const all: Case[] = [];
  BUNDLED.forEach((file, index) => {
    const text = fs.readFileSync(path.join(RUBRICS, file), "utf8");
    const rng = random(1000 + index);
    for (let n = 0; n < MUTATIONS_PER_RUBRIC; n++) {
      const kind = n % 5;
      let bytes: Buffer;
      if (kind === 3) bytes = Buffer.from(yaml.dump(mutateTree(yaml.load(text), rng), { noRefs: false, lineWidth: -1 }));
      else if (kind === 4) bytes = invalidUtf8(Buffer.from(text), rng);
      else {
        let lines = text.split("\n");
        for (let edits = 1 + Math.floor(rng() * 3); edits > 0; edits--) lines = pick(rng, textMutations)(lines, rng);
        bytes = Buffer.from(lines.join("\n"));
      }
      all.push({ name: `${file}#${n}`, bytes });
    }
  });
  return all;
}

/** What every load must give: a rubric and no error, or errors that each point somewhere. */
function expectWellFormed(result: LoadResult, name: string): void {
  if (result.rubric) {
    expect({ name, errors: result.errors }).toEqual({ name, errors: [] });
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const issue of result.errors) {
    expect({ name, line: issue.line >= 1, column: issue.column >= 1, file: issue.file }).toEqual({ name, line: true, column: true, file: name });
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(/\n\s+at |Maximum call stack|RangeError|TypeError/);
  }
}

describe("mutated bundled rubrics, in-process", () => {
  const all = cases();
  const tally = { cases: 0, refused: 0, valid: 0 };

  test(`${BUNDLED.length} rubrics × ${MUTATIONS_PER_RUBRIC} mutations: each loads or is refused with positions`, () => {
    for (const { name, bytes } of all) {
      let result: LoadResult | undefined;
      expect(() => (result = loadRubricBytes(bytes, name))).not.toThrow();
      expectWellFormed(result!, name);
      tally.cases++;
      if (result!.rubric) tally.valid++;
      else tally.refused++;
    }
    expect(tally.cases).toBe(BUNDLED.length * MUTATIONS_PER_RUBRIC);
    // The mutations reach both sides: most are refused, some still load.
    expect(tally.refused).toBeGreaterThan(tally.cases / 2);
    expect(tally.valid).toBeGreaterThan(0);
    fs.writeFileSync(path.join(os.tmpdir(), "labgrade-fuzz-tally.json"), JSON.stringify(tally));
  });

  test("an alias bomb is refused at the alias that passes the bound, whatever its depth", () => {
    const head = "id: b\ntitle: B\nimages: [alpine:latest]\nsubmission: { script: run.sh }\n";
    const heapBefore = process.memoryUsage().heapUsed;
    for (const levels of [5, 9, 12]) {
      const result = loadRubricBytes(Buffer.from(head + aliasBomb(levels)), "bomb.yaml");
      // Nine levels expand to 9^10 strings: measured, never built or walked.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ line: 10, message: expect.stringContaining(`past ${RUBRIC_BOUNDS.values} values`) });
    }
  });

  test("an alias to the node that holds it is refused, not walked forever", () => {
    const result = loadRubricBytes(Buffer.from("id: x\nsteps: &a\n  - check: c\n    points: 1\n    all: *a\n"), "cycle.yaml");
    expect(result.errors.map((e) => [e.line, e.column, e.message.slice(0, 40)])).toEqual([[5, 10, "`*a` names a node that contains it, so i"]]);
  });

  test("invalid UTF-8 is refused at its line and column", () => {
    const result = loadRubricBytes(Buffer.concat([Buffer.from("id: x\ntitle: caf"), Buffer.from([0xc3]), Buffer.from("\n")]), "latin.yaml");
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, column: 11, message: expect.stringContaining("not UTF-8 here (byte 0xc3)") })]);
  });

  test("errors past a hundred are counted, not listed", () => {
    const names = Array(300).fill("1").join(", ");
    const steps = Array.from({ length: 50 }, (_, i) => `  - check: c${i}\n    points: 1\n    volume: { names: [${names}] }`).join("\n");
    const result = loadRubricBytes(Buffer.from(`id: x\ntitle: X\nimages: [alpine:latest]\nsubmission: { script: run.sh }\nsteps:\n${steps}\n`), "many.yaml");
    expect(result.errors).toHaveLength(101);
    expect(result.errors[100]!.message).toMatch(/^and \d+ more error\(s\) not shown/);
  });

  test("aliases and merge keys within the bounds keep working", () => {
    const text = [
      "id: x",
      "title: X",
      "images: [alpine:latest]",
      "submission: { script: run.sh }",
      "steps:",
      "  - check: a",
      "    points: 1",
      "    volume: &v { names: [data, logs] }",
      "  - check: b",
      "    points: 1",
      "    volume: *v",
      "  - check: c",
      "    points: 1",
      "    container: { <<: &base { name: web }, state: running }",
    ].join("\n");
    const result = loadRubricBytes(Buffer.from(text), "ok.yaml");
    expect(result.errors).toEqual([]);
    expect(result.rubric!.steps.map((s) => s.spec)).toEqual([{ names: ["data", "logs"] }, { names: ["data", "logs"] }, { name: "web", state: "running" }]);
  });
});

describe("through the CLI", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-fuzz-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("a 50 MB rubric is refused with exit 2 and a position, reading only its first MiB", async () => {
    const big = path.join(tmp, "big.yaml");
    const chunk = Buffer.from(`# ${"padding ".repeat(127)}\n`);
    const fd = fs.openSync(big, "w");
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const run = await runCli(["validate", big]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(new RegExp(`^${big}:1:1: the rubric is longer than 1 MiB`, "m"));
    expect((await loadRubric("/dev/zero")).errors[0]!.message).toContain("/dev/zero is not a regular file");
  });

  test("validate refuses a nine-level alias bomb with exit 2 and file:line:col", async () => {
    const bomb = path.join(tmp, "bomb.yaml");
    fs.writeFileSync(bomb, "id: b\ntitle: B\nimages: [alpine:latest]\nsubmission: { script: run.sh }\n" + aliasBomb(9) + "steps:\n  - check: v\n    points: 1\n    volume: { names: *a9 }\n");
    const run = await runCli(["validate", bomb]);
    expect({ code: run.code, stack: /\n\s+at /.test(run.stderr) }).toEqual({ code: 2, stack: false });
    expect(run.stdout).toMatch(new RegExp(`^${bomb}:10:\\d+: \`\\*a3\` takes the rubric past`, "m"));
  });

  test("check refuses a bomb that a student's labgrade.yaml names, before any sandbox", async () => {
    const repo = path.join(tmp, "student");
    fs.mkdirSync(path.join(repo, ".git"), { recursive: true });
    fs.writeFileSync(path.join(repo, "labgrade.yaml"), "rubric: ./lab.yaml\n");
    fs.writeFileSync(path.join(repo, "lab.yaml"), "x: &x [1, *x]\n");
    const run = await runCli(["check", repo, "--lang", "en"], { env: { DOCKER_HOST: "unix:///nonexistent.sock" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path.join(repo, "lab.yaml")}:1:11: \`*x\` names a node that contains it`);
  });

  test("a pipe given as the rubric is refused at once, never waited on, by every command that reads one", async () => {
    const fifo = path.join(tmp, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const refused = `${fifo}:1:1: cannot read the rubric: ${fifo} is not a regular file`;
    const run = await runCli(["validate", fifo], { killAfterMs: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(refused);
    // grade and check read the rubric's text ahead, to start its sandbox early: that read must not wait on the pipe either.
    const repo = path.join(tmp, "student-with-pipe");
    fs.mkdirSync(path.join(repo, ".git"), { recursive: true });
    fs.writeFileSync(path.join(repo, "run.sh"), "#!/bin/sh\n");
    fs.writeFileSync(path.join(repo, "labgrade.yaml"), `rubric: ${fifo}\n`);
    const offline = { env: { DOCKER_HOST: "unix:///nonexistent.sock" }, killAfterMs: 60_000 };
    for (const args of [["grade", repo, "--rubric", fifo], ["check", repo, "--lang", "en"]]) {
      const graded = await runCli(args, offline);
      expect({ args, code: graded.code, refused: `${graded.stdout}${graded.stderr}`.includes(refused) }).toEqual({ args, code: 2, refused: true });
    }
  });
});
