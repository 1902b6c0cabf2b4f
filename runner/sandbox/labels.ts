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

export type Role = "sandbox" | "seeder" | "store-tool";

export function labelsFor(role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return { [LABEL_APP]: "true", [LABEL_ROLE]: role, [LABEL_OWNER_PID]: String(process.pid), [LABEL_OWNER_HOST]: hostname(), [LABEL_SESSION]: SESSION, ...extra };
}
