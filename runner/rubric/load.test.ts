import * as path from "node:path";
import type { Grader, JsonSchema } from "../../graders/types";
import { formatIssue, loadRubric, loadRubricText, type LoadResult, type RubricIssue } from "./load";
import type { ActionStep, CheckStep } from "./types";

const ROOT = path.join(__dirname, "..", "..");
const INVALID = path.join(ROOT, "fixtures", "rubrics", "invalid");

/** A small rubric around the given steps (YAML lines, indented as list items). */
function rubric(steps: string, head = ""): string {
  return ["id: demo", 'title: "Démo"', "images: [nginx:1.25]", "submission: { script: run.sh }", head, "steps:", steps].filter(Boolean).join("\n");
}

/** Issues as `line:column path | message`, easy to compare and to read in a failure. */
function brief(issues: RubricIssue[]): string[] {
  return issues.map((issue) => `${issue.line}:${issue.column} ${issue.path} | ${issue.message.slice(issue.path.length ? issue.path.length + 2 : 0)}`);
}

async function loadFixture(name: string): Promise<LoadResult> {
  return loadRubric(path.join(INVALID, name));
}

describe("the bundled lamp-stack rubric", () => {
  let loaded: LoadResult;
  beforeAll(async () => {
    loaded = await loadRubric(path.join(ROOT, "rubrics", "lamp-stack.yaml"));
  });

  it("is valid, worth 20 points, without warnings", () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    const checks = loaded.rubric!.steps.filter((step): step is CheckStep => step.kind === "check");
    expect(checks.reduce((sum, step) => sum + step.points, 0)).toBe(20);
  });

  it("keeps its French text intact", () => {
    expect(loaded.rubric!.title).toBe("Stack LAMP avec persistance");
    expect(loaded.rubric!.description).toContain("survivre à un redémarrage et à une");
    expect(loaded.rubric!.language).toBe("fr");
  });

  it("becomes the typed rubric the engine walks", () => {
    const { rubric: lamp } = loaded;
    expect(lamp!.submission).toEqual({ script: "lamp.sh", timeoutMs: 300_000, files: ["lamp.sh"] });
    expect(lamp!.limits).toEqual({ gradingTimeoutMs: 900_000, outputBytes: 1024 ** 2, memoryBytes: 2 * 1024 ** 3, cpus: 2, pids: 2048, network: "isolated" });
    expect(lamp!.images).toEqual(["mysql:8.0", "php:7.4-apache"]);
    const [volumes, , , webappDb] = lamp!.steps as CheckStep[];
    expect(volumes).toMatchObject({ kind: "check", id: "volumes", type: "volume", points: 3, partial: true, hidden: false, requires: [] });
    expect(volumes.spec).toEqual({ names: ["mysql-data", "web-content", "user-uploads"] });
    expect(volumes.position).toEqual({ line: 17, column: 5 });
    expect(webappDb).toMatchObject({ id: "webapp-db", type: "sql", retry: { timeoutMs: 90_000, intervalMs: 1_000 }, requires: ["mysql-running"] });
    expect(webappDb.feedback.hint).toContain("MYSQL_DATABASE");
    const restart = lamp!.steps.find((step) => step.id === "restart-stack") as ActionStep;
    expect(restart).toMatchObject({ kind: "action", type: "restart", spec: { containers: ["lamp-web", "lamp-mysql"] } });
  });

  it("shares one spec between the two checks that use the &stack-alive anchor", () => {
    const restart = loaded.rubric!.steps.find((step) => step.id === "survives-restart")!;
    const recreate = loaded.rubric!.steps.find((step) => step.id === "survives-recreate")!;
    expect(recreate.spec).toEqual(restart.spec);
    expect((restart.spec as unknown[]).map((item) => Object.keys(item as object)[0])).toEqual(["http", "sql"]);
  });
});

