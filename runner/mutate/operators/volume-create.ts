/** A `docker volume create` left out: `docker run -v name:/x` then creates the volume itself. */
import { isDocker, wholeCommand } from "../docker";
import { replaceWords } from "../edit";
import type { Operator } from "./types";

export const skipVolumeCreate: Operator = (script) =>
  script.docker
    .filter((d) => isDocker(d, "volume", "create"))
    .map((d) => {
      const name = d.args.slice(2).find((w) => !w.value.startsWith("-"))?.value ?? "";
      return {
        id: `skip-volume-create:${name}`,
        description: `no docker volume create ${name} (line ${d.command.line})`,
        edits: [replaceWords(wholeCommand(d), "true")],
      };
    });
