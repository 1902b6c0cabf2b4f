/**
 * A file in a named volume (read by a short-lived probe container that mounts
 * it read-only), in a container, or in the submission folder.
 */
import * as path from "node:path";
import type { VolumeInspectInfo } from "dockerode";
import type { Grader, CommandResult, GraderContext, Outcome, Phrase } from "./types";
import { describeMatcher, match, matcherPhrase, matcherRef, type Matcher } from "./matchers/match";
import { firstFewPhrases, outcomeOfItems } from "./support/items";
import { similarName } from "./support/near";
import { runProbe, volumeFolder } from "./support/probe";
import { notRunning, runningMessages, runningMessagesFr } from "./support/running";
import { containerRefSchema } from "./support/schemas";
import { describeTarget, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";
import { resolveVolume, volumeTargetMessages, volumeTargetMessagesFr } from "./support/volume-target";

export interface FileSpec {
  volume?: string;
  container?: ContainerRef;
  path: string;
  exists?: boolean;
  content?: Matcher;
}

const MAX_BYTES = 1024 * 1024;

// Prints the file (exit 0). When it is not there (exit 3), what its folder
// holds (entry:) or that the folder is missing (nodir), and files of the same
// name near it (near:), so that the message can name the near miss. Exit 4:
// a folder where a file was expected. A volume's folder that is gone (its
// engine's files wiped) is empty, as a container mounting it would find it.
const LOOK = `
max=$1; root=$2; rel=$3; around=$4
[ -z "$root" ] || [ -d "$root" ] || exit 3
f="$root/$rel"
if [ -f "$f" ]; then head -c "$max" "$f"; exit 0; fi
[ -d "$f" ] && exit 4
dir=$(dirname "$rel")
if [ -d "$root/$dir" ]; then ls -Ap "$root/$dir" 2>/dev/null | head -n 200 | sed 's/^/entry:/'; else echo nodir; fi
find "$around" -maxdepth 4 -name "$(basename "$rel")" -type f 2>/dev/null | head -n 3 | sed 's/^/near:/'
exit 3`;

/** Where, in English, for checklists. */
function where(spec: FileSpec): string {
  if (spec.volume) return `volume ${spec.volume}`;
  if (spec.container) return typeof spec.container === "string" ? `container ${spec.container}` : describeTarget(spec.container);
  return "your submission folder";
}

/** Where the file is looked for: a volume, a container, or the submission folder. */
interface Place {
  where: Phrase;
  /** The folder the path is relative to, where the look runs. */
  root: string;
  /** A volume that only a probe mounting it can show (root is then the probe's mount point). */
  probeVolume?: string;
  /** How the student names a path there: relative to a volume or the submission folder, absolute in a container. */
  shown: (full: string) => string;
}

const PROBE_ROOT = "/probe";

function placeOf(ctx: GraderContext, spec: FileSpec, container: string | undefined, volume: VolumeInspectInfo | undefined): Place {
  const below = (root: string) => (full: string) => full.slice(root.length).replace(/^\/+/, "");
  if (spec.volume && volume) {
    const where: Phrase = { id: "where.volume", data: { volume: spec.volume } };
    const folder = volumeFolder(volume);
    return folder ? { where, root: folder, shown: below(folder) } : { where, root: PROBE_ROOT, probeVolume: volume.Name, shown: below(PROBE_ROOT) };
  }
  if (container !== undefined) return { where: { id: "where.container", data: { container } }, root: "", shown: (full) => full };
  return { where: { id: "where.submission" }, root: ctx.submissionDir, shown: below(ctx.submissionDir) };
}

async function look(ctx: GraderContext, spec: FileSpec, place: Place, container: string | undefined): Promise<CommandResult> {
  const relative = spec.path.replace(/^\/+/, "");
  // In a container, the search for a same-named file stays near the path (never the whole file system).
  const around = spec.container ? path.posix.dirname(path.posix.dirname(path.posix.join("/", relative))) : place.root;
  const args = [String(MAX_BYTES), place.root, relative, around];
  if (place.probeVolume) return runProbe(ctx, [{ source: place.probeVolume, target: PROBE_ROOT }], LOOK, args);
  if (container !== undefined) return ctx.docker.exec(container, ["sh", "-c", LOOK, "look", ...args]);
  return ctx.shell.exec(["sh", "-c", LOOK, "look", ...args]);
}

/** Why the file is not there, in words: the neighbouring file of that name, or what its folder holds. */
function notThere(spec: FileSpec, place: Place, output: string): Phrase {
  const lines = output.split("\n").filter(Boolean);
  const pick = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  const data = { path: spec.path, where: place.where, ...(spec.volume ? { volume: spec.volume } : {}) };
  const near = pick("near:")[0];
  if (near) return { id: "file.elsewhere", data: { ...data, near: place.shown(near) } };
  const folder = path.posix.dirname(spec.path.replace(/^\/+/, ""));
  const shownFolder = spec.container ? path.posix.dirname(spec.path) : folder;
  if (lines.includes("nodir")) return { id: "file.noFolder", data: { ...data, folder: shownFolder } };
  const found = pick("entry:");
  const entries = firstFewPhrases(found.map((name) => ({ id: "name", data: { name } })), 8);
  const inRoot = folder === "." && !spec.container;
  const where = spec.volume && inRoot ? "Volume" : "Folder";
  return found.length
    ? { id: `file.notIn${where}`, data: { ...data, folder: shownFolder, entries } }
    : { id: `file.notInEmpty${where}`, data: { ...data, folder: shownFolder } };
}

const messages = {
  ...targetMessages,
  ...volumeTargetMessages,
  missing: "Expected {path} in {where}, but it is not there. Check where your script writes it.",
  noVolume: "Expected {path} in volume {volume}, but there is no volume named {volume}. Create it with `docker volume create {volume}`, or `-v {volume}:/path` in docker run.",
  present: "Expected {path} not to exist in {where}, but it does.",
  content: "{path} in {where} does not have the expected content. Look at it with `cat`.",
  ...runningMessages,
  "where.volume": "volume {volume}",
  "where.container": "container {container}",
  "where.submission": "your submission folder",
  "file.exists": "{path} in {where}",
  "file.absent": "no {path} in {where}",
  "file.present": "{path} is in {where}",
  "file.noVolume": "there is no volume named {volume}",
  "file.noVolumeSimilar": "there is no volume named {volume}, but {similar} exists",
  "file.isFolder": "{path} is a folder, not a file",
  "file.elsewhere": "{path} is not in {where}, but {near} is",
  "file.noFolder": "{path} is not in {where}: there is no folder {folder}",
  "file.notInVolume": "{path} is not in volume {volume} (the volume holds: {entries})",
  "file.notInEmptyVolume": "{path} is not in volume {volume}: the volume is empty",
  "file.notInFolder": "{path} is not in {where} (its folder {folder} holds: {entries})",
  "file.notInEmptyFolder": "{path} is not in {where}: its folder {folder} is empty",
  "file.content.label": "its content",
  "file.content": "{path} {matcher}",
  "file.contentIs": "{path} holds {value}",
};

const messagesFr = {
  ...targetMessagesFr,
  ...volumeTargetMessagesFr,
  missing: "{path} était attendu dans {where}, mais il n'y est pas. Vérifiez où votre script l'écrit.",
  noVolume: "{path} était attendu dans le volume {volume}, mais il n'y a pas de volume nommé {volume}. Créez-le avec `docker volume create {volume}`, ou `-v {volume}:/chemin` dans docker run.",
  present: "{path} ne devait pas exister dans {where}, mais il existe.",
  content: "{path} dans {where} n'a pas le contenu attendu. Affichez-le avec `cat`.",
  ...runningMessagesFr,
  "where.volume": "le volume {volume}",
  "where.container": "le conteneur {container}",
  "where.submission": "votre dossier de rendu",
  "file.exists": "{path} dans {where}",
  "file.absent": "pas de {path} dans {where}",
  "file.present": "{path} est dans {where}",
  "file.noVolume": "il n'y a pas de volume nommé {volume}",
  "file.noVolumeSimilar": "il n'y a pas de volume nommé {volume}, mais {similar} existe",
  "file.isFolder": "{path} est un dossier, pas un fichier",
  "file.elsewhere": "{path} n'est pas dans {where}, mais {near} s'y trouve",
  "file.noFolder": "{path} n'est pas dans {where} : il n'y a pas de dossier {folder}",
  "file.notInVolume": "{path} n'est pas dans le volume {volume} (le volume contient : {entries})",
  "file.notInEmptyVolume": "{path} n'est pas dans le volume {volume} : le volume est vide",
  "file.notInFolder": "{path} n'est pas dans {where} (son dossier {folder} contient : {entries})",
  "file.notInEmptyFolder": "{path} n'est pas dans {where} : son dossier {folder} est vide",
  "file.content.label": "son contenu",
  "file.content": "{path} {matcher}",
  "file.contentIs": "{path} contient {value}",
} satisfies Record<keyof typeof messages, string>;

export const file: Grader<FileSpec> = {
  meta: {
    type: "file",
    kinds: ["check"],
    readsOnly: true,
    description: "A file in a named volume, in a container, or in the submission folder: whether it exists, and its content.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["path"],
    description: "A file and what must hold of it. Without volume or container, the path is in the submission folder.",
    properties: {
      volume: { type: "string", minLength: 1, description: "Read the file from this named volume (path relative to its root)." },
      container: containerRefSchema("Read the file inside this container (absolute path)."),
      path: { type: "string", minLength: 1, description: "The file's path." },
      exists: { type: "boolean", description: "Whether the file must exist (default true)." },
      content: matcherRef("What the file's content must match."),
    },
    not: { required: ["volume", "container"] },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.path} ${spec.exists === false ? "does not exist" : "exists"} in ${where(spec)}${spec.content !== undefined ? `, its content ${describeMatcher(spec.content)}` : ""}`,
  async evaluate(ctx, spec): Promise<Outcome> {
    const volume = spec.volume === undefined ? undefined : await resolveVolume(ctx, spec.volume);
    if (volume?.outcome) return volume.outcome;
    const inspected = volume && (await ctx.docker.volume(volume.name));
    if (spec.volume && volume && !inspected) {
      const similar = similarName(spec.volume, await ctx.docker.volumeNames());
      const actual: Phrase = similar ? { id: "file.noVolumeSimilar", data: { volume: spec.volume, similar } } : { id: "file.noVolume", data: { volume: spec.volume } };
      if (spec.exists === false) return { passed: true };
      // A probe would create the volume: say it is missing instead.
      return { passed: false, messageId: "noVolume", data: { path: spec.path, volume: spec.volume }, expected: [{ id: "file.exists", data: { path: spec.path, where: { id: "where.volume", data: { volume: spec.volume } } } }], actual: [actual] };
    }
    const target = spec.container === undefined ? undefined : await resolveContainer(ctx, spec.container);
    if (target?.outcome) return target.outcome;
    // A file that must not exist is not there in a stopped container either, as before any message.
    if (target && spec.exists !== false) {
      const stopped = await notRunning(ctx, target.name);
      if (stopped) return stopped;
    }
    const place = placeOf(ctx, spec, target?.name, inspected || undefined);
    const read = await look(ctx, spec, place, target?.name);
    const data = { path: spec.path, where: place.where, ...(spec.volume ? { volume: spec.volume } : {}) };
    const exists = read.exitCode === 0;
    if (spec.exists === false) {
      return exists
        ? { passed: false, messageId: "present", data, expected: [{ id: "file.absent", data }], actual: [{ id: "file.present", data }] }
        : { passed: true };
    }
    if (!exists) {
      const actual = read.exitCode === 4 ? { id: "file.isFolder", data } : notThere(spec, place, read.stdout);
      return { passed: false, messageId: "missing", data, expected: [{ id: "file.exists", data }], actual: [actual] };
    }
    if (spec.content === undefined) return { passed: true };
    const result = match(spec.content, read.stdout);
    return outcomeOfItems(
      [{ label: { id: "file.content.label" }, passed: result.passed, expected: { id: "file.content", data: { path: spec.path, matcher: matcherPhrase(spec.content) } }, actual: { id: "file.contentIs", data: { path: spec.path, value: result.actual } } }],
      "content",
      data,
    );
  },
};
