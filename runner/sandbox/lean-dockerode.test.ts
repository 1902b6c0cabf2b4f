/**
 * In a node of its own (jest keeps its own module registry): the built
 * lean-dockerode, as the CLI loads it.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const BUILT = path.resolve(__dirname, "..", "..", "dist", "runner", "sandbox", "lean-dockerode.js");

function inNode(script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ["-e", `const { loadDockerode } = require(${JSON.stringify(BUILT)}); ${script}`], { encoding: "utf8" }));
}

const loadedOf = `Object.keys(require.cache).filter((file) => /node_modules\\/(ssh2|@grpc)\\//.test(file)).length`;

describe("dockerode without what labgrade never asks of it", () => {
  it("loads neither ssh2 nor gRPC, and still talks to an engine", () => {
    const found = inNode(`const Docker = loadDockerode(); const docker = new Docker({ socketPath: "/nonexistent.sock" }); console.log(JSON.stringify({ loaded: ${loadedOf}, ping: typeof docker.ping }));`);
    expect(found).toEqual({ loaded: 0, ping: "function" });
  });

  it("loads the real module the first time a put-off part is called", () => {
    const found = inNode(`
      loadDockerode();
      const ssh = require(require.resolve("docker-modem/lib/ssh", { paths: [require("path").dirname(require.resolve("dockerode"))] }));
      const agent = ssh({ host: "127.0.0.1" });
      console.log(JSON.stringify({ loaded: ${loadedOf} > 0, agent: typeof agent.createConnection }));`);
    expect(found).toEqual({ loaded: true, agent: "function" });
  });
});
