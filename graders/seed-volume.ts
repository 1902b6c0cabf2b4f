/**
 * Creates a named volume and fills it with files before the student's
 * scripts run: nested folders, odd names, empty files, megabytes of random
 * bytes. Content may use ${random.NAME}, so each run's data is new.
 */
import type { Grader } from "./types";
import { parseSize } from "../common/units";
import { runProbe } from "./support/probe";
import { resolveVolume, volumeTargetMessages, volumeTargetMessagesFr } from "./support/volume-target";

export interface SeedFile {
  path: string;
  content?: string;
  /** Random bytes of this size instead of a content. */
  size?: string | number;
}

export interface SeedVolumeSpec {
  volume: string;
  files: SeedFile[];
}

// Arguments come in threes: kind, path, value. A path ending in / is a folder.
const FILL = `
while [ $# -gt 0 ]; do
  kind=$1; path=/target/$2; value=$3; shift 3
  case $path in */) mkdir -p "$path"; continue ;; esac
  mkdir -p "$(dirname "$path")"
  if [ "$kind" = size ]; then head -c "$value" /dev/urandom > "$path"; else printf '%s' "$value" > "$path"; fi
done`;

const messages = {
  failed: "Could not fill volume {volume}.",
  ...volumeTargetMessages,
};

const messagesFr = {
  failed: "Impossible de remplir le volume {volume}.",
  ...volumeTargetMessagesFr,
} satisfies Record<keyof typeof messages, string>;

export const seedVolume: Grader<SeedVolumeSpec> = {
  meta: {
    type: "seed-volume",
    kinds: ["action"],
    description: "Creates a named volume and writes files into it (text, or random bytes of a given size); a path ending in / is an empty folder.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["volume", "files"],
    description: "A volume and the files to put in it.",
    properties: {
      volume: { type: "string", minLength: 1, description: "The volume, created when missing." },
      files: {
        type: "array",
        minItems: 1,
        description: "Files and folders to create, relative to the volume's root.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["path"],
          properties: {
            path: { type: "string", minLength: 1, pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$))", description: "Relative path; spaces and accents are fine; end with / for an empty folder." },
            content: { type: "string", description: "Text to write (may be empty); may use ${random.NAME}." },
            size: { $ref: "#/$defs/size", description: "Write this many random bytes instead of a text." },
          },
        },
      },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `volume ${spec.volume} is filled with ${spec.files.length} prepared files`,
  async evaluate(ctx, spec) {
    const resolved = await resolveVolume(ctx, spec.volume);
    if (resolved.outcome) return resolved.outcome;
    const created = await ctx.docker.cli(["volume", "create", resolved.name]);
    const args = spec.files.flatMap((file) =>
      file.size !== undefined ? ["size", file.path, String(parseSize(file.size) ?? 0)] : ["text", file.path, file.content ?? ""],
    );
    const filled = created.exitCode === 0 ? await runProbe(ctx, [{ source: resolved.name, target: "/target", writable: true }], FILL, args) : created;
    return filled.exitCode === 0 ? { passed: true } : { passed: false, messageId: "failed", data: { volume: spec.volume } };
  },
};
