/**
 * The key tables of rubrics/README.md, generated from the rubric schema so
 * that the reference cannot drift from what the loader accepts. A block is
 * `<!-- generated:NAME -->` … `<!-- /generated -->`; NAME is `rubric`,
 * `submission`, `limits`, `check-step`, `action-step`, `retry`, `feedback`,
 * `matcher`, `types` or `grader:<type>`.
 */
import type { JsonSchema } from "../../graders/types";
import { graderDefName, type GraderRegistry } from "./schema";

const BLOCK = /(<!-- generated:([\w:-]+) -->\n)[\s\S]*?(<!-- \/generated -->)/g;

const REF_NAMES: Record<string, string> = {
  matcher: "matcher",
  duration: "duration",
  size: "size",
  id: "id",
  "relative-path": "path",
  "check-spec": "checks (one type key each)",
  retry: "mapping",
  feedback: "mapping",
  step: "step",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function typeOf(schema: JsonSchema): string {
  if (typeof schema.$ref === "string") return REF_NAMES[schema.$ref.replace("#/$defs/", "")] ?? "mapping";
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`${value}\``).join(", ");
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as JsonSchema[]).map(typeOf).join(" or ");
  const types = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []);
  if (types.includes("array")) return `list of ${schema.items ? typeOf(schema.items as JsonSchema) : "values"}`;
  if (types.includes("object") && typeof schema.additionalProperties === "object") {
    return `mapping of names to ${typeOf(schema.additionalProperties as JsonSchema)}`;
  }
  const words: Record<string, string> = { string: "text", integer: "whole number", object: "mapping" };
  return types.map((type) => words[type] ?? type).join(" or ") || "any";
}

/** Rows for a mapping's keys, with nested mappings and lists of mappings flattened: `expect.status`, `ports[].host`. */
function rows(schema: JsonSchema, prefix = "", nested = true): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  return Object.entries(properties).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const row = `| \`${name}\` | ${cell(typeOf(property))} | ${required.includes(key) ? "yes" : ""} | ${cell(String(property.description ?? ""))} |`;
    const items = property.items as JsonSchema | undefined;
    if (!nested) return [row];
    if (property.properties) return [row, ...rows(property, `${name}.`)];
    if (items?.properties) return [row, ...rows(items, `${name}[].`)];
    return [row];
  });
}

function table(schema: JsonSchema, options: { omit?: string[]; nested?: boolean } = {}): string {
  const kept = Object.entries((schema.properties ?? {}) as object).filter(([key]) => !options.omit?.includes(key));
  const shown = { ...schema, properties: Object.fromEntries(kept) };
  return ["| Key | Type | Required | Description |", "| --- | --- | --- | --- |", ...rows(shown, "", options.nested ?? true)].join("\n");
}

function typesTable(registry: GraderRegistry): string {
  const lines = Object.values(registry)
    .sort((a, b) => a.meta.type.localeCompare(b.meta.type))
    .map((g) => `| [\`${g.meta.type}\`](#${g.meta.type}) | ${g.meta.kinds.join(", ")} | ${cell(g.meta.description)} |`);
  return ["| Type | Used as | What it does |", "| --- | --- | --- |", ...lines].join("\n");
}

export function renderBlock(name: string, schema: JsonSchema, registry: GraderRegistry): string {
  const defs = schema.$defs as Record<string, JsonSchema>;
  const properties = schema.properties as Record<string, JsonSchema>;
  const graderKeys = Object.keys(registry);
  if (name === "rubric") return table(schema, { nested: false });
  if (name === "submission" || name === "limits") return table(properties[name]);
  if (name === "check-step" || name === "action-step") return table(defs[name], { omit: graderKeys });
  if (name === "retry" || name === "feedback") return table(defs[name]);
  if (name === "matcher") return table((defs.matcher.oneOf as JsonSchema[])[1]);
  if (name === "types") return typesTable(registry);
  if (name.startsWith("grader:")) {
    const fragment = defs[graderDefName(name.slice("grader:".length))];
    if (!fragment) throw new Error(`README block ${name}: no such check or action type`);
    // A fragment that is not a mapping (all: a list) is one row: the type key itself.
    return table(fragment.properties ? fragment : { properties: { [name.slice("grader:".length)]: fragment }, required: [name.slice("grader:".length)] });
  }
  throw new Error(`README block ${name}: unknown block name`);
}

/** The names of the generated blocks a page has. */
export function blockNames(markdown: string): string[] {
  return [...markdown.matchAll(BLOCK)].map((found) => found[2]);
}

/** The page with every generated block rendered again. */
export function renderBlocks(markdown: string, schema: JsonSchema, registry: GraderRegistry): string {
  return markdown.replace(BLOCK, (_whole, open: string, name: string, close: string) => `${open}${renderBlock(name, schema, registry)}\n${close}`);
}
