/**
 * A container renamed (or restarted) where the lab asks to remove it and run a
 * new one: `docker rm a` … `docker run --name b` becomes
 * `docker rename a b && docker start b`, and the new run goes.
 */
import { wholeCommand } from "../docker";
import { replaceWords } from "../edit";
import type { Operator } from "./types";

export const renameNotRecreate: Operator = (script) =>
  script.docker.flatMap((d) => {
    const values = d.args.map((w) => w.value);
    const at = values[0] === "container" ? 1 : 0;
    if (values[at] !== "rm") return [];
    const names = values.slice(at + 1).filter((v) => !v.startsWith("-"));
    if (names.length !== 1) return [];
    const old = names[0];
    const image = script.runs.find((run) => run.name === old && run.command.start < d.command.start)?.image;
    const next = script.runs.find((run) => run.command.start > d.command.start && run.name !== undefined && (image === undefined || run.image === image));
    if (!next) return [];
    const same = next.name === old;
    return [
      {
        id: same ? `restart-not-recreate:${old}` : `rename-not-recreate:${old}:${next.name}`,
        description: same
          ? `${old} is started again instead of removed and run anew (line ${d.command.line})`
          : `${old} is renamed ${next.name} and started instead of removed, and no new container is run (line ${d.command.line})`,
        edits: [
          replaceWords(wholeCommand(d), same ? `docker start ${old}` : `docker rename ${old} ${next.name} && docker start ${next.name}`),
          replaceWords(next.whole, "true"),
        ],
      },
    ];
  });
