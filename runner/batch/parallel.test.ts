import { defaultParallel, parseParallel } from "./parallel";

const GiB = 1024 ** 3;

describe("how many submissions are graded at once", () => {
  it("by default one more than the cores, at most 4, and no more than the memory holds at the rubric's limit", () => {
    expect(defaultParallel(2 * GiB, 2, 24 * GiB)).toBe(3);
    expect(defaultParallel(2 * GiB, 1, 24 * GiB)).toBe(2);
    expect(defaultParallel(2 * GiB, 16, 64 * GiB)).toBe(4);
    expect(defaultParallel(2 * GiB, 8, 5 * GiB)).toBe(2);
    expect(defaultParallel(8 * GiB, 8, 4 * GiB)).toBe(1);
  });

  it("--parallel takes a whole number of at least 1", () => {
    expect(parseParallel("3")).toBe(3);
    expect(() => parseParallel("0")).toThrow("--parallel takes a whole number of at least 1, got \"0\"");
    expect(() => parseParallel("1.5")).toThrow("--parallel takes");
  });
});