describe("the envelope", () => {
  it("fills defaults and converts durations and sizes", () => {
    const { rubric: loaded, errors } = loadRubricText(rubric("  - check: v\n    points: 1\n    volume: { names: [v] }"), "demo.yaml");
    expect(errors).toEqual([]);
    expect(loaded).toMatchObject({ language: "en", variables: {}, limits: { gradingTimeoutMs: 900_000, outputBytes: 1_048_576 } });
    expect(loaded!.steps[0]).toMatchObject({ title: "volumes v exist", partial: false, hidden: false, feedback: {} });
  });

  it("reads limits, submission files and a retry with the default interval", () => {
    const text = rubric(
      "  - check: v\n    points: 1\n    retry: { timeout: 1m30s }\n    volume: { names: [v] }",
      "limits: { grading-timeout: 10m, output: 512KiB, memory: 512m, cpus: 1.5, pids: 100 }\nversion: '2'",
    ).replace("submission: { script: run.sh }", "submission: { script: run.sh, timeout: 90, files: [notes.md] }");
    const { rubric: loaded, errors } = loadRubricText(text, "demo.yaml");
    expect(errors).toEqual([]);
    expect(loaded!.limits).toEqual({ gradingTimeoutMs: 600_000, outputBytes: 524_288, memoryBytes: 512 * 1024 ** 2, cpus: 1.5, pids: 100, network: "isolated" });
    expect(loaded!.submission).toEqual({ script: "run.sh", timeoutMs: 90_000, files: ["run.sh", "notes.md"] });
    expect(loaded!.steps[0].retry).toEqual({ timeoutMs: 90_000, intervalMs: 1_000 });
    expect(loaded!.version).toBe("2");
  });

  it("merges the command line's variables over the rubric's, keeping references for the engine", () => {
    const text = rubric(
      '  - check: home\n    points: 1\n    http: { url: "http://localhost:${var.PORT}/", expect: { status: 200 } }',
      "variables: { PORT: 8080, HOST: x }",
    );
    const { rubric: loaded, errors } = loadRubricText(text, "demo.yaml", { variables: { PORT: "9090", EXTRA: "1" } });
    expect(errors).toEqual([]);
    expect(loaded!.variables).toEqual({ PORT: "9090", HOST: "x", EXTRA: "1" });
    expect(loaded!.steps[0].spec).toEqual({ url: "http://localhost:${var.PORT}/", expect: { status: 200 } });
  });

  it("validates a spec with the variables in place, so a URL may come from one", () => {
    const text = rubric('  - check: home\n    points: 1\n    http: { url: "${var.BASE}/info.php" }', "variables: { BASE: http://localhost:8080 }");
    expect(loadRubricText(text, "demo.yaml").errors).toEqual([]);
  });

  it("refuses a document that is not a mapping, and an empty file", () => {
    expect(brief(loadRubricText("- a\n- b\n", "list.yaml").errors)).toEqual([
      "1:1  | a rubric is a mapping with id, title, images, submission and steps; found a list of 2 item(s).",
    ]);
    expect(loadRubricText("", "empty.yaml").errors[0].message).toContain("found nothing");
  });

  it("reports a missing file as an issue rather than throwing", async () => {
    const { errors } = await loadRubric(path.join(INVALID, "no-such-file.yaml"));
    expect(formatIssue(errors[0])).toMatch(/no-such-file\.yaml:1:1: cannot read the rubric: no such file or directory$/);
  });

  it("reports missing required keys at the mapping that lacks them", () => {
    expect(brief(loadRubricText("id: x\nsteps:\n  - action: a\n    http: { url: 'http://x' }\n", "x.yaml").errors)).toEqual([
      "1:1  | missing required key `title`.",
      "1:1  | missing required key `images`.",
      "1:1  | missing required key `submission`.",
    ]);
  });
});

