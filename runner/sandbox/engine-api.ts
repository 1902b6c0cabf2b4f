/**
 * The sandbox's engine API, reached from the host through a byte stream into
 * the sandbox (`docker system dial-stdio` there joins it to the inner socket).
 * A stream, once open, carries request after request (HTTP keep-alive): a
 * lookup costs a few milliseconds instead of a docker process per question.
 * A command attached to (an exec's start) keeps its connection to the end:
 * it gets a stream of its own, opened ahead.
 */
import * as http from "node:http";
import type { Duplex } from "node:stream";
import { MAX_CAPTURE } from "./container-exec";

export interface EngineAnswer {
  /** The HTTP status; 0 when the engine could not be reached or did not answer in time. */
  status: number;
  /** The JSON answer parsed, or its text; the reason when status is 0. */
  body: unknown;
}

/** What a command attached to (an exec's start) wrote, its streams apart. */
export interface AttachedOutput {
  stdout: string;
  stderr: string;
  /** Whether the time ran out before the command's streams ended. */
  timedOut: boolean;
}

export interface EngineApi {
  request(method: "GET" | "POST" | "DELETE", path: string, body?: unknown, timeoutMs?: number): Promise<EngineAnswer>;
  /**
   * A POST that the engine answers by handing over the connection (an exec's
   * start, a container's attach): what was written on it, or the engine's answer when it refused.
   */
  attach(path: string, body: unknown, timeoutMs: number, session?: AttachSession): Promise<{ status: number; body?: unknown; output?: AttachedOutput }>;
  /** Opens the streams ahead of the requests (while a script runs), so that the first lookups do not wait for them. */
  warm(): void;
  /** Closes the open streams; a later request opens a new one. */
  close(): void;
}

/** What happens on an attached connection besides reading it. */
export interface AttachSession {
  /** Written as the command's whole standard input once attached, then closed. */
  input?: string | Buffer;
  /** Called once the connection is handed over: a container attached to can be started. */
  attached?: () => void;
}

/** Opens one stream to the engine's socket. */
export type OpenStream = () => Promise<Duplex>;

const DEFAULT_TIMEOUT_MS = 60_000;
/** Answers are inspections and listings: bounded, as a student may create thousands of containers. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/**
 * Two streams: each costs a docker process in the sandbox to open (about 80 ms
 * here), a request on an open one 2–3 ms, so more would cost more than they save.
 */
const STREAMS = 2;
/** Streams kept open for commands attached to. */
const SPARES = 2;

/**
 * A byte stream as http's agent uses a socket: with a socket's methods (nothing
 * to set on a stream), and closed once its far end is over, for the agent to
 * stop keeping it (it drops a kept socket when it closes, not when it ends).
 */
function asSocket(stream: Duplex): Duplex {
  const self = stream as Duplex & Record<string, unknown>;
  for (const method of ["setKeepAlive", "setNoDelay", "setTimeout", "ref", "unref"]) self[method] ??= () => stream;
  stream.on("end", () => stream.destroy());
  // Errors of a request are heard by http while it runs; an idle or dropped stream's by nobody.
  stream.on("error", () => undefined);
  return stream;
}

/**
 * The engine's framing of an attached command without a terminal: each frame an
 * 8-byte header (the stream, 1 stdout or 2 stderr, then the length) and its bytes.
 * Each stream is kept up to MAX_CAPTURE, as for a command run in the sandbox.
 */
function demultiplexer() {
  let pending: Buffer = Buffer.alloc(0);
  const kept: Record<1 | 2, Buffer[]> = { 1: [], 2: [] };
  const sizes: Record<1 | 2, number> = { 1: 0, 2: 0 };
  return {
    add(chunk: Buffer) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 8) {
        const length = pending.readUInt32BE(4);
        if (pending.length < 8 + length) break;
        const stream = pending[0] === 2 ? 2 : 1;
        if (sizes[stream] < MAX_CAPTURE) kept[stream].push(pending.subarray(8, 8 + length));
        sizes[stream] += length;
        pending = pending.subarray(8 + length);
      }
    },
    text: () => ({ stdout: Buffer.concat(kept[1]).toString("utf8"), stderr: Buffer.concat(kept[2]).toString("utf8") }),
  };
}

