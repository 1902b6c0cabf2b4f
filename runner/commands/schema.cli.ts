/** `labgrade schema`'s command line. */
import { command, UsageErrorWithHelp } from "./command";

export const schema = command<string | undefined>({
  name: "schema",
  usage: `  schema [rubric|labgrade.yaml]      print the JSON Schema editors check rubrics (or labgrade.yaml) with`,
  flags: {},
  args(positionals) {
    if (positionals.length > 1) throw new UsageErrorWithHelp("schema takes at most one name");
    return positionals[0];
  },
  run: (which, io) => (require("./schema") as typeof import("./schema")).schemaCommand(which, io),
});
