import type { ContainerInspectInfo } from "dockerode";
import type { SandboxShell } from "../../graders/types";
import { fakeEngineApi } from "../../test/support/fake-engine-api";
import { innerDocker, naturalLess } from "./inner-docker";

const noShell: SandboxShell = { exec: () => Promise.reject(new Error("lookups ask the engine's API, not a docker process")) };

describe("the inner engine's lookups and listings", () => {
  it("leave out the harness's probe containers, which a check running beside another may have started, and links' names", async () => {
    const engine = fakeEngineApi({
      containers: [
        { Id: "1", Name: "/lamp-web" },
        { Id: "2", Name: "/quirky_hopper", Config: { Labels: { "labgrade.probe": "1" } } as never },
        { Id: "3", Name: "/lamp-mysql" },
      ] as Partial<ContainerInspectInfo>[],
    });
    const linked = { ...engine, request: async (method: "GET", path: string) => (path === "/containers/json?all=1" ? { status: 200, body: [{ Id: "3", Names: ["/lamp-web/mysql", "/lamp-mysql"], Labels: {} }] } : engine.request(method, path)) };
    expect(await innerDocker(noShell, engine).containerNames()).toEqual(["lamp-web", "lamp-mysql"]);
    expect(await innerDocker(noShell, linked).containerNames()).toEqual(["lamp-mysql"]);
  });

  it("list volumes and networks in the order docker volume ls and docker network ls print them", async () => {
    // As this machine's docker 26 CLI printed these names.
    const volumes = ["a-1", "a9b", "zeta", "Alpha", "web-content", "user-uploads", "v10", "v9", "a_1", "a10b", "mysql-data", "V2"];
    const networks = ["bridge", "n10", "n9", "N2", "b", "a", "host", "none"];
    const engine = fakeEngineApi({ volumes: volumes.map((Name) => ({ Name })), networks: networks.map((Name, i) => ({ Name, Id: `id${i}` })) });
    const docker = innerDocker(noShell, engine);
    expect(await docker.volumeNames()).toEqual(["Alpha", "V2", "a9b", "a10b", "a-1", "a_1", "mysql-data", "user-uploads", "v9", "v10", "web-content", "zeta"]);
    expect(await docker.networkNames()).toEqual(["N2", "a", "b", "bridge", "host", "n9", "n10", "none"]);
    expect(naturalLess("v007", "v7")).toBe(false);
    expect(naturalLess("v7", "v007")).toBe(true);
  });

  it("look a name up as docker inspect does: a leading slash dropped, a network only by its own name", async () => {
    const engine = fakeEngineApi({ containers: [{ Id: "abc", Name: "/lamp-web" }], networks: [{ Name: "db-net", Id: "dbfeed" }] });
    const docker = innerDocker(noShell, engine);
    expect((await docker.container("/lamp-web"))?.Id).toBe("abc");
    expect(await docker.container("lamp/web")).toBeUndefined();
    expect(await docker.container("")).toBeUndefined();
    expect((await docker.network("db-net"))?.Id).toBe("dbfeed");
    expect(await docker.network("db")).toBeUndefined();
    expect(engine.asked).toEqual(["GET /containers/lamp-web/json", "GET /networks/db-net", "GET /networks/db"]);
  });
});
