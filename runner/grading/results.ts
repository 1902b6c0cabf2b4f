/** Turning a step's outcome into what the student reads: points, status and message. */
import type { Grader, Outcome, Phrase } from "../../graders/types";
import type { Lang } from "../i18n";
import { dataText, HARNESS, phrasesText, phraseText, sayText } from "../i18n/phrases";
import { render } from "../render";
import type { CheckPhrases, CheckResult } from "../result";
import { roundPoints } from "../rubric/points";
import type { CheckStep, Step } from "../rubric/types";
import type { ResolvedStep } from "./resolve";

/** A grader's message for an outcome in `lang`, its data (phrases included) rendered in that language. */
export function renderedMessage(grader: Grader, outcome: Outcome, lang: Lang = "en"): string | undefined {
  return outcome.messageId ? phraseText(outcome.grader ?? grader, { id: outcome.messageId, data: outcome.data }, lang) : undefined;
}

/** The rubric's own failure text wins over the grader's; its {placeholders} take the outcome's data and values. */
export function outcomeMessage(step: ResolvedStep, outcome: Outcome, lang: Lang = "en"): string {
  if (step.kind === "check" && step.feedback.fail) {
    const by = outcome.grader ?? step.type;
    return render(step.feedback.fail, { ...dataText(by, outcome.data, lang), expected: phrasesText(by, outcome.expected, lang), actual: phrasesText(by, outcome.actual, lang) });
  }
  return renderedMessage(step.grader, outcome, lang) ?? (outcome.passed ? "" : "The check failed.");
}

/** A check not run, for a reason of the harness's: "not checked because web-running failed". */
export function skipped(step: CheckStep, reason: Phrase, lang: Lang = "en", status: "skipped" | "failed" | "error" = "skipped"): CheckResult {
  return {
    id: step.id,
    title: step.title,
    status,
    points: 0,
    maxPoints: step.points,
    message: sayText(HARNESS, reason, lang),
    hidden: step.hidden || undefined,
    durationMs: 0,
    phrases: { by: HARNESS, message: reason },
  };
}

function phrasesOf(step: CheckStep, outcome: Outcome, error: string | undefined): CheckPhrases | undefined {
  if (error) return { by: HARNESS, message: { id: "engine.graderError", data: { error } } };
  if (outcome.passed) return undefined;
  const own = !step.feedback.fail && outcome.messageId ? { id: outcome.messageId, data: outcome.data } : undefined;
  return { by: outcome.grader ?? step.type, message: own, expected: outcome.expected, actual: outcome.actual };
}

export function checkResultOf(step: ResolvedStep<CheckStep>, outcome: Outcome, error: string | undefined, durationMs: number, lang: Lang = "en"): CheckResult {
  const ratio = outcome.passed ? 1 : step.partial ? (outcome.ratio ?? 0) : 0;
  const by = outcome.grader ?? step.type;
  return {
    id: step.id,
    title: step.title,
    status: error ? "error" : outcome.passed ? "passed" : "failed",
    points: roundPoints(step.points * ratio),
    maxPoints: step.points,
    message: error ? sayText(HARNESS, { id: "engine.graderError", data: { error } }, lang) : outcome.passed ? "" : outcomeMessage(step, outcome, lang),
    expected: outcome.passed ? undefined : phrasesText(by, outcome.expected, lang),
    actual: outcome.passed ? undefined : phrasesText(by, outcome.actual, lang),
    hint: outcome.passed ? undefined : step.feedback.hint,
    hidden: step.hidden || undefined,
    durationMs,
    phrases: phrasesOf(step, outcome, error),
  };
}

/** The steps to run for `only`: the selected checks, every action, and all they require. */
export function selectedSteps(steps: Step[], only: string[] | undefined): Set<string> {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const wanted = only ? [...only, ...steps.filter((s) => s.kind === "action").map((s) => s.id)] : steps.map((s) => s.id);
  const selected = new Set<string>();
  while (wanted.length) {
    const id = wanted.pop()!;
    if (selected.has(id) || !byId.has(id)) continue;
    selected.add(id);
    wanted.push(...byId.get(id)!.requires);
  }
  return selected;
}
