/**
 * Answers hard-coded where the script should compute them: a page written by
 * hand instead of produced by PHP, the argument the rubric happens to pass
 * written into the script, the volumes the rubric names removed one by one
 * instead of pruned.
 */
import { isDocker, wholeCommand } from "../docker";
import { replaceWords, shellWord } from "../edit";
import type { Mutation, Operator } from "./types";

const PHPINFO = /<\?php\s+phpinfo\(\s*\);?\s*\?>/g;

export const hardcodePage: Operator = (script) =>
  [...script.text.matchAll(PHPINFO)].map((match, i) => ({
    id: `hardcode-page:phpinfo${i ? `:${i + 1}` : ""}`,
    description: "the phpinfo() page written by hand (PHP Version, phpinfo) instead of produced by PHP",
    edits: [{ start: match.index!, end: match.index! + match[0].length, text: "<h1>PHP Version 7.4.33</h1><p>phpinfo</p>" }],
  }));

export const hardcodeArgs: Operator = (script, hints) =>
  hints.args.flatMap((arg, i): Mutation[] => {
    if (arg === undefined) return [];
    const n = i + 1;
    // $1 and ${1}, not $10 nor ${1:-default} (a default is the student's own choice).
    const pattern = new RegExp(`\\$${n}(?![0-9])|\\$\\{${n}\\}`, "g");
    const edits = script.commands.flatMap((command) =>
      command.words.flatMap((word) => [...word.raw.matchAll(pattern)].map((m) => ({ start: word.start + m.index!, end: word.start + m.index! + m[0].length, text: shellWord(arg.value) }))),
    );
    if (edits.length === 0) return [];
    const passes = arg.given === arg.value ? "the value the rubric passes" : `the rubric passes ${arg.given}`;
    return [{ id: `hardcode-arg:${n}:${arg.value}`, description: `$${n} replaced by ${arg.value} (${passes})`, edits }];
  });

export const hardcodePrune: Operator = (script, hints) =>
  hints.absentVolumes.length === 0
    ? []
    : script.docker
        .filter((d) => isDocker(d, "volume", "prune") || isDocker(d, "system", "prune"))
        .map((d) => ({
          id: `hardcode-prune:${d.command.line}`,
          description: `docker volume rm ${hints.absentVolumes.join(" ")} (the volumes the rubric names) instead of a prune`,
          edits: [replaceWords(wholeCommand(d), `docker volume rm -f ${hints.absentVolumes.map(shellWord).join(" ")}`)],
        }));
