/**
 * Every resource labgrade creates carries these labels, so that anything left
 * by a crash can be found and removed later (Ryuk is not available everywhere).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

export const LABEL_APP = "labgrade";
export const LABEL_ROLE = "labgrade.role";
export const LABEL_OWNER_PID = "labgrade.pid";
/** Which machine (or container) the owner runs on: a pid means something only there. */
export const LABEL_OWNER_HOST = "labgrade.host";
/** This process's run: what an interruption removes, even where pids repeat (pid 1 in containers). */
export const LABEL_SESSION = "labgrade.session";
export const SESSION = randomUUID();
/** The seed a sandbox's image layers live in: a seed in use is never pruned. */
export const LABEL_SEED = "labgrade.seed";
/**
 * A run named from outside (LABGRADE_RUN, e.g. a CI job's id): what it creates
 * can be found apart from every other run on a shared engine, and its `clean` looks at nothing else.
 */
export const LABEL_RUN = "labgrade.run";
export function runId(): string | undefined {
  return process.env.LABGRADE_RUN || undefined;
}

export type Role = "sandbox" | "seeder" | "store-tool";

export function labelsFor(role: Role, extra: Record<string, string> = {}): Record<string, string> {
  const run = runId();
  return {
    [LABEL_APP]: "true",
    [LABEL_ROLE]: role,
    [LABEL_OWNER_PID]: String(process.pid),
    [LABEL_OWNER_HOST]: hostname(),
    [LABEL_SESSION]: SESSION,
    ...(run ? { [LABEL_RUN]: run } : {}),
    ...extra,
  };
}
