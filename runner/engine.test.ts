/**
 * The engine's scoring, without Docker: the steps of a small rubric walked
 * against a fake sandbox whose commands answer from a table. `command` checks
 * and actions stand for any grader: the walk knows no check type by name.
 */
import type { CommandResult } from "../graders/types";
import { fakeContext, inspected } from "../test/support/fake-context";
import { translator } from "./i18n";
import { NO_TIMINGS, type CheckResult } from "./result";
import { loadRubricText } from "./rubric/load";
import type { Rubric } from "./rubric/types";
import { resolveSteps } from "./grading/resolve";
import { CONCURRENT_READS, walkSteps, type Run } from "./grading/walk";

/** A rubric of these steps (YAML list items), loaded by the real loader. */
function rubricOf(steps: string, limits = "") {
  const text = ["id: demo", 'title: "Démo"', "images: [nginx:1.25]", "submission: { script: run.sh }", limits, "steps:", steps].filter(Boolean).join("\n");
  const { rubric, errors } = loadRubricText(text, "demo.yaml");
  expect(errors).toEqual([]);
  return rubric!;
}

type Answers = Record<string, Partial<CommandResult> | Partial<CommandResult>[]>;

/** A fresh run of the rubric's steps, as the engine starts one. */
function runOf(rubric: Rubric, options: { only?: string[]; startedAgoMs?: number } = {}, emit: Run["emit"] = () => undefined): Run {
  const scope = { vars: {}, env: {}, random: () => "r" };
  return {
    options: { rubric, only: options.only },
    steps: resolveSteps(rubric.steps, scope),
    scope,
    t: translator("en"),
    checks: [],
    warnings: [],
    timings: { ...NO_TIMINGS },
    started: Date.now() - (options.startedAgoMs ?? 0),
    emit,
  };
}

/** Walks the rubric's steps; `running` answers the engine's "does the sandbox still run?" in turn. */
async function walk(steps: string, answers: Answers, options: { limits?: string; only?: string[]; running?: boolean[]; startedAgoMs?: number } = {}) {
  const rubric = rubricOf(steps, options.limits);
  const ctx = fakeContext({ commands: Object.fromEntries(Object.entries(answers).map(([run, answer]) => [`sh -c ${run}`, answer])) });
  const announced: CheckResult[] = [];
  const run = runOf(rubric, options, (event) => announced.push(event.check));
  const running = [...(options.running ?? [true])];
  const engine = { running: async () => (running.length > 1 ? running.shift()! : running[0]) };
  await walkSteps(run, engine, ctx);
  const calls = (command: string) => ctx.calls.filter((argv) => argv.join(" ") === `sh -c ${command}`).length;
  return { run, announced, calls, verdicts: run.checks.map((c) => [c.id, c.status, c.points] as const) };
}

const OK = { exitCode: 0, stdout: "up" };
const DOWN = { exitCode: 1, stdout: "" };

const check = (id: string, command: string, extra = "") => `  - check: ${id}\n    points: 2\n    command: { run: "${command}", expect: { exit-code: 0 } }${extra}`;

describe("requires", () => {
  it("skips a check whose prerequisite failed, with no points, naming the prerequisite", async () => {
    const { run, verdicts } = await walk([check("db", "db"), check("app", "app", "\n    requires: [db]"), check("other", "other")].join("\n"), { db: DOWN, app: OK, other: OK });
    expect(verdicts).toEqual([["db", "failed", 0], ["app", "skipped", 0], ["other", "passed", 2]]);
    expect(run.checks[1].message).toBe("not checked because db failed");
    expect(run.checks[1].maxPoints).toBe(2);
  });

  it("a skipped check counts as failed for what requires it in turn", async () => {
    const steps = [check("a", "a"), check("b", "b", "\n    requires: [a]"), check("c", "c", "\n    requires: [b]")].join("\n");
    const { verdicts, calls } = await walk(steps, { a: DOWN, b: OK, c: OK });
    expect(verdicts).toEqual([["a", "failed", 0], ["b", "skipped", 0], ["c", "skipped", 0]]);
    expect([calls("b"), calls("c")]).toEqual([0, 0]);
  });

  it("an action that fails is a warning, not a check, and what requires it is skipped", async () => {
    const steps = ["  - action: reset\n    command: { run: reset }", check("after", "after", "\n    requires: [reset]")].join("\n");
    const { run, verdicts } = await walk(steps, { reset: { exitCode: 3, stderr: "no such container" }, after: OK });
    expect(verdicts).toEqual([["after", "skipped", 0]]);
    expect(run.warnings).toEqual([expect.stringMatching(/^Step reset \(.*\) did not complete: `reset` failed with exit code 3\.$/)]);
  });
});

