/** Schema fragments that several graders share, so that their keys read the same everywhere. */
import { matcherRef } from "../matchers";
import type { JsonSchema } from "../types";

/** A list of names (containers, volumes, images), each given once. */
export function nameListSchema(description: string): JsonSchema {
  return { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", minLength: 1 }, description };
}

/** What a command must give: its exit code, stdout and stderr, each a matcher. */
export function commandExpectSchema(description: string): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    description,
    properties: {
      "exit-code": matcherRef("The exit code."),
      stdout: matcherRef("Standard output."),
      stderr: matcherRef("Standard error."),
    },
  };
}
