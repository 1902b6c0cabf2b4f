/**
 * One image's labels in one request to the engine's API, without a Docker
 * client library: `labgrade --version` names the sandbox's engine from its
 * label and must stay quick. Answers undefined whenever it cannot be sure it
 * reads the engine testcontainers would pick; the caller then asks that way.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** Setup labels the sandbox image with the engine it runs. */
export const ENGINE_LABEL = "labgrade.engine";

/** The engine the docker CLI would reach from the environment alone; undefined where more is configured (TLS, ssh, testcontainers' properties). */
export function engineAddress(): { socketPath: string } | { host: string; port: number } | undefined {
  if (fs.existsSync(path.join(os.homedir(), ".testcontainers.properties"))) return undefined;
  const host = process.env.DOCKER_HOST;
  if (!host) return process.env.DOCKER_CONTEXT ? undefined : { socketPath: "/var/run/docker.sock" };
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(host);
  if (tcp && !process.env.DOCKER_TLS_VERIFY) return { host: tcp[1], port: Number(tcp[2] ?? 2375) };
  return undefined;
}

/** The labels in an HTTP/1.0 answer to an image inspection; undefined unless it is a 200 with a JSON body. */
export function labelsFromAnswer(answer: string): Record<string, string> | undefined {
  const headEnd = answer.indexOf("\r\n\r\n");
  if (headEnd < 0 || !/^HTTP\/1\.[01] 200 /.test(answer)) return undefined;
  try {
    const inspected = JSON.parse(answer.slice(headEnd + 4)) as { Config?: { Labels?: Record<string, string> | null } };
    return inspected.Config?.Labels ?? {};
  } catch {
    return undefined;
  }
}

/** An image inspection is a few kilobytes; anything larger is not one. */
const MAX_ANSWER_BYTES = 1 << 20;

/**
 * The image's labels, or undefined when the engine cannot be read this way or has no such image.
 * One HTTP/1.0 request on a bare socket (the engine answers it and closes): node's
 * http client would cost a third of the command.
 */
export function quickImageLabels(image: string, timeoutMs = 3000): Promise<Record<string, string> | undefined> {
  const address = engineAddress();
  if (!address) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = "socketPath" in address ? net.connect({ path: address.socketPath }) : net.connect(address);
    const chunks: Buffer[] = [];
    let size = 0;
    // A deadline for the whole answer, not an idle timeout: an engine that trickles a byte at a time never idles.
    const deadline = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on("connect", () => socket.write(`GET /images/${image}/json HTTP/1.0\r\nHost: docker\r\n\r\n`));
    socket.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) return socket.destroy();
      chunks.push(chunk);
    });
    // Every ending (answered, refused, timed out, too large) closes the socket, and only once.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(deadline);
      resolve(size > MAX_ANSWER_BYTES ? undefined : labelsFromAnswer(Buffer.concat(chunks).toString("utf8")));
    });
  });
}
