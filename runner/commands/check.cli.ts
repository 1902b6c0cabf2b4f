/** `labgrade check`'s command line. */
import { command, flag, text, UsageErrorWithHelp, VAR_FLAG, variablesOf } from "./command";

export interface CheckArgs {
  /** The assignment's folder: the submission. */
  dir: string;
  rubric?: string;
  /** Check ids, as given: repeated or comma-separated. */
  only: string[];
  keep: boolean;
  /** The result as JSON on stdout; the display moves to stderr. */
  json: boolean;
  lang?: string;
  failUnder?: string;
  variables: Record<string, string>;
}

export const check = command<CheckArgs>({
  name: "check",
  usage: `  check [dir] [--rubric R] [--only ID[,ID]]... [--keep] [--json] [--fail-under 15|80%] [--lang en|fr] [--var NAME=VALUE]...
                                     a student checking their work: the rubric from labgrade.yaml, live progress`,
  flags: {
    rubric: { type: "string" },
    only: { type: "string", multiple: true },
    keep: { type: "boolean" },
    // The result on stdout: check --json takes no file, unlike grade --json.
    json: { type: "boolean" },
    "fail-under": { type: "string" },
    lang: { type: "string" },
    ...VAR_FLAG,
  },
  args(positionals, values) {
    if (positionals.length > 1) throw new UsageErrorWithHelp(`check takes at most one folder, got ${positionals.length}`);
    return {
      dir: positionals[0] ?? ".",
      rubric: text(values, "rubric"),
      only: (values.only as string[] | undefined) ?? [],
      keep: flag(values, "keep"),
      json: flag(values, "json"),
      lang: text(values, "lang"),
      failUnder: text(values, "fail-under"),
      variables: variablesOf(values),
    };
  },
  run: (args, io) => (require("./check") as typeof import("./check")).checkCommand(args, io),
});
