/** Runs one of the submission's scripts with arguments, and matches its exit code and output. */
import type { Grader, GraderContext } from "./types";
import { describeExpectations, matcherRef, type Matcher } from "./matchers/match";
import { expectationItems, outcomeOfItems } from "./support/items";
import { parseDuration } from "../common/units";
import { tail } from "./support/shell";

export interface ScriptSpec {
  file: string;
  args?: string[];
  /** Expand shell patterns in args (backups/*.tar.gz) against the submission folder first. */
  glob?: boolean;
  /** A duration; the rubric's submission timeout when left out. */
  timeout?: string | number;
  expect?: { "exit-code"?: Matcher; output?: Matcher };
}

// Prints each argument's matches in the submission folder, NUL-separated, as a
// shell would expand it unquoted (no word splitting: IFS is empty); a pattern
// that matches nothing stays as written.
const EXPAND = `cd "$1" || exit 3; shift; IFS=
for p in "$@"; do
  if [ -z "$p" ]; then printf '\\0'; continue; fi
  for f in $p; do printf '%s\\0' "$f"; done
done`;

/** The arguments with their patterns expanded; as written when the expansion cannot run. */
async function expandArgs(ctx: GraderContext, args: string[]): Promise<string[]> {
  const expanded = await ctx.shell.exec(["sh", "-c", EXPAND, "expand", ctx.submissionDir, ...args]);
  return expanded.exitCode === 0 ? expanded.stdout.split("\0").slice(0, -1) : args;
}

const messages = {
  failed: "`./{command}` did not behave as expected ({failed}). Run it yourself and compare. Its output ended with: {output}",
  timedOut: "`./{command}` was stopped after {seconds} s, its time limit. Check that it does not wait for input or for a service forever.",
  nothing: "(nothing)",
};

const messagesFr = {
  failed: "`./{command}` ne s'est pas comporté comme attendu ({failed}). Lancez-le vous-même et comparez. Sa sortie se terminait par : {output}",
  timedOut: "`./{command}` a été arrêté après {seconds} s, sa limite de temps. Vérifiez qu'il n'attend pas indéfiniment une saisie ou un service.",
  nothing: "(rien)",
} satisfies Record<keyof typeof messages, string>;

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
      glob: {
        type: "boolean",
        description:
          "Expand shell patterns (*, ?, [...]) in args against the submission folder first, e.g. backups/*.tar.gz for an archive whose name holds a date; a pattern that matches nothing is passed as written. Default false.",
      },
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
  messages,
  translations: { fr: messagesFr },
  runsScript: (spec) => spec.file,
  describe: (spec) => `\`./${[spec.file, ...(spec.args ?? [])].join(" ")}\`${spec.expect ? ` gives ${describeExpectations(spec.expect)}` : " runs"}`,
  async evaluate(ctx, spec) {
    const args = spec.glob ? await expandArgs(ctx, spec.args ?? []) : (spec.args ?? []);
    const run = await ctx.runScript(spec.file, args, parseDuration(spec.timeout));
    const data = { command: [spec.file, ...args].join(" "), output: tail(run.output, 200) || { id: "nothing" } };
    if (run.timedOut) return { passed: false, messageId: "timedOut", data: { ...data, seconds: Math.round(run.timeoutMs / 1000) } };
    const actual: Record<string, unknown> = { "exit-code": run.exitCode, output: run.output };
    return outcomeOfItems(expectationItems(spec.expect, actual), "failed", data);
  },
};
