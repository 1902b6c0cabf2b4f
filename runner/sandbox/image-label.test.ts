import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { labelsFromAnswer, quickImageLabels } from "./image-label";

/** An engine stand-in on a socket in a temporary folder, reached through DOCKER_HOST. */
async function withEngine(server: net.Server, body: () => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-image-label-"));
  const socket = path.join(dir, "engine.sock");
  const before = process.env.DOCKER_HOST;
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  process.env.DOCKER_HOST = `unix://${socket}`;
  try {
    await body();
  } finally {
    if (before === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = before;
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const LABELS = { "labgrade.engine": "26.1.5+dfsg1", "org.example": "é" };

describe("labelsFromAnswer", () => {
  it("reads the labels of a 200 with a JSON body, and an image without labels as none", () => {
    expect(labelsFromAnswer(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ Config: { Labels: LABELS } })}`)).toEqual(LABELS);
    expect(labelsFromAnswer(`HTTP/1.1 200 OK\r\n\r\n${JSON.stringify({ Config: { Labels: null } })}`)).toEqual({});
  });

  it("answers undefined for another status, a cut answer or a body that is not JSON", () => {
    expect(labelsFromAnswer(`HTTP/1.0 404 Not Found\r\n\r\n{"message":"No such image"}`)).toBeUndefined();
    expect(labelsFromAnswer("HTTP/1.0 200 OK\r\nContent-Type: app")).toBeUndefined();
    expect(labelsFromAnswer(`HTTP/1.0 200 OK\r\n\r\n{"Config": {"Lab`)).toBeUndefined();
    expect(labelsFromAnswer("")).toBeUndefined();
  });
});

describe("quickImageLabels", () => {
  it("asks the engine at DOCKER_HOST for the image by name, in one request", async () => {
    const asked: string[] = [];
    const server = http.createServer((request, response) => {
      asked.push(`${request.method} ${request.url} HTTP/${request.httpVersion}`);
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ Config: { Labels: LABELS } }));
    });
    await withEngine(server, async () => {
      expect(await quickImageLabels("labgrade-standin/sandbox:abc")).toEqual(LABELS);
    });
    expect(asked).toEqual(["GET /images/labgrade-standin/sandbox:abc/json HTTP/1.0"]);
  });

  it("answers undefined for an image the engine does not have", async () => {
    const server = http.createServer((_request, response) => response.writeHead(404).end('{"message":"No such image"}'));
    await withEngine(server, async () => expect(await quickImageLabels("missing:1")).toBeUndefined());
  });

  it("gives up on an engine that never answers, within its timeout", async () => {
    // Reads the request (so that it sees the client go) and never answers.
    const server = net.createServer((socket) => socket.resume());
    await withEngine(server, async () => expect(await quickImageLabels("x:1", 200)).toBeUndefined());
  });

  it("gives up on an engine that trickles its answer, within its timeout for the whole answer", async () => {
    // A byte every 20 ms: never idle for long, and never done.
    const server = net.createServer((socket) => {
      socket.on("error", () => undefined);
      socket.write("HTTP/1.0 200 OK\r\n\r\n");
      const trickle = setInterval(() => (socket.destroyed ? clearInterval(trickle) : socket.write(" ")), 20);
      socket.on("close", () => clearInterval(trickle));
    });
    await withEngine(server, async () => expect(await quickImageLabels("x:1", 300)).toBeUndefined());
  });

  it("stops reading an answer larger than any inspection", async () => {
    const server = net.createServer((socket) => {
      socket.on("error", () => undefined);
      const block = Buffer.alloc(64 * 1024, "a");
      socket.write("HTTP/1.0 200 OK\r\n\r\n");
      const flood = () => {
        while (!socket.destroyed && socket.write(block));
        if (!socket.destroyed) socket.once("drain", flood);
      };
      flood();
    });
    await withEngine(server, async () => expect(await quickImageLabels("x:1")).toBeUndefined());
  });

  it("answers undefined where nothing listens", async () => {
    const before = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(os.tmpdir(), "labgrade-no-engine-here.sock")}`;
    try {
      expect(await quickImageLabels("x:1")).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = before;
    }
  });
});
