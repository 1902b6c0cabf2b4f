import { classStats, percent, scoreBins } from "./stats";
import { classResults } from "../../../test/support/sample-class";

describe("classStats", () => {
  it("counts students and errors, and gives mean, median and pass rates", () => {
    const stats = classStats(classResults);
    expect(stats).toMatchObject({ students: 4, errored: 1, maxScore: 20, mean: 13.5, median: 17 });
    expect(stats.passRates.map((r) => [r.check.id, r.passed, r.total])).toEqual([
      ["volumes", 3, 4], ["mysql-running", 1, 4], ["webapp-db", 1, 4], ["web-content-mount", 3, 4],
      ["info-page", 3, 4], ["survives-recreate", 3, 4], ["backup-archive", 3, 4], ["restore-secret", 1, 4],
    ]);
  });

  it("takes the middle pair's mean for an even count", () => {
    expect(classStats(classResults.slice(1)).median).toBe(17);
    expect(classStats(classResults.slice(0, 2)).median).toBe(18.5);
    expect(classStats([])).toMatchObject({ students: 0, mean: 0, median: 0, passRates: [] });
  });
});

describe("scoreBins", () => {
  it("gives a bar per whole point up to 25, scores rounded down", () => {
    const bins = scoreBins([0, 2.5, 2, 20], 20);
    expect(bins).toHaveLength(21);
    expect(bins[2]).toEqual({ label: "2", count: 2 });
    expect(bins[20]).toEqual({ label: "20", count: 1 });
  });

  it("gives ten ranges above 25 points, the top one holding full marks", () => {
    const bins = scoreBins([0, 99.9, 100, 35], 100);
    expect(bins.map((b) => b.label)).toEqual(["0–10", "10–20", "20–30", "30–40", "40–50", "50–60", "60–70", "70–80", "80–90", "90–100"]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
  });
});

describe("percent", () => {
  it("rounds to a whole percent, 0% of nothing", () => {
    expect([percent(1, 3), percent(2, 3), percent(0, 0)]).toEqual(["33%", "67%", "0%"]);
  });
});
