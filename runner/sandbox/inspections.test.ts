import type { ContainerInspectInfo } from "dockerode";
import type { InnerDocker } from "../../graders/types";
import { fakeEngineApi } from "../../test/support/fake-engine-api";
import type { EngineApi } from "./engine-api";
import { inspections } from "./inspections";

const ID_WEB = "a1b2c3".padEnd(64, "0");
const ID_DB = "a1ffff".padEnd(64, "1");
const engine = [
  { Id: ID_WEB, Name: "/lamp-web", State: { Running: true } },
  { Id: ID_DB, Name: "/lamp-mysql", State: { Running: false } },
  // A probe of a check running beside the others: the harness's, never the student's.
  { Id: "b0".padEnd(64, "2"), Name: "/quirky_hopper", State: { Running: true }, Config: { Labels: { "labgrade.probe": "1" } } },
] as unknown as ContainerInspectInfo[];

const volumes = [{ Name: "web-content", Driver: "local" }, { Name: "mysql-data", Driver: "local" }];
const networks = [{ Name: "bridge" }, { Name: "lamp" }];

/** An engine that counts what it is asked: listings of every container, volume or network, and lookups of one. */
function fakeEngine() {
  const api = fakeEngineApi({ containers: engine, volumes, networks: networks.map((n, i) => ({ ...n, Id: `n${i}` })) });
  const asked = { listings: 0, lookups: 0, volumes: 0 };
  const counted: EngineApi = {
    ...api,
    request: (method, path) => {
      if (["/containers/json?all=1", "/volumes", "/networks"].includes(path)) asked.listings++;
      return api.request(method, path);
    },
  };
  const docker = {
    container: async (name: string) => {
      asked.lookups++;
      return engine.find((c) => c.Name === `/${name}`);
    },
    containerNames: async () => engine.map((c) => c.Name.slice(1)),
    volume: async () => {
      asked.volumes++;
      return undefined;
    },
  } as unknown as InnerDocker;
  return { asked, cached: inspections(docker, counted) };
}

describe("inspections shared by checks between two actions", () => {
  it("answers every container lookup from one inspection, as docker container inspect names them", async () => {
    const { asked, cached } = fakeEngine();
    cached.setCaching(true);
    expect((await cached.container("lamp-web"))?.Id).toBe(ID_WEB);
    expect((await cached.container("/lamp-mysql"))?.Id).toBe(ID_DB);
    expect((await cached.container(ID_DB))?.Name).toBe("/lamp-mysql");
    expect((await cached.container("a1b2"))?.Name).toBe("/lamp-web");
    // A prefix of both ids names neither, as the engine refuses it.
    expect(await cached.container("a1")).toBeUndefined();
    expect(await cached.container("lamp")).toBeUndefined();
    expect(await cached.container("quirky_hopper")).toBeUndefined();
    expect(await cached.containerNames()).toEqual(["lamp-web", "lamp-mysql"]);
    expect(asked).toEqual({ listings: 1, lookups: 0, volumes: 0 });
  });

  it("answers every volume and network lookup from one inspection of each, side by side checks asking at once included", async () => {
    const { asked, cached } = fakeEngine();
    cached.setCaching(true);
    const [web, missing, names] = await Promise.all([cached.volume("web-content"), cached.volume("web_content"), cached.volumeNames(), cached.volume("mysql-data")]);
    // In the order docker volume ls prints them.
    expect([web?.Name, missing, names]).toEqual(["web-content", undefined, ["mysql-data", "web-content"]]);
    expect((await cached.network("lamp"))?.Name).toBe("lamp");
    expect(await cached.networkNames()).toEqual(["bridge", "lamp"]);
    expect(asked).toEqual({ listings: 2, lookups: 0, volumes: 0 });
  });

  it("asks again after forget, and asks the engine itself while caching is off", async () => {
    const { asked, cached } = fakeEngine();
    cached.setCaching(true);
    await cached.volume("web-content");
    await cached.volume("web-content");
    await cached.container("lamp-web");
    cached.forget();
    await cached.volume("web-content");
    await cached.container("lamp-web");
    expect(asked).toEqual({ listings: 4, lookups: 0, volumes: 0 });
    cached.setCaching(false);
    await cached.container("lamp-web");
    await cached.container("lamp-web");
    await cached.volume("web-content");
    expect(asked).toEqual({ listings: 4, lookups: 2, volumes: 1 });
  });
});
