/** `labgrade batch`'s command line. */
import { command, flag, one, text, UsageErrorWithHelp, VAR_FLAG, variablesOf } from "./command";

export interface BatchArgs {
  classDir: string;
  rubric: string;
  out: string;
  parallel?: string;
  shard?: string;
  force: boolean;
  variables: Record<string, string>;
  /** Redraw the progress in place (stderr is a terminal); plain lines otherwise. */
  live?: boolean;
}

export const batch = command<BatchArgs>({
  name: "batch",
  usage: `  batch <class-dir> --rubric <rubric.yaml> --out DIR [--parallel N] [--shard i/n] [--force] [--var NAME=VALUE]...
                                     grade every student folder (resumes; --force grades all again)`,
  flags: {
    rubric: { type: "string" },
    out: { type: "string" },
    parallel: { type: "string" },
    shard: { type: "string" },
    force: { type: "boolean" },
    ...VAR_FLAG,
  },
  args(positionals, values) {
    const rubric = text(values, "rubric");
    const out = text(values, "out");
    if (rubric === undefined) throw new UsageErrorWithHelp("batch needs --rubric <rubric.yaml>");
    if (out === undefined) throw new UsageErrorWithHelp("batch needs --out <folder>");
    return {
      classDir: one(positionals, "class folder"),
      rubric,
      out,
      parallel: text(values, "parallel"),
      shard: text(values, "shard"),
      force: flag(values, "force"),
      variables: variablesOf(values),
    };
  },
  run: (args, io) => (require("./batch") as typeof import("./batch")).batchCommand(args, io),
});
