/**
 * `docker run` options students drop or get wrong: a published port, an -e,
 * --rm, a --network or --link (and a `docker network connect`).
 */
import { isDocker, wholeCommand } from "../docker";
import { removeWords, replaceWords, shellWord } from "../edit";
import type { Mutation, Operator } from "./types";

const PUBLISH = new Set(["p", "publish"]);
const ENV = new Set(["e", "env"]);
const NETWORK = new Set(["network", "net", "link"]);

/** `8080:80`, `127.0.0.1:8080:80/tcp`: the host port one higher; undefined when none is given. */
export function otherPort(value: string): string | undefined {
  const match = /^(.*?)(\d+):(\d+(?:\/\w+)?)$/.exec(value);
  if (!match) return undefined;
  return `${match[1]}${Number(match[2]) + 1}:${match[3]}`;
}

export const changePort: Operator = (script) =>
  script.runs.flatMap((run) =>
    run.options.flatMap((option): Mutation[] => {
      const other = option.value === undefined ? undefined : otherPort(option.value);
      if (!PUBLISH.has(option.name) || option.words.length === 0 || !other) return [];
      const host = /(\d+):[^:]*$/.exec(option.value!)![1];
      return [
        {
          id: `change-port:${run.label}:${host}`,
          description: `${run.label} publishes ${other} instead of ${option.value}`,
          edits: [replaceWords(option.words, `-p ${shellWord(other)}`)],
        },
      ];
    }),
  );

export const dropEnv: Operator = (script) =>
  script.runs.flatMap((run) =>
    run.options
      .filter((option) => ENV.has(option.name) && option.words.length > 0 && option.value !== undefined)
      .map((option) => {
        const name = option.value!.split("=")[0];
        return {
          id: `drop-env:${run.label}:${name}`,
          description: `${run.label} runs without -e ${name}`,
          edits: [removeWords(script.text, option.words)],
        };
      }),
  );

export const dropRm: Operator = (script) =>
  script.runs.flatMap((run) =>
    run.options
      .filter((option) => option.name === "rm" && option.words.length > 0)
      .map((option) => ({
        id: `drop-rm:${run.label}`,
        description: `${run.label} runs without --rm: its container stays after it exits`,
        edits: [removeWords(script.text, option.words)],
      })),
  );

export const dropNetwork: Operator = (script) => [
  ...script.runs.flatMap((run) =>
    run.options
      .filter((option) => NETWORK.has(option.name) && option.words.length > 0 && option.value !== undefined)
      .map((option) => ({
        id: `drop-${option.name === "link" ? "link" : "network"}:${run.label}:${option.value}`,
        description: `${run.label} runs without --${option.name} ${option.value}`,
        edits: [removeWords(script.text, option.words)],
      })),
  ),
  ...script.docker
    .filter((d) => isDocker(d, "network", "connect") && d.args.length >= 4)
    .map((d) => ({
      id: `skip-network-connect:${d.args[d.args.length - 1].value}:${d.args[d.args.length - 2].value}`,
      description: `no docker network connect ${d.args[d.args.length - 2].value} ${d.args[d.args.length - 1].value} (line ${d.command.line})`,
      edits: [replaceWords(wholeCommand(d), "true")],
    })),
];
