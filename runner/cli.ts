/**
 * The command table. Only this file maps errors to exit codes:
 * 0 grading completed (whatever the score), 2 bad rubric or usage,
 * 3 no sandbox could run, 130 interrupted; and 1 from `check --fail-under`
 * when the score is under the threshold (otherwise 1 is an internal error).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { exitCodeOf, UsageError } from "./errors";
import { LIMIT_OPTIONS } from "./limit-overrides";
import { processIo, type Io } from "./io";
import { setVerbose } from "./log";

// Each command's module is loaded when it runs: --version, --help, validate and
// explain must not pay the second that Docker's libraries (testcontainers) take to load.
const batch = () => require("./commands/batch") as typeof import("./commands/batch");
const check = () => require("./commands/check") as typeof import("./commands/check");
const classroom50 = () => require("./commands/classroom50") as typeof import("./commands/classroom50");
const clean = () => require("./commands/clean") as typeof import("./commands/clean");
const explain = () => require("./commands/explain") as typeof import("./commands/explain");
const grade = () => require("./commands/grade") as typeof import("./commands/grade");
const images = () => require("./commands/images") as typeof import("./commands/images");
const merge = () => require("./commands/merge") as typeof import("./commands/merge");
const schema = () => require("./commands/schema") as typeof import("./commands/schema");
const setup = () => require("./commands/setup") as typeof import("./commands/setup");
const shell = () => require("./commands/shell") as typeof import("./commands/shell");
const validate = () => require("./commands/validate") as typeof import("./commands/validate");
const version = () => require("./commands/version") as typeof import("./commands/version");

const USAGE = `usage: labgrade <command> [options]

  grade <submission-dir> --rubric <rubric.yaml> [--json FILE] [--junit FILE] [--var NAME=VALUE]... [--images clone|load]
        [--timeout 5m] [--grading-timeout 15m] [--memory 2g] [--cpus 2] [--pids 2048] [--output-limit 1MiB]
  grade ... --classroom50 [--scale N]
                                     also write Classroom 50's ./result.json and ./release-body.md
  grade ... --classroom              also append the Actions reporter's result output and a step summary
  batch <class-dir> --rubric <rubric.yaml> --out DIR [--parallel N] [--shard i/n] [--force] [--var NAME=VALUE]...
                                     grade every student folder (resumes; --force grades all again)
  merge <DIR>... --out DIR           join the --out folders of batch --shard runs into one gradebook
  check [dir] [--rubric R] [--only ID[,ID]]... [--keep] [--json] [--fail-under 15|80%] [--lang en|fr] [--var NAME=VALUE]...
                                     a student checking their work: the rubric from labgrade.yaml, live progress
  shell <sandbox>                    a shell in a sandbox kept by check --keep (docker there is the sandbox's engine)
  classroom50 autograder --rubric <rubric.yaml> --out DIR [--package <labgrade.tgz or URL>] [--scale N]
                                     the autograder folder for a Classroom 50 assignment
  validate <rubric.yaml>...          check rubrics (no Docker needed)
  explain <rubric.yaml>              the checklist a student reads (no Docker needed)
  schema [rubric|labgrade.yaml]      print the JSON Schema editors check rubrics (or labgrade.yaml) with
  images prepare --rubric <rubric.yaml>...   build the seeded image store ahead of time
  images status                      what the image store holds
  setup                              engine, images and seeds for the bundled rubrics
  clean                              remove sandboxes kept by check --keep and what interrupted runs left behind

  --version                          labgrade's version and the sandbox's Docker engine
  --verbose                          log what the harness does (sandbox mode and engine, timings) on stderr`;

type Command = (positionals: string[], values: Record<string, unknown>, io: Io) => Promise<number>;

function variablesOf(list: unknown): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const entry of (list as string[] | undefined) ?? []) {
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var takes NAME=VALUE, got "${entry}"`);
    variables[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return variables;
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${positionals.length}\n\n${USAGE}`);
  return positionals[0];
}

const commands: Record<string, Command> = {
  grade: (positionals, values, io) => {
    if (typeof values.rubric !== "string") throw new UsageError(`grade needs --rubric <rubric.yaml>\n\n${USAGE}`);
    if (values.scale !== undefined && values.classroom50 !== true) throw new UsageError("--scale is for --classroom50's whole points");
    const images = values.images as string | undefined;
    if (images !== undefined && images !== "clone" && images !== "load") throw new UsageError(`--images takes clone or load, got ${images}`);
    return grade().gradeCommand(
      {
        submission: one(positionals, "submission folder"),
        rubric: values.rubric,
        json: values.json as string | undefined,
        junit: values.junit as string | undefined,
        variables: variablesOf(values.var),
        images,
        classroom: values.classroom === true,
        classroom50: values.classroom50 === true ? { scale: values.scale as string | undefined } : undefined,
        limits: Object.fromEntries(LIMIT_OPTIONS.filter((key) => values[key] !== undefined).map((key) => [key, values[key] as string])),
      },
      io,
    );
  },
  batch: (positionals, values, io) => {
    if (typeof values.rubric !== "string") throw new UsageError(`batch needs --rubric <rubric.yaml>\n\n${USAGE}`);
    if (typeof values.out !== "string") throw new UsageError(`batch needs --out <folder>\n\n${USAGE}`);
    return batch().batchCommand(
      {
        classDir: one(positionals, "class folder"),
        rubric: values.rubric,
        out: values.out,
        parallel: values.parallel as string | undefined,
        shard: values.shard as string | undefined,
        force: values.force === true,
        variables: variablesOf(values.var),
      },
      io,
    );
  },
  merge: (positionals, values, io) => {
    if (positionals.length === 0) throw new UsageError(`merge needs the --out folders of batch runs\n\n${USAGE}`);
    if (typeof values.out !== "string") throw new UsageError(`merge needs --out <folder>\n\n${USAGE}`);
    return merge().mergeCommand({ dirs: positionals, out: values.out }, io);
  },
  check: (positionals, values, io) => {
    if (positionals.length > 1) throw new UsageError(`check takes at most one folder, got ${positionals.length}\n\n${USAGE}`);
    return check().checkCommand(
      {
        dir: positionals[0] ?? ".",
        rubric: values.rubric as string | undefined,
        only: (values.only as string[] | undefined) ?? [],
        keep: values.keep === true,
        json: values.json === true,
        lang: values.lang as string | undefined,
        failUnder: values["fail-under"] as string | undefined,
        variables: variablesOf(values.var),
      },
      io,
    );
  },
  classroom50: (positionals, values, io) => {
    if (positionals.length !== 1 || positionals[0] !== "autograder") throw new UsageError(`classroom50 takes autograder\n\n${USAGE}`);
    if (typeof values.rubric !== "string") throw new UsageError(`classroom50 autograder needs --rubric <rubric.yaml>\n\n${USAGE}`);
    if (typeof values.out !== "string") throw new UsageError(`classroom50 autograder needs --out <folder>\n\n${USAGE}`);
    return classroom50().classroom50AutograderCommand({ rubric: values.rubric, out: values.out, package: values.package as string | undefined, scale: values.scale as string | undefined }, io);
  },
  shell: (positionals, values, io) => shell().shellCommand(one(positionals, "sandbox name"), { lang: values.lang as string | undefined }, io),
  validate: (positionals, _values, io) => {
    if (positionals.length === 0) throw new UsageError(`validate needs at least one rubric\n\n${USAGE}`);
    return validate().validateCommand(positionals, io);
  },
  explain: (positionals, _values, io) => explain().explainCommand(one(positionals, "rubric"), io),
  schema: (positionals, _values, io) => {
    if (positionals.length > 1) throw new UsageError(`schema takes at most one name\n\n${USAGE}`);
    return schema().schemaCommand(positionals[0], io);
  },
  images: (positionals, values, io) => {
    const [sub, ...rest] = positionals;
    if (sub === "status" && rest.length === 0) return images().imagesStatusCommand(io);
    if (sub === "prepare") {
      const rubrics = [...((values.rubric as string[] | string | undefined) ?? [])].flat();
      if (rubrics.length === 0) throw new UsageError("images prepare needs --rubric <rubric.yaml>");
      return images().imagesPrepareCommand(rubrics, io);
    }
    throw new UsageError(`images takes prepare or status\n\n${USAGE}`);
  },
  setup: (_positionals, _values, io) => setup().setupCommand(io),
  clean: (_positionals, _values, io) => clean().cleanCommand(io),
};

const OPTIONS = {
  rubric: { type: "string", multiple: true },
  json: { type: "string" },
  junit: { type: "string" },
  var: { type: "string", multiple: true },
  images: { type: "string" },
  timeout: { type: "string" },
  "grading-timeout": { type: "string" },
  memory: { type: "string" },
  cpus: { type: "string" },
  pids: { type: "string" },
  "output-limit": { type: "string" },
  classroom: { type: "boolean" },
  classroom50: { type: "boolean" },
  scale: { type: "string" },
  package: { type: "string" },
  out: { type: "string" },
  parallel: { type: "string" },
  shard: { type: "string" },
  force: { type: "boolean" },
  only: { type: "string", multiple: true },
  keep: { type: "boolean" },
  lang: { type: "string" },
  "fail-under": { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Options that mean something else for one command: `check --json` prints the result, it takes no file. */
const COMMAND_OPTIONS: Record<string, ParseArgsConfig["options"]> = {
  check: { json: { type: "boolean" } },
};

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (!name || name === "--help" || name === "-h" || name === "help") {
      io.out(USAGE);
      return name ? 0 : 2;
    }
    if (name === "--version" || name === "-V") return await version().versionCommand(io);
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${USAGE}`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...OPTIONS, ...COMMAND_OPTIONS[name] }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
    }
    const values: Record<string, unknown> = { ...parsed.values };
    // --rubric is repeatable for `images prepare`; everywhere else one is expected.
    if (Array.isArray(values.rubric) && name !== "images") {
      if (values.rubric.length > 1) throw new UsageError("--rubric given more than once");
      values.rubric = values.rubric[0];
    }
    if (values.verbose) setVerbose(true);
    return await command(parsed.positionals, values, io);
  } catch (error) {
    const code = exitCodeOf(error);
    io.err(code === 1 ? `labgrade: internal error: ${(error as Error).stack ?? error}` : `labgrade: ${(error as Error).message}`);
    return code;
  }
}

export function main(argv: string[]): void {
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
