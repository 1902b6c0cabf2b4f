/**
 * A tar archive the student's scripts made in the submission folder: how many
 * match a pattern, its name, whether its entries are relative to the volume's
 * root, and whether it holds every file of a volume byte for byte. Read by a
 * probe container that mounts the folder and the volume read-only.
 */
import type { Grader, Phrase } from "./types";
import { matcherRef, describeMatcher, type Matcher } from "./matchers/match";
import { expectationItems, firstFewPhrases, outcomeOfItems, type ItemResult } from "./support/items";
import { missingVolume, runProbe } from "./support/probe";
import { resolveVolume, volumeTargetMessages, volumeTargetMessagesFr } from "./support/volume-target";

export interface ArchiveSpec {
  /** A shell glob relative to the submission folder: backups/mon-volume_*.tar.gz */
  file: string;
  count?: Matcher;
  name?: Matcher;
  /** The archive's entries are relative to this volume's root (tar -C /data .). */
  "relative-to"?: string;
  /** Every file of this volume is in the archive with the same content. */
  "holds-volume"?: string;
}

const SUBMISSION = "/submission";

// Prints the matching files, then for the first one: its top-level entries,
// and the volume's files missing from it or different in it.
const INSPECT = `
cd ${SUBMISSION} || exit 3
set -- $1
for f in "$@"; do [ -f "$f" ] && echo "file:$f"; done
first=
for f in "$@"; do [ -f "$f" ] && { first=$f; break; }; done
[ -n "$first" ] || exit 0
tar tzf "$first" >/tmp/entries 2>/tmp/err || { echo "unreadable:$(tail -n 1 /tmp/err)"; exit 0; }
sed -e 's#^\\./##' -e 's#/.*##' /tmp/entries | grep -v '^$' | sort -u | sed 's/^/top:/'
grep -q '^/' /tmp/entries && echo "absolute:yes"
[ -d /volume ] || exit 0
mkdir /tmp/x && tar xzf "$first" -C /tmp/x 2>/dev/null
cd /volume && ls -A | sed 's/^/volumetop:/'
root=/tmp/x
# An archive made with absolute paths holds the files under one folder: look there.
if [ "$(ls -A /tmp/x | wc -l)" = 1 ] && [ -d "/tmp/x/$(ls -A /tmp/x)" ] && [ ! -e "/volume/$(ls -A /tmp/x)" ]; then root="/tmp/x/$(ls -A /tmp/x)"; fi
find . -type f | while IFS= read -r f; do cmp -s "$f" "$root/$f" || echo "differs:\${f#./}"; done`;

interface Inspection {
  files: string[];
  top: string[];
  volumeTop: string[];
  differs: string[];
  unreadable?: string;
}

function parse(output: string): Inspection {
  const lines = output.split("\n").filter(Boolean);
  const pick = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  return { files: pick("file:"), top: pick("top:"), volumeTop: pick("volumetop:"), differs: pick("differs:").sort(), unreadable: pick("unreadable:")[0] };
}

const messages = {
  noArchive: "Expected an archive matching {file} in your submission folder, but none was found. Check where your backup script writes it.",
  unreadable: "{first} is not a readable .tar.gz archive. Create it with `tar czf`.",
  mismatch: "The archive {first} is not as expected for {failed}. Check where and under which name your script writes it, list its entries with `tar tzf {first}` and compare them with the volume's files.",
  error: "The archive could not be inspected: {reason}.",
  "archive.noVolume": "there is no volume named {volume}",
  "archive.probeFailed": "the inspection did not complete",
  "archive.matching": "a file matching {file}",
  "archive.none": "no file matching {file}",
  "archive.readable": "a .tar.gz archive",
  "archive.unreadable": "{first} is not a .tar.gz archive that tar can read",
  "key.count": "the number of archives",
  "expect.count": "{value} file(s) matching the pattern",
  "key.name": "its name",
  "expect.name": "a name {value}",
  "key.entries": "its entries",
  "archive.relative": "entries relative to the volume's root: {entries}",
  "archive.emptyVolume": "entries relative to the volume's root (the volume is empty)",
  "archive.top": "top-level entries: {entries}",
  "archive.noEntries": "no entries",
  "key.content": "its content",
  "archive.holds": "every file of {volume}, byte for byte",
  "archive.missingOrDifferent": "missing or different: {files}",
  ...volumeTargetMessages,
};

const messagesFr = {
  noArchive: "Une archive correspondant à {file} était attendue dans votre dossier de rendu, mais aucune n'a été trouvée. Vérifiez où votre script de sauvegarde l'écrit.",
  unreadable: "{first} n'est pas une archive .tar.gz lisible. Créez-la avec `tar czf`.",
  mismatch: "L'archive {first} n'est pas conforme pour {failed}. Vérifiez où et sous quel nom votre script l'écrit, listez son contenu avec `tar tzf {first}` et comparez-le aux fichiers du volume.",
  error: "Impossible d'inspecter l'archive : {reason}.",
  "archive.noVolume": "il n'y a pas de volume nommé {volume}",
  "archive.probeFailed": "l'inspection n'a pas abouti",
  "archive.matching": "un fichier correspondant à {file}",
  "archive.none": "aucun fichier correspondant à {file}",
  "archive.readable": "une archive .tar.gz",
  "archive.unreadable": "{first} n'est pas une archive .tar.gz que tar sait lire",
  "key.count": "le nombre d'archives",
  "expect.count": "{value} fichier(s) correspondant au motif",
  "key.name": "son nom",
  "expect.name": "un nom {value}",
  "key.entries": "son contenu",
  "archive.relative": "des entrées relatives à la racine du volume : {entries}",
  "archive.emptyVolume": "des entrées relatives à la racine du volume (le volume est vide)",
  "archive.top": "entrées de premier niveau : {entries}",
  "archive.noEntries": "aucune entrée",
  "key.content": "ses fichiers",
  "archive.holds": "chaque fichier de {volume}, octet pour octet",
  "archive.missingOrDifferent": "manquants ou différents : {files}",
  ...volumeTargetMessagesFr,
} satisfies Record<keyof typeof messages, string>;

