/** `labgrade images`'s command line. */
import { UsageError } from "../errors";
import { command, UsageErrorWithHelp } from "./command";

export type ImagesArgs = { sub: "status" } | { sub: "prepare"; rubrics: string[] };

export const images = command<ImagesArgs>({
  name: "images",
  usage: `  images prepare --rubric <rubric.yaml>...   build the seeded image store ahead of time
  images status                      what the image store holds`,
  // The one command that takes --rubric more than once.
  flags: { rubric: { type: "string", multiple: true } },
  args(positionals, values) {
    const [sub, ...rest] = positionals;
    if (sub === "status" && rest.length === 0) return { sub };
    if (sub === "prepare") {
      const rubrics = (values.rubric as string[] | undefined) ?? [];
      if (rubrics.length === 0) throw new UsageError("images prepare needs --rubric <rubric.yaml>");
      return { sub, rubrics };
    }
    throw new UsageErrorWithHelp("images takes prepare or status");
  },
  run(args, io) {
    const images = require("./images") as typeof import("./images");
    return args.sub === "status" ? images.imagesStatusCommand(io) : images.imagesPrepareCommand(args.rubrics, io);
  },
});
