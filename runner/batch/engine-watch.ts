/**
 * Whether the host's Docker engine went away during a batch. A sandbox whose
 * engine restarted looks, from inside a grading, like a student who stopped
 * their sandbox's engine; it is not their fault, and such a result must not be
 * kept. The host engine's event stream stays open while the engine runs: when
 * it breaks, an outage starts; it ends when the stream opens again. A stopping
 * dockerd closes its socket first and its open streams only once its containers
 * are stopped, so `leftDuring` also asks the engine anew: a refusal is an outage.
 */
import type Dockerode from "dockerode";
import type { Readable } from "node:stream";

export interface Outage {
  from: number;
  /** Undefined while the engine is still away. */
  to?: number;
}

export interface EngineWatch {
  /** Whether an outage overlaps the time from `from` to `to`. */
  overlaps(from: number, to: number): boolean;
  /** Asks the engine first (a refusal starts an outage), then whether one overlaps `from` to now. */
  leftDuring(from: number): Promise<boolean>;
  outages(): readonly Outage[];
  dispose(): void;
}

/** What a grading the host engine went away during says instead of a score. */
export const ENGINE_LEFT = "the host's Docker engine stopped or restarted during this grading (not the student's doing)";

const RECONNECT_MS = 500;

export function watchEngine(docker: Dockerode, now: () => number = Date.now): EngineWatch {
  const outages: Outage[] = [];
  let stream: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;

  const begin = () => {
    const last = outages[outages.length - 1];
    if (!last || last.to !== undefined) outages.push({ from: now() });
  };
  const lost = () => {
    stream = undefined;
    if (disposed || timer) return; // a stream's error and close both end here
    begin();
    timer = setTimeout(connect, RECONNECT_MS);
  };
  const connect = () => {
    timer = undefined;
    docker.getEvents({ filters: { type: ["container"] } }).then(
      (opened) => {
        if (disposed) return void (opened as Readable).destroy();
        stream = opened as Readable;
        const last = outages[outages.length - 1];
        if (last && last.to === undefined) last.to = now();
        stream.on("data", () => undefined);
        stream.once("error", lost);
        stream.once("close", lost);
      },
      () => lost(),
    );
  };
  connect();

  const overlaps = (from: number, to: number) => outages.some((outage) => outage.from <= to && (outage.to ?? Infinity) >= from);
  return {
    overlaps,
    async leftDuring(from) {
      // Until the stream breaks and opens again, the outage stays open.
      await docker.ping().catch(begin);
      return overlaps(from, now());
    },
    outages: () => outages,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      stream?.destroy();
    },
  };
}
