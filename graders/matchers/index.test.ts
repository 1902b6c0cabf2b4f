import { match, readJsonPath } from ".";

describe("matchers", () => {
  test.each([
    ["plain value equals by spelling", 200, "200", true],
    ["equals", { equals: "webapp" }, "webapp", true],
    ["contains text", { contains: "PHP Version" }, "<h1>PHP Version 8.2</h1>", true],
    ["contains in a list", { contains: "b" }, ["a", "b"], true],
    ["matches is multiline", { matches: "^0 2 \\* \\* \\*" }, "# cron\n0 2 * * * ./backup.sh", true],
    ["matches with flags", { matches: "/^usage:/i" }, "Usage: ./backup-volume.sh <volume>", true],
    ["matches without flags is case-sensitive", { matches: "^usage:" }, "Usage: x", false],
    ["not", { not: { contains: "error" } }, "all good", true],
    ["one-of", { "one-of": [200, 301] }, 301, true],
    ["all-of", { "all-of": [{ contains: "a" }, { contains: "z" }] }, "abc", false],
    ["gt", { gt: 3 }, "4", true],
    ["le", { le: 3 }, 4, false],
    ["length", { length: { ge: 2 } }, ["x"], false],
    ["json path", { json: { path: "$.items[1].name", value: "b" } }, '{"items":[{"name":"a"},{"name":"b"}]}', true],
    ["json on text that is not JSON fails", { json: { path: "$.a", value: 1 } }, "<html>", false],
  ])("%s", (_name, matcher, actual, passed) => {
    expect(match(matcher as never, actual).passed).toBe(passed);
  });

  test("describes the expectation and the value found, shortened", () => {
    const result = match({ not: { contains: "Fatal" } }, "x".repeat(500));
    expect(result.expected).toBe('not (contains "Fatal")');
    expect(result.actual).toMatch(/^"x{199}… \(502 characters\)$/);
  });

  test("readJsonPath returns undefined for a missing path", () => {
    expect(readJsonPath({ a: { b: [1] } }, "$.a.b[0]")).toBe(1);
    expect(readJsonPath({ a: 1 }, "$.a.b.c")).toBeUndefined();
  });
});
