/**
 * Finds what a crashed or killed labgrade left on the engine, by label, and
 * removes it: sandboxes, seeders and store tools whose process is gone (with
 * their anonymous volumes), and seeds that are stale or half built.
 */
import { hostDocker } from "./host-engine";
import { hostname } from "node:os";
import { LABEL_APP, LABEL_SEED, LABEL_SESSION, SESSION, runId } from "./labels";
import { ownerVerdict } from "./owner";
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
  const here = { host: hostname(), session: SESSION, run: runId(), isAlive: processAlive };
  const removed: string[] = [];
  const seedsInUse = new Set<string>();
  for (const info of containers) {
    // Seeds in use are judged over every run, whichever one this clean looks at.
    if (ownerVerdict(info.Labels, { ...here, run: undefined }) !== "orphan") {
      if (info.Labels[LABEL_SEED]) seedsInUse.add(info.Labels[LABEL_SEED]);
      continue;
    }
    if (ownerVerdict(info.Labels, here) !== "orphan") continue;
    await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => undefined);
    removed.push(info.Names[0]?.replace(/^\//, "") ?? info.Id);
  }
  // The image store is shared by every run: a clean limited to one run leaves its seeds alone.
  return { containers: removed, seeds: here.run ? [] : await pruneStaleSeeds(processAlive, seedsInUse) };
}
