/**
 * Runs a command in a container of the host engine through the Engine API.
 * The API cannot kill an exec, so the time limit is enforced inside with
 * coreutils' timeout as well as here.
 */
import type Dockerode from "dockerode";
import { Duplex, PassThrough } from "node:stream";
import type { CommandResult, ExecOptions } from "../../graders/types";

/** What is kept of a command's output, per stream: graders read small outputs; a runaway command must not exhaust memory. */
export const MAX_CAPTURE = 8 * 1024 * 1024;

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

/**
 * A command in a container as a byte stream: what is written goes to its
 * standard input, its standard output is what is read (the engine's framing
 * taken off). It ends when the command exits; destroying it ends the command's input.
 */
export async function execStream(docker: Dockerode, containerId: string, argv: string[]): Promise<Duplex> {
  const exec = await docker.getContainer(containerId).exec({ Cmd: argv, AttachStdin: true, AttachStdout: true, AttachStderr: true });
  const raw = await exec.start({ hijack: true, stdin: true });
  const stdout = new PassThrough();
  // The command's complaints (an engine that is not running) show as the stream ending.
  docker.modem.demuxStream(raw, stdout, new PassThrough().resume());
  const stream = new Duplex({
    write: (chunk: Buffer, _encoding, done) => void raw.write(chunk, done),
    final: (done) => {
      raw.end();
      done();
    },
    read: () => stdout.resume(),
    destroy: (error, done) => {
      raw.destroy();
      done(error);
    },
  });
  let over = false;
  stdout.on("data", (chunk: Buffer) => {
    if (!over && !stream.push(chunk)) stdout.pause();
  });
  const ended = () => {
    over = true;
    stream.push(null);
  };
  stdout.on("end", ended);
  // A broken connection reads as the command's end: an idle stream has nobody to hear an error.
  raw.on("end", ended).on("close", ended).on("error", () => {
    ended();
    stream.destroy();
  });
  return stream;
}
