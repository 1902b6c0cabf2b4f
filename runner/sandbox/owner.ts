/**
 * Whose a labelled container is, from its labels alone: what `labgrade clean`
 * may remove. Only a container whose owner is known, on this machine, and gone.
 */
import { LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_RUN, LABEL_SESSION } from "./labels";

export interface Here {
  host: string;
  session: string;
  /** LABGRADE_RUN: only that run's containers are looked at. */
  run?: string;
  isAlive: (pid: number) => boolean;
}

export type Verdict = "orphan" | "owned" | "not-ours";

export function ownerVerdict(labels: Readonly<Record<string, string>>, here: Here): Verdict {
  if (here.run !== undefined && labels[LABEL_RUN] !== here.run) return "not-ours";
  const pid = Number(labels[LABEL_OWNER_PID]);
  // labgrade writes an owner on everything it starts: a container without one is someone else's tool.
  if (!Number.isInteger(pid) || pid <= 0) return "not-ours";
  // Another machine's (or container's) process cannot be seen from here.
  if ((labels[LABEL_OWNER_HOST] ?? here.host) !== here.host) return "owned";
  if (labels[LABEL_SESSION] === here.session || here.isAlive(pid)) return "owned";
  return "orphan";
}
