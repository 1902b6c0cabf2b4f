/** Stops then starts containers, as the lab's persistence test does. */
import { containerRefListSchema } from "./support/schemas";
import { describeTarget, resolveContainers, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";
import type { Grader } from "./types";
import { parseDuration } from "../common/units";
import { noContainerPhrase } from "./support/running";

export interface RestartSpec {
  containers: ContainerRef[];
  /** How long docker stop waits before killing. */
  "stop-timeout"?: string | number;
}

const messages = {
  ...targetMessages,
  failed: "Could not restart {containers}: {reason}.",
  missing: "Could not restart {containers}: {reason}.",
  "restart.stopped": "{name} did not start again (look at `docker logs {name}`)",
  "restart.stopFailed": "docker stop did not stop them",
  "restart.startFailed": "docker start did not start them",
};

const messagesFr = {
  ...targetMessagesFr,
  failed: "Impossible de redémarrer {containers} : {reason}.",
  missing: "Impossible de redémarrer {containers} : {reason}.",
  "restart.stopped": "{name} n'a pas redémarré (regardez `docker logs {name}`)",
  "restart.stopFailed": "docker stop ne les a pas arrêtés",
  "restart.startFailed": "docker start ne les a pas démarrés",
} satisfies Record<keyof typeof messages, string>;

export const restart: Grader<RestartSpec> = {
  meta: {
    type: "restart",
    kinds: ["action"],
    description: "docker stop the containers in the order given, then docker start them in reverse order (dependencies first); for Compose services, what `docker compose restart` does.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["containers"],
    description: "Containers to stop and start again.",
    properties: {
      containers: containerRefListSchema("Stopped in this order, started in the reverse order: list a container before the ones it depends on."),
      "stop-timeout": { $ref: "#/$defs/duration", description: "How long docker stop waits for a clean stop before killing (default 10s)." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.containers.map(describeTarget).join(", ")} ${spec.containers.length > 1 ? "are" : "is"} stopped and started again`,
  async evaluate(ctx, spec) {
    const resolved = await resolveContainers(ctx, spec.containers);
    if (resolved.outcome) return resolved.outcome;
    const names = resolved.names;
    const containers = names.join(", ");
    for (const name of names) {
      if (!(await ctx.docker.container(name))) return { passed: false, messageId: "missing", data: { containers, reason: await noContainerPhrase(ctx, name) } };
    }
    const seconds = Math.ceil((parseDuration(spec["stop-timeout"]) ?? 10_000) / 1000);
    const stop = await ctx.docker.cli(["stop", "-t", String(seconds), ...names], { timeoutMs: (seconds + 30) * 1000 * names.length });
    const start = await ctx.docker.cli(["start", ...[...names].reverse()], { timeoutMs: 60_000 });
    if (stop.exitCode === 0 && start.exitCode === 0) return { passed: true };
    // Docker's own error text is not for students: name the container that did not come back.
    for (const name of names) {
      if (!(await ctx.docker.container(name))?.State.Running) return { passed: false, messageId: "failed", data: { containers, reason: { id: "restart.stopped", data: { name } } } };
    }
    return { passed: false, messageId: "failed", data: { containers, reason: { id: stop.exitCode !== 0 ? "restart.stopFailed" : "restart.startFailed" } } };
  },
};