describe("retry", () => {
  it("evaluates again until the service answers, and counts the wait", async () => {
    const { verdicts, calls, run } = await walk(check("web", "web", "\n    retry: { timeout: 5s, interval: 20ms }"), { web: [DOWN, DOWN, OK] });
    expect(verdicts).toEqual([["web", "passed", 2]]);
    expect(calls("web")).toBe(3);
    expect(run.timings.waitMs).toBe(40);
  });

  it("gives up at the retry's timeout with the last outcome", async () => {
    const { verdicts, calls } = await walk(check("web", "web", "\n    retry: { timeout: 100ms, interval: 30ms }"), { web: DOWN });
    expect(verdicts).toEqual([["web", "failed", 0]]);
    expect(calls("web")).toBeGreaterThanOrEqual(2);
    expect(calls("web")).toBeLessThanOrEqual(5);
  });

  it("without retry, evaluates once", async () => {
    const { calls } = await walk(check("web", "web"), { web: [DOWN, OK] });
    expect(calls("web")).toBe(1);
  });
});

describe("points", () => {
  it("partial credit is the share of the check's items that passed; without partial, all or nothing", async () => {
    const both = (id: string, extra: string) => `  - check: ${id}\n    points: 3\n    command: { run: "${id}", expect: { exit-code: 0, stdout: ok } }${extra}`;
    const { verdicts } = await walk([both("half", "\n    partial: true"), both("whole", "")].join("\n"), { half: { exitCode: 0, stdout: "no" }, whole: { exitCode: 0, stdout: "no" } });
    expect(verdicts).toEqual([["half", "failed", 1.5], ["whole", "failed", 0]]);
  });

  it("a grader that throws gives an error (not the student's fault) with no points, and the walk goes on", async () => {
    const steps = [check("broken", "broken"), check("next", "next")].join("\n");
    const rubric = rubricOf(steps);
    const ctx = fakeContext({ commands: { "sh -c next": OK } });
    ctx.shell.exec = async (argv) => {
      if (argv.join(" ") === "sh -c broken") throw new Error("exec timed out");
      return { exitCode: 0, stdout: "up", stderr: "" };
    };
    const run = runOf(rubric);
    await walkSteps(run, { running: async () => true }, ctx);
    expect(run.checks.map((c) => [c.id, c.status, c.points])).toEqual([["broken", "error", 0], ["next", "passed", 2]]);
    expect(run.checks[0].message).toContain("exec timed out");
    expect(run.checks[0].message).toContain("not your fault");
  });
});

describe("a stopped engine", () => {
  it("stopped before the checks: every check fails, none is evaluated, with one warning", async () => {
    const { verdicts, calls, run } = await walk([check("a", "a"), check("b", "b")].join("\n"), { a: OK, b: OK }, { running: [false] });
    expect(verdicts).toEqual([["a", "failed", 0], ["b", "failed", 0]]);
    expect(calls("a") + calls("b")).toBe(0);
    expect(run.checks[0].message).toContain("the Docker engine in your sandbox stopped");
    expect(run.warnings).toEqual(["The Docker engine in your sandbox stopped during your script."]);
  });

  it("stopping during a check: that check and the rest fail, the earlier keep their points", async () => {
    const steps = [check("a", "a"), check("b", "b"), check("c", "c")].join("\n");
    const rubric = rubricOf(steps);
    const ctx = fakeContext({ commands: { "sh -c a": OK, "sh -c c": OK } });
    let alive = true;
    const exec = ctx.shell.exec;
    ctx.shell.exec = async (argv, options) => {
      if (argv.join(" ") === "sh -c b") {
        alive = false;
        throw new Error("container is not running");
      }
      return exec(argv, options);
    };
    const run = runOf(rubric);
    await walkSteps(run, { running: async () => alive }, ctx);
    expect(run.checks.map((c) => [c.id, c.status, c.points])).toEqual([["a", "passed", 2], ["b", "failed", 0], ["c", "failed", 0]]);
    expect(run.warnings).toEqual(["The Docker engine in your sandbox stopped during your script."]);
  });
});

describe("the grading's time limit", () => {
  it("once past it, what is left is skipped, saying so", async () => {
    const { verdicts, calls, run } = await walk([check("a", "a"), check("b", "b")].join("\n"), { a: OK, b: OK }, { limits: "limits: { grading-timeout: 1m }", startedAgoMs: 61_000 });
    expect(verdicts).toEqual([["a", "skipped", 0], ["b", "skipped", 0]]);
    expect(calls("a") + calls("b")).toBe(0);
    expect(run.checks[0].message).toBe("not checked: grading stopped after 60 s, the limit for one submission.");
  });

  it("a retry never waits past it", async () => {
    const { verdicts, calls } = await walk(check("web", "web", "\n    retry: { timeout: 10m, interval: 400ms }"), { web: DOWN }, { limits: "limits: { grading-timeout: 1m }", startedAgoMs: 59_500 });
    expect(verdicts).toEqual([["web", "failed", 0]]);
    expect(calls("web")).toBeLessThanOrEqual(2);
  });
});

