/**
 * A script's docker commands, read with the same option rules as the graders'
 * (graders/support/docker-run-args.ts): each `docker run` with its options as
 * words of the script, its name and image, and a label that names it in mutant ids.
 */
import { runOptions, type RunOption } from "../../graders/support/docker-run-args";
import { commandsOf, dockerArgs, type Command, type Word } from "./script";

export interface RunOptionWords extends RunOption {
  /** The option's words in the script (empty for a flag combined with others: -dv x). */
  words: Word[];
}

export interface DockerRun {
  command: Command;
  /** From `docker` to the last argument. */
  whole: Word[];
  /** The words after `run` (or `create`). */
  args: Word[];
  options: RunOptionWords[];
  name?: string;
  image?: string;
  /** The --name, or the image with its rank among unnamed runs of it (alpine:latest#2). */
  label: string;
}

export interface DockerCommand {
  command: Command;
  /** The word `docker` itself. */
  docker: Word;
  /** The words after `docker`. */
  args: Word[];
}

export interface ParsedScript {
  /** The file, relative to the submission folder. */
  file: string;
  text: string;
  commands: Command[];
  docker: DockerCommand[];
  runs: DockerRun[];
}

function runOf(docker: DockerCommand): Omit<DockerRun, "label"> | undefined {
  const values = docker.args.map((w) => w.value);
  const start = values[0] === "container" ? 1 : 0;
  if (values[start] !== "run" && values[start] !== "create") return undefined;
  const args = docker.args.slice(start + 1);
  const { options, imageIndex } = runOptions(args.map((w) => w.value));
  return {
    command: docker.command,
    whole: [docker.docker, ...docker.args],
    args,
    options: options.map((o) => ({ ...o, words: o.combined ? [] : args.slice(o.from, o.to) })),
    name: options.find((o) => o.name === "name")?.value,
    image: imageIndex === undefined ? undefined : args[imageIndex].value,
  };
}

export function parseScript(file: string, text: string): ParsedScript {
  const commands = commandsOf(text);
  const docker = commands.flatMap((command) => {
    const args = dockerArgs(command);
    return args ? [{ command, docker: command.words[command.words.length - args.length - 1], args }] : [];
  });
  const ranks = new Map<string, number>();
  const runs = docker.flatMap((d) => {
    const run = runOf(d);
    if (!run) return [];
    let label = run.name;
    if (label === undefined) {
      const image = run.image ?? "run";
      ranks.set(image, (ranks.get(image) ?? 0) + 1);
      label = `${image}#${ranks.get(image)}`;
    }
    return [{ ...run, label }];
  });
  return { file, text, commands, docker, runs };
}

/** The words of a docker command, from `docker` to its last argument. */
export function wholeCommand(d: DockerCommand): Word[] {
  return [d.docker, ...d.args];
}

/** `docker volume create x` and the like: the words after docker match `verbs`. */
export function isDocker(command: DockerCommand, ...verbs: string[]): boolean {
  return verbs.every((verb, i) => command.args[i]?.value === verb);
}

/** A mount option's kind: -v/--volume, --mount, --tmpfs, --volumes-from. */
export function mountKind(option: RunOption): "volume" | "mount" | "tmpfs" | "volumes-from" | undefined {
  if (option.name === "v" || option.name === "volume") return "volume";
  if (option.name === "mount" || option.name === "tmpfs" || option.name === "volumes-from") return option.name;
  return undefined;
}

/** A mount source that names a volume (not a path): mysql-data, $VOLUME_NAME. */
export function isVolumeName(source: string): boolean {
  return source !== "" && !source.includes("/") && !source.startsWith(".") && !source.startsWith("~");
}
