/**
 * A file written into the container's own layer instead of its volume: the
 * container writes under the mount's path, but the volume is mounted elsewhere
 * (/mnt/<volume>), so the file survives a restart and is lost with the container.
 */
import { replaceWords, shellWord } from "../edit";
import { mountsOf } from "./mounts";
import type { Operator } from "./types";

/** Paths a command writes with > or >> or tee, found in its words (sh -c "… > /x" included). */
export function writtenPaths(values: readonly string[]): string[] {
  const text = values.join(" ");
  return [...text.matchAll(/(?:>>?|\btee\s+(?:-a\s+)?)\s*(\/[^\s;&|'"<>)]+)/g)].map((m) => m[1]);
}

const under = (file: string, folder: string) => file.startsWith(folder.endsWith("/") ? folder : `${folder}/`);

export const writeInContainer: Operator = (script) => {
  const mounts = mountsOf(script.runs).filter((m) => m.type === "volume" && m.source !== "" && m.destination !== "");
  return script.docker.flatMap((d) => {
    const values = d.args.map((w) => w.value);
    if (values[0] !== "exec") return [];
    const container = values.slice(1).find((v) => !v.startsWith("-"));
    const files = writtenPaths(values.slice(2));
    return files.flatMap((file) => {
      // The deepest mount that holds the file: the one it is written into.
      const mount = mounts
        .filter((m) => m.run.label === container && under(file, m.destination))
        .sort((a, b) => b.destination.length - a.destination.length)[0];
      if (!mount) return [];
      const elsewhere = `/mnt/${mount.source.replace(/[^\w.-]/g, "")}`;
      const value = `${mount.source}:${elsewhere}${mount.readOnly ? ":ro" : ""}`;
      return [
        {
          id: `write-in-container:${container}:${file}`,
          description: `${file} is written into ${container}'s own layer: ${mount.source} is mounted on ${elsewhere}, not ${mount.destination}`,
          edits: [replaceWords(mount.option.words, `-v ${shellWord(value)}`)],
        },
      ];
    });
  });
};
