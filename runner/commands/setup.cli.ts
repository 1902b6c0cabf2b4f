/** `labgrade setup`'s command line. */
import { command } from "./command";

export const setup = command<void>({
  name: "setup",
  usage: `  setup                              engine, images and seeds for the bundled rubrics`,
  flags: {},
  args: () => undefined,
  run: (_args, io) => (require("./setup") as typeof import("./setup")).setupCommand(io),
});
