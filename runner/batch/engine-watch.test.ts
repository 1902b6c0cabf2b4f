import type Dockerode from "dockerode";
import { PassThrough } from "node:stream";
import { watchEngine } from "./engine-watch";

/** An engine whose event streams the test breaks, and that answers again when told to. */
function fakeEngine() {
  const streams: PassThrough[] = [];
  let up = true;
  const docker = {
    ping: async () => {
      if (!up) throw new Error("connect ECONNREFUSED");
      return "OK";
    },
    getEvents: async () => {
      if (!up) throw new Error("connect ECONNREFUSED");
      const stream = new PassThrough();
      streams.push(stream);
      return stream;
    },
  } as unknown as Dockerode;
  return { docker, streams, setUp: (value: boolean) => (up = value) };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchEngine", () => {
  it("sees no outage while the event stream stays open", async () => {
    const engine = fakeEngine();
    const watch = watchEngine(engine.docker);
    await tick();
    expect(watch.overlaps(0, Date.now() + 1000)).toBe(false);
    watch.dispose();
    expect(engine.streams[0]!.destroyed).toBe(true);
  });

  it("records an outage from the stream's break to its reopening, and only gradings across it overlap", async () => {
    let clock = 100;
    const engine = fakeEngine();
    const watch = watchEngine(engine.docker, () => clock);
    await tick();
    engine.setUp(false);
    clock = 200;
    engine.streams[0]!.destroy(new Error("socket hang up"));
    await tick(700); // one reconnection refused
    engine.setUp(true);
    clock = 300;
    await tick(700);
    expect(watch.outages()).toEqual([{ from: 200, to: 300 }]);
    expect([watch.overlaps(150, 250), watch.overlaps(250, 400), watch.overlaps(0, 150), watch.overlaps(301, 500)]).toEqual([true, true, false, false]);
    watch.dispose();
  });

  it("counts a refused request as an outage while the stream is still open (a dockerd stopping its containers)", async () => {
    let clock = 100;
    const engine = fakeEngine();
    const watch = watchEngine(engine.docker, () => clock);
    await tick();
    expect(await watch.leftDuring(50)).toBe(false);
    engine.setUp(false);
    clock = 200;
    expect(await watch.leftDuring(150)).toBe(true);
    // The stream breaks once the engine exits, and opens again when it is back.
    engine.streams[0]!.destroy();
    engine.setUp(true);
    clock = 400;
    await tick(700);
    expect(watch.outages()).toEqual([{ from: 200, to: 400 }]);
    expect(await watch.leftDuring(401)).toBe(false);
    watch.dispose();
  });
});
