import { toJson } from "../json";
import { parseResultsJson, toResultsJson } from "./results-json";
import { classResults } from "../../../test/support/sample-class";

describe("toResultsJson", () => {
  const text = toResultsJson(classResults);

  it("is the array of results in student order, each as grade --json writes it", () => {
    const parsed = JSON.parse(text) as { submission: string }[];
    expect(parsed.map((r) => r.submission)).toEqual(["alice", "bob", "chloe", "zoé, \"la\" <b>"]);
    const sorted = [...classResults].sort((a, b) => (a.submission < b.submission ? -1 : 1));
    expect(text).toBe(`${JSON.stringify(sorted.map((r) => JSON.parse(toJson(r))), null, 2)}\n`);
  });

  it("reads back what it wrote, and refuses what is not a list of results", () => {
    expect(parseResultsJson(text, "r.json")).toEqual(JSON.parse(text));
    expect(toResultsJson([])).toBe("[]\n");
    expect(() => parseResultsJson("{", "r.json")).toThrow(/r\.json: not JSON/);
    expect(() => parseResultsJson("{}", "r.json")).toThrow(/expected an array/);
    expect(() => parseResultsJson('[{"score": 1}]', "r.json")).toThrow(/item 0 is not a grading result/);
  });
});
