/** `labgrade explain`'s command line. */
import { command, one } from "./command";

export const explain = command<string>({
  name: "explain",
  usage: `  explain <rubric.yaml>              the checklist a student reads (no Docker needed)`,
  flags: {},
  args: (positionals) => one(positionals, "rubric"),
  run: (file, io) => (require("./explain") as typeof import("./explain")).explainCommand(file, io),
});