describe("--only", () => {
  it("runs the selected checks and what they require; the others are recorded as skipped, not announced", async () => {
    const steps = [check("db", "db"), check("app", "app", "\n    requires: [db]"), check("other", "other")].join("\n");
    const { verdicts, announced, calls } = await walk(steps, { db: OK, app: OK, other: OK }, { only: ["app"] });
    expect(verdicts).toEqual([["db", "passed", 2], ["app", "passed", 2], ["other", "skipped", 0]]);
    expect(announced.map((c) => c.id)).toEqual(["db", "app"]);
    expect(calls("other")).toBe(0);
  });
});

describe("inspections shared between checks", () => {
  it("are shared by consecutive checks that only read, and forgotten at a check that may change things and at each retry", async () => {
    const volumes = "    volume: { names: [data] }";
    const rubric = rubricOf(
      [`  - check: one\n    points: 1\n${volumes}`, `  - check: two\n    points: 1\n${volumes}`, check("run", "run"), `  - check: late\n    points: 1\n    retry: { timeout: 5s, interval: 10ms }\n    volume: { names: [late] }`].join("\n"),
    );
    const seen: string[] = [];
    const world = { volumes: ["data"], commands: { "sh -c run": OK } };
    const ctx = fakeContext(world);
    const names = ctx.docker.volumeNames;
    let asks = 0;
    ctx.docker.volumeNames = async () => (++asks >= 4 && world.volumes.push("late"), names());
    const inspections = { setCaching: (on: boolean) => void seen.push(on ? "cache" : "engine"), forget: () => void seen.push("forget") };
    const run = runOf(rubric);
    await walkSteps(run, { running: async () => true, inspections }, ctx);
    expect(run.checks.map((c) => c.status)).toEqual(["passed", "passed", "passed", "passed"]);
    expect(seen).toEqual(["cache", "engine", "cache", "forget"]);
  });
});

