/**
 * Graders' messages and phrases in the student's language. A grader reports
 * message ids and data (graders/types.ts Phrase); this is the one place they
 * become text, at grading time and again when a result is shown in another
 * language (localize.ts).
 */
import { graderFor } from "../../graders";
import { sharedPhrases } from "../../graders/support/phrases";
import type { Grader, Phrase, PhraseData } from "../../graders/types";
import { render } from "../render";
import { CATALOGUES, type Lang } from ".";

/** The template of a grader's message id: the grader's own, then the shared phrases; English when a language lacks it. */
export function templateOf(by: string | Grader, id: string, lang: Lang): string {
  const grader = typeof by === "string" ? graderFor(by) : by;
  const tables = [grader?.translations?.[lang as "fr"], sharedPhrases[lang], grader?.messages, sharedPhrases.en];
  for (const table of tables) if (table && Object.hasOwn(table, id)) return table[id];
  // As in ESLint, an unknown message id is the grader's bug: the unit tests of its messages find it.
  throw new Error(`grader ${grader?.meta.type ?? by} has no message ${id}`);
}

const LIST_SEPARATOR: Record<Lang, string> = { en: ", ", fr: ", " };

/** A phrase in words, its data rendered first (nested phrases, lists of phrases). */
export function phraseText(by: string | Grader, phrase: Phrase, lang: Lang): string {
  return render(templateOf(by, phrase.id, lang), dataText(by, phrase.data, lang));
}

export function dataText(graderType: string | Grader, data: PhraseData | undefined, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value === "string" || typeof value === "number") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map((p) => sayText(graderType, p, lang)).join(LIST_SEPARATOR[lang]);
    else out[key] = sayText(graderType, value, lang);
  }
  return out;
}

const ITEM_SEPARATOR: Record<Lang, string> = { en: "; ", fr: " ; " };

/** Expected or found values: one phrase per wrong item, separated by semicolons. */
export function phrasesText(by: string | Grader, phrases: Phrase[] | undefined, lang: Lang): string | undefined {
  return phrases?.length ? phrases.map((p) => sayText(by, p, lang)).join(ITEM_SEPARATOR[lang]) : undefined;
}

/** `by` of the harness's own messages (runner/i18n/en.ts), as opposed to a grader's type. */
export const HARNESS = "labgrade";

/** A message of the harness's catalogue or of a grader's, in words. */
export function sayText(by: string | Grader, phrase: Phrase, lang: Lang): string {
  if (by !== HARNESS) return phraseText(by, phrase, lang);
  const catalogue: Record<string, string> = CATALOGUES[lang];
  if (!Object.hasOwn(catalogue, phrase.id)) throw new Error(`the catalogue has no message ${phrase.id}`);
  return render(catalogue[phrase.id], dataText(by, phrase.data, lang));
}
