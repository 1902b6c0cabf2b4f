import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Duplex } from "node:stream";
import { engineApiOver } from "./engine-api";

/** An engine stand-in on a socket in a temporary folder: answers its path, counts the connections made to it. */
async function localEngine(answer: (request: http.IncomingMessage, response: http.ServerResponse) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-engine-api-"));
  const socket = path.join(dir, "engine.sock");
  const server = http.createServer(answer);
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    // A plain byte stream, as the sandbox's is: none of a socket's methods.
    open: async () => {
      const connection = net.connect(socket);
      return Duplex.from({ readable: connection, writable: connection });
    },
    connections: () => connections,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const json = (response: http.ServerResponse, body: unknown, status = 200) => response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));

describe("the engine API over a stream", () => {
  it("carries request after request on one stream, and parses JSON answers", async () => {
    const engine = await localEngine((request, response) => json(response, { path: request.url }));
    const api = engineApiOver(engine.open);
    for (const name of ["a", "b", "c"]) expect(await api.request("GET", `/containers/${name}/json`)).toEqual({ status: 200, body: { path: `/containers/${name}/json` } });
    expect(engine.connections()).toBe(1);
    api.close();
    await engine.close();
  });

  it("opens its streams ahead when warmed (two for requests, two for commands to attach to), so that requests side by side find them open", async () => {
    const engine = await localEngine((_request, response) => json(response, { ok: true }));
    const api = engineApiOver(engine.open);
    api.warm();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.connections()).toBe(4);
    await Promise.all([api.request("GET", "/a"), api.request("GET", "/b"), api.request("GET", "/c")]);
    expect(engine.connections()).toBe(4);
    api.close();
    await engine.close();
  });

  it("attaches to a command on a stream of its own: what it wrote on each stream, or the engine's refusal", async () => {
    const frame = (stream: 1 | 2, text: string) => {
      const bytes = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(bytes.length, 4);
      return Buffer.concat([header, bytes]);
    };
    const engine = await localEngine((_request, response) => json(response, { ok: true }));
    engine.server.on("upgrade", (request: http.IncomingMessage, socket: net.Socket) => {
      if (request.url!.includes("nope")) {
        const refusal = JSON.stringify({ message: "No such exec instance: nope" });
        return socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${refusal.length}\r\n\r\n${refusal}`);
      }
      socket.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      // A frame cut across two writes, UTF-8 intact.
      const out = frame(1, "webapp — é\n");
      socket.write(out.subarray(0, 5));
      socket.write(Buffer.concat([out.subarray(5), frame(2, "warning\n"), frame(1, "two\n")]));
      socket.end();
    });
    const api = engineApiOver(engine.open);
    expect(await api.attach("/exec/abc/start", { Detach: false }, 5_000)).toEqual({ status: 101, output: { stdout: "webapp — é\ntwo\n", stderr: "warning\n", timedOut: false } });
    expect(await api.attach("/exec/nope/start", { Detach: false }, 5_000)).toEqual({ status: 404, body: { message: "No such exec instance: nope" } });
    api.close();
    await engine.close();
  });

  it("writes a command's standard input once attached and closes it, and says when it is attached", async () => {
    const engine = await localEngine((_request, response) => json(response, { ok: true }));
    engine.server.on("upgrade", (_request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      socket.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      const received: Buffer[] = [head];
      // The command's input ends where the stream is half-closed: its length comes back on stdout.
      socket.on("data", (chunk: Buffer) => received.push(chunk)).on("end", () => {
        const text = Buffer.from(`${Buffer.concat(received).length}`);
        const header = Buffer.alloc(8);
        header[0] = 1;
        header.writeUInt32BE(text.length, 4);
        socket.end(Buffer.concat([header, text]));
      });
    });
    const api = engineApiOver(engine.open);
    const events: string[] = [];
    const input = "é".repeat(100_000);
    const ended = await api.attach("/containers/c1/attach?stream=1&stdin=1", undefined, 5_000, { input, attached: () => events.push("attached") });
    events.push("ended");
    expect(ended).toEqual({ status: 101, output: { stdout: String(Buffer.byteLength(input)), stderr: "", timedOut: false } });
    expect(events).toEqual(["attached", "ended"]);
    api.close();
    await engine.close();
  });

  it("sends a body as JSON, and keeps a text answer as text", async () => {
    const engine = await localEngine((request, response) => {
      let text = "";
      request.on("data", (chunk) => (text += chunk)).on("end", () => response.writeHead(201).end(`got ${request.headers["content-type"]} ${text}`));
    });
    const api = engineApiOver(engine.open);
    expect(await api.request("POST", "/containers/create", { Image: "é" })).toEqual({ status: 201, body: 'got application/json {"Image":"é"}' });
    api.close();
    await engine.close();
  });

  it("asks a lookup again on a new stream when the kept one ended while idle", async () => {
    const engine = await localEngine((_request, response) => json(response, { ok: true }));
    const api = engineApiOver(engine.open);
    await api.request("GET", "/_ping");
    engine.server.closeAllConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await api.request("GET", "/_ping")).toEqual({ status: 200, body: { ok: true } });
    expect(engine.connections()).toBe(2);
    api.close();
    await engine.close();
  });

  it("answers status 0 with the reason when the engine cannot be reached or does not answer in time", async () => {
    const unreachable = engineApiOver(() => Promise.reject(new Error("no engine here")));
    expect(await unreachable.request("GET", "/_ping")).toEqual({ status: 0, body: "no engine here" });
    const engine = await localEngine(() => undefined);
    const silent = engineApiOver(engine.open);
    expect(await silent.request("GET", "/_ping", undefined, 50)).toEqual({ status: 0, body: "the engine did not answer within 1 s" });
    silent.close();
    await engine.close();
  });
});