export const archive: Grader<ArchiveSpec> = {
  meta: {
    type: "archive",
    kinds: ["check"],
    description:
      "A .tar.gz archive in the submission folder: how many files match, the name, entries relative to a volume's root, every file of a volume inside byte for byte.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["file"],
    minProperties: 2,
    description: "An archive made by the student's scripts, and what must hold of it.",
    properties: {
      file: { type: "string", minLength: 1, description: "A shell pattern relative to the submission folder, e.g. backups/mon-volume_*.tar.gz; the other keys read the first match." },
      count: matcherRef("How many files match the pattern, e.g. 1."),
      name: matcherRef("The file name of the first match, e.g. { matches: '^mon-volume_\\d{8}_\\d{6}\\.tar\\.gz$' }."),
      "relative-to": { type: "string", minLength: 1, description: "A volume: the archive's top-level entries are that volume's top-level files and folders (made with tar -C /data .), so that tar xzf -C restores its layout." },
      "holds-volume": { type: "string", minLength: 1, description: "A volume: every file in it is in the archive with the same bytes (an archive made with absolute paths is looked into under its one folder)." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) =>
    [
      spec.count !== undefined ? `the number of files matching ${spec.file} ${describeMatcher(spec.count)}` : `an archive matches ${spec.file}`,
      spec.name !== undefined ? `its name ${describeMatcher(spec.name)}` : "",
      spec["relative-to"] ? `its entries are relative to the root of volume ${spec["relative-to"]}` : "",
      spec["holds-volume"] ? `it holds every file of volume ${spec["holds-volume"]} byte for byte` : "",
    ]
      .filter(Boolean)
      .join(", "),
  async evaluate(ctx, spec) {
    const volume = spec["holds-volume"] ?? spec["relative-to"];
    const resolved = volume === undefined ? undefined : await resolveVolume(ctx, volume);
    if (resolved?.outcome) return resolved.outcome;
    if (volume && resolved && (await missingVolume(ctx, resolved.name))) return { passed: false, messageId: "error", data: { reason: { id: "archive.noVolume", data: { volume } } } };
    const mounts = [{ source: ctx.submissionDir, target: SUBMISSION }, ...(resolved ? [{ source: resolved.name, target: "/volume" }] : [])];
    const result = await runProbe(ctx, mounts, INSPECT, [spec.file], 120_000);
    if (result.exitCode !== 0) return { passed: false, messageId: "error", data: { reason: { id: "archive.probeFailed" } } };
    const found = parse(result.stdout);
    const items: ItemResult[] = [];
    if (spec.count !== undefined) items.push(...expectationItems({ count: spec.count }, { count: found.files.length }));
    const first = found.files[0];
    const needsArchive = spec.name !== undefined || spec["relative-to"] || spec["holds-volume"];
    if (needsArchive && !first) {
      return { passed: false, ratio: 0, messageId: "noArchive", data: { file: spec.file }, expected: [{ id: "archive.matching", data: { file: spec.file } }], actual: [{ id: "archive.none", data: { file: spec.file } }] };
    }
    if (needsArchive && found.unreadable !== undefined) {
      return { passed: false, ratio: 0, messageId: "unreadable", data: { first }, expected: [{ id: "archive.readable" }], actual: [{ id: "archive.unreadable", data: { first } }] };
    }
    if (spec.name !== undefined) items.push(...expectationItems({ name: spec.name }, { name: first.split("/").pop() }));
    const names = (list: string[]): Phrase[] => firstFewPhrases(list.map((name) => ({ id: "name", data: { name } })));
    if (spec["relative-to"]) {
      const same = found.top.length > 0 && found.top.every((entry) => found.volumeTop.includes(entry));
      items.push({
        label: { id: "key.entries" },
        passed: same,
        expected: found.volumeTop.length ? { id: "archive.relative", data: { entries: names(found.volumeTop) } } : { id: "archive.emptyVolume" },
        actual: found.top.length ? { id: "archive.top", data: { entries: names(found.top) } } : { id: "archive.noEntries" },
      });
    }
    if (spec["holds-volume"]) {
      items.push({
        label: { id: "key.content" },
        passed: found.differs.length === 0,
        expected: { id: "archive.holds", data: { volume: spec["holds-volume"] } },
        actual: { id: "archive.missingOrDifferent", data: { files: names(found.differs) } },
      });
    }
    return outcomeOfItems(items, "mismatch", { first: first ?? spec.file, file: spec.file });
  },
};
