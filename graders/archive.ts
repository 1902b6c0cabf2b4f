/**
 * A tar archive the student's scripts made in the submission folder: how many
 * match a pattern, its name, whether its entries are relative to the volume's
 * root, and whether it holds every file of a volume byte for byte. Read by a
 * probe container that mounts the folder and the volume read-only.
 */
import type { Grader } from "./types";
import { match, matcherRef, describeMatcher, type Matcher } from "./matchers";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { missingVolume, runProbe } from "./support/probe";
import { firstFew, tail } from "./support/shell";

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
  noArchive: "Expected an archive matching {file} in your submission folder, but none was found ({detail}). Check where your backup script writes it.",
  unreadable: "{first} is not a readable .tar.gz archive ({detail}). Create it with `tar czf`.",
  mismatch: "The archive {first} is not as expected for {failed}. Check where and under which name your script writes it, list its entries with `tar tzf {first}` and compare them with the volume's files.",
  error: "The archive could not be inspected: {detail}.",
};

const messagesFr = {
  noArchive: "Une archive correspondant à {file} était attendue dans votre dossier de rendu, mais aucune n'a été trouvée ({detail}). Vérifiez où votre script de sauvegarde l'écrit.",
  unreadable: "{first} n'est pas une archive .tar.gz lisible ({detail}). Créez-la avec `tar czf`.",
  mismatch: "L'archive {first} n'est pas conforme pour {failed}. Vérifiez où et sous quel nom votre script l'écrit, listez son contenu avec `tar tzf {first}` et comparez-le aux fichiers du volume.",
  error: "Impossible d'inspecter l'archive : {detail}.",
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
    if (volume) {
      const missing = await missingVolume(ctx, volume);
      if (missing) return { passed: false, messageId: "error", data: { detail: missing.stderr } };
    }
    const mounts = [{ source: ctx.submissionDir, target: SUBMISSION }, ...(volume ? [{ source: volume, target: "/volume" }] : [])];
    const result = await runProbe(ctx, mounts, INSPECT, [spec.file], 120_000);
    if (result.exitCode !== 0) return { passed: false, messageId: "error", data: { detail: tail(result.stderr) || `exit ${result.exitCode}` } };
    const found = parse(result.stdout);
    const items: ItemResult[] = [];
    if (spec.count !== undefined) items.push({ label: "count", ...match(spec.count, found.files.length) });
    const first = found.files[0];
    const needsArchive = spec.name !== undefined || spec["relative-to"] || spec["holds-volume"];
    if (needsArchive && !first) {
      return { passed: false, ratio: 0, messageId: "noArchive", data: { file: spec.file, detail: "no such file" }, expected: `a file matching ${spec.file}`, actual: "none" };
    }
    if (needsArchive && found.unreadable !== undefined) {
      return { passed: false, ratio: 0, messageId: "unreadable", data: { first, detail: found.unreadable }, expected: "a .tar.gz archive", actual: found.unreadable };
    }
    if (spec.name !== undefined) items.push({ label: "name", ...match(spec.name, first.split("/").pop()) });
    if (spec["relative-to"]) {
      const same = found.top.length > 0 && found.top.every((entry) => found.volumeTop.includes(entry));
      items.push({
        label: "entries",
        passed: same,
        expected: `relative to the volume's root: ${found.volumeTop.join(", ") || "(empty volume)"}`,
        actual: `top-level entries ${found.top.join(", ") || "none"}`,
      });
    }
    if (spec["holds-volume"]) {
      items.push({
        label: "content",
        passed: found.differs.length === 0,
        expected: `every file of ${spec["holds-volume"]}, byte for byte`,
        actual: found.differs.length ? `missing or different: ${firstFew(found.differs)}` : "all there",
      });
    }
    return outcomeOfItems(items, "mismatch", { first: first ?? spec.file, file: spec.file });
  },
};
