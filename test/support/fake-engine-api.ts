/**
 * An engine API without an engine: containers, volumes and networks as plain
 * data, answered as the engine answers its list and inspect requests, and
 * every request asked kept in order.
 */
import type { ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import type { EngineApi } from "../../runner/sandbox/engine-api";

export interface FakeEngineWorld {
  containers?: Partial<ContainerInspectInfo>[];
  volumes?: Partial<VolumeInspectInfo>[];
  networks?: Partial<NetworkInspectInfo>[];
}

/** What the engine names by a key: a full id, then a name, then a unique id prefix. */
function named<T extends { Id?: string; Name?: string }>(items: T[], key: string): T | undefined {
  const byPrefix = items.filter((item) => item.Id?.startsWith(key));
  return items.find((item) => item.Id === key) ?? items.find((item) => item.Name === key || item.Name === `/${key}`) ?? (byPrefix.length === 1 ? byPrefix[0] : undefined);
}

export function fakeEngineApi(world: FakeEngineWorld): EngineApi & { asked: string[] } {
  const asked: string[] = [];
  const containers = world.containers ?? [];
  const answer = (path: string): { status: number; body: unknown } => {
    const found = (item: unknown) => (item ? { status: 200, body: item } : { status: 404, body: { message: "not found" } });
    if (path === "/containers/json?all=1") return { status: 200, body: containers.map((c) => ({ Id: c.Id, Names: [c.Name], Labels: c.Config?.Labels ?? {} })) };
    if (path === "/volumes") return { status: 200, body: { Volumes: world.volumes ?? [] } };
    if (path === "/networks") return { status: 200, body: world.networks ?? [] };
    const [, kind, key] = /^\/(containers|volumes|networks)\/([^/]+)/.exec(path) ?? [];
    const name = decodeURIComponent(key ?? "");
    if (kind === "containers") return found(named(containers, name));
    if (kind === "volumes") return found((world.volumes ?? []).find((v) => v.Name === name));
    if (kind === "networks") return found(named(world.networks ?? [], name));
    return { status: 404, body: { message: `no fake answer for ${path}` } };
  };
  return {
    asked,
    async request(method, path) {
      asked.push(`${method} ${path}`);
      return answer(path);
    },
    attach: async (path) => (asked.push(`POST ${path}`), { status: 500, body: { message: "no command runs in a fake engine" } }),
    warm: () => undefined,
    close: () => undefined,
  };
}
