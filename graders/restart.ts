/** Stops then starts containers, as the lab's persistence test does. */
import { nameListSchema } from "./support/schemas";
import type { Grader } from "./types";
import { parseDuration } from "./support/duration";
import { tail } from "./support/shell";

export interface RestartSpec {
  containers: string[];
  /** How long docker stop waits before killing. */
  "stop-timeout"?: string | number;
}

const messages = {
  failed: "Could not restart {containers}: {detail}.",
};

const messagesFr = {
  failed: "Impossible de redémarrer {containers} : {detail}.",
} satisfies Record<keyof typeof messages, string>;

export const restart: Grader<RestartSpec> = {
  meta: {
    type: "restart",
    kinds: ["action"],
    description: "docker stop the containers in the order given, then docker start them in reverse order (dependencies first).",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["containers"],
    description: "Containers to stop and start again.",
    properties: {
      containers: nameListSchema("Stopped in this order, started in the reverse order: list a container before the ones it depends on."),
      "stop-timeout": { $ref: "#/$defs/duration", description: "How long docker stop waits for a clean stop before killing (default 10s)." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.containers.join(", ")} ${spec.containers.length > 1 ? "are" : "is"} stopped and started again`,
  async evaluate(ctx, spec) {
    const seconds = Math.ceil((parseDuration(spec["stop-timeout"]) ?? 10_000) / 1000);
    const stop = await ctx.docker.cli(["stop", "-t", String(seconds), ...spec.containers], { timeoutMs: (seconds + 30) * 1000 * spec.containers.length });
    const start = await ctx.docker.cli(["start", ...[...spec.containers].reverse()], { timeoutMs: 60_000 });
    const failure = [stop, start].find((r) => r.exitCode !== 0);
    return failure
      ? { passed: false, messageId: "failed", data: { containers: spec.containers.join(", "), detail: tail(failure.stderr) } }
      : { passed: true };
  },
};
