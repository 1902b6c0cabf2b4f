import { match, matcherPhrase, readJsonPath, valuePhrase } from "./match";
import type { Phrase } from "../types";
import type { Lang } from "../../runner/i18n";
import { phraseText } from "../../runner/i18n/phrases";

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

  const words = (phrase: Phrase, lang: Lang = "en") => phraseText("exec", phrase, lang);

  test("describes the expectation and the value found in words, in each language", () => {
    const result = match({ not: { contains: "Fatal" } }, "x".repeat(500));
    expect(words(result.expected)).toBe('not containing "Fatal"');
    expect(words(result.expected, "fr")).toBe("ne contenant pas « Fatal »");
    expect(words(result.actual)).toBe(`"${"x".repeat(120)}…" (500 characters)`);
    expect(words(matcherPhrase({ "one-of": [200, 301] }), "fr")).toBe("l'une des valeurs 200, 301");
    expect(words(matcherPhrase({ ge: 2 }), "fr")).toBe("2 ou plus");
    expect(words(matcherPhrase({ json: { path: "$.status", value: "ok" } }))).toBe('with $.status "ok"');
    expect(words(matcherPhrase({ matches: "/^usage:/i" }))).toBe("matching /^usage:/i");
  });

  test("summarises long texts at a word and HTML by its title or first words, never mid-tag", () => {
    const page = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body><h1>Not Found</h1></body></html>';
    expect(words(valuePhrase(page))).toBe('an HTML page titled "404 Not Found"');
    expect(words(valuePhrase("<html><body><h1>It   works!</h1><p>Apache &amp; PHP</p></body></html>"), "fr")).toBe("une page HTML commençant par « It works! Apache & PHP »");
    expect(words(valuePhrase("first line\nsecond\nthird"))).toBe('"first line…" (3 lines)');
    expect(words(valuePhrase(`${"word ".repeat(40)}end`))).toMatch(/^"(word ){23}word…" \(203 characters\)$/);
    expect(words(valuePhrase("  "), "fr")).toBe("vide");
    expect(words(valuePhrase(404))).toBe("404");
  });

  test("readJsonPath returns undefined for a missing path", () => {
    expect(readJsonPath({ a: { b: [1] } }, "$.a.b[0]")).toBe(1);
    expect(readJsonPath({ a: 1 }, "$.a.b.c")).toBeUndefined();
  });
});
