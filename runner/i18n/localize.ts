/**
 * A result shown in another language than it was graded in: every check that
 * kept its message ids and data (`phrases`) is rendered again. The rubric's
 * own texts (titles, hints, feedback) stay as the instructor wrote them.
 */
import type { CheckResult, GradeResult } from "../result";
import type { Lang } from ".";
import { phrasesText, sayText } from "./phrases";

export function localizeCheck(check: CheckResult, lang: Lang): CheckResult {
  const said = check.phrases;
  if (!said) return check;
  return {
    ...check,
    message: said.message ? sayText(said.by, said.message, lang) : check.message,
    expected: said.expected ? phrasesText(said.by, said.expected, lang) : check.expected,
    actual: said.actual ? phrasesText(said.by, said.actual, lang) : check.actual,
  };
}

export function localize(result: GradeResult, lang: Lang): GradeResult {
  return { ...result, checks: result.checks.map((check) => localizeCheck(check, lang)) };
}
