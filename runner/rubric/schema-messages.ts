/**
 * Ajv's errors, reworded for a rubric author: what was expected, what was
 * found, what to write instead. Pure functions of one error.
 */
import type { ErrorObject } from "ajv/dist/2020";
import type { JsonSchema } from "../../graders/types";
import { codeList, didYouMeanSentence } from "./suggest";

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  integer: "a whole number",
  boolean: "a boolean (true or false)",
  object: "a mapping (key: value)",
  array: "a list",
  null: "nothing",
};

export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function describeFound(value: unknown): string {
  switch (jsonTypeOf(value)) {
    case "null":
      return "nothing (an empty value)";
    case "string":
      return value === "" ? "empty text" : `text ${JSON.stringify(truncate(value as string))}`;
    case "integer":
    case "number":
      return `the number ${value}`;
    case "boolean":
      return `${value}`;
    case "array":
      return `a list of ${(value as unknown[]).length} item(s)`;
    default: {
      const keys = Object.keys(value as object);
      return keys.length ? `a mapping with ${codeList(keys)}` : "an empty mapping";
    }
  }
}

export function typeWords(types: Iterable<string>): string {
  const words = [...new Set([...types].map((type) => TYPE_WORDS[type] ?? type))];
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}` : words[0];
}

export function unknownKeyMessage(key: string, accepted: readonly string[]): string {
  const list = accepted.length ? ` Accepted keys: ${codeList(accepted)}.` : " It takes no keys.";
  return `unknown key \`${key}\`.${didYouMeanSentence(key, accepted)}${list}`;
}

function propertyNames(schema: unknown): string[] {
  return Object.keys(((schema ?? {}) as JsonSchema).properties ?? {});
}

function typeMessage(expected: string[], found: unknown): string {
  let hint = "";
  if (expected.includes("string") && ["integer", "number", "boolean"].includes(jsonTypeOf(found))) hint = " Quote it if you meant text.";
  else if (expected.includes("array") && jsonTypeOf(found) === "string") hint = " Write a list: [a, b], or one `- item` per line.";
  return `must be ${typeWords(expected)}; found ${describeFound(found)}.${hint}`;
}

function regexProblem(source: unknown): string {
  try {
    new RegExp(String(source), "m");
    return "";
  } catch (error) {
    // "Invalid regular expression: /(/m: Unterminated group" → "Unterminated group"
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /s, "");
  }
}

function minPropertiesMessage(error: ErrorObject): string {
  const present = Object.keys((error.data ?? {}) as object);
  const choices = propertyNames(error.parentSchema).filter((key) => !present.includes(key));
  const offer = choices.length ? `: give ${error.params.limit > 1 ? "also " : ""}one of ${codeList(choices)}` : "";
  if (present.length === 0) return `is empty, so it asserts nothing${offer}.`;
  return `needs at least ${error.params.limit} keys but has only ${codeList(present)}, which asserts nothing by itself${offer}.`;
}

function countedLimit(limit: number, one: string, many: string): string {
  return `${limit} ${limit === 1 ? one : many}`;
}

/**
 * The message for one error, and the key it is about when that is not the
 * error's own instance (an unknown key, an invalid key name). Undefined for
 * errors that another error already explains.
 */
export function messageOf(error: ErrorObject): { key?: string; message: string } | undefined {
  const { params, data } = error;
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  // Errors of a propertyNames subschema; the propertyNames error itself says it.
  if ((error as { propertyName?: string }).propertyName !== undefined) return undefined;
  switch (error.keyword) {
    case "additionalProperties":
      return { key: params.additionalProperty, message: unknownKeyMessage(params.additionalProperty, propertyNames(parent)) };
    case "propertyNames": {
      const rule = (error.schema as JsonSchema).patternErrorMessage;
      return { key: params.propertyName, message: `\`${params.propertyName}\` is not a valid name. ${rule ?? ""}`.trim() };
    }
    case "required":
      return { message: `missing required key \`${params.missingProperty}\`.` };
    case "type":
      return { message: typeMessage(String(params.type).split(","), data) };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof data === "string" ? didYouMeanSentence(data, allowed) : "";
      return { message: `must be one of ${codeList(allowed)}; found ${describeFound(data)}.${suggestion}` };
    }
    case "const":
      return { message: `must be \`${JSON.stringify(params.allowedValue)}\`; found ${describeFound(data)}.` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { message: `must be ${params.comparison} ${params.limit}; found ${describeFound(data)}.` };
    case "minLength":
      return { message: params.limit === 1 ? "must not be empty." : `must have at least ${params.limit} characters; found ${describeFound(data)}.` };
    case "maxLength":
      return { message: `must have at most ${params.limit} characters; found ${(data as string).length}.` };
    case "minItems":
      return { message: params.limit === 1 ? "must not be an empty list: give at least one item." : `needs at least ${countedLimit(params.limit, "item", "items")}; found ${(data as unknown[]).length}.` };
    case "maxItems":
      return { message: `takes at most ${countedLimit(params.limit, "item", "items")}; found ${(data as unknown[]).length}.` };
    case "uniqueItems":
      return {
        message: `lists ${JSON.stringify((data as unknown[])[params.i])} twice (items ${Math.min(params.i, params.j) + 1} and ${Math.max(params.i, params.j) + 1}): remove one.`,
      };
    case "minProperties":
      return { message: minPropertiesMessage(error) };
    case "maxProperties": {
      const keys = Object.keys(data as object);
      const combine = propertyNames(parent).includes("all-of") ? " To combine matchers, use `all-of: [...]`." : "";
      return { message: `takes at most ${countedLimit(params.limit, "key", "keys")}; found ${keys.length}: ${codeList(keys)}.${combine}` };
    }
    case "pattern":
      return {
        message: parent.patternErrorMessage
          ? `${parent.patternErrorMessage} Found ${describeFound(data)}.`
          : `must match the pattern \`${params.pattern}\`; found ${describeFound(data)}.`,
      };
    case "format":
      return params.format === "regex"
        ? { message: `is not a valid regular expression (${regexProblem(data)}); found ${describeFound(data)}. To match a special character itself, escape it: \\( \\[ \\. \\+` }
        : { message: `must be a valid ${params.format}; found ${describeFound(data)}.` };
    case "not": {
      const excluded = (error.schema as JsonSchema).required as string[] | undefined;
      return { message: excluded ? `cannot have ${codeList(excluded)} together: keep one.` : "is not allowed in this form." };
    }
    case "false schema":
      return { message: "is not allowed here." };
    default:
      return { message: `${error.message ?? "is invalid"}.` };
  }
}
