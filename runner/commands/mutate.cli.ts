/** `labgrade mutate`'s command line. */
import { command, text, UsageErrorWithHelp, VAR_FLAG, variablesOf } from "./command";

export interface MutateArgs {
  rubric: string;
  referenceDir: string;
  parallel?: string;
  json?: string;
  /** Grade only the mutants whose id contains one of these. */
  only: string[];
  variables: Record<string, string>;
  /** Redraw the progress in place (stderr is a terminal); plain lines otherwise. */
  live?: boolean;
}

export const mutate = command<MutateArgs>({
  name: "mutate",
  usage: `  mutate <rubric.yaml> <reference-dir> [--parallel N] [--json FILE] [--only TEXT]... [--var NAME=VALUE]...
                                     grade wrong variants of the reference answer; exit 1 when one keeps full marks`,
  flags: {
    parallel: { type: "string" },
    json: { type: "string" },
    only: { type: "string", multiple: true },
    ...VAR_FLAG,
  },
  args(positionals, values) {
    if (positionals.length !== 2) throw new UsageErrorWithHelp(`mutate takes a rubric and the reference answer's folder, got ${positionals.length} argument(s)`);
    return {
      rubric: positionals[0],
      referenceDir: positionals[1],
      parallel: text(values, "parallel"),
      json: text(values, "json"),
      only: ((values.only as string[] | undefined) ?? []).flatMap((o) => o.split(",")).filter(Boolean),
      variables: variablesOf(values),
    };
  },
  run: (args, io) => (require("./mutate") as typeof import("./mutate")).mutateCommand(args, io),
});
