/**
 * A file in a named volume (read by a short-lived probe container that mounts
 * it read-only), in a container, or in the submission folder.
 */
import type { Grader, CommandResult, GraderContext } from "./types";
import { describeMatcher, match, matcherRef, type Matcher } from "./matchers";
import { outcomeOfItems, type ItemResult } from "./support/items";
import { missingVolume, runProbe } from "./support/probe";
import { containerRefSchema } from "./support/schemas";
import { describeTarget, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";

export interface FileSpec {
  volume?: string;
  container?: ContainerRef;
  path: string;
  exists?: boolean;
  content?: Matcher;
}

const MAX_BYTES = 1024 * 1024;

/** Where the file is read, the container given by its resolved name once there is one. */
function where(spec: FileSpec, container?: string): string {
  if (spec.volume) return `volume ${spec.volume}`;
  if (container !== undefined) return `container ${container}`;
  if (spec.container) return typeof spec.container === "string" ? `container ${spec.container}` : describeTarget(spec.container);
  return "your submission folder";
}

async function readFile(ctx: GraderContext, spec: FileSpec, container: string | undefined): Promise<CommandResult> {
  const relative = spec.path.replace(/^\/+/, "");
  if (spec.volume) {
    return (await missingVolume(ctx, spec.volume)) ?? runProbe(ctx, [{ source: spec.volume, target: "/probe" }], `head -c "$1" "/probe/$2"`, [String(MAX_BYTES), relative]);
  }
  if (container !== undefined) return ctx.docker.cli(["exec", container, "head", "-c", String(MAX_BYTES), spec.path]);
  return ctx.shell.exec(["head", "-c", String(MAX_BYTES), `${ctx.submissionDir}/${relative}`]);
}

const messages = {
  ...targetMessages,
  missing: "Expected {path} in {where}, but it is not there ({detail}). Check where your script writes it.",
  present: "Expected {path} not to exist in {where}, but it does.",
  content: "{path} in {where} does not have the expected content. Look at it with `cat`.",
};

const messagesFr = {
  ...targetMessagesFr,
  missing: "{path} était attendu dans {where}, mais il n'y est pas ({detail}). Vérifiez où votre script l'écrit.",
  present: "{path} ne devait pas exister dans {where}, mais il existe.",
  content: "{path} dans {where} n'a pas le contenu attendu. Affichez-le avec `cat`.",
} satisfies Record<keyof typeof messages, string>;

export const file: Grader<FileSpec> = {
  meta: {
    type: "file",
    kinds: ["check"],
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
  async evaluate(ctx, spec) {
    const target = spec.container === undefined ? undefined : await resolveContainer(ctx, spec.container);
    if (target?.outcome) return target.outcome;
    const read = await readFile(ctx, spec, target?.name);
    const data = { path: spec.path, where: where(spec, target?.name), detail: read.stderr.trim().split("\n").pop() ?? "" };
    const exists = read.exitCode === 0;
    if (spec.exists === false) {
      return exists ? { passed: false, messageId: "present", data, expected: "absent", actual: "exists" } : { passed: true };
    }
    if (!exists) return { passed: false, messageId: "missing", data, expected: `${spec.path} exists`, actual: data.detail || "missing" };
    const items: ItemResult[] = spec.content === undefined ? [] : [{ label: "content", ...match(spec.content, read.stdout) }];
    return outcomeOfItems(items, "content", data);
  },
};
