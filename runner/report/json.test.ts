import type { GradeResult } from "../result";
import { toJson } from "./json";
import { erroredResult, lampResult } from "../../test/support/sample-results";

/** The same result with every object's keys in reverse order, as an engine might build it. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) as T;
}

describe("toJson", () => {
  it("writes pretty JSON that parses back to the same result, with a trailing newline", () => {
    const text = toJson(lampResult);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "rubric": "lamp-stack",\n');
    expect(JSON.parse(text)).toEqual(lampResult);
  });

  it("orders keys as runner/result.ts declares them, whatever order they were built in", () => {
    const text = toJson(reversed(lampResult));
    expect(text).toBe(toJson(lampResult));
    const parsed = JSON.parse(text) as GradeResult;
    expect(Object.keys(parsed)).toEqual([
      "rubric", "submission", "score", "maxScore", "status", "checks", "run", "warnings",
      "durationMs", "timings", "sandbox",
    ]);
    expect(Object.keys(parsed.checks[1]!)).toEqual([
      "id", "title", "status", "points", "maxPoints", "message", "expected", "actual", "hint", "durationMs",
    ]);
    expect(Object.keys(parsed.run)).toEqual(["exitCode", "durationMs", "output", "timedOut", "droppedBytes"]);
    expect(Object.keys(parsed.timings)).toEqual(["sandboxMs", "imagesMs", "scriptMs", "checksMs", "waitMs", "actionsMs"]);
  });

  it("keeps French text and emoji literal, and the error of an errored grading", () => {
    const text = toJson(erroredResult);
    expect(text).toContain('"error": "Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté."');
    expect(toJson(lampResult)).toContain('"title": "Les fichiers déposés 📁 survivent à la recréation"');
    expect(JSON.parse(text)).toEqual(erroredResult);
    expect(Object.keys(JSON.parse(text) as object)).not.toContain("sandbox");
  });

  it("keeps keys it does not know, after the known ones", () => {
    const extended = { extra: 1, ...lampResult } as GradeResult;
    expect(Object.keys(JSON.parse(toJson(extended)) as object).at(-1)).toBe("extra");
  });
});
