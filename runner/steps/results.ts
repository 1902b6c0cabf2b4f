/** Turning a step's outcome into what the student reads: points, status and message. */
import { graderFor } from "../../graders";
import type { Grader, Outcome } from "../../graders/types";
import type { Lang, Translate } from "../i18n";
import { render } from "../render";
import type { CheckResult } from "../result";
import type { CheckStep, Step } from "../rubric/types";

export function round(points: number): number {
  return Math.round(points * 100) / 100;
}

/** A grader's message for an outcome in `lang` (English when it has no translation), with its data and expected/actual filled in. */
export function renderedMessage(grader: Grader, outcome: Outcome, lang: Lang = "en"): string | undefined {
  if (outcome.message) return outcome.message;
  const id = outcome.messageId;
  const template = id ? (lang === "en" ? undefined : grader.translations?.[lang]?.[id]) ?? grader.messages[id] : undefined;
  return template ? render(template, { ...outcome.data, expected: outcome.expected, actual: outcome.actual }) : undefined;
}

/** The rubric's own failure text wins over the grader's. */
export function messageOf(step: Step, outcome: Outcome, lang: Lang = "en"): string {
  if (step.kind === "check" && step.feedback.fail) {
    return render(step.feedback.fail, { ...outcome.data, expected: outcome.expected, actual: outcome.actual });
  }
  return renderedMessage(graderFor(step.type)!, outcome, lang) ?? (outcome.passed ? "" : "The check failed.");
}

export function skipped(step: CheckStep, message: string, status: "skipped" | "failed" = "skipped"): CheckResult {
  return { id: step.id, title: step.title, status, points: 0, maxPoints: step.points, message, hidden: step.hidden || undefined, durationMs: 0 };
}

export function checkResultOf(step: CheckStep, outcome: Outcome, error: string | undefined, durationMs: number, t: Translate, lang: Lang = "en"): CheckResult {
  const ratio = outcome.passed ? 1 : step.partial ? (outcome.ratio ?? 0) : 0;
  return {
    id: step.id,
    title: step.title,
    status: error ? "error" : outcome.passed ? "passed" : "failed",
    points: round(step.points * ratio),
    maxPoints: step.points,
    message: error ? t("engine.graderError", { error }) : outcome.passed ? "" : messageOf(step, outcome, lang),
    expected: outcome.passed ? undefined : outcome.expected,
    actual: outcome.passed ? undefined : outcome.actual,
    hint: outcome.passed ? undefined : step.feedback.hint,
    hidden: step.hidden || undefined,
    durationMs,
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
