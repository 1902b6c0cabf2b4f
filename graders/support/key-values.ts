/** Named values (environment variables, labels) and what each must match: one item each. */
import type { Phrase } from "../types";
import { match, matcherPhrase, type Matcher } from "../matchers/match";
import type { ItemResult } from "./items";
import { similarName } from "./near";

/**
 * One item per name. Its phrases are the grader's own, under `kind`:
 * `<kind>.label`, `.equals`, `.matches`, `.notSet`, `.notSetSimilar` (a
 * missing name one typo away from one that is set says so).
 */
export function keyValueItem(kind: string, values: Record<string, string>, name: string, matcher: Matcher): ItemResult {
  const label = { id: `${kind}.label`, data: { name } };
  const wanted: Phrase =
    matcher === null || typeof matcher !== "object" || "equals" in matcher
      ? { id: `${kind}.equals`, data: { name, value: String(typeof matcher === "object" ? (matcher as { equals: unknown }).equals : matcher) } }
      : { id: `${kind}.matches`, data: { name, matcher: matcherPhrase(matcher) } };
  if (!Object.hasOwn(values, name)) {
    const similar = similarName(name, Object.keys(values));
    const actual: Phrase = similar ? { id: `${kind}.notSetSimilar`, data: { name, similar, value: values[similar] } } : { id: `${kind}.notSet`, data: { name } };
    return { label, passed: false, expected: wanted, actual };
  }
  return { label, passed: match(matcher, values[name]).passed, expected: wanted, actual: { id: `${kind}.equals`, data: { name, value: values[name] } } };
}
