/** Two volumes hold the same files, byte for byte: a restore gave back what was saved. */
import type { Grader, Outcome, Phrase } from "./types";
import { firstFewPhrases } from "./support/items";
import { readVolumes } from "./support/probe";
import { resolveVolumes, volumeTargetMessages, volumeTargetMessagesFr } from "./support/volume-target";

export interface VolumeContentSpec {
  volume: string;
  "same-as": string;
}

// Lists files missing on one side, and files whose bytes differ: $1 the reference's folder, $2 the checked one's.
// A folder that is gone (its engine's files wiped) holds nothing, as a container mounting the volume would find it.
const COMPARE = `
expected=$1; actual=$2
files() { [ -d "$1" ] && (cd "$1" && find . -type f); }
files "$expected" | while IFS= read -r f; do
  if [ ! -f "$actual/$f" ]; then echo "missing:\${f#./}"; elif ! cmp -s "$expected/$f" "$actual/$f"; then echo "differs:\${f#./}"; fi
done
files "$actual" | while IFS= read -r f; do [ -f "$expected/$f" ] || echo "extra:\${f#./}"; done`;

const messages = {
  missing: "Expected a volume named {volume}, but there is none. Check that your script creates it (docker run -v {volume}:/data ... creates it).",
  differs: "Volume {volume} does not hold the same files as {same} ({count} problem(s)). Check that the archive is extracted at the volume's root (tar xzf ... -C /data).",
  error: "The volumes could not be compared: {reason}.",
  "vc.noReference": "there is no volume named {volume} to compare with",
  "vc.probeFailed": "the comparison did not complete",
  "vc.volume": "volume {volume}",
  "vc.noVolume": "no volume named {volume}",
  "vc.same": "the files of {same}, byte for byte",
  "vc.missing": "{file} is missing",
  "vc.differs": "{file} differs",
  "vc.extra": "{file} is extra",
  ...volumeTargetMessages,
};

const messagesFr = {
  missing: "Un volume nommé {volume} était attendu, mais il n'y en a aucun. Vérifiez que votre script le crée (docker run -v {volume}:/data ... le crée).",
  differs: "Le volume {volume} ne contient pas les mêmes fichiers que {same} ({count} problème(s)). Vérifiez que l'archive est extraite à la racine du volume (tar xzf ... -C /data).",
  error: "Impossible de comparer les volumes : {reason}.",
  "vc.noReference": "il n'y a pas de volume nommé {volume} avec lequel comparer",
  "vc.probeFailed": "la comparaison n'a pas abouti",
  "vc.volume": "le volume {volume}",
  "vc.noVolume": "aucun volume nommé {volume}",
  "vc.same": "les fichiers de {same}, octet pour octet",
  "vc.missing": "{file} manque",
  "vc.differs": "{file} diffère",
  "vc.extra": "{file} est en trop",
  ...volumeTargetMessagesFr,
} satisfies Record<keyof typeof messages, string>;

export const volumeContent: Grader<VolumeContentSpec> = {
  meta: {
    type: "volume-content",
    kinds: ["check"],
    readsOnly: true,
    description: "A volume holds exactly the files of another, byte for byte (e.g. a restored volume and the original).",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["volume", "same-as"],
    description: "Two volumes to compare.",
    properties: {
      volume: { type: "string", minLength: 1, description: "The volume checked, e.g. the restored one." },
      "same-as": { type: "string", minLength: 1, description: "The volume it must equal, e.g. the original." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `volume ${spec.volume} holds the same files as ${spec["same-as"]}, byte for byte`,
  async evaluate(ctx, spec): Promise<Outcome> {
    const resolved = await resolveVolumes(ctx, [spec.volume, spec["same-as"]]);
    if (resolved.outcome) return resolved.outcome;
    const [checked, reference] = [resolved.names.get(spec.volume)!, resolved.names.get(spec["same-as"])!];
    const [checkedVolume, referenceVolume] = [await ctx.docker.volume(checked), await ctx.docker.volume(reference)];
    if (!checkedVolume) {
      return { passed: false, messageId: "missing", data: { volume: spec.volume }, expected: [{ id: "vc.volume", data: { volume: spec.volume } }], actual: [{ id: "vc.noVolume", data: { volume: spec.volume } }] };
    }
    // Without its reference volume a probe would compare with an empty one it creates: not the student's fault.
    if (!referenceVolume) return { passed: false, messageId: "error", data: { reason: { id: "vc.noReference", data: { volume: spec["same-as"] } } } };
    const result = await readVolumes(ctx, [referenceVolume, checkedVolume], COMPARE, 120_000);
    if (result.exitCode !== 0) return { passed: false, messageId: "error", data: { reason: { id: "vc.probeFailed" } } };
    // Sorted, so that the few named are the same whatever the file system lists first.
    const problems = result.stdout.split("\n").filter(Boolean).sort((a, b) => a.slice(a.indexOf(":")).localeCompare(b.slice(b.indexOf(":"))));
    if (problems.length === 0) return { passed: true };
    const phrases = problems.map((p): Phrase => ({ id: `vc.${p.slice(0, p.indexOf(":"))}`, data: { file: p.slice(p.indexOf(":") + 1) } }));
    return {
      passed: false,
      messageId: "differs",
      data: { volume: spec.volume, same: spec["same-as"], count: problems.length },
      expected: [{ id: "vc.same", data: { same: spec["same-as"] } }],
      actual: firstFewPhrases(phrases),
    };
  },
};
