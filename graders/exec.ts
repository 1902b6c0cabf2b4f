/** A command run inside one of the student's containers, and what it prints. */
import type { Grader, Outcome } from "./types";
import { notRunning, runningMessages, runningMessagesFr } from "./support/running";
import { describeExpectations, type Matcher } from "./matchers/match";
import { commandExpectSchema, containerRefSchema } from "./support/schemas";
import { describeTarget, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";
import { expectationItems, outcomeOfItems } from "./support/items";

export interface ExecSpec {
  container: ContainerRef;
  command: string | string[];
  expect: { "exit-code"?: Matcher; stdout?: Matcher; stderr?: Matcher };
}

const messages = {
  ...runningMessages,
  ...targetMessages,
  failed:
    "In container {container}, `{command}` did not give what was expected ({failed}). Run it yourself with `docker exec {container} {command}` and compare.",
};

const messagesFr = {
  ...runningMessagesFr,
  ...targetMessagesFr,
  failed: "Dans le conteneur {container}, `{command}` n'a pas donné le résultat attendu ({failed}). Exécutez vous-même `docker exec {container} {command}` et comparez.",
} satisfies Record<keyof typeof messages, string>;

export const exec: Grader<ExecSpec> = {
  meta: {
    type: "exec",
    kinds: ["check", "action"],
    description: "Runs a command in a container (docker exec) and matches its exit code and output.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["container", "command"],
    description: "A command run with docker exec.",
    properties: {
      container: containerRefSchema("The container to run it in."),
      command: {
        description: "A shell command line (run with sh -c) or an argument list.",
        oneOf: [
          { type: "string", minLength: 1 },
          { type: "array", minItems: 1, items: { type: "string" } },
        ],
      },
      expect: commandExpectSchema("What the command must give; as an action, leave it out."),
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `\`${[spec.command].flat().join(" ")}\` in ${describeTarget(spec.container)}${spec.expect ? ` gives ${describeExpectations(spec.expect)}` : " runs"}`,
  async evaluate(ctx, spec): Promise<Outcome> {
    const target = await resolveContainer(ctx, spec.container);
    if (target.outcome) return target.outcome;
    const container = target.name;
    const stopped = await notRunning(ctx, container);
    if (stopped) return stopped;
    const argv = typeof spec.command === "string" ? ["sh", "-c", spec.command] : spec.command;
    const result = await ctx.docker.exec(container, argv);
    const actual: Record<string, unknown> = { "exit-code": result.exitCode, stdout: result.stdout, stderr: result.stderr };
    return outcomeOfItems(expectationItems(spec.expect ?? { "exit-code": 0 }, actual), "failed", { container, command: [spec.command].flat().join(" ") });
  },
};
