import type { ContainerInspectInfo } from "dockerode";
import type { SandboxShell } from "../../graders/types";
import { fakeEngineApi } from "../../test/support/fake-engine-api";
import type { EngineApi } from "./engine-api";
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

describe("docker exec through the engine's API", () => {
  /** An engine holding one running container, db, whose commands print and exit as `run` says. */
  function engineWith(run: { stdout: string; stderr: string; exitCode: number; timedOut?: boolean }) {
    const asked: string[] = [];
    const engine: EngineApi = {
      async request(method, path, body) {
        asked.push(`${method} ${path}${body ? ` ${JSON.stringify(body)}` : ""}`);
        if (path === "/containers/db/json") return { status: 200, body: { Id: "d1", State: { Running: true } } };
        if (path.startsWith("/containers/") && path.endsWith("/json")) return { status: 404, body: { message: `No such container: ${path.split("/")[2]}` } };
        if (path === "/containers/db/exec") return { status: 201, body: { Id: "e1" } };
        if (path === "/exec/e1/json") return { status: 200, body: { ExitCode: run.exitCode } };
        return { status: 404, body: { message: "page not found" } };
      },
      async attach(path, body) {
        asked.push(`ATTACH ${path} ${JSON.stringify(body)}`);
        return { status: 101, output: { stdout: run.stdout, stderr: run.stderr, timedOut: run.timedOut ?? false } };
      },
      warm: () => undefined,
      close: () => undefined,
    };
    return { docker: innerDocker(noShell, engine), asked };
  }

  it("gives what the command printed on each stream and its exit code, its environment passed as docker exec -e does", async () => {
    const { docker, asked } = engineWith({ stdout: "webapp\n", stderr: "", exitCode: 0 });
    expect(await docker.exec("db", ["mysql", "-e", "SELECT 1"], { env: { MYSQL_PWD: "é" } })).toEqual({ exitCode: 0, stdout: "webapp\n", stderr: "" });
    expect(asked).toEqual([
      "GET /containers/db/json",
      'POST /containers/db/exec {"AttachStdout":true,"AttachStderr":true,"Env":["MYSQL_PWD=é"],"Cmd":["mysql","-e","SELECT 1"]}',
      'ATTACH /exec/e1/start {"Detach":false,"Tty":false}',
      "GET /exec/e1/json",
    ]);
  });

  it("says what the CLI says of a container that is not there, and exits 1", async () => {
    const { docker } = engineWith({ stdout: "", stderr: "", exitCode: 0 });
    expect(await docker.exec("web", ["true"])).toEqual({ exitCode: 1, stdout: "", stderr: "Error response from daemon: No such container: web\n" });
  });

  it("ends with 124 when its time runs out, keeping what it printed", async () => {
    const { docker } = engineWith({ stdout: "partial", stderr: "", exitCode: 0, timedOut: true });
    expect(await docker.exec("db", ["sleep", "99"], { timeoutMs: 10 })).toEqual({ exitCode: 124, stdout: "partial", stderr: "" });
  });
});

describe("the harness's probes through the engine's API", () => {
  /** An engine that creates c1, starts it unless the network is a stopped container's, and runs it as `run` says. */
  function engineFor(run: { stdout: string; exitCode: number; timedOut?: boolean }) {
    const asked: string[] = [];
    const engine: EngineApi = {
      async request(method, path, body) {
        asked.push(`${method} ${path}${body ? ` ${JSON.stringify(body)}` : ""}`);
        const network = (body as { HostConfig?: { NetworkMode?: string } } | undefined)?.HostConfig?.NetworkMode;
        if (path === "/containers/create") return network === "container:gone" ? { status: 404, body: { message: "No such container: gone" } } : { status: 201, body: { Id: "c1" } };
        if (path === "/containers/c1/start") return { status: 204, body: undefined };
        if (path === "/containers/c1/wait") return { status: 200, body: { StatusCode: run.exitCode } };
        if (path.startsWith("/containers/c1?")) return { status: 204, body: undefined };
        return { status: 404, body: { message: "page not found" } };
      },
      async attach(path, _body, _timeoutMs, session) {
        asked.push(`ATTACH ${path}${session?.input !== undefined ? ` <${session.input}` : ""}`);
        session?.attached?.();
        await new Promise((resolve) => setImmediate(resolve));
        return { status: 101, output: { stdout: run.stdout, stderr: "", timedOut: run.timedOut ?? false } };
      },
      warm: () => undefined,
      close: () => undefined,
    };
    return { docker: innerDocker(noShell, engine), asked };
  }

  it("creates it marked as a probe, attaches before it starts, reads its exit code, then removes it", async () => {
    const { docker, asked } = engineFor({ stdout: "found\n", exitCode: 3 });
    const run = { image: "labgrade/probe:latest", network: "none", mounts: [{ source: "web-content", target: "/v" }, { source: "drop", target: "/w", writable: true }], argv: ["sh", "-c", "cat"], stdin: "é" };
    expect(await docker.probe(run)).toEqual({ exitCode: 3, stdout: "found\n", stderr: "" });
    expect(asked.map((line) => line.replace(/ \{.*/, ""))).toEqual([
      "POST /containers/create",
      "ATTACH /containers/c1/attach?stream=1&stdout=1&stderr=1&stdin=1 <é",
      "POST /containers/c1/start",
      "POST /containers/c1/wait",
      "DELETE /containers/c1?force=1&v=1",
    ]);
    expect(JSON.parse(asked[0].slice("POST /containers/create ".length))).toMatchObject({
      Image: "labgrade/probe:latest",
      Cmd: ["sh", "-c", "cat"],
      Labels: { "labgrade.probe": "1" },
      OpenStdin: true,
      StdinOnce: true,
      HostConfig: { NetworkMode: "none", Binds: ["web-content:/v:ro", "drop:/w"] },
    });
  });

  it("exits 125 with the engine's words when it cannot be created, and 124 when its time runs out (removed all the same)", async () => {
    expect(await engineFor({ stdout: "", exitCode: 0 }).docker.probe({ image: "p", network: "container:gone", argv: ["true"] })).toEqual({
      exitCode: 125,
      stdout: "",
      stderr: "docker: Error response from daemon: No such container: gone\n",
    });
    const slow = engineFor({ stdout: "started\n", exitCode: 0, timedOut: true });
    expect(await slow.docker.probe({ image: "p", network: "none", argv: ["sleep", "60"], timeoutMs: 10 })).toEqual({ exitCode: 124, stdout: "started\n", stderr: "" });
    expect(slow.asked.at(-1)).toBe("DELETE /containers/c1?force=1&v=1");
  });
});
