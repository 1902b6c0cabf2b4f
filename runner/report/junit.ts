/** JUnit XML for CI test reporters: one testsuite per submission, one testcase per check. */
import junitReportBuilder from "junit-report-builder";
import type { Builder, TestCase } from "junit-report-builder";
import type { CheckResult, GradeResult } from "../result";
import { clean, details, formatNumber, formatPoints, showsDetails } from "./text";

export interface JunitOptions {
  /** Include hidden checks' feedback; leave off for anything a student can open. */
  showHidden?: boolean;
}

const HIDDEN = "hidden check: details are not shown";

// The bundled xmlbuilder splits only the first "]]>" of a CDATA section (String#replace with a
// string pattern); split the later ones here so that script output cannot end the section.
// junit.test.ts pins this with a text holding several "]]>".
function cdata(text: string): string {
  let seen = false;
  return text.replace(/]]>/g, (match) => (seen ? "]]]]><![CDATA[>" : ((seen = true), match)));
}

function body(check: CheckResult): string {
  return details(check).map((d) => `${d.label}: ${d.value}`).join("\n");
}

function addCheck(testCase: TestCase, check: CheckResult, showHidden: boolean): void {
  const open = showsDetails(check, showHidden);
  const message = open ? clean(check.message) : HIDDEN;
  switch (check.status) {
    case "failed":
      testCase.failure(message, "failed");
      if (open && body(check)) testCase.stacktrace(cdata(body(check)));
      break;
    case "error":
      testCase.error(message, "error", open ? cdata(body(check)) : undefined);
      break;
    case "skipped":
      // junit-report-builder's <skipped/> takes no message: the reason goes to system-out.
      testCase.skipped();
      if (open && message) testCase.standardOutput(cdata(message));
      break;
    case "passed":
      break;
  }
}

function addResult(builder: Builder, result: GradeResult, showHidden: boolean): void {
  const suite = builder
    .testSuite()
    .name(`${result.rubric} — ${result.submission}`)
    .time(result.durationMs / 1000)
    .property("score", formatNumber(result.score))
    .property("maxScore", formatNumber(result.maxScore))
    .property("status", result.status);

  if (result.status === "error") {
    const grading = suite.testCase().className(result.rubric).name("grading").time(result.durationMs / 1000);
    grading.error(clean(result.error ?? "grading did not complete"), "error");
    if (result.run.output) grading.standardOutput(cdata(clean(result.run.output)));
  }

  for (const check of result.checks) {
    const testCase = suite
      .testCase()
      .className(result.rubric)
      .name(`[${formatPoints(check.points, check.maxPoints)}] ${check.id}: ${clean(check.title)}`)
      .time(check.durationMs / 1000)
      .property("points", formatNumber(check.points))
      .property("maxPoints", formatNumber(check.maxPoints))
      .property("status", check.status);
    addCheck(testCase, check, showHidden);
  }
}

export function toJunit(results: GradeResult | GradeResult[], options: JunitOptions = {}): string {
  // A fresh builder per call: the package's default export is a shared, stateful builder.
  const builder = junitReportBuilder.newBuilder();
  for (const result of Array.isArray(results) ? results : [results]) {
    addResult(builder, result, options.showHidden ?? false);
  }
  return `${builder.build()}\n`;
}
