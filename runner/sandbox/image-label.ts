/**
 * One image's labels in one request to the engine's API, without a Docker
 * client library: `labgrade --version` names the sandbox's engine from its
 * label and must stay quick. Answers undefined whenever it cannot be sure it
 * reads the engine testcontainers would pick; the caller then asks that way.
 */
import * as fs from "node:fs";
import * as http from "node:http";
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

/** The image's labels, or undefined when the engine cannot be read this way or has no such image. */
export function quickImageLabels(image: string, timeoutMs = 3000): Promise<Record<string, string> | undefined> {
  const address = engineAddress();
  if (!address) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const request = http.get({ ...address, path: `/images/${image}/json`, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) return resolve(undefined);
        try {
          const inspected = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Config?: { Labels?: Record<string, string> | null } };
          resolve(inspected.Config?.Labels ?? {});
        } catch {
          resolve(undefined);
        }
      });
      response.on("error", () => resolve(undefined));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(undefined));
  });
}
