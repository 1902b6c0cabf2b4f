/** `labgrade validate`'s command line. */
import { command, UsageErrorWithHelp } from "./command";

export const validate = command<string[]>({
  name: "validate",
  usage: `  validate <rubric.yaml>...          check rubrics (no Docker needed)`,
  flags: {},
  args(positionals) {
    if (positionals.length === 0) throw new UsageErrorWithHelp("validate needs at least one rubric");
    return positionals;
  },
  run: (files, io) => (require("./validate") as typeof import("./validate")).validateCommand(files, io),
});
