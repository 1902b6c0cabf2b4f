/** A draft as text: its YAML with the header, loaded back to prove it validates, and pruned of what the reference failed. */
import { formatIssue, loadRubricText } from "../rubric/load";
import type { Rubric } from "../rubric/types";
import { draftDocument, type Draft } from "./plan";
import { NOTES } from "./titles";
import { toYaml } from "./yaml";

export function renderDraft(draft: Draft): string {
  return toYaml(draftDocument(draft), ["yaml-language-server: $schema=./schema/rubric.schema.json", "", ...draft.header]);
}

/** Loads a draft back as the loader would: a draft that does not validate is labgrade's bug. */
export function loadDraft(yaml: string, file = "draft.yaml"): Rubric {
  const loaded = loadRubricText(yaml, file);
  if (!loaded.rubric || loaded.errors.length) throw new Error(`the drafted rubric does not validate:\n${loaded.errors.map(formatIssue).join("\n")}\n${yaml}`);
  return loaded.rubric;
}

/** Leaves out the steps that did not succeed on the reference, and says so in the header. */
export function pruneDraft(draft: Draft, failed: Set<string>): Draft {
  const notes = NOTES[draft.envelope.language === "fr" ? "fr" : "en"];
  const idOf = (step: Draft["steps"][number]) => ("check" in step ? step.check : step.action) as string;
  const kept = draft.steps.filter((step) => !failed.has(idOf(step)));
  const dropped = draft.steps.filter((step) => failed.has(idOf(step))).map((step) => notes.dropped({ id: idOf(step), title: String(step.title ?? "") }));
  const steps = kept.map((step) =>
    Array.isArray(step.requires) ? { ...step, requires: step.requires.filter((id: string) => !failed.has(id)) } : step,
  ).map((step) => (Array.isArray(step.requires) && step.requires.length === 0 ? (({ requires: _, ...rest }) => rest as typeof step)(step) : step));
  return { ...draft, header: [...draft.header, ...dropped], steps };
}

