import { parseShard, shareOf } from "./shards";

describe("parseShard", () => {
  it("reads i/n, 1-based", () => {
    expect(parseShard("1/2")).toEqual({ index: 1, total: 2 });
    expect(parseShard(" 4/4 ")).toEqual({ index: 4, total: 4 });
  });

  it.each(["0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2", "1.5/2", ""])("refuses %p as bad usage", (text) => {
    expect(() => parseShard(text)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining("--shard takes i/n") }));
  });
});

describe("shareOf", () => {
  const students = Array.from({ length: 11 }, (_, i) => `s${String(i).padStart(2, "0")}`);

  it("splits a class into disjoint shares that cover it, balanced to within one", () => {
    for (const total of [1, 2, 3, 4, 11, 15]) {
      const shares = Array.from({ length: total }, (_, i) => shareOf(students, { index: i + 1, total }));
      expect(shares.flat().sort()).toEqual(students);
      const sizes = shares.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("gives a shard the same share whatever else runs: it depends only on the sorted list", () => {
    expect(shareOf(students, { index: 2, total: 3 })).toEqual(["s01", "s04", "s07", "s10"]);
    expect(shareOf(students, { index: 2, total: 3 })).toEqual(shareOf([...students], { index: 2, total: 3 }));
  });

  it("is the whole list without a shard", () => {
    expect(shareOf(students, undefined)).toEqual(students);
  });
});
