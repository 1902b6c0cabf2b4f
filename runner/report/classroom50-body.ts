/**
 * Classroom 50's release-body.md: what the student reads on the Release of their
 * submission. The score as the gradebook counts it, a row per check, then for each check
 * short of full marks what was expected, what was found and what to try. Hidden checks
 * show their title and points only.
 */
import type { Translate } from "../i18n";
import { describeRunIn, feedbackIn } from "../live/format";
import type { CheckResult, CheckStatus, GradeResult } from "../result";
import type { Classroom50Result } from "./classroom50";
import { cell } from "./markdown";
import { feedback, formatPoints } from "./text";

const ICON: Record<CheckStatus, string> = { passed: "✅", failed: "❌", skipped: "⏭️", error: "⚠️" };

export interface ReleaseBodyOptions {
  t: Translate;
  /** The rubric's title and the script it runs, as the student knows them. */
  title: string;
  script: string;
  scale: number;
}

function detailLines(check: CheckResult, t: Translate): string[] {
  if (check.hidden) return [`- ${cell(t("classroom50.hidden"))}`];
  const text = feedbackIn(t);
  return feedback(check).map((line) => `- ${cell(text(line))}`);
}

export function toReleaseBody(result: GradeResult, classroom: Classroom50Result, options: ReleaseBodyOptions): string {
  const { t } = options;
  const lines = [`### ${cell(options.title)}: ${classroom.score}/${classroom["max-score"]}`, ""];
  const exact = formatPoints(result.score, result.maxScore);
  if (options.scale !== 1) lines.push(cell(t("classroom50.scaled", { scale: options.scale, exact })), "");
  else if (exact !== `${classroom.score}/${classroom["max-score"]}`) lines.push(cell(t("classroom50.rounded", { exact })), "");
  if (result.status === "error") lines.push(`> ${cell(t("summary.gradingError", { error: result.error ?? "" }))}`, "");

  if (result.checks.length) {
    lines.push(`| | ${t("classroom50.check")} | ${t("classroom50.points")} |`, "|---|---|---|");
    result.checks.forEach((check, i) => {
      const test = classroom.tests[i]!;
      lines.push(`| ${ICON[check.status]} | ${cell(check.title)} | ${test.score}/${test["max-score"]} |`);
    });
    lines.push("");
  }

  // A grading that errored has one reason, said above, not one per check.
  for (const check of result.status === "error" ? [] : result.checks) {
    if (check.status === "passed") continue;
    lines.push(`#### ${ICON[check.status]} ${cell(check.title)} (${formatPoints(check.points, check.maxPoints)}, \`${check.id}\`)`, "");
    lines.push(...detailLines(check, t), "");
  }

  lines.push(cell(t("summary.script", { script: options.script, run: describeRunIn(t, result.run) })), "");
  for (const warning of result.warnings) lines.push(`- ${cell(t("summary.warning", { text: warning }))}`);
  if (result.warnings.length) lines.push("");
  return lines.join("\n");
}
