import { isBelow, parseThreshold, thresholdPoints } from "./fail-under";

describe("--fail-under", () => {
  it("reads points and percentages", () => {
    expect(parseThreshold("15")).toEqual({ points: 15 });
    expect(parseThreshold("12.5")).toEqual({ points: 12.5 });
    expect(parseThreshold("80%")).toEqual({ percent: 80 });
    expect(parseThreshold(" 100 % ")).toEqual({ percent: 100 });
  });

  it("refuses what is neither", () => {
    for (const text of ["", "abc", "-3", "101%", "15 points", "80%%"]) expect(parseThreshold(text)).toBeUndefined();
  });

  it("compares the score with the threshold in points, rounded as scores are", () => {
    expect(thresholdPoints({ percent: 80 }, 20)).toBe(16);
    expect(thresholdPoints({ percent: 33 }, 20)).toBe(6.6);
    expect(isBelow(6.6, { percent: 33 }, 20)).toBe(false);
    expect(isBelow(14, { points: 15 }, 20)).toBe(true);
    expect(isBelow(15, { points: 15 }, 20)).toBe(false);
    expect(isBelow(15.99, { percent: 80 }, 20)).toBe(true);
  });
});
