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

/** An engine that counts what it is asked: one container inspection per exec, one `docker container inspect` per lookup. */
function fakeEngine() {
  const asked = { execs: 0, lookups: 0, volumes: 0 };
  const shell: SandboxShell = {
    exec: async (): Promise<CommandResult> => {
      asked.execs++;
      return { exitCode: 0, stdout: JSON.stringify(engine), stderr: "" };
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

  it("asks again after forget, and asks the engine itself while caching is off", async () => {
    const { asked, cached } = fakeEngine();
    cached.setCaching(true);
    await cached.volume("web-content");
    await cached.volume("web-content");
    await cached.container("lamp-web");
    cached.forget();
    await cached.volume("web-content");
    await cached.container("lamp-web");
    expect(asked).toEqual({ execs: 2, lookups: 0, volumes: 2 });
    cached.setCaching(false);
    await cached.container("lamp-web");
    await cached.container("lamp-web");
    await cached.volume("web-content");
    expect(asked).toEqual({ execs: 2, lookups: 2, volumes: 3 });
  });
});
