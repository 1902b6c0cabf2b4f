/**
 * The inner engine as the checks between two actions see it: one `docker inspect`
 * of every container answers all their container lookups, and each volume or
 * network is inspected once, until an action (or a retry, or a check that may
 * change things) makes the engine forget. Actions always see the engine itself.
 */
import type { ContainerInspectInfo } from "dockerode";
import { PROBE_LABEL } from "../../graders/support/probe";
import type { InnerDocker, SandboxShell } from "../../graders/types";

export interface Inspections extends InnerDocker {
  /** Whether lookups may be answered from what was seen; turning it off forgets too. */
  setCaching(on: boolean): void;
  /** Forgets what was seen: the next lookup asks the engine. */
  forget(): void;
}

// Every container's inspection in one exec; `docker container inspect NAME` answers the same JSON.
const INSPECT_ALL = 'ids=$(docker ps -aq --no-trunc); if [ -z "$ids" ]; then echo "[]"; else docker container inspect $ids; fi';

/** The container `docker container inspect key` names: its full id, then its name, then a unique id prefix. */
function lookup(all: ContainerInspectInfo[], key: string): ContainerInspectInfo | undefined {
  if (!key) return undefined;
  const byId = all.find((c) => c.Id === key);
  if (byId) return byId;
  const byName = all.find((c) => c.Name === (key.startsWith("/") ? key : `/${key}`));
  if (byName) return byName;
  const byPrefix = all.filter((c) => c.Id.startsWith(key));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

export function inspections(docker: InnerDocker, shell: SandboxShell): Inspections {
  let caching = false;
  let seen = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, ask: () => Promise<T>): Promise<T> => {
    if (!caching) return ask();
    if (!seen.has(key)) seen.set(key, ask());
    return seen.get(key) as Promise<T>;
  };
  const containers = () =>
    once("containers", async () => {
      const result = await shell.exec(["sh", "-c", INSPECT_ALL]);
      try {
        // A container removed between ps and inspect is left out; the others are printed.
        const all = JSON.parse(result.stdout) as ContainerInspectInfo[];
        return all.filter((c) => !c.Config?.Labels?.[PROBE_LABEL]);
      } catch {
        return undefined;
      }
    });
  return {
    ...docker,
    async container(name) {
      if (!caching) return docker.container(name);
      const all = await containers();
      return all ? lookup(all, name) : docker.container(name);
    },
    async containerNames() {
      if (!caching) return docker.containerNames();
      const all = await containers();
      return all ? all.map((c) => c.Name.replace(/^\//, "")) : docker.containerNames();
    },
    volume: (name) => once(`volume ${name}`, () => docker.volume(name)),
    network: (name) => once(`network ${name}`, () => docker.network(name)),
    volumeNames: () => once("volumes", () => docker.volumeNames()),
    networkNames: () => once("networks", () => docker.networkNames()),
    setCaching(on) {
      caching = on;
      if (!on) seen = new Map();
    },
    forget() {
      seen = new Map();
    },
  };
}
