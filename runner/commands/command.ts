/**
 * What a command is to the CLI. Each command has a light `<name>.cli.ts` (its usage
 * lines, its flags, how the command line becomes its arguments) and the module that
 * does the work, loaded only when the command runs: `labgrade --help` and `--version`
 * must not pay the second that Docker's libraries (testcontainers) take to load.
 */
import type { ParseArgsConfig } from "node:util";
import { UsageError } from "../errors";
import type { Io } from "../io";

export type Flags = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, unknown>;

export interface Command<Args = unknown> {
  name: string;
  /** Its lines of `labgrade --help`, as printed. */
  usage: string;
  flags: Flags;
  /** The command line as the command's arguments; a UsageError when it does not fit. */
  args(positionals: string[], values: Values): Args;
  /** Loads the module that does the work and runs it. */
  run(args: Args, io: Io): Promise<number>;
}

/** Type-checks a command's `args` against its `run`. */
export function command<Args>(definition: Command<Args>): Command<Args> {
  return definition;
}

/** A usage error that the CLI follows with the whole usage text. */
export class UsageErrorWithHelp extends UsageError {}

export function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageErrorWithHelp(`expected one ${what}, got ${positionals.length}`);
  return positionals[0];
}

export const text = (values: Values, name: string) => values[name] as string | undefined;
export const flag = (values: Values, name: string) => values[name] === true;

/** --var NAME=VALUE, repeatable. */
export const VAR_FLAG = { var: { type: "string", multiple: true } } as const satisfies Flags;

export function variablesOf(values: Values): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const entry of (values.var as string[] | undefined) ?? []) {
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var takes NAME=VALUE, got "${entry}"`);
    variables[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return variables;
}
