import { DURATION_PATTERN, SIZE_PATTERN, parseDuration, parseSize } from "./units";

describe("parseDuration", () => {
  it.each([
    ["300s", 300_000],
    ["2m", 120_000],
    ["500ms", 500],
    ["1h", 3_600_000],
    ["1m30s", 90_000],
    ["1h2m3s4ms", 3_723_004],
    ["1.5s", 1_500],
    [90, 90_000],
    [0.25, 250],
    [0, 0],
  ])("reads %p as %p ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "5", "5 min", "1x", "30s1m", "1s1s", "-1s", "s", "1m 30s"])("refuses %p", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("refuses negative numbers and other types", () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(true)).toBeUndefined();
    expect(parseDuration(null)).toBeUndefined();
  });

  it("exports the pattern the schema uses, which agrees with the parser", () => {
    expect(new RegExp(DURATION_PATTERN, "u").test("1m30s")).toBe(true);
    expect(new RegExp(DURATION_PATTERN, "u").test("30s1m")).toBe(false);
  });
});

describe("parseSize", () => {
  it.each([
    ["1MiB", 1024 ** 2],
    ["2GiB", 2 * 1024 ** 3],
    ["512MB", 512e6],
    ["100kB", 100e3],
    ["100k", 102_400],
    ["64m", 64 * 1024 ** 2],
    ["10B", 10],
    ["4096", 4096],
    ["1.5KiB", 1536],
    ["2 GiB", 2 * 1024 ** 3],
    [4096, 4096],
  ])("reads %p as %p bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["", "2 gigs", "1MiBs", "MiB", "-1k", "1.5", "1.5B"])("refuses %p", (text) => {
    expect(parseSize(text)).toBeUndefined();
  });

  it("refuses fractional or negative numbers of bytes", () => {
    expect(parseSize(1.5)).toBeUndefined();
    expect(parseSize(-1)).toBeUndefined();
  });

  it("exports the pattern the schema uses", () => {
    expect(new RegExp(SIZE_PATTERN, "u").test("2GiB")).toBe(true);
  });
});
