/** `labgrade merge`'s command line. */
import { command, text, UsageErrorWithHelp } from "./command";

export interface MergeArgs {
  dirs: string[];
  out: string;
}

export const merge = command<MergeArgs>({
  name: "merge",
  usage: `  merge <DIR>... --out DIR           join the --out folders of batch --shard runs into one gradebook`,
  flags: { out: { type: "string" } },
  args(positionals, values) {
    const out = text(values, "out");
    if (positionals.length === 0) throw new UsageErrorWithHelp("merge needs the --out folders of batch runs");
    if (out === undefined) throw new UsageErrorWithHelp("merge needs --out <folder>");
    return { dirs: positionals, out };
  },
  run: (args, io) => (require("./merge") as typeof import("./merge")).mergeCommand(args, io),
});
