/** Checks with several items (volumes, env vars, mounts) report each and a ratio. */
import type { Outcome } from "../types";
import { match, type Matcher } from "../matchers";

export interface ItemResult {
  label: string;
  passed: boolean;
  expected: string;
  actual: string;
}

/**
 * Folds item results into one outcome. The failing items become the
 * expected/found lines a student reads.
 */
export function outcomeOfItems(items: ItemResult[], messageId: string, data: Record<string, string | number> = {}): Outcome {
  const failed = items.filter((item) => !item.passed);
  const ratio = items.length === 0 ? 1 : (items.length - failed.length) / items.length;
  return {
    passed: failed.length === 0,
    ratio,
    messageId: failed.length === 0 ? undefined : messageId,
    data: { ...data, failed: failed.map((item) => item.label).join(", "), count: failed.length, total: items.length },
    expected: failed.map((item) => `${item.label}: ${item.expected}`).join("; ") || undefined,
    actual: failed.map((item) => `${item.label}: ${item.actual}`).join("; ") || undefined,
  };
}

/** One item per key of an `expect` block, matched against what was observed under that key. */
export function expectationItems(expect: Record<string, Matcher> | undefined, actual: Record<string, unknown>): ItemResult[] {
  return Object.entries(expect ?? {}).map(([key, matcher]) => ({ label: key, ...match(matcher, actual[key]) }));
}
