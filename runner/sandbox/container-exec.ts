/**
 * Runs a command in a container of the host engine through the Engine API.
 * The API cannot kill an exec, so the time limit is enforced inside with
 * coreutils' timeout as well as here.
 */
import type Dockerode from "dockerode";
import { PassThrough } from "node:stream";
import type { CommandResult, ExecOptions } from "../../graders/types";

const MAX_CAPTURE = 8 * 1024 * 1024;

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on("data", (chunk: Buffer) => {
    // Graders read small outputs; a runaway command must not exhaust memory.
    if (size < MAX_CAPTURE) chunks.push(chunk);
    size += chunk.length;
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

export async function execIn(docker: Dockerode, containerId: string, argv: string[], options: ExecOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ["timeout", "-k", "2", String(seconds), ...argv],
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: options.stdin !== undefined,
    WorkingDir: options.workdir,
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
  });
  const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
  const stdout = collector();
  const stderr = collector();
  docker.modem.demuxStream(stream, stdout.stream, stderr.stream);
  if (options.stdin !== undefined) {
    stream.end(options.stdin);
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, timeoutMs + 5_000);
    stream.on("end", () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on("error", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, stdout: stdout.text(), stderr: stderr.text() };
}
