/**
 * The schemas as editors read them (rubrics/schema/*.json, `labgrade schema`): an `$id`,
 * and a `markdownDescription` wherever a description quotes code, so that VS Code's YAML
 * extension renders `http:` as code; `description` keeps the text without backticks for
 * editors that show plain text.
 */
import type { JsonSchema } from "../../graders/types";

export const RUBRIC_SCHEMA_ID = "urn:labgrade:schema:rubric";
export const CONFIG_SCHEMA_ID = "urn:labgrade:schema:labgrade-yaml";

function withMarkdown(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMarkdown);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` (and the like) keys are names, not keywords: only their values change.
    out[key] = withMarkdown(value);
    if (key === "description" && typeof value === "string" && value.includes("`")) {
      out.description = value.replace(/`/g, "");
      out.markdownDescription = value;
    }
  }
  return out;
}

/** `schema` with `$id` first after `$schema`, and markdown descriptions. */
export function forEditors(schema: JsonSchema, id: string): JsonSchema {
  const { $schema, ...rest } = schema;
  return withMarkdown({ $schema, $id: id, ...rest }) as JsonSchema;
}
