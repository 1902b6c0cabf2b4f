/** Checks with several items (volumes, env vars, mounts) report each and a ratio. */
import type { Outcome, Phrase, PhraseData } from "../types";
import { match, matcherPhrase, type Matcher } from "../matchers/match";

export interface ItemResult {
  /** What the item is about, for the message's {failed} list: "the mount at /var/www/html". */
  label: Phrase;
  passed: boolean;
  /** Self-contained phrases: "volume web-content mounted at /var/www/html". */
  expected: Phrase;
  actual: Phrase;
}

/**
 * Folds item results into one outcome. The failing items become the
 * expected/found lines a student reads, and {failed} in the message.
 */
export function outcomeOfItems(items: ItemResult[], messageId: string, data: PhraseData = {}): Outcome {
  const failed = items.filter((item) => !item.passed);
  const ratio = items.length === 0 ? 1 : (items.length - failed.length) / items.length;
  return {
    passed: failed.length === 0,
    ratio,
    messageId: failed.length === 0 ? undefined : messageId,
    data: { ...data, failed: failed.map((item) => item.label), count: failed.length, total: items.length },
    expected: failed.length ? failed.map((item) => item.expected) : undefined,
    actual: failed.length ? failed.map((item) => item.actual) : undefined,
  };
}

/**
 * One item per key of an `expect` block, matched against what was observed
 * under that key; its phrases are `key.<key>` (the label) and `expect.<key>`
 * ("exit code {value}"), shared below or the grader's own.
 */
export function expectationItems(expect: Record<string, Matcher> | undefined, actual: Record<string, unknown>): ItemResult[] {
  return Object.entries(expect ?? {}).map(([key, matcher]) => {
    const result = match(matcher, actual[key]);
    return {
      label: { id: `key.${key}` },
      passed: result.passed,
      expected: { id: `expect.${key}`, data: { value: matcherPhrase(matcher) } },
      actual: { id: `expect.${key}`, data: { value: result.actual } },
    };
  });
}

/** The first few of a long list, then "and 4 more". */
export function firstFewPhrases(items: Phrase[], shown = 5): Phrase[] {
  return items.length > shown ? [...items.slice(0, shown), { id: "list.more", data: { n: items.length - shown } }] : items;
}

export const itemPhrases = {
  en: {
    "key.exit-code": "the exit code",
    "expect.exit-code": "exit code {value}",
    "key.stdout": "the output",
    "expect.stdout": "output {value}",
    "key.stderr": "the error output",
    "expect.stderr": "error output {value}",
    "key.output": "the output",
    "expect.output": "output {value}",
    "key.rows": "the number of rows",
    "expect.rows": "{value} row(s)",
    "list.more": "and {n} more",
    name: "{name}",
  },
  fr: {
    "key.exit-code": "le code de sortie",
    "expect.exit-code": "code de sortie {value}",
    "key.stdout": "la sortie",
    "expect.stdout": "sortie {value}",
    "key.stderr": "la sortie d'erreur",
    "expect.stderr": "sortie d'erreur {value}",
    "key.output": "la sortie",
    "expect.output": "sortie {value}",
    "key.rows": "le nombre de lignes",
    "expect.rows": "{value} ligne(s)",
    "list.more": "et {n} de plus",
    name: "{name}",
  },
};
