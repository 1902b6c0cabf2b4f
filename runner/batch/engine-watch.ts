/**
 * Whether the host's Docker engine went away during a batch. A sandbox whose
 * engine restarted looks, from inside a grading, like a student who stopped
 * their sandbox's engine; it is not their fault, and such a result must not be
 * kept. The host engine's event stream stays open while the engine runs: when
 * it breaks, an outage starts; it ends when the stream opens again.
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
  outages(): readonly Outage[];
  dispose(): void;
}

const RECONNECT_MS = 500;

export function watchEngine(docker: Dockerode, now: () => number = Date.now): EngineWatch {
  const outages: Outage[] = [];
  let stream: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;

  const lost = () => {
    stream = undefined;
    if (disposed || timer) return; // a stream's error and close both end here
    const last = outages[outages.length - 1];
    if (!last || last.to !== undefined) outages.push({ from: now() });
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

  return {
    overlaps: (from, to) => outages.some((outage) => outage.from <= to && (outage.to ?? Infinity) >= from),
    outages: () => outages,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      stream?.destroy();
    },
  };
}
