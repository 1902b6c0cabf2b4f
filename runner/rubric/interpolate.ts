/**
 * `${var.NAME}`, `${env.NAME}` and `${random.NAME}` references in a rubric's
 * strings. The loader checks them; the engine replaces them at run time.
 * `$${` writes a literal `${`, e.g. for a shell variable in a command.
 */
import type { Path } from "./positions";

export const REFERENCE_PREFIXES = ["var", "env", "random"] as const;
export type ReferencePrefix = (typeof REFERENCE_PREFIXES)[number];

export interface Reference {
  prefix: ReferencePrefix;
  name: string;
  /** As written: `${var.NAME}`. */
  text: string;
}

export interface InterpolationScope {
  vars: Record<string, string>;
  env: Record<string, string | undefined>;
  /** The same name gives the same value within one run. */
  random: (name: string) => string;
}

const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const BODY = /^([a-z]+)\.([A-Za-z_][\w-]*)$/;
export const REFERENCE_NAME = "^[A-Za-z_][\\w-]*$";

type Token = { kind: "escape" } | { kind: "reference"; reference: Reference } | { kind: "problem"; text: string; message: string };

function classify(match: string, body: string | undefined): Token {
  if (match === "$${") return { kind: "escape" };
  if (body === undefined) {
    return { kind: "problem", text: match, message: "`${` opens a reference that is never closed with `}`; write `$${` for a literal `${`." };
  }
  const parts = BODY.exec(body.trim());
  const prefix = parts?.[1] as ReferencePrefix | undefined;
  if (!parts || !REFERENCE_PREFIXES.includes(prefix!)) {
    return {
      kind: "problem",
      text: match,
      message: `\`${match}\` is not a reference: write \`\${var.NAME}\`, \`\${env.NAME}\` or \`\${random.NAME}\`, or \`${"$" + match}\` for a literal text.`,
    };
  }
  return { kind: "reference", reference: { prefix: prefix!, name: parts[2], text: match } };
}

function tokensOf(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((found) => classify(found[0], found[1]));
}

export function referencesIn(text: string): Reference[] {
  return tokensOf(text).flatMap((token) => (token.kind === "reference" ? [token.reference] : []));
}

/** Malformed `${…}` in a text, each with what to write instead. */
export function referenceProblemsIn(text: string): { text: string; message: string }[] {
  return tokensOf(text).flatMap((token) => (token.kind === "problem" ? [{ text: token.text, message: token.message }] : []));
}

function replaceInText(text: string, resolve: (reference: Reference) => string): string {
  return text.replace(TOKEN, (match: string, body: string | undefined) => {
    const token = classify(match, body);
    if (token.kind === "escape") return "${";
    return token.kind === "reference" ? resolve(token.reference) : match;
  });
}

/** A copy of the value with every string's references replaced; keys are left alone. */
export function replaceReferences(value: unknown, resolve: (reference: Reference) => string): unknown {
  if (typeof value === "string") return replaceInText(value, resolve);
  if (Array.isArray(value)) return value.map((item) => replaceReferences(item, resolve));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaceReferences(inner, resolve)]));
  }
  return value;
}

/**
 * Replaces every reference with its value for one run. An unset environment
 * variable becomes "", as in a shell. An unknown variable cannot happen after
 * loading; it is left as written so that it shows instead of vanishing.
 */
export function interpolate(value: unknown, scope: InterpolationScope): unknown {
  return replaceReferences(value, (reference) => {
    switch (reference.prefix) {
      case "var":
        return Object.prototype.hasOwnProperty.call(scope.vars, reference.name) ? scope.vars[reference.name] : reference.text;
      case "env":
        return scope.env[reference.name] ?? "";
      case "random":
        return scope.random(reference.name);
    }
  });
}

/** Replaces only `${var.…}` references (known at load time); the rest stays as written. */
export function replaceVariables(value: unknown, vars: Record<string, string>): unknown {
  return replaceReferences(value, (reference) =>
    reference.prefix === "var" && Object.prototype.hasOwnProperty.call(vars, reference.name) ? vars[reference.name] : reference.text,
  );
}

/** Calls visit for every string of a value, with its path. */
export function forEachString(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => forEachString(item, [...path, index], visit));
  else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) forEachString(inner, [...path, key], visit);
  }
}
