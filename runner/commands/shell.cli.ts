/** `labgrade shell`'s command line. */
import { command, one, text } from "./command";

export const shell = command<{ name: string; lang?: string }>({
  name: "shell",
  usage: `  shell <sandbox>                    a shell in a sandbox kept by check --keep (docker there is the sandbox's engine)`,
  flags: { lang: { type: "string" } },
  args: (positionals, values) => ({ name: one(positionals, "sandbox name"), lang: text(values, "lang") }),
  run: (args, io) => (require("./shell") as typeof import("./shell")).shellCommand(args.name, { lang: args.lang }, io),
});
