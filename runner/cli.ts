/**
 * The entry point: finds the command, parses its flags, and maps errors to exit codes
 * (only here): 0 grading completed (whatever the score), 2 bad rubric or usage,
 * 3 no sandbox could run, 130 interrupted; and 1 from `check --fail-under`
 * when the score is under the threshold (otherwise 1 is an internal error).
 * Each command's flags, usage and arguments are its own (runner/commands/<name>.cli.ts).
 */
import { parseArgs } from "node:util";
import { exitCodeOf, UsageError } from "./errors";
import { processIo, type Io } from "./io";
import { setVerbose } from "./log";
import { UsageErrorWithHelp, type Command, type Flags } from "./commands/command";

/** The command table, loaded on first use: it loads every command's module, which `--version` never needs. */
function commands(): readonly Command[] {
  return (require("./commands") as typeof import("./commands")).COMMANDS;
}

function usage(): string {
  return `usage: labgrade <command> [options]

${commands().map((command) => command.usage).join("\n")}

  --version                          labgrade's version and the sandbox's Docker engine
  --verbose                          log what the harness does (sandbox mode and engine, timings) on stderr`;
}

const GLOBAL_FLAGS: Flags = {
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/**
 * The flags a command's line is parsed with: its own, then any other command's
 * (accepted and ignored), as one table always did. A flag that one command repeats
 * (images prepare --rubric) and others take once is parsed repeatable for all, so that
 * giving it twice elsewhere is refused rather than one silently kept.
 */
function flagsFor(own: Command): { flags: Flags; once: string[] } {
  const flags: Flags = { ...GLOBAL_FLAGS };
  const repeated = new Set<string>();
  const single = new Set<string>();
  for (const command of [own, ...commands()]) {
    for (const [name, option] of Object.entries(command.flags)) {
      flags[name] ??= option;
      (option.multiple ? repeated : single).add(name);
    }
  }
  const once = [...repeated].filter((name) => single.has(name) && !own.flags[name]?.multiple);
  for (const name of once) flags[name] = { ...flags[name], multiple: true };
  return { flags, once };
}

function parse(command: Command, argv: string[]): { positionals: string[]; values: Record<string, unknown> } {
  const { flags, once } = flagsFor(command);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage()}`);
  }
  const values: Record<string, unknown> = { ...parsed.values };
  for (const name of once) {
    const given = values[name] as string[] | undefined;
    if (given === undefined) continue;
    if (given.length > 1) throw new UsageError(`--${name} given more than once`);
    values[name] = given[0];
  }
  return { positionals: parsed.positionals, values };
}

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (!name || name === "--help" || name === "-h" || name === "help") {
      io.out(usage());
      return name ? 0 : 2;
    }
    if (name === "--version" || name === "-V") return await (require("./commands/version") as typeof import("./commands/version")).versionCommand(io);
    const command = commands().find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${usage()}`);
    const { positionals, values } = parse(command, rest);
    if (values.verbose) setVerbose(true);
    let args;
    try {
      args = command.args(positionals, values);
    } catch (error) {
      if (error instanceof UsageErrorWithHelp) throw new UsageError(`${error.message}\n\n${usage()}`);
      throw error;
    }
    return await command.run(args, io);
  } catch (error) {
    const code = exitCodeOf(error);
    io.err(code === 1 ? `labgrade: internal error: ${(error as Error).stack ?? error}` : `labgrade: ${(error as Error).message}`);
    return code;
  }
}

export function main(argv: string[]): void {
  // A reader that goes away (`labgrade grade ... 2>&1 | head`) drops the rest of the
  // output, not the grading: its sandbox is still removed and its files written.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`labgrade: ${signal}: removing sandboxes...\n`);
    // Loaded here, not at startup: a command that made no sandbox still sweeps by label.
    const { disposeAllSandboxes } = require("./sandbox/sandbox") as typeof import("./sandbox/sandbox");
    const { removeOwnContainers } = require("./sandbox/orphans") as typeof import("./sandbox/orphans");
    void disposeAllSandboxes()
      .then(removeOwnContainers)
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  void run(argv).then((code) => {
    if (!interrupted) process.exit(code);
  });
}

if (require.main === module) main(process.argv.slice(2));
