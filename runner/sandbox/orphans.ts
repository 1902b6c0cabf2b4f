/**
 * Finds what a crashed or killed labgrade left on the engine, by label, and
 * removes it: sandboxes, seeders and store tools whose process is gone (with
 * their anonymous volumes), and seeds that are stale or half built.
 */
import { hostDocker } from "./host-engine";
import { hostname } from "node:os";
import { LABEL_APP, LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_SEED, LABEL_SESSION, SESSION } from "./labels";
import { pruneStaleSeeds } from "./seed";

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface CleanReport {
  containers: string[];
  seeds: string[];
}

/** Everything this process labelled, whatever state it is in: the last sweep of an interruption. */
export async function removeOwnContainers(): Promise<void> {
  const docker = await hostDocker();
  const mine = await docker.listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${SESSION}`] } });
  await Promise.all(mine.map((info) => docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => undefined)));
}

export async function removeOrphans(): Promise<CleanReport> {
  const docker = await hostDocker();
  const containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL_APP}=true`] } });
  const removed: string[] = [];
  const seedsInUse = new Set<string>();
  for (const info of containers) {
    const pid = Number(info.Labels[LABEL_OWNER_PID]);
    // Another machine's (or container's) process cannot be seen from here: leave its containers alone.
    const elsewhere = (info.Labels[LABEL_OWNER_HOST] ?? hostname()) !== hostname();
    if (elsewhere || info.Labels[LABEL_SESSION] === SESSION || processAlive(pid)) {
      if (info.Labels[LABEL_SEED]) seedsInUse.add(info.Labels[LABEL_SEED]);
      continue;
    }
    await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => undefined);
    removed.push(info.Names[0]?.replace(/^\//, "") ?? info.Id);
  }
  return { containers: removed, seeds: await pruneStaleSeeds(processAlive, seedsInUse) };
}
