import { erroredResult, lampResult } from "../../test/support/sample-results";
import { formatDuration, ProgressModel, progressDisplay } from "./progress";

describe("formatDuration", () => {
  it("reads like a person would say it", () => {
    expect([400, 9_100, 42_000, 125_000, 3_725_000].map(formatDuration)).toEqual(["0.4 s", "9.1 s", "42 s", "2 min 05 s", "1 h 02 min"]);
  });
});

describe("ProgressModel.remainingMs", () => {
  it("is unknown until a grading finished", () => {
    const model = new ProgressModel(4, 2);
    model.start("a", 0);
    expect(model.remainingMs(5_000)).toBeUndefined();
  });

  it("shares the mean time of what is left among the parallel slots", () => {
    const model = new ProgressModel(6, 2);
    model.start("a", 0);
    model.start("b", 0);
    model.finish("a", lampResult, 10_000);
    model.start("c", 10_000);
    // 3 not started x 10 s, b has 0 s left of its 10, c has 6 s left at t=14 s; 2 slots.
    expect(model.remainingMs(14_000)).toBe((3 * 10_000 + 0 + 6_000) / 2);
  });

  it("does not let gradings that needed no sandbox pull the estimate to zero", () => {
    const model = new ProgressModel(4, 1);
    model.start("empty", 0);
    model.finish("empty", lampResult, 5);
    model.start("slow", 5);
    expect(model.remainingMs(4_000)).toBeUndefined();
    model.finish("slow", lampResult, 20_005);
    expect(model.remainingMs(20_005)).toBe(2 * 20_000);
  });
});

describe("progressDisplay", () => {
  function recorder() {
    const writes: string[] = [];
    let clock = 0;
    return { writes, now: () => clock, tick: (ms: number) => (clock += ms) };
  }

  it("writes plain lines off a terminal: what started, what finished with its score, what runs, the time left", () => {
    const r = recorder();
    const display = progressDisplay(new ProgressModel(3, 2), { live: false, write: (t) => r.writes.push(t), now: r.now });
    display.started("alice");
    display.started("bob\x1b[31m");
    r.tick(10_000);
    display.finished("alice", lampResult);
    display.started("chloe");
    r.tick(2_000);
    display.finished("bob\x1b[31m", erroredResult);
    display.close();
    expect(r.writes).toEqual([
      "[0/3] started alice\n",
      "[0/3] started bob\n",
      // 1 not started x 10 s, bob's 10 s spent: 10 s over 2 slots.
      "[1/3] alice: 17/20 in 10 s; running: bob; about 5.0 s left\n",
      "[1/3] started chloe\n",
      // Mean 11 s, chloe ran 2 s of it, one slot busy.
      "[2/3] bob: error (Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté.) in 12 s; running: chloe; about 9.0 s left\n",
    ]);
  });

  it("on a terminal, redraws a live block in place under the finished lines, cut to the terminal's width", () => {
    const r = recorder();
    const long = "x".repeat(80);
    const display = progressDisplay(new ProgressModel(2, 2), { live: true, write: (t) => r.writes.push(t), now: r.now, columns: 60 });
    display.started("alice");
    display.started(long);
    r.tick(3_000);
    display.finished("alice", lampResult);
    display.close();
    const cut = `  ▸ ${"x".repeat(54)}…`;
    expect(cut).toHaveLength(59);
    expect(r.writes).toEqual([
      "[0/2] graded, 1 running, estimating time left\n  ▸ alice  0.0 s\n",
      `\x1b[2F\x1b[J[0/2] graded, 2 running, estimating time left\n  ▸ alice  0.0 s\n${cut}\n`,
      `\x1b[3F\x1b[J[1/2] alice: 17/20 in 3.0 s\n[1/2] graded, 1 running, finishing\n${cut}\n`,
      `\x1b[2F\x1b[J[1/2] graded, 1 running, finishing\n${cut}\n`,
    ]);
  });
});
