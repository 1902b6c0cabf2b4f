/**
 * The sandbox's engine API, reached from the host through a byte stream into
 * the sandbox (`docker system dial-stdio` there joins it to the inner socket).
 * A stream, once open, carries request after request (HTTP keep-alive): a
 * lookup costs a few milliseconds instead of a docker process per question.
 * Only plain JSON requests travel here; attaching to a container does not.
 */
import * as http from "node:http";
import type { Duplex } from "node:stream";

export interface EngineAnswer {
  /** The HTTP status; 0 when the engine could not be reached or did not answer in time. */
  status: number;
  /** The JSON answer parsed, or its text; the reason when status is 0. */
  body: unknown;
}

export interface EngineApi {
  request(method: "GET" | "POST" | "DELETE", path: string, body?: unknown, timeoutMs?: number): Promise<EngineAnswer>;
  /** Opens the streams ahead of the requests (while a script runs), so that the first lookups do not wait for them. */
  warm(): void;
  /** Closes the open streams; a later request opens a new one. */
  close(): void;
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

/**
 * A byte stream as http's agent uses a socket: with a socket's methods (nothing
 * to set on a stream), and closed once its far end is over, for the agent to
 * stop keeping it (it drops a kept socket when it closes, not when it ends).
 */
function asSocket(stream: Duplex): Duplex {
  const self = stream as Duplex & Record<string, unknown>;
  for (const method of ["setKeepAlive", "setNoDelay", "setTimeout", "ref", "unref"]) self[method] ??= () => stream;
  stream.on("end", () => stream.destroy());
  return stream;
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

  return {
    async request(method, path, body, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const answer = await once(method, path, body, timeoutMs);
      // A kept stream may have ended while idle (the engine restarted): a lookup is asked again on a new one.
      const again = answer.status === 0 && answer.reused && method === "GET";
      const { status, body: said } = again ? await once(method, path, body, timeoutMs) : answer;
      return { status, body: said };
    },
    warm() {
      for (let i = 0; i < STREAMS; i++) void once("GET", "/_ping", undefined, DEFAULT_TIMEOUT_MS);
    },
    close: () => agent.destroy(),
  };
}
