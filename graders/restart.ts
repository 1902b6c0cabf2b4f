/** Stops then starts containers, as the lab's persistence test does. */
import type { Grader } from "./types";
import { tail } from "./support/shell";

export interface RestartSpec {
  containers: string[];
  /** Seconds docker stop waits before killing. */
  "stop-timeout"?: number;
}

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
      containers: {
        type: "array",
        minItems: 1,
        uniqueItems: true,
        items: { type: "string", minLength: 1 },
        description: "Stopped in this order, started in the reverse order: list a container before the ones it depends on.",
      },
      "stop-timeout": { type: "integer", minimum: 0, maximum: 120, description: "Seconds to wait for a clean stop (default 10)." },
    },
  },
  messages: {
    failed: "Could not restart {containers}: {detail}.",
  },
  describe: (spec) => `${spec.containers.join(", ")} are stopped and started again`,
  async evaluate(ctx, spec) {
    const stop = await ctx.docker.cli(["stop", "-t", String(spec["stop-timeout"] ?? 10), ...spec.containers], { timeoutMs: 150_000 });
    const start = await ctx.docker.cli(["start", ...[...spec.containers].reverse()], { timeoutMs: 60_000 });
    const failure = [stop, start].find((r) => r.exitCode !== 0);
    return failure
      ? { passed: false, messageId: "failed", data: { containers: spec.containers.join(", "), detail: tail(failure.stderr) } }
      : { passed: true };
  },
};
