/** A grader's outcome as the student reads it, in one language: how message tests assert on words. */
import { graderFor } from "../../graders";
import type { Outcome } from "../../graders/types";
import type { Lang } from "../../runner/i18n";
import { phrasesText } from "../../runner/i18n/phrases";
import { renderedMessage } from "../../runner/grading/results";

export interface Said {
  message?: string;
  expected?: string;
  actual?: string;
}

export function said(type: string, outcome: Outcome, lang: Lang = "en"): Said {
  const by = outcome.grader ?? type;
  return {
    message: renderedMessage(graderFor(type)!, outcome, lang),
    expected: phrasesText(by, outcome.expected, lang),
    actual: phrasesText(by, outcome.actual, lang),
  };
}
