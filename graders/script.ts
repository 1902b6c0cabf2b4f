/** Runs one of the submission's scripts with arguments, and matches its exit code and output. */
import type { Grader } from "./types";
import { describeExpectations, match, matcherRef, type Matcher } from "./matchers";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { parseDuration } from "./support/duration";
import { tail } from "./support/shell";

export interface ScriptSpec {
  file: string;
  args?: string[];
  /** A duration; the rubric's submission timeout when left out. */
  timeout?: string | number;
  expect?: { "exit-code"?: Matcher; output?: Matcher };
}

export const script: Grader<ScriptSpec> = {
  meta: {
    type: "script",
    kinds: ["check", "action"],
    description:
      "Runs a script of the submission (in its folder, with a terminal and the submission's time limit) and matches its exit code and output. Running the entry script this way places it among the steps; otherwise it runs before the first step.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["file"],
    description: "A script of the submission and its arguments.",
    properties: {
      file: { type: "string", minLength: 1, description: "The script, relative to the submission folder." },
      args: { type: "array", items: { type: "string" }, description: "Arguments passed to it." },
      timeout: { $ref: "#/$defs/duration", description: "How long it may run; the submission's timeout by default." },
      expect: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        description: "What the run must give.",
        properties: {
          "exit-code": matcherRef("The exit code."),
          output: matcherRef("What it printed (stdout and stderr together)."),
        },
      },
    },
  },
  messages: {
    failed: "`./{command}` did not behave as expected ({failed}). Run it yourself and compare. Its output ended with: {output}",
    timedOut: "`./{command}` was stopped after {seconds} s, its time limit. Check that it does not wait for input or for a service forever.",
  },
  describe: (spec) => `\`./${[spec.file, ...(spec.args ?? [])].join(" ")}\`${spec.expect ? ` gives ${describeExpectations(spec.expect)}` : " runs"}`,
  async evaluate(ctx, spec) {
    const run = await ctx.runScript(spec.file, spec.args ?? [], parseDuration(spec.timeout));
    const data = { command: [spec.file, ...(spec.args ?? [])].join(" "), output: tail(run.output, 200) || "(nothing)" };
    if (run.timedOut) return { passed: false, messageId: "timedOut", data: { ...data, seconds: Math.round(run.timeoutMs / 1000) } };
    const actual: Record<string, unknown> = { "exit-code": run.exitCode, output: run.output };
    const items: ItemResult[] = Object.entries(spec.expect ?? {}).map(([key, matcher]) => ({ label: key, ...match(matcher as Matcher, actual[key]) }));
    return outcomeOfItems(items, "failed", data);
  },
};