describe("checks that only read, side by side", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const running = (id: string, extra = "") => `  - check: ${id}\n    points: 1\n    container: { name: ${id}, state: running }${extra}`;

  /** Containers named as the checks, each looked up in `delays[name]` ms; `broken` ones make the lookup throw. */
  function slowEngine(delays: Record<string, number>, broken: string[] = []) {
    const ctx = fakeContext({ containers: Object.fromEntries(Object.keys(delays).map((name) => [name, inspected({ image: "nginx:1.25" })])) });
    const events: string[] = [];
    let inFlight = 0;
    let most = 0;
    const lookup = ctx.docker.container;
    ctx.docker.container = async (name) => {
      events.push(`start ${name}`);
      most = Math.max(most, ++inFlight);
      await sleep(delays[name]);
      inFlight--;
      events.push(`end ${name}`);
      if (broken.includes(name)) throw new Error("container is not running");
      return lookup(name);
    };
    return { ctx, events, most: () => most };
  }

  async function walkSlow(steps: string[], engine: ReturnType<typeof slowEngine>, alive: () => boolean = () => true) {
    const announced: string[] = [];
    const run = runOf(rubricOf(steps.join("\n")), {}, (event) => announced.push(event.check.id));
    await walkSteps(run, { running: async () => alive() }, engine.ctx);
    return { run, announced };
  }

  it("run together, and are recorded and announced in the rubric's order whichever ends first", async () => {
    const engine = slowEngine({ a: 60, b: 30, c: 1 });
    const { run, announced } = await walkSlow([running("a"), running("b"), running("c")], engine);
    expect(engine.events.slice(0, 3)).toEqual(["start a", "start b", "start c"]);
    expect(engine.events.indexOf("end c")).toBeLessThan(engine.events.indexOf("end a"));
    expect(announced).toEqual(["a", "b", "c"]);
    expect(run.checks.map((c) => [c.id, c.status, c.points])).toEqual([["a", "passed", 1], ["b", "passed", 1], ["c", "passed", 1]]);
  });

  it(`no more than ${CONCURRENT_READS} at a time`, async () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    const engine = slowEngine(Object.fromEntries(names.map((name) => [name, 10])));
    const { run } = await walkSlow(names.map((name) => running(name)), engine);
    expect(engine.most()).toBe(CONCURRENT_READS);
    expect(run.checks.every((c) => c.status === "passed")).toBe(true);
  });

  it("a check that requires another of its group starts once that one is over, and is skipped if it failed", async () => {
    const engine = slowEngine({ a: 30, b: 1, c: 1 });
    const { run } = await walkSlow([running("a"), running("b", "\n    requires: [a]"), running("missing"), running("c", "\n    requires: [missing]")], engine);
    expect(engine.events.indexOf("start b")).toBeGreaterThan(engine.events.indexOf("end a"));
    expect(engine.events).not.toContain("start c");
    expect(run.checks.map((c) => [c.id, c.status])).toEqual([["a", "passed"], ["b", "passed"], ["missing", "failed"], ["c", "skipped"]]);
  });

  const retries = "\n    retry: { timeout: 5s, interval: 10ms }";

  it("what follows a check that retries starts beside it, and stands when it passed and nothing before it had to wait", async () => {
    const engine = slowEngine({ a: 1, b: 30, c: 1 });
    const { run } = await walkSlow([running("a"), running("b", retries), running("c")], engine);
    expect(engine.events.indexOf("start c")).toBeLessThan(engine.events.indexOf("end b"));
    expect(engine.events.filter((event) => event === "start c")).toHaveLength(1);
    expect(run.checks.map((c) => [c.id, c.status])).toEqual([["a", "passed"], ["b", "passed"], ["c", "passed"]]);
  });

  it("what follows a check that had to wait runs again once the wait is over, and that result is the one recorded", async () => {
    const engine = slowEngine({ db: 5, c: 1 });
    let dbAsked = 0;
    const lookup = engine.ctx.docker.container;
    // The database answers at its third lookup; c's container is gone by then.
    engine.ctx.docker.container = async (name) => {
      const found = await lookup(name);
      if (name === "db") return ++dbAsked < 3 ? undefined : found;
      return dbAsked >= 3 ? undefined : found;
    };
    const { run } = await walkSlow([running("db", retries), running("c")], engine);
    expect(engine.events.filter((event) => event === "start c")).toHaveLength(2);
    expect(run.checks.map((c) => [c.id, c.status])).toEqual([["db", "passed"], ["c", "failed"]]);
  });

  it("an early try is one try, and once the wait had to wait the check runs again without waiting for that try to end", async () => {
    const engine = slowEngine({ db: 5, c: 1 });
    let dbAsked = 0;
    let cAsked = 0;
    const lookup = engine.ctx.docker.container;
    engine.ctx.docker.container = async (name) => {
      if (name === "db") return ++dbAsked < 3 ? ((await lookup(name)), undefined) : lookup(name);
      // c's first try is slow and finds nothing; later ones find it at once.
      if (++cAsked === 1) return (await sleep(300), engine.events.push("early try of c over"), undefined);
      return lookup(name);
    };
    // A step that is not a read waits for every try of the group, the early one left to end included.
    const exec = engine.ctx.shell.exec;
    engine.ctx.shell.exec = (argv, options) => (engine.events.push("then a command"), exec(argv, options));
    const { run } = await walkSlow([running("db", retries), running("c", retries), check("after", "after")], engine);
    expect(cAsked).toBe(2);
    expect(run.timings.waitMs).toBe(20);
    expect(run.checks.slice(0, 2).map((c) => [c.id, c.status, c.durationMs < 300])).toEqual([["db", "passed", true], ["c", "passed", true]]);
    expect(engine.events.indexOf("then a command")).toBeGreaterThan(engine.events.indexOf("early try of c over"));
    expect(engine.events.indexOf("early try of c over")).toBeGreaterThan(engine.events.lastIndexOf("end c"));
  });

  it("what follows a check that retries and failed beside it runs again once that check is over", async () => {
    const engine = slowEngine({ db: 40, c: 1 });
    let dbDone = false;
    const lookup = engine.ctx.docker.container;
    // c's container exists only once the database's check is over, as a service the wait was for.
    engine.ctx.docker.container = async (name) => {
      const found = await lookup(name);
      if (name === "db") dbDone = true;
      return name === "c" && !dbDone ? undefined : found;
    };
    const { run } = await walkSlow([running("db", retries), running("c")], engine);
    expect(engine.events.filter((event) => event === "start c")).toHaveLength(2);
    expect(engine.events.lastIndexOf("start c")).toBeGreaterThan(engine.events.indexOf("end db"));
    expect(run.checks.map((c) => [c.id, c.status])).toEqual([["db", "passed"], ["c", "passed"]]);
  });

  it("a later check that finds the engine stopped first fails it for the ones after it only, as one after the other would", async () => {
    let alive = true;
    const engine = slowEngine({ a: 40, b: 1, c: 20 }, ["b"]);
    const lookup = engine.ctx.docker.container;
    engine.ctx.docker.container = (name) => (name === "b" && (alive = false), lookup(name));
    const { run } = await walkSlow([running("a"), running("b"), running("c")], engine, () => alive);
    expect(run.checks.map((c) => [c.id, c.status, c.points])).toEqual([["a", "passed", 1], ["b", "failed", 0], ["c", "failed", 0]]);
    expect(run.checks[2].message).toContain("the Docker engine in your sandbox stopped");
    expect(run.warnings).toEqual(["The Docker engine in your sandbox stopped during your script."]);
  });
});
