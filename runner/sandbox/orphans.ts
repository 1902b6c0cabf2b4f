/**
 * Finds what a crashed or killed labgrade left on the engine, by label, and
 * removes it: sandboxes and seeders whose process is gone, and clones of the
 * seed whose sandbox no longer exists.
 */
import { hostDocker } from "./host-engine";
import { LABEL_APP, LABEL_CLONE, LABEL_OWNER_PID } from "./labels";
import { removeClones } from "./sandbox";
import { pruneStaleSeeds } from "./seed";
import { runStoreTool } from "./store";

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
  clones: string[];
  seeds: string[];
}

export async function removeOrphans(options: { everything?: boolean } = {}): Promise<CleanReport> {
  const docker = await hostDocker();
  const containers = await docker.listContainers({ all: true, filters: { label: [`${LABEL_APP}=true`] } });
  const removed: string[] = [];
  const liveClones = new Set<string>();
  for (const info of containers) {
    const pid = Number(info.Labels[LABEL_OWNER_PID]);
    if (options.everything || !processAlive(pid) || pid === process.pid) {
      await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => undefined);
      removed.push(info.Names[0]?.replace(/^\//, "") ?? info.Id);
    } else if (info.Labels[LABEL_CLONE]) {
      liveClones.add(info.Labels[LABEL_CLONE]);
    }
  }
  const listed = await runStoreTool("ls /store/clones 2>/dev/null; true");
  const orphanClones = listed.output.split("\n").filter((name) => name && !liveClones.has(name));
  await removeClones(orphanClones);
  return { containers: removed, clones: orphanClones, seeds: await pruneStaleSeeds(processAlive) };
}
