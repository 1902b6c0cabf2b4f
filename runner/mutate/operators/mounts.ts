/**
 * Mount mistakes: a -v/--mount/--tmpfs/--volumes-from forgotten, a named volume
 * written as a bind mount or as an anonymous volume, a read-only mount made writable.
 */
import { mountOption, volumeMount } from "../../../graders/support/docker-run-args";
import { mountKind, isVolumeName, type DockerRun, type RunOptionWords } from "../docker";
import { removeWords, replaceWords, shellWord } from "../edit";
import type { Mutation, Operator } from "./types";

interface MountOf {
  option: RunOptionWords;
  run: DockerRun;
  source: string;
  destination: string;
  readOnly: boolean;
  /** volume (named or anonymous), bind, tmpfs, or volumes-from. */
  type: string;
}

function mountOf(run: DockerRun, option: RunOptionWords): MountOf | undefined {
  const kind = mountKind(option);
  if (!kind || option.words.length === 0 || option.value === undefined) return undefined;
  const value = option.value;
  if (kind === "volumes-from") return { option, run, source: value, destination: "", readOnly: false, type: "volumes-from" };
  if (kind === "tmpfs") return { option, run, source: "", destination: value.split(":")[0], readOnly: false, type: "tmpfs" };
  if (kind === "volume") {
    const mount = volumeMount(value);
    // -v /data: an anonymous volume.
    if (!value.includes(":")) return { option, run, source: "", destination: value, readOnly: false, type: "volume" };
    return { option, run, ...mount, type: isVolumeName(mount.source) ? "volume" : "bind" };
  }
  return { option, run, ...mountOption(value), type: /(?:^|,)type=([^,]+)/.exec(value)?.[1] ?? "volume" };
}

export function mountsOf(runs: readonly DockerRun[]): MountOf[] {
  return runs.flatMap((run) => run.options.flatMap((option) => mountOf(run, option) ?? []));
}

/** How a mount names itself in ids: its destination, or the container it copies. */
function where(mount: MountOf): string {
  return mount.type === "volumes-from" ? `from-${mount.source}` : mount.destination;
}

const written = (mount: MountOf) => mount.option.words.map((w) => w.raw).join(" ");

const namedVolumes = (script: Parameters<Operator>[0]) => mountsOf(script.runs).filter((m) => m.type === "volume" && m.source !== "");

export const dropMount: Operator = (script) =>
  mountsOf(script.runs).map(
    (mount): Mutation => ({
      id: `drop-mount:${mount.run.label}:${where(mount)}`,
      description: `${mount.run.label} runs without ${written(mount)}`,
      edits: [removeWords(script.text, mount.option.words)],
    }),
  );

export const bindMount: Operator = (script) =>
  namedVolumes(script).map((mount) => {
    const value = `$(pwd)/${mount.source}:${mount.destination}${mount.readOnly ? ":ro" : ""}`;
    return {
      id: `bind-mount:${mount.run.label}:${mount.destination}`,
      description: `${mount.run.label} bind-mounts the folder ./${mount.source} on ${mount.destination} instead of the volume ${mount.source}`,
      edits: [replaceWords(mount.option.words, `-v ${shellWord(value)}`)],
    };
  });

export const anonymousVolume: Operator = (script) =>
  namedVolumes(script).map((mount) => ({
    id: `anonymous-volume:${mount.run.label}:${mount.destination}`,
    description: `${mount.run.label} mounts a new anonymous volume on ${mount.destination} instead of the volume ${mount.source}`,
    edits: [
      replaceWords(mount.option.words, mount.readOnly ? `--mount ${shellWord(`type=volume,target=${mount.destination},readonly`)}` : `-v ${shellWord(mount.destination)}`),
    ],
  }));

export const dropReadOnly: Operator = (script) =>
  mountsOf(script.runs)
    .filter((mount) => mount.readOnly)
    .map((mount) => {
      const value = mount.option.value!;
      const writable =
        mountKind(mount.option) === "volume"
          ? value.replace(/:([^:]*)$/, (_all, flags: string) => {
              const rest = flags.split(",").filter((f) => f !== "ro");
              return rest.length ? `:${rest.join(",")}` : "";
            })
          : value
              .split(",")
              .filter((pair) => !/^(readonly|ro)(=.*)?$/.test(pair))
              .join(",");
      const flag = mount.option.words[0].value.startsWith("--mount") ? "--mount" : "-v";
      return {
        id: `drop-ro:${mount.run.label}:${mount.destination}`,
        description: `${mount.run.label} mounts ${mount.source || mount.destination} on ${mount.destination} writable (no read-only)`,
        edits: [replaceWords(mount.option.words, `${flag} ${shellWord(writable)}`)],
      };
    });
