/**
 * Mount mistakes: a -v/--mount/--tmpfs/--volumes-from forgotten, a named volume
 * written as a bind mount or as an anonymous volume, a read-only mount made writable.
 */
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

function fieldsOf(value: string): Map<string, string> {
  return new Map(
    value.split(",").map((pair) => {
      const eq = pair.indexOf("=");
      return eq < 0 ? [pair, "true"] : [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}

function mountOf(run: DockerRun, option: RunOptionWords): MountOf | undefined {
  const kind = mountKind(option);
  if (!kind || option.words.length === 0 || option.value === undefined) return undefined;
  const value = option.value;
  if (kind === "volumes-from") return { option, run, source: value, destination: "", readOnly: false, type: "volumes-from" };
  if (kind === "tmpfs") return { option, run, source: "", destination: value.split(":")[0], readOnly: false, type: "tmpfs" };
  if (kind === "volume") {
    const parts = value.split(":");
    // -v /data: an anonymous volume.
    if (parts.length === 1) return { option, run, source: "", destination: parts[0], readOnly: false, type: "volume" };
    const [source, destination = "", flags = ""] = parts;
    return { option, run, source, destination, readOnly: flags.split(",").includes("ro"), type: isVolumeName(source) ? "volume" : "bind" };
  }
  const fields = fieldsOf(value);
  const get = (...keys: string[]) => keys.map((k) => fields.get(k)).find((v) => v !== undefined);
  const readOnly = get("readonly", "ro");
  return {
    option,
    run,
    source: get("source", "src") ?? "",
    destination: get("target", "destination", "dst") ?? "",
    readOnly: readOnly !== undefined && readOnly !== "false" && readOnly !== "0",
    type: fields.get("type") ?? "volume",
  };
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
