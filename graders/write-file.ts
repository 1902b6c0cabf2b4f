/**
 * Writes a file into the submission folder or into a named volume, e.g. to
 * change a bind-mounted page and see it served without a restart. Content may
 * carry per-run random values, so that only a live mount can show it.
 */
import type { Grader } from "./types";

export interface WriteFileSpec {
  path: string;
  content: string;
  volume?: string;
}

const messages = {
  failed: "Could not write {path}.",
};

const messagesFr = {
  failed: "Impossible d'écrire {path}.",
} satisfies Record<keyof typeof messages, string>;

export const writeFile: Grader<WriteFileSpec> = {
  meta: {
    type: "write-file",
    kinds: ["action"],
    description: "Writes a file (creating its folders) into the submission folder, or into a named volume.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["path", "content"],
    description: "A file to write.",
    properties: {
      path: { type: "string", minLength: 1, pattern: "^(?!/)(?!.*(^|/)\\.\\.(/|$))", description: "Its path, relative to the submission folder or to the volume's root." },
      content: { type: "string", description: "What to write; may use ${random.NAME}." },
      volume: { type: "string", minLength: 1, description: "Write into this named volume instead of the submission folder (created when missing)." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.path} is written${spec.volume ? ` in volume ${spec.volume}` : " in the submission folder"}`,
  async evaluate(ctx, spec) {
    const script = `mkdir -p "$(dirname "$1/$2")" && cat > "$1/$2"`;
    const result = spec.volume
      ? await ctx.docker.probe({ image: ctx.probeImage, network: "none", mounts: [{ source: spec.volume, target: "/target", writable: true }], argv: ["sh", "-c", script, "write", "/target", spec.path], stdin: spec.content })
      : await ctx.shell.exec(["sh", "-c", script, "write", ctx.submissionDir, spec.path], { stdin: spec.content });
    return result.exitCode === 0 ? { passed: true } : { passed: false, messageId: "failed", data: { path: spec.path } };
  },
};

