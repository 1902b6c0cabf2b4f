/**
 * The inner engine as the checks between two actions see it: one inspection
 * of every container answers all their container lookups, and likewise one of
 * every volume and one of every network, until an action (or a retry, or a check
 * that may change things) makes the engine forget. Actions always see the engine itself.
 */
import type { ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import { isProbe } from "../../graders/support/probe";
import type { InnerDocker } from "../../graders/types";
import type { EngineApi } from "./engine-api";
import { inspectEvery, type Kind } from "./inner-docker";

export interface Inspections extends InnerDocker {
  /** Whether lookups may be answered from what was seen; turning it off forgets too. */
  setCaching(on: boolean): void;
  /** Forgets what was seen: the next lookup asks the engine. */
  forget(): void;
}

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

export function inspections(docker: InnerDocker, engine: EngineApi): Inspections {
  let caching = false;
  let seen = new Map<string, Promise<unknown[] | undefined>>();
  /** All of a kind as seen since the last forget; undefined while not caching, or when the listing could not be read. */
  const all = async <T>(kind: Kind): Promise<T[] | undefined> => {
    if (!caching) return undefined;
    if (!seen.has(kind)) seen.set(kind, inspectEvery(engine, kind));
    return (await seen.get(kind)) as T[] | undefined;
  };
  const containers = async () => (await all<ContainerInspectInfo>("container"))?.filter((c) => !isProbe(c.Config?.Labels));
  const volumes = () => all<VolumeInspectInfo>("volume");
  const networks = () => all<NetworkInspectInfo>("network");
  return {
    ...docker,
    async container(name) {
      const found = await containers();
      return found ? lookup(found, name) : docker.container(name);
    },
    async containers() {
      return (await containers()) ?? docker.containers();
    },
    async volumes() {
      return (await volumes()) ?? docker.volumes();
    },
    async containerNames() {
      const found = await containers();
      return found ? found.map((c) => c.Name.replace(/^\//, "")) : docker.containerNames();
    },
    async volume(name) {
      const found = await volumes();
      return found ? found.find((v) => v.Name === name) : docker.volume(name);
    },
    async network(name) {
      const found = await networks();
      return found ? found.find((n) => n.Name === name) : docker.network(name);
    },
    async volumeNames() {
      const found = await volumes();
      return found ? found.map((v) => v.Name) : docker.volumeNames();
    },
    async networkNames() {
      const found = await networks();
      return found ? found.map((n) => n.Name) : docker.networkNames();
    },
    setCaching(on) {
      caching = on;
      if (!on) seen = new Map();
    },
    forget() {
      seen = new Map();
    },
  };
}
