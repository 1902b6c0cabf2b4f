/**
 * The image store: a named volume holding seeded Docker data-roots (seeds/)
 * and the per-sandbox clones made from them (clones/). File operations on it
 * run in short-lived containers, so it works wherever the engine lives.
 */
import type Dockerode from "dockerode";
import { PassThrough } from "node:stream";
import { hostDocker } from "./host-engine";
import { labelsFor } from "./labels";
import { sandboxImageName } from "./catalog";

export const STORE_VOLUME = process.env.LABGRADE_STORE_VOLUME ?? "labgrade-store";

export interface ToolResult {
  exitCode: number;
  output: string;
}

/** Runs a shell script against the store volume (mounted at /store). */
export async function runStoreTool(script: string, args: string[] = []): Promise<ToolResult> {
  const docker: Dockerode = await hostDocker();
  const container = await docker.createContainer({
    Image: sandboxImageName(),
    Entrypoint: ["sh", "-c", script, "store-tool", ...args],
    Labels: labelsFor("store-tool"),
    NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: "volume", Source: STORE_VOLUME, Target: "/store" }], NetworkMode: "none" },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    docker.modem.demuxStream(stream, output, output);
    await container.start();
    const { StatusCode } = await container.wait();
    return { exitCode: StatusCode, output: Buffer.concat(chunks).toString("utf8") };
  } finally {
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}
