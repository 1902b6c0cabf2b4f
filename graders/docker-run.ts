/**
 * How the student's scripts started containers, read from the log of docker
 * commands they ran. A container started with --rm is gone by the time
 * checks run; its command line is not. (The sandbox's docker CLI logs every
 * command a submission's script runs.)
 */
import type { Grader, Outcome } from "./types";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { parseCommandLog, parseRun, type ParsedRun, type RunMount } from "./support/docker-run-args";

export const DOCKER_COMMAND_LOG = "/var/log/labgrade/docker-commands";

export interface DockerRunSpec {
  /** Only commands that start a container with this --name are considered. */
  name?: string;
  /** Only commands that mount this volume (or bind this path) are considered. */
  mounting?: string;
  mounts?: { source: string; destination?: string; "read-only"?: boolean }[];
  rm?: boolean;
}

function describeRun(run: ParsedRun): string {
  const text = `docker ${run.argv.join(" ")}`;
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** " named db mounting data": which commands the check looks at, for messages. */
function which(spec: DockerRunSpec): string {
  return `${spec.name ? ` named ${spec.name}` : ""}${spec.mounting ? ` mounting ${spec.mounting}` : ""}`;
}

type WantedMount = NonNullable<DockerRunSpec["mounts"]>[number];

function mountMatches(m: RunMount, want: WantedMount): boolean {
  return (
    m.source === want.source &&
    (want.destination === undefined || m.destination === want.destination) &&
    (want["read-only"] === undefined || m.readOnly === want["read-only"])
  );
}

function items(run: ParsedRun, spec: DockerRunSpec): ItemResult[] {
  const mounts = (spec.mounts ?? []).map((want) => {
    const at = run.mounts.find((m) => m.source === want.source);
    return {
      label: `mount ${want.source}`,
      passed: run.mounts.some((m) => mountMatches(m, want)),
      expected: `${want.source}${want.destination ? `:${want.destination}` : ""}${want["read-only"] === true ? " read-only" : want["read-only"] === false ? " read-write" : ""}`,
      actual: at ? `${at.source}:${at.destination}${at.readOnly ? " read-only" : " read-write"}` : "not mounted",
    };
  });
  const rm = spec.rm === undefined ? [] : [{ label: "--rm", passed: run.rm === spec.rm, expected: spec.rm ? "--rm" : "no --rm", actual: run.rm ? "--rm" : "no --rm" }];
  return [...mounts, ...rm];
}

const messages = {
  none: "Expected your scripts to run a container{which}, but no `docker run` like that was found. Commands seen: {seen}.",
  mismatch: "No `docker run`{which} had what was expected ({failed}). Commands seen: {seen}.",
};

const messagesFr = {
  none: "Vos scripts devaient lancer un conteneur{which}, mais aucun `docker run` de ce type n'a été trouvé. Commandes vues : {seen}.",
  mismatch: "Aucun `docker run`{which} n'avait ce qui était attendu ({failed}). Commandes vues : {seen}.",
} satisfies Record<keyof typeof messages, string>;

export const dockerRun: Grader<DockerRunSpec> = {
  meta: {
    type: "docker-run",
    kinds: ["check"],
    description:
      "Some `docker run` (or `docker create`) that the student's scripts ran had this name, these mounts and options, even if its container is gone (--rm, docker rm).",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    description: "What a docker run command line must have held.",
    properties: {
      name: { type: "string", minLength: 1, description: "Consider only the commands that name their container so (--name); alone, it asserts that such a container was started, even if it is gone since." },
      mounting: { type: "string", minLength: 1, description: "Consider only the commands that mount this volume (or bind this path); when none does, the check fails saying so." },
      mounts: {
        type: "array",
        minItems: 1,
        description: "Mounts given with -v or --mount.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["source"],
          properties: {
            source: { type: "string", minLength: 1, description: "The volume name or bind source as written." },
            destination: { type: "string", pattern: "^/", description: "The path inside the container." },
            "read-only": { type: "boolean", description: "Mounted read-only (:ro or readonly), or not." },
          },
        },
      },
      rm: { type: "boolean", description: "Started with --rm (removed when it stops), or not." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) =>
    [
      `a docker run${which(spec)}`,
      ...(spec.mounts ?? []).map((m) => `mounts ${m.source}${m.destination ? ` at ${m.destination}` : ""}${m["read-only"] === true ? " read-only" : m["read-only"] === false ? " read-write" : ""}`),
      spec.rm === true ? "with --rm" : spec.rm === false ? "without --rm" : "",
    ]
      .filter(Boolean)
      .join(", "),
  async evaluate(ctx, spec): Promise<Outcome> {
    const log = await ctx.shell.exec(["sh", "-c", `cat "${DOCKER_COMMAND_LOG}" 2>/dev/null; true`]);
    const all = parseCommandLog(log.stdout)
      .map(parseRun)
      .filter((run): run is ParsedRun => run !== undefined);
    const runs = all.filter(
      (run) => (!spec.name || run.name === spec.name) && (!spec.mounting || run.mounts.some((m) => m.source === spec.mounting)),
    );
    const data = { which: which(spec), seen: (runs.length ? runs : all).map(describeRun).join(" | ") || "none" };
    if (runs.length === 0) return { passed: false, messageId: "none", data, expected: `a docker run${data.which}`, actual: "none" };
    if (runs.some((run) => items(run, spec).every((item) => item.passed))) return { passed: true };
    // Report against the last such command: usually the one that counts.
    return outcomeOfItems(items(runs[runs.length - 1], spec), "mismatch", data);
  },
};
