/**
 * How the student's scripts started containers, read from the log of docker
 * commands they ran. A container started with --rm is gone by the time
 * checks run; its command line is not. (The sandbox's docker CLI logs every
 * command a submission's script runs.)
 */
import type { Grader, Outcome, Phrase } from "./types";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { similarName } from "./support/near";
import { parseCommandLog, parseRun, type ParsedRun, type RunMount } from "./support/docker-run-args";
import { portListSchema } from "./support/schemas";
import { DOCKER_COMMAND_LOG } from "../common/sandbox-image";

export interface DockerRunSpec {
  /** Only commands that start a container with this --name are considered. */
  name?: string;
  /** Only commands that mount this volume (or bind this path) are considered. */
  mounting?: string;
  mounts?: { source: string; destination?: string; "read-only"?: boolean }[];
  /** Ports published with -p/--publish: the container's, and the host's when given. */
  ports?: { container: number; host?: number }[];
  rm?: boolean;
}

function describeRun(run: ParsedRun): string {
  const text = `docker ${run.argv.join(" ")}`;
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** " named db mounting data": which commands the check looks at, for checklists. */
function which(spec: DockerRunSpec): string {
  return `${spec.name ? ` named ${spec.name}` : ""}${spec.mounting ? ` mounting ${spec.mounting}` : ""}`;
}

/** The same, as a phrase. */
function whichPhrase(spec: DockerRunSpec): Phrase {
  const kind = spec.name && spec.mounting ? "both" : spec.name ? "name" : spec.mounting ? "mounting" : "any";
  return { id: `which.${kind}`, data: { name: spec.name ?? "", mounting: spec.mounting ?? "" } };
}

type WantedMount = NonNullable<DockerRunSpec["mounts"]>[number];

function mountMatches(m: RunMount, want: WantedMount): boolean {
  return (
    m.source === want.source &&
    (want.destination === undefined || m.destination === want.destination) &&
    (want["read-only"] === undefined || m.readOnly === want["read-only"])
  );
}

/** "-v mon-volume:/data:ro": how the student wrote a mount, or would. */
function mountText(source: string, destination: string | undefined, readOnly: boolean | undefined): string {
  return `-v ${source}${destination ? `:${destination}` : ""}${readOnly ? ":ro" : ""}`;
}

/** A -p value's host and container ports: 127.0.0.1:5432:5432/tcp gives 5432 and 5432; 80 gives no host port. */
function published(value: string): { host?: number; container: number } | undefined {
  const parts = value.replace(/\/\w+$/, "").split(":");
  const container = Number(parts[parts.length - 1]);
  const host = parts.length > 1 && parts[parts.length - 2] !== "" ? Number(parts[parts.length - 2]) : undefined;
  return Number.isInteger(container) ? { host, container } : undefined;
}

function portItems(run: ParsedRun, spec: DockerRunSpec): ItemResult[] {
  return (spec.ports ?? []).map((want): ItemResult => {
    const at = run.publish.filter((value) => published(value)?.container === want.container);
    const wanted = want.host === undefined ? `-p ${want.container}` : `-p ${want.host}:${want.container}`;
    return {
      label: { id: "run.port.label", data: { port: want.container } },
      passed: at.some((value) => want.host === undefined || published(value)?.host === want.host),
      expected: { id: "run.port", data: { publish: wanted } },
      actual: at.length ? { id: "run.port", data: { publish: at.map((value) => `-p ${value}`).join(", ") } } : { id: "run.port.none", data: { port: want.container } },
    };
  });
}

function items(run: ParsedRun, spec: DockerRunSpec): ItemResult[] {
  const mounts = (spec.mounts ?? []).map((want): ItemResult => {
    const at = run.mounts.find((m) => m.source === want.source);
    const mode = want["read-only"] === true ? "ro" : want["read-only"] === false ? "rw" : "any";
    return {
      label: { id: "run.mount.label", data: { source: want.source } },
      passed: run.mounts.some((m) => mountMatches(m, want)),
      expected: { id: `run.mount.${mode}`, data: { mount: mountText(want.source, want.destination, want["read-only"]) } },
      actual: at ? { id: `run.mount.${at.readOnly ? "ro" : "rw"}`, data: { mount: mountText(at.source, at.destination, at.readOnly) } } : { id: "run.mount.none", data: { source: want.source } },
    };
  });
  const rm = spec.rm === undefined ? [] : [{ label: { id: "run.rm.label" }, passed: run.rm === spec.rm, expected: { id: spec.rm ? "run.rm" : "run.noRm" }, actual: { id: run.rm ? "run.rm" : "run.noRm" } }];
  return [...mounts, ...portItems(run, spec), ...rm];
}

const messages = {
  none: "Expected your scripts to run a container{which}, but no `docker run` like that was found. Commands seen: {seen}.",
  mismatch: "No `docker run`{which} had what was expected ({failed}). Commands seen: {seen}.",
  nothingSeen: "none",
  "which.any": "",
  "which.name": " named {name}",
  "which.mounting": " mounting {mounting}",
  "which.both": " named {name} mounting {mounting}",
  "run.expected": "a docker run{which}",
  "run.none": "no such docker run",
  "run.noneSimilar": "no such docker run, but one started a container named {similar}",
  "run.mount.label": "the mount of {source}",
  "run.mount.any": "{mount}",
  "run.mount.ro": "{mount} (read-only)",
  "run.mount.rw": "{mount} (read-write)",
  "run.mount.none": "{source} is not mounted",
  "run.port.label": "the port {port}",
  "run.port": "{publish}",
  "run.port.none": "port {port} is not published",
  "run.rm.label": "--rm",
  "run.rm": "with --rm",
  "run.noRm": "without --rm",
};

const messagesFr = {
  none: "Vos scripts devaient lancer un conteneur{which}, mais aucun `docker run` de ce type n'a été trouvé. Commandes vues : {seen}.",
  mismatch: "Aucun `docker run`{which} n'avait ce qui était attendu ({failed}). Commandes vues : {seen}.",
  nothingSeen: "aucune",
  "which.any": "",
  "which.name": " nommé {name}",
  "which.mounting": " montant {mounting}",
  "which.both": " nommé {name} montant {mounting}",
  "run.expected": "un docker run{which}",
  "run.none": "aucun docker run de ce type",
  "run.noneSimilar": "aucun docker run de ce type, mais l'un d'eux a lancé un conteneur nommé {similar}",
  "run.mount.label": "le montage de {source}",
  "run.mount.any": "{mount}",
  "run.mount.ro": "{mount} (en lecture seule)",
  "run.mount.rw": "{mount} (en lecture-écriture)",
  "run.mount.none": "{source} n'est pas monté",
  "run.port.label": "le port {port}",
  "run.port": "{publish}",
  "run.port.none": "le port {port} n'est pas publié",
  "run.rm.label": "--rm",
  "run.rm": "avec --rm",
  "run.noRm": "sans --rm",
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
      ports: portListSchema("Ports published with -p or --publish.", "The port on the host; any when left out."),
      rm: { type: "boolean", description: "Started with --rm (removed when it stops), or not." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) =>
    [
      `a docker run${which(spec)}`,
      ...(spec.mounts ?? []).map((m) => `mounts ${m.source}${m.destination ? ` at ${m.destination}` : ""}${m["read-only"] === true ? " read-only" : m["read-only"] === false ? " read-write" : ""}`),
      ...(spec.ports ?? []).map((p) => `publishes ${p.host === undefined ? `port ${p.container}` : `${p.host}:${p.container}`}`),
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
    const data = { which: whichPhrase(spec), seen: (runs.length ? runs : all).map(describeRun).join(" | ") || { id: "nothingSeen" } };
    if (runs.length === 0) {
      const similar = spec.name ? similarName(spec.name, all.map((run) => run.name).filter((name): name is string => Boolean(name))) : undefined;
      const actual: Phrase = similar ? { id: "run.noneSimilar", data: { similar } } : { id: "run.none" };
      return { passed: false, messageId: "none", data, expected: [{ id: "run.expected", data: { which: data.which } }], actual: [actual] };
    }
    if (runs.some((run) => items(run, spec).every((item) => item.passed))) return { passed: true };
    // Report against the last such command: usually the one that counts.
    return outcomeOfItems(items(runs[runs.length - 1], spec), "mismatch", data);
  },
};
