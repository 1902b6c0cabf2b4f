import type { GradeResult } from "../../result";
import { studentAnchors, toHtmlReport } from "./report-html";
import { classResults } from "../../../test/support/sample-class";

describe("toHtmlReport", () => {
  const html = toHtmlReport(classResults);

  it("is one self-contained page: no script, nothing loaded from anywhere", () => {
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=/i);
    // The only absolute URL is the SVG namespace, which is a name, not a request.
    expect(html.match(/\w+:\/\/[^\s"'<>]+/g)?.filter((url) => url !== "http://www.w3.org/2000/svg") ?? []).toEqual([]);
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="(#[a-z0-9-]+|students\/[^"/]+\/(result\.json|junit\.xml))"$/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("draws the score distribution and the pass rates as inline SVG", () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    // lampResult scores 17 twice, chloe 20, bob 0: one bar per point up to 20.
    expect(html).toContain(`<g class="bin" data-label="17" data-count="2">`);
    expect(html).toContain(`<g class="bin" data-label="0" data-count="1">`);
    expect(html.match(/<g class="bin" /g)).toHaveLength(21);
    expect(html).toContain(`<g class="rate" data-check="volumes" data-passed="3" data-total="4">`);
    expect(html).toContain(">75% (3/4)</text>");
    expect(html).toContain(`<g class="rate" data-check="mysql-running" data-passed="1" data-total="4">`);
  });

  it("has a row per student with the score, linking to an anchor section with every check", () => {
    const anchors = [...html.matchAll(/<th scope="row"><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(anchors).toEqual(["student-alice", "student-bob", "student-chloe", "student-zoe-la-b"]);
    for (const anchor of anchors) expect(html).toContain(`<section class="student" id="${anchor}"`);
    expect(html).toMatch(/<tr data-student="chloe" data-status="completed">.*<td class="num score">20<\/td><td class="num max">20<\/td>/);
    expect(html).toContain(`<a href="students/zo%C3%A9%2C%20%22la%22%20%3Cb%3E/result.json">result.json</a>`);
    expect(html).toContain(`<tr class="check" data-check="mysql-running" data-status="failed">`);
  });

  it("shows the instructor everything, hidden checks included, marked as such", () => {
    expect(html).toContain("SECRET-MESSAGE: 2 des 3 fichiers restaurés");
    expect(html).toContain("(hidden from students)");
    expect(html).toContain(`<p class="grading-error">Grading error: Le script n’a pas terminé en 300 s`);
  });

  it("escapes student names, titles and script output, and drops terminal bytes", () => {
    expect(html).not.toContain("<b>");
    expect(html).toContain("zoé, &quot;la&quot; &lt;b&gt;");
    expect(html).toContain("état &quot;running&quot; &amp; santé &lt;healthy&gt;");
    expect(html).not.toContain("\x1b");
    const nasty: GradeResult = { ...classResults[1]!, submission: "</table><script>alert(1)</script>", run: { ...classResults[1]!.run, output: "<script>x</script>\x1b[31m" } };
    expect(toHtmlReport([nasty])).not.toMatch(/<script|<\/table><script/);
  });

  it("is deterministic: the same results in any order give the same bytes, with no date", () => {
    expect(toHtmlReport([...classResults].reverse())).toBe(html);
    expect(html).not.toMatch(/20\d\d-\d\d-\d\d/);
  });

  it("has something to say about an empty class", () => {
    expect(toHtmlReport([])).toContain(`<span data-stat="students">0</span> students`);
  });
});

describe("studentAnchors", () => {
  it("keeps ids to [a-z0-9-] and unique", () => {
    expect(studentAnchors(["Alice", "alice", "ALICE", "", "été 2024"])).toEqual(["student-alice", "student-alice-2", "student-alice-3", "student-x", "student-ete-2024"]);
  });
});
