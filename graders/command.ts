/**
 * A shell command run in the sandbox itself, in the submission folder, where
 * the docker CLI drives the sandbox's engine: how an instructor prepares state
 * (`docker volume create orphan-volume`) or checks what no other type covers
 * (`docker ps -aq | wc -l`).
 */
import type { Grader } from "./types";
import { describeExpectations, type Matcher } from "./matchers/match";
import { commandExpectSchema } from "./support/schemas";
import { expectationItems, outcomeOfItems } from "./support/items";

export interface CommandSpec {
  run: string;
  expect?: { "exit-code"?: Matcher; stdout?: Matcher; stderr?: Matcher };
}

const messages = {
  failed: "`{run}` did not give what was expected ({failed}).",
  actionFailed: "`{run}` failed with exit code {code}.",
};

const messagesFr = {
  failed: "`{run}` n'a pas donné le résultat attendu ({failed}).",
  actionFailed: "`{run}` a échoué avec le code de sortie {code}.",
} satisfies Record<keyof typeof messages, string>;

export const command: Grader<CommandSpec> = {
  meta: {
    type: "command",
    kinds: ["check", "action"],
    description:
      "Runs a shell command in the sandbox (not in a container), in the submission folder, with the docker CLI at hand; as a check, matches its exit code and output.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["run"],
    description: "A command line for sh -c, run in the sandbox.",
    properties: {
      run: { type: "string", minLength: 1, description: "The command line, e.g. `docker ps -aq | wc -l`." },
      expect: commandExpectSchema("What it must give; as an action, leave it out (it must then exit 0)."),
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `\`${spec.run}\`${spec.expect ? ` gives ${describeExpectations(spec.expect)}` : " succeeds"}`,
  async evaluate(ctx, spec) {
    const result = await ctx.shell.exec(["sh", "-c", spec.run], { workdir: ctx.submissionDir, timeoutMs: 120_000 });
    if (!spec.expect) {
      return result.exitCode === 0
        ? { passed: true }
        : { passed: false, messageId: "actionFailed", data: { run: spec.run, code: result.exitCode } };
    }
    const actual: Record<string, unknown> = { "exit-code": result.exitCode, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
    return outcomeOfItems(expectationItems(spec.expect, actual), "failed", { run: spec.run });
  },
};
