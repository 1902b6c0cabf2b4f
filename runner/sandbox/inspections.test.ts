import type { ContainerInspectInfo } from "dockerode";
import type { CommandResult, InnerDocker, SandboxShell } from "../../graders/types";
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

/** An engine that counts what it is asked: one inspection of every container, volume or network per exec, one `docker inspect` per lookup. */
function fakeEngine() {
  const asked = { execs: 0, lookups: 0, volumes: 0 };
  const shell: SandboxShell = {
    exec: async (argv): Promise<CommandResult> => {
      asked.execs++;
      const listed = argv.join(" ").includes("docker volume inspect") ? volumes : argv.join(" ").includes("docker network inspect") ? networks : engine;
      return { exitCode: 0, stdout: JSON.stringify(listed), stderr: "" };
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
  return { asked, cached: inspections(docker, shell) };
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
    expect(asked).toEqual({ execs: 1, lookups: 0, volumes: 0 });
  });

  it("answers every volume and network lookup from one inspection of each, side by side checks asking at once included", async () => {
    const { asked, cached } = fakeEngine();
    cached.setCaching(true);
    const [web, missing, names] = await Promise.all([cached.volume("web-content"), cached.volume("web_content"), cached.volumeNames(), cached.volume("mysql-data")]);
    expect([web?.Name, missing, names]).toEqual(["web-content", undefined, ["web-content", "mysql-data"]]);
    expect((await cached.network("lamp"))?.Name).toBe("lamp");
    expect(await cached.networkNames()).toEqual(["bridge", "lamp"]);
    expect(asked).toEqual({ execs: 2, lookups: 0, volumes: 0 });
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
    expect(asked).toEqual({ execs: 4, lookups: 0, volumes: 0 });
    cached.setCaching(false);
    await cached.container("lamp-web");
    await cached.container("lamp-web");
    await cached.volume("web-content");
    expect(asked).toEqual({ execs: 4, lookups: 2, volumes: 1 });
  });
});