export function engineApiOver(open: OpenStream): EngineApi {
  const agent = new http.Agent({ keepAlive: true, maxSockets: STREAMS });
  (agent as unknown as { createConnection: unknown }).createConnection = (_options: unknown, done: (error: Error | null, stream?: Duplex) => void) => {
    open().then((stream) => done(null, asSocket(stream)), (error: Error) => done(error));
  };

  const once = (method: string, path: string, body: unknown, timeoutMs: number) =>
    new Promise<EngineAnswer & { reused: boolean }>((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request({ agent, host: "docker", method, path, headers: payload === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) return request.destroy(new Error(`the engine's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`));
          chunks.push(chunk);
        });
        response.on("error", (error) => resolve({ status: 0, body: error.message, reused: request.reusedSocket }));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // Plain-text answers (errors) are kept as text.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, reused: request.reusedSocket });
        });
      });
      // A timer of its own: a stream has no socket timeout for http's to rely on.
      const timer = setTimeout(() => request.destroy(new Error(`the engine did not answer within ${Math.ceil(timeoutMs / 1000)} s`)), timeoutMs);
      request.on("close", () => clearTimeout(timer));
      request.on("error", (error) => resolve({ status: 0, body: error.message, reused: request.reusedSocket }));
      request.end(payload);
    });

  // An attached command keeps its connection to the end: it gets a stream of its own, opened
  // ahead (the next one opens as soon as one is taken), not one the requests share. Two kept
  // ready: checks side by side often start two at once (an SQL exec beside a probe or another exec).
  let spares: Promise<Duplex>[] = [];
  const prepareSpare = () => {
    const next = open();
    spares.push(next);
    next.catch(() => (spares = spares.filter((spare) => spare !== next)));
  };
  const takeSpare = () => {
    const taken = spares.shift() ?? open();
    prepareSpare();
    return taken;
  };

  const attach = async (path: string, body: unknown, timeoutMs: number, session: AttachSession = {}) => {
    let stream: Duplex;
    try {
      stream = asSocket(await takeSpare());
    } catch (error) {
      return { status: 0, body: (error as Error).message };
    }
    return new Promise<{ status: number; body?: unknown; output?: AttachedOutput }>((resolve) => {
      const payload = body === undefined ? "" : JSON.stringify(body);
      const headers = { ...(payload ? { "Content-Type": "application/json" } : {}), "Content-Length": Buffer.byteLength(payload), Connection: "Upgrade", Upgrade: "tcp" };
      // No agent: with createConnection, http uses the stream given as it is.
      const request = http.request({ createConnection: () => stream as never, host: "docker", method: "POST", path, headers });
      let timedOut = false;
      let upgraded: Duplex | undefined;
      const timer = setTimeout(() => {
        timedOut = true;
        (upgraded ?? request).destroy();
      }, timeoutMs);
      request.on("upgrade", (_response, socket, head) => {
        upgraded = socket;
        const frames = demultiplexer();
        frames.add(head);
        socket.on("data", (chunk: Buffer) => frames.add(chunk));
        const over = () => {
          clearTimeout(timer);
          resolve({ status: 101, output: { ...frames.text(), timedOut } });
        };
        socket.on("close", over).on("end", () => socket.destroy());
        socket.on("error", () => socket.destroy());
        // Its end closes the command's standard input; its output still comes.
        if (session.input !== undefined) socket.end(session.input);
        session.attached?.();
      });
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // Kept as text.
          }
          stream.destroy();
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      });
      request.on("error", (error) => {
        clearTimeout(timer);
        stream.destroy();
        resolve({ status: 0, body: timedOut ? `the engine did not answer within ${Math.ceil(timeoutMs / 1000)} s` : error.message });
      });
      request.end(payload);
    });
  };

  /** Every stream open and kept (as many requests at once as there are streams), and an attached command's. */
  const warm = () => {
    for (let i = 0; i < STREAMS; i++) void once("GET", "/_ping", undefined, DEFAULT_TIMEOUT_MS);
    while (spares.length < SPARES) prepareSpare();
  };

  return {
    attach,
    warm,
    async request(method, path, body, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const answer = await once(method, path, body, timeoutMs);
      // A kept stream may have ended while idle (the engine restarted): a lookup is asked again on a new one.
      const again = answer.status === 0 && answer.reused && method === "GET";
      const { status, body: said } = again ? await once(method, path, body, timeoutMs) : answer;
      return { status, body: said };
    },
    close() {
      agent.destroy();
      for (const spare of spares) void spare.then((stream) => asSocket(stream).destroy(), () => undefined);
      spares = [];
    },
  };
}
