import { graderFor } from ".";
import type { Outcome } from "./types";
import { fakeContext } from "../test/support/fake-context";

const all = graderFor("all")!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const volume = (name: string) => ({ volume: { names: [name] } });
const command = (run: string) => ({ command: { run, expect: { "exit-code": 0 } } });

/** A context whose items answer after `delays[name]` ms, passing when listed in `passing`, throwing when in `broken`. */
function timedItems(delays: Record<string, number>, passing: string[], broken: string[] = []) {
  const events: string[] = [];
  const check = async (type: string, spec: unknown): Promise<Outcome> => {
    const name = type === "volume" ? (spec as { names: string[] }).names[0] : (spec as { run: string }).run;
    events.push(`start ${name}`);
    await sleep(delays[name] ?? 1);
    events.push(`end ${name}`);
    if (broken.includes(name)) throw new Error(`${name} broke`);
    return passing.includes(name) ? { passed: true } : { passed: false, messageId: "mismatch", data: { name } };
  };
  return { ctx: fakeContext({}, check), events };
}

describe("all: several checks that earn their points together", () => {
  it("runs items that only read side by side; the outcome is the first that fails, with the share that passed before it", async () => {
    const { ctx, events } = timedItems({ a: 40, b: 20, c: 1 }, ["a", "c"]);
    const outcome = await all.evaluate(ctx, [volume("a"), volume("b"), volume("c")]);
    expect(events.slice(0, 3)).toEqual(["start a", "start b", "start c"]);
    expect(outcome).toMatchObject({ passed: false, data: { name: "b" }, ratio: 1 / 3 });
  });

  it("an item that fails before one that breaks is the outcome, as when they ran in turn", async () => {
    const { ctx } = timedItems({}, [], ["b"]);
    await expect(all.evaluate(ctx, [volume("a"), volume("b")])).resolves.toMatchObject({ passed: false, data: { name: "a" }, ratio: 0 });
    await expect(all.evaluate(ctx, [volume("b"), volume("a")])).rejects.toThrow("b broke");
  });

  it("runs items in turn when one may change the sandbox, and stops at the first that fails", async () => {
    const { ctx, events } = timedItems({ first: 20 }, []);
    const outcome = await all.evaluate(ctx, [command("first"), volume("later")]);
    expect(events).toEqual(["start first", "end first"]);
    expect(outcome).toMatchObject({ passed: false, ratio: 0 });
  });

  it("passes when every item passes", async () => {
    const { ctx } = timedItems({}, ["a", "b"]);
    expect(await all.evaluate(ctx, [volume("a"), volume("b")])).toEqual({ passed: true });
  });
});