describe("refusals, each with its message and position, all at once", () => {
  it("refuses unknown keys, suggesting a close one and listing the accepted ones", async () => {
    expect(brief((await loadFixture("unknown-keys.yaml")).errors)).toEqual([
      "3:1 langage | unknown key `langage`. Did you mean `language`? Accepted keys: `id`, `title`, `description`, `language`, `version`, `images`, `submission`, `variables`, `limits`, `steps`.",
      expect.stringMatching(/^9:5 steps\[0\]\.retyr \| unknown key `retyr`\. Did you mean `retry`\? Accepted keys: `check`, `title`, `points`, .*`http`/),
      "12:7 steps[0].http.metod | unknown key `metod`. Did you mean `method`? Accepted keys: `url`, `method`, `body`, `repeat`, `expect`.",
      expect.stringMatching(/^15:17 steps\[0\]\.http\.expect\.body\.contain \| unknown key `contain`\. Did you mean `contains`\?/),
      expect.stringMatching(/^16:5 steps\[1\]\.check \| says nothing to check: add exactly one of `all`, .*`container`/),
      expect.stringMatching(/^18:5 steps\[1\]\.containr \| unknown key `containr`\. Did you mean `container`\?/),
    ]);
  });

  it("says which type was expected and which was found", async () => {
    expect(brief((await loadFixture("wrong-types.yaml")).errors)).toEqual([
      "2:1 title | must be text; found the number 3. Quote it if you meant text.",
      '3:1 images | must be a list; found text "nginx:1.25". Write a list: [a, b], or one `- item` per line.',
      '7:5 steps[0].points | must be a number; found text "deux".',
      '8:5 steps[0].partial | must be a boolean (true or false); found text "yes".',
      '12:13 steps[0].container.ports[0].container | must be a whole number; found text "80".',
      '15:5 steps[1].requires | must be a list; found text "volumes-first". Write a list: [a, b], or one `- item` per line.',
      '17:7 steps[1].volume.names | lists "data" twice (items 1 and 2): remove one.',
    ]);
  });

  it("refuses expectations that assert nothing", async () => {
    expect(brief((await loadFixture("empty-expectations.yaml")).errors)).toEqual([
      "10:7 steps[0].http.expect | is empty, so it asserts nothing: give one of `status`, `body`, `distinct`.",
      expect.stringMatching(/^16:9 steps\[1\]\.http\.expect\.body \| is empty, so it asserts nothing: give one of `equals`, `contains`, /),
      "19:5 steps[2].volume | is empty, so it asserts nothing: give one of `names`, `absent`.",
    ]);
  });

  it("refuses a step with zero or two type keys, or a type of the wrong kind", async () => {
    expect(brief((await loadFixture("type-keys.yaml")).errors)).toEqual([
      expect.stringMatching(/^6:5 steps\[0\]\.check \| says nothing to check: add exactly one of /),
      "11:5 steps[1].tcp | has 2 check types (`volume`, `tcp`) but a step runs exactly one: split it into 2 steps, or list them under `all:`.",
      "14:5 steps[2].restart | `restart` is an action, not a check: write this step as `action: <id>` (without points).",
      "16:5 steps[3].volume | `volume` is a check, not an action: write this step as `check: <id>` with points.",
      "18:5 steps[4].action | a step is a check or an action, not both: keep `check:` or `action:`.",
      "21:5 steps[5] | a step needs `check: <id>` (a check, worth points) or `action: <id>` (an action).",
    ]);
  });

  it("refuses duplicate ids and requirements on unknown, later or the same steps", async () => {
    expect(brief((await loadFixture("ids-and-requires.yaml")).errors)).toEqual([
      "8:16 steps[0].requires[0] | requires `db`, which comes later (line 10): a step can only require an earlier one. Move `db` before this step, or drop the requirement.",
      "12:16 steps[1].requires[0] | a step cannot require itself.",
      "14:5 steps[2].check | duplicate id `web`: the step at line 6 already uses it; ids must be unique.",
      "16:16 steps[2].requires[0] | requires `wbe`, which is no step's id. Did you mean `web`?",
      "16:21 steps[2].requires[1] | requires `nowhere`, which is no step's id.",
    ]);
  });

  it("cannot form a cycle: of two steps requiring each other, the first requires a later one", () => {
    const text = rubric(
      "  - check: a\n    points: 1\n    requires: [b]\n    volume: { names: [a] }\n  - check: b\n    points: 1\n    requires: [a]\n    volume: { names: [b] }",
    );
    expect(brief(loadRubricText(text, "cycle.yaml").errors)).toEqual([
      "8:16 steps[0].requires[0] | requires `b`, which comes later (line 10): a step can only require an earlier one. Move `b` before this step, or drop the requirement.",
    ]);
  });

  it("refuses negative points, bad durations and sizes, invalid patterns and crowded matchers", async () => {
    const { errors, warnings } = await loadFixture("values.yaml");
    expect(brief(errors)).toEqual([
      expect.stringMatching(/^6:3 submission\.timeout \| A duration is 300s, 2m, .* Found text "5 minutes"\.$/),
      expect.stringMatching(/^8:3 limits\.memory \| A size is .* Found text "2 gigs"\.$/),
      "12:5 steps[0].points | must be >= 0; found the number -1.",
      expect.stringMatching(/^13:27 steps\[0\]\.retry\.interval \| A duration is .* Found text "1x"\.$/),
      expect.stringMatching(/^17:17 steps\[0\]\.http\.expect\.body\.matches \| is not a valid regular expression \(Unterminated group\)/),
      "23:9 steps[1].http.expect.body | takes at most 1 key; found 2: `contains`, `matches`. To combine matchers, use `all-of: [...]`.",
    ]);
    expect(warnings).toEqual([]);
  });

  it("refuses malformed references and unknown variables", async () => {
    const { errors, warnings } = await loadFixture("references.yaml");
    expect(brief(errors)).toEqual([
      "12:7 steps[0].http.url | `${var.PROT}` names no variable. Did you mean `PORT`? Declared: `PORT`, `UNUSED`. Declare it under `variables:` or give it with --var PROT=value.",
      "18:7 steps[1].exec.command | `${HOME}` is not a reference: write `${var.NAME}`, `${env.NAME}` or `${random.NAME}`, or `$${HOME}` for a literal text.",
      "18:7 steps[1].exec.command | `${` opens a reference that is never closed with `}`; write `$${` for a literal `${`.",
    ]);
    expect(brief(warnings)).toContain("7:3 variables.UNUSED | `UNUSED` is never used: reference it as ${var.UNUSED} in a step, or remove it.");
  });

  it("reports a YAML syntax error at its position", async () => {
    expect(brief((await loadFixture("syntax.yaml")).errors)).toEqual(["4:1  | YAML syntax error: missed comma between flow collection entries"]);
  });

  it("checks every item of an `all` list, even through an alias", () => {
    const text = rubric(
      [
        "  - check: first",
        "    points: 1",
        "    all: &pair",
        "      - http: { url: 'ftp://x' }",
        "      - htp: {}",
        "      - restart: { containers: [web] }",
        "  - check: again",
        "    points: 1",
        "    all: *pair",
      ].join("\n"),
    );
    expect(brief(loadRubricText(text, "all.yaml").errors)).toEqual([
      '9:17 steps[0].all[0].http.url | must match the pattern `^https?://`; found text "ftp://x".',
      expect.stringMatching(/^10:9 steps\[0\]\.all\[1\]\.htp \| unknown key `htp`\. Did you mean `http`\?/),
      expect.stringMatching(/^11:9 steps\[0\]\.all\[2\]\.restart \| unknown key `restart`\./),
      // Inside an alias: the path is exact, the position is the alias's.
      '14:5 steps[1].all[0].http.url | must match the pattern `^https?://`; found text "ftp://x".',
      expect.stringMatching(/^14:5 steps\[1\]\.all\[1\]\.htp \| unknown key `htp`/),
      expect.stringMatching(/^14:5 steps\[1\]\.all\[2\]\.restart \| unknown key `restart`/),
    ]);
  });

  it("reports a wrong matcher type with what a matcher is", () => {
    const text = rubric("  - check: home\n    points: 1\n    http: { url: 'http://x', expect: { body: [1, 2] } }");
    expect(brief(loadRubricText(text, "m.yaml").errors)).toEqual([
      expect.stringMatching(
        /^8:40 steps\[0\]\.http\.expect\.body \| must be text, a number, a boolean \(true or false\) or a mapping \(key: value\); found a list of 2 item\(s\)\. An expectation: /,
      ),
    ]);
  });
});

