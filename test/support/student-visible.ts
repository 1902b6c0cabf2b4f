/**
 * Everything a student may read of a result, in one language: the console
 * summary, `labgrade check`'s display, the JSON messages, JUnit, Classroom's
 * payload and the HTML report's feedback. What the student's own scripts
 * printed is left out (the run's output, and what a `script` check quotes of
 * it): it is the student's, not the harness's. And the markers of the
 * harness's insides that none of it may hold.
 */
import { toHtmlReport } from "../../runner/report/class/report-html";
import { translator, type Lang } from "../../runner/i18n";
import { localize } from "../../runner/i18n/localize";
import { checkBlocks, pointsWidthOf, summaryLines } from "../../runner/live/format";
import { toClassroomPayload, toConsole, toJson, toJunit } from "../../runner/report";
import type { Phrase } from "../../graders/types";
import type { CheckResult, GradeResult } from "../../runner/result";

/** What the harness's insides look like when they leak: probe paths, shell and curl errors, stack traces, container ids. */
export const INSIDES: [string, RegExp][] = [
  ["a probe container's path", /\/probe\//],
  ["a shell error", /cannot open|(^|[\s(])(ba)?sh: |: not found|No such file or directory/m],
  ["a curl error", /curl: \(/],
  ["an error's text", /Error: |Error response from daemon/],
  ["a stack trace", /(\n|\\n)\s+at [^\n]+:\d+:\d+/],
  ["a container id", /\b[0-9a-f]{64}\b/],
  ["a placeholder left unfilled", /\{[a-z][\w-]*\}/],
];

const THEIRS = "(what the script printed)";

/** A `script` check's phrases with the script's own output set aside. */
function withoutScriptOutput(check: CheckResult): CheckResult {
  if (check.phrases?.by !== "script") return check;
  const data = check.phrases.message?.data;
  const actual = check.phrases.actual?.map((p): Phrase => (p.id === "expect.output" ? { id: p.id, data: { value: THEIRS } } : p));
  return { ...check, phrases: { ...check.phrases, message: check.phrases.message && { ...check.phrases.message, data: { ...data, ...(data?.output ? { output: THEIRS } : {}) } }, actual } };
}

export function studentVisible(graded: GradeResult, lang: Lang): Record<string, string> {
  const result = localize({ ...graded, checks: graded.checks.map(withoutScriptOutput), run: { ...graded.run, output: "" } }, lang);
  const t = translator(lang);
  const width = pointsWidthOf(result.checks.map((c) => c.maxPoints));
  const check = [...checkBlocks({ t, color: false }, result.checks, width), ...summaryLines(result, { t, color: false, script: "lab.sh", requires: {} })].join("\n");
  return {
    console: toConsole(result, { color: false }),
    check,
    json: result.checks.map((c) => [c.message, c.expected, c.actual].filter(Boolean).join("\n")).join("\n") + JSON.parse(toJson(result)).warnings.join("\n"),
    junit: toJunit(result),
    classroom: JSON.stringify(toClassroomPayload(result), null, 1),
    html: toHtmlReport([result]),
  };
}

/** Each leak as "format: what (the text around it)". */
export function leaks(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [format, text] of Object.entries(texts)) {
    for (const [what, marker] of INSIDES) {
      const at = marker.exec(text);
      if (at) found.push(`${format}: ${what} in …${text.slice(Math.max(0, at.index - 60), at.index + 60)}…`);
    }
  }
  return found;
}
