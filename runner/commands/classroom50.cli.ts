/** `labgrade classroom50`'s command line. */
import { command, text, UsageErrorWithHelp } from "./command";

export interface AutograderArgs {
  rubric: string;
  out: string;
  /** A labgrade tarball to copy in, or a URL npm installs from. */
  package?: string;
  scale?: string;
}

export const classroom50 = command<AutograderArgs>({
  name: "classroom50",
  usage: `  classroom50 autograder --rubric <rubric.yaml> --out DIR [--package <labgrade.tgz or URL>] [--scale N]
                                     the autograder folder for a Classroom 50 assignment`,
  flags: {
    rubric: { type: "string" },
    out: { type: "string" },
    package: { type: "string" },
    scale: { type: "string" },
  },
  args(positionals, values) {
    const rubric = text(values, "rubric");
    const out = text(values, "out");
    if (positionals.length !== 1 || positionals[0] !== "autograder") throw new UsageErrorWithHelp("classroom50 takes autograder");
    if (rubric === undefined) throw new UsageErrorWithHelp("classroom50 autograder needs --rubric <rubric.yaml>");
    if (out === undefined) throw new UsageErrorWithHelp("classroom50 autograder needs --out <folder>");
    return { rubric, out, package: text(values, "package"), scale: text(values, "scale") };
  },
  run: (args, io) => (require("./classroom50") as typeof import("./classroom50")).classroom50AutograderCommand(args, io),
});