describe("warnings", () => {
  it("warns about a retry that can only try once, an unused command-line variable and a rubric worth nothing", () => {
    const text = rubric("  - check: v\n    points: 0\n    retry: { timeout: 1s, interval: 5s }\n    volume: { names: [v] }");
    const { rubric: loaded, errors, warnings } = loadRubricText(text, "w.yaml", { variables: { PROT: "1" } });
    expect(errors).toEqual([]);
    expect(loaded).toBeDefined();
    expect(brief(warnings)).toEqual([
      "1:1  | the variable `PROT` given on the command line is not used by this rubric.",
      "5:1 steps | no check is worth any points, so every score will be 0 of 0.",
      "8:27 steps[0].retry.interval | the interval (5s) is longer than the timeout (1s), so the step is tried only once.",
    ]);
  });
});

describe("an injected registry", () => {
  const grader = (type: string, kinds: Grader["meta"]["kinds"], schema: JsonSchema): Grader => ({
    meta: { type, kinds, description: `${type} grader` },
    schema,
    messages: {},
    describe: (spec) => `${type} ${JSON.stringify(spec)}`,
    evaluate: async () => ({ passed: true }),
  });
  const registry = {
    probe: grader("probe", ["check"], {
      type: "object",
      additionalProperties: false,
      required: ["target"],
      properties: { target: { type: "string", description: "t" }, expect: { $ref: "#/$defs/matcher", description: "e" } },
    }),
    poke: grader("poke", ["action"], { type: "object", additionalProperties: false, properties: {} }),
    broken: { ...grader("broken", ["check"], { type: "object" }), describe: () => { throw new Error("no"); } },
  };

  it("loads steps of the injected types, with their describe() as default titles", () => {
    const text = rubric("  - check: p\n    points: 2\n    probe: { target: x, expect: { contains: y } }\n  - action: k\n    poke: {}");
    const { rubric: loaded, errors } = loadRubricText(text, "fake.yaml", { registry });
    expect(errors).toEqual([]);
    expect(loaded!.steps.map((step) => [step.kind, step.type, step.title])).toEqual([
      ["check", "probe", 'probe {"target":"x","expect":{"contains":"y"}}'],
      ["action", "poke", "poke {}"],
    ]);
  });

  it("refuses the real types it does not have, and validates with the injected schemas", () => {
    const text = rubric("  - check: p\n    points: 1\n    http: { url: 'http://x' }\n  - check: q\n    points: 1\n    probe: { target: 3 }");
    expect(brief(loadRubricText(text, "fake.yaml", { registry }).errors)).toEqual([
      "6:5 steps[0].check | says nothing to check: add exactly one of `broken`, `probe`.",
      "8:5 steps[0].http | unknown key `http`. Accepted keys: `check`, `title`, `points`, `partial`, `requires`, `retry`, `hidden`, `feedback`, `broken`, `probe`.",
      "11:14 steps[1].probe.target | must be text; found the number 3. Quote it if you meant text.",
    ]);
  });

  it("falls back to the id as a title when a grader's describe() throws", () => {
    const { rubric: loaded } = loadRubricText(rubric("  - check: b\n    points: 1\n    broken: {}"), "fake.yaml", { registry });
    expect(loaded!.steps[0].title).toBe("b");
  });
});
