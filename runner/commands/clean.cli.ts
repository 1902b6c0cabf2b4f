/** `labgrade clean`'s command line. */
import { command } from "./command";

export const clean = command<void>({
  name: "clean",
  usage: `  clean                              remove sandboxes kept by check --keep and what interrupted runs left behind`,
  flags: {},
  args: () => undefined,
  run: (_args, io) => (require("./clean") as typeof import("./clean")).cleanCommand(io),
});
