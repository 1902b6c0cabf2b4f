/**
 * The wait for a service left out: an `until …; do …; done` (or `while`) loop
 * that polls a container (pg_isready, mysqladmin ping, curl), or a long sleep.
 */
import { replaceWords } from "../edit";
import type { Command } from "../script";
import type { Operator } from "./types";

const POLLS = /(^|\/)(docker|pg_isready|mysqladmin|mysql|psql|curl|wget|nc|redis-cli)$/;

/** The loops of the script: their first and last commands (`until …`, `done`). */
function loops(commands: readonly Command[]): { open: Command; close: Command }[] {
  const found: { open: Command; close: Command }[] = [];
  const stack: number[] = [];
  commands.forEach((command, i) => {
    const first = command.words[0].value;
    if (first === "while" || first === "until" || first === "for") stack.push(i);
    else if (first === "done" && stack.length) {
      const open = stack.pop()!;
      found.push({ open: commands[open], close: command });
    }
  });
  return found;
}

function polled(open: Command): string | undefined {
  const words = open.words.map((w) => w.value);
  if (!words.some((w) => POLLS.test(w))) return undefined;
  const exec = words.indexOf("exec");
  const container = exec >= 0 ? words.slice(exec + 1).find((w) => !w.startsWith("-")) : undefined;
  return container ?? words.find((w) => POLLS.test(w) && w !== "docker") ?? "service";
}

export const skipWait: Operator = (script) => {
  const all = loops(script.commands);
  const inLoop = (command: Command) => all.some(({ open, close }) => command.start > open.start && command.end <= close.end);
  const loopMutants = all.flatMap(({ open, close }) => {
    const first = open.words[0].value;
    const what = first === "for" ? undefined : polled(open);
    if (!what) return [];
    return [
      {
        id: `skip-wait:${what}:${open.line}`,
        description: `no wait for ${what}: the ${first} loop at line ${open.line} removed`,
        edits: [replaceWords([open.words[0], close.words[0]], "true")],
      },
    ];
  });
  const sleeps = script.commands
    .filter((command) => command.words[0].value === "sleep" && command.words.length === 2 && Number(command.words[1].value) >= 2 && !inLoop(command))
    .map((command) => ({
      id: `skip-wait:sleep:${command.line}`,
      description: `no sleep ${command.words[1].value} at line ${command.line}`,
      edits: [replaceWords(command.words, "true")],
    }));
  return [...loopMutants, ...sleeps];
};
