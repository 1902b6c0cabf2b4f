/**
 * JUnit XML for CI test reporters: one testsuite per submission, one testcase per check.
 *
 * Written to what every consumer accepts: Jenkins' xunit plugin validates against its
 * junit-10.xsd (test/support/junit.xsd restates it), so a testcase holds no properties and
 * <testsuites> has no skipped count. Jenkins and GitLab key a test's history on its
 * classname and name, so neither carries the points: the name is `id: title`, the
 * classname `rubric.submission` (GitLab shows it as the suite, so a batch's reports tell
 * the students apart). The points are in each testcase's system-out and in the body of a
 * failure, which is what GitLab shows (it ignores `message`).
 */
import type { CheckResult, GradeResult } from "../result";
import { clean, feedback, feedbackText, formatNumber, formatPoints, showsDetails } from "./text";
import { xmlDocument, type XmlNode } from "./xml";

export interface JunitOptions {
  /** Include hidden checks' feedback; leave off for anything a student can open. */
  showHidden?: boolean;
}

const HIDDEN = "hidden check: details are not shown";

const seconds = (ms: number): string => formatNumber(ms / 1000);

function pointsLine(check: CheckResult): string {
  return `points: ${formatPoints(check.points, check.maxPoints)}`;
}

/** The failure, error or skipped element of a check that did not pass. */
function outcome(check: CheckResult, showHidden: boolean): XmlNode | undefined {
  if (check.status === "passed") return undefined;
  const open = showsDetails(check, showHidden);
  const message = open ? clean(check.message) : HIDDEN;
  if (check.status === "skipped") return { name: "skipped", attrs: { message }, children: message };
  // The body, for readers that show no message (GitLab): the points, then what the console shows.
  const lines = open ? feedback(check).map(feedbackText) : [HIDDEN];
  const body = [pointsLine(check), ...lines].join("\n");
  return { name: check.status === "failed" ? "failure" : "error", attrs: { message, type: check.status }, children: body };
}

function checkCase(result: GradeResult, check: CheckResult, showHidden: boolean): XmlNode {
  const status = outcome(check, showHidden);
  return {
    name: "testcase",
    attrs: { name: `${check.id}: ${clean(check.title)}`, classname: classname(result), time: seconds(check.durationMs) },
    children: [...(status ? [status] : []), { name: "system-out", children: pointsLine(check) }],
  };
}

/** An errored grading (no engine, a timeout) as one errored testcase, with the script's output. */
function gradingCase(result: GradeResult): XmlNode {
  const error = clean(result.error ?? "grading did not complete");
  return {
    name: "testcase",
    attrs: { name: "grading", classname: classname(result), time: seconds(result.durationMs) },
    children: [
      { name: "error", attrs: { message: error, type: "error" }, children: error },
      ...(result.run.output ? [{ name: "system-out", children: result.run.output }] : []),
    ],
  };
}

function classname(result: GradeResult): string {
  return `${result.rubric}.${clean(result.submission)}`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function counts(result: GradeResult): Counts {
  const by = (status: CheckResult["status"]) => result.checks.filter((c) => c.status === status).length;
  const grading = result.status === "error" ? 1 : 0;
  return { tests: result.checks.length + grading, failures: by("failed"), errors: by("error") + grading, skipped: by("skipped") };
}

function suite(result: GradeResult, showHidden: boolean): XmlNode {
  const { tests, failures, errors, skipped } = counts(result);
  const properties: XmlNode = {
    name: "properties",
    children: [
      { name: "property", attrs: { name: "score", value: formatNumber(result.score) } },
      { name: "property", attrs: { name: "maxScore", value: formatNumber(result.maxScore) } },
      { name: "property", attrs: { name: "status", value: result.status } },
    ],
  };
  return {
    name: "testsuite",
    attrs: { name: `${result.rubric} — ${result.submission}`, tests, failures, errors, skipped, time: seconds(result.durationMs) },
    children: [
      properties,
      ...(result.status === "error" ? [gradingCase(result)] : []),
      ...result.checks.map((check) => checkCase(result, check, showHidden)),
    ],
  };
}

export function toJunit(results: GradeResult | GradeResult[], options: JunitOptions = {}): string {
  const list = Array.isArray(results) ? results : [results];
  const total = list.map(counts).reduce((a, b) => ({ tests: a.tests + b.tests, failures: a.failures + b.failures, errors: a.errors + b.errors, skipped: 0 }), {
    tests: 0, failures: 0, errors: 0, skipped: 0,
  });
  const time = seconds(list.reduce((sum, result) => sum + result.durationMs, 0));
  return xmlDocument({
    name: "testsuites",
    // No skipped here: junit-10.xsd does not allow it on <testsuites>.
    attrs: { tests: total.tests, failures: total.failures, errors: total.errors, time },
    children: list.map((result) => suite(result, options.showHidden ?? false)),
  });
}
