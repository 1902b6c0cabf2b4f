/**
 * Matchers shared by every check type, in the spirit of goss: an expectation
 * is a plain value (equals) or one matcher key. They return data (phrases),
 * never text for a particular check, so each grader words its own message.
 */
import type { JsonSchema, Phrase } from "../types";
import type { Matcher } from "./matcher";
import { matcherPhrase, valuePhrase } from "./phrases";

export { matcherPhrase, valuePhrase } from "./phrases";
export type { Matcher } from "./matcher";

export interface MatchResult {
  passed: boolean;
  /** The expectation, in words: `containing "PHP Version"`. */
  expected: Phrase;
  /** What was found, summarised for display. */
  actual: Phrase;
}

const MAX_SHOWN = 200;

/** A value in English, for checklists (`labgrade explain`). */
export function describeValue(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
}

/** A matcher in the rubric's own terms (`contains "PHP Version"`), for checklists. */
export function describeMatcher(m: Matcher): string {
  if (m === null || typeof m !== "object") return `equals ${describeValue(m)}`;
  const [key, arg] = Object.entries(m)[0] as [string, any];
  switch (key) {
    case "equals":
      return `equals ${describeValue(arg)}`;
    case "contains":
      return `contains ${describeValue(arg)}`;
    case "matches":
      return `matches ${/^\/.*\/[imsu]+$/s.test(arg) ? arg : `/${arg}/`}`;
    case "not":
      return `not (${describeMatcher(arg)})`;
    case "one-of":
      return `one of ${(arg as unknown[]).map(describeValue).join(", ")}`;
    case "all-of":
      return (arg as Matcher[]).map(describeMatcher).join(" and ");
    case "gt":
      return `> ${arg}`;
    case "ge":
      return `>= ${arg}`;
    case "lt":
      return `< ${arg}`;
    case "le":
      return `<= ${arg}`;
    case "length":
      return `length ${describeMatcher(arg)}`;
    case "json":
      return `${arg.path} ${describeMatcher(arg.value)}`;
    default:
      throw new Error(`unknown matcher ${key}`);
  }
}

/** `usage` or, with flags, `/usage/i`; always multiline. */
export function regexOf(pattern: string): RegExp {
  const withFlags = /^\/(.*)\/([imsu]+)$/s.exec(pattern);
  return withFlags ? new RegExp(withFlags[1], `${withFlags[2].replace("m", "")}m`) : new RegExp(pattern, "m");
}

function looseEquals(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "object" || typeof actual === "object") {
    return JSON.stringify(expected) === JSON.stringify(actual);
  }
  // Text read from a command is compared to numbers and booleans by their spelling.
  return String(expected) === String(actual);
}

function asNumber(actual: unknown): number {
  return typeof actual === "number" ? actual : Number(String(actual).trim());
}

/** Reads `$.a.b[0]` from a value parsed from JSON; undefined when absent. */
export function readJsonPath(value: unknown, path: string): unknown {
  const parts = path.replace(/^\$\.?/, "").match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let current: any = value;
  for (const part of parts) {
    if (current === null || current === undefined) return undefined;
    current = part.startsWith("[") ? current[Number(part.slice(1, -1))] : current[part];
  }
  return current;
}

function test(m: Matcher, actual: unknown): boolean {
  if (m === null || typeof m !== "object") return looseEquals(m, actual);
  const [key, arg] = Object.entries(m)[0] as [string, any];
  switch (key) {
    case "equals":
      return looseEquals(arg, actual);
    case "contains":
      return Array.isArray(actual)
        ? actual.some((item) => looseEquals(arg, item))
        : String(actual ?? "").includes(String(arg));
    case "matches":
      return regexOf(arg).test(String(actual ?? ""));
    case "not":
      return !test(arg, actual);
    case "one-of":
      return (arg as unknown[]).some((option) => looseEquals(option, actual));
    case "all-of":
      return (arg as Matcher[]).every((inner) => test(inner, actual));
    case "gt":
      return asNumber(actual) > arg;
    case "ge":
      return asNumber(actual) >= arg;
    case "lt":
      return asNumber(actual) < arg;
    case "le":
      return asNumber(actual) <= arg;
    case "length": {
      const length = Array.isArray(actual) ? actual.length : String(actual ?? "").length;
      return test(arg, length);
    }
    case "json": {
      let parsed: unknown;
      try {
        parsed = typeof actual === "string" ? JSON.parse(actual) : actual;
      } catch {
        return false;
      }
      return test(arg.value, readJsonPath(parsed, arg.path));
    }
    default:
      throw new Error(`unknown matcher ${key}`);
  }
}

export function match(m: Matcher, actual: unknown): MatchResult {
  return { passed: test(m, actual), expected: matcherPhrase(m), actual: valuePhrase(actual) };
}

/** Schema of a matcher; the rubric schema puts it under $defs/matcher. */
export const matcherSchema: JsonSchema = {
  description:
    "An expectation: a plain value (equals) or exactly one matcher key: equals, contains, matches, not, one-of, all-of, gt, ge, lt, le, length, json.",
  oneOf: [
    { type: ["string", "number", "boolean"], description: "Equals this value." },
    {
      type: "object",
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
      properties: {
        equals: { description: "Equals this value exactly." },
        contains: { type: ["string", "number"], minLength: 1, description: "Contains this text (or list item)." },
        matches: { type: "string", minLength: 1, format: "regex", description: "Matches this regular expression (multiline); write /pattern/i for flags such as i (ignore case)." },
        not: { $ref: "#/$defs/matcher", description: "Passes when the inner matcher fails." },
        "one-of": { type: "array", minItems: 1, description: "Equals one of these values." },
        "all-of": { type: "array", minItems: 1, items: { $ref: "#/$defs/matcher" }, description: "Passes when every matcher passes." },
        gt: { type: "number", description: "Greater than this number." },
        ge: { type: "number", description: "Greater than or equal to this number." },
        lt: { type: "number", description: "Less than this number." },
        le: { type: "number", description: "Less than or equal to this number." },
        length: { $ref: "#/$defs/matcher", description: "The text's or list's length matches." },
        json: {
          type: "object",
          description: "Parses the value as JSON and matches the value at a path such as $.items[0].name.",
          additionalProperties: false,
          required: ["path", "value"],
          properties: {
            path: { type: "string", pattern: "^\\$", description: "A JSON path: $.key.sub[0]." },
            value: { $ref: "#/$defs/matcher", description: "What the value at the path must match." },
          },
        },
      },
    },
  ],
};

/** Reference to the shared matcher schema, for graders' schema fragments. */
export const matcherRef = (description: string): JsonSchema => ({ $ref: "#/$defs/matcher", description });

/** `status equals 200, body contains "PHP Version"`: an expect block in words, for checklists. */
export function describeExpectations(expect: Record<string, Matcher> | undefined): string {
  return Object.entries(expect ?? {})
    .map(([key, matcher]) => `${key} ${describeMatcher(matcher)}`)
    .join(", ");
}
