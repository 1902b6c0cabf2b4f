/**
 * A small YAML writer for drafted rubrics: block style as people write them,
 * short mappings and lists inline, comments above keys and list items, and
 * anchors with aliases for a list two steps share. js-yaml writes none of that.
 */

/** A value with comment lines written above its key (or its list item). */
export class Commented {
  constructor(
    readonly comment: string[],
    readonly value: unknown,
  ) {}
}

/** A value written once with `&name` and again wherever `Alias(name)` stands. */
export class Anchored {
  constructor(
    readonly name: string,
    readonly value: unknown,
  ) {}
}

export class Alias {
  constructor(readonly name: string) {}
}

/** Lines as wide as this stay inline: `{ container: 80, host: 8080 }`. */
const INLINE_WIDTH = 96;

export function commented(comment: string | string[], value: unknown): Commented {
  return new Commented(Array.isArray(comment) ? comment : [comment], value);
}

/** A string as YAML reads it back unchanged: plain where that is safe, else double-quoted. */
export function scalar(value: unknown, { quote = false } = {}): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = String(value);
  const duration = /^\d+(ms|s|m|h)$/.test(text);
  const plain =
    !quote &&
    (duration ||
      (/^[A-Za-z_/.][A-Za-z0-9_./@:+-]*$/.test(text) && !/:$/.test(text) && !/^(true|false|yes|no|on|off|null|y|n|~)$/i.test(text) && !/^[.+-]?[0-9]/.test(text)));
  // JSON's double-quoted strings are YAML's, with UTF-8 kept as it is.
  return plain ? text : JSON.stringify(text);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Commented) && !(value instanceof Anchored) && !(value instanceof Alias);
}

function unwrap(value: unknown): unknown {
  return value instanceof Commented ? value.value : value;
}

/** Keys whose text students read: always quoted, as the bundled rubrics write them. */
const QUOTED_KEYS = new Set(["title", "hint", "fail", "description", "matches", "query"]);

function inline(value: unknown, key?: string): string | undefined {
  value = unwrap(value);
  if (value instanceof Alias) return `*${value.name}`;
  if (value instanceof Anchored) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => (item instanceof Commented ? undefined : inline(item)));
    if (items.some((item) => item === undefined)) return undefined;
    return `[${items.join(", ")}]`;
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const parts = entries.map(([k, v]) => (v instanceof Commented ? undefined : [k, inline(v, k)]));
    if (parts.some((part) => part === undefined || part[1] === undefined)) return undefined;
    return `{ ${(parts as [string, string][]).map(([k, v]) => `${scalar(k)}: ${v}`).join(", ")} }`;
  }
  return scalar(value, { quote: key !== undefined && QUOTED_KEYS.has(key) });
}

function comments(value: unknown, indent: string): string[] {
  return value instanceof Commented ? value.comment.map((line) => `${indent}# ${line}`.trimEnd()) : [];
}

function fitsInline(text: string | undefined, prefix: string): text is string {
  return text !== undefined && prefix.length + 1 + text.length <= INLINE_WIDTH;
}

function isScalar(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** A mapping's entries at this indentation; `first` replaces the indentation of the first line (a list item's "- "). */
function writeMap(map: Record<string, unknown>, indent: string, out: string[], first?: string): void {
  let lead = first;
  for (const [key, raw] of Object.entries(map)) {
    if (raw === undefined) continue;
    const head = lead ?? indent;
    lead = undefined;
    out.push(...comments(raw, indent));
    writeEntry(`${head}${scalar(key)}:`, unwrap(raw), indent, out, key);
  }
}

function writeEntry(prefix: string, value: unknown, indent: string, out: string[], key?: string): void {
  const child = `${indent}  `;
  let anchor = "";
  if (value instanceof Anchored) {
    anchor = ` &${value.name}`;
    value = value.value;
  }
  const short = inline(value, key);
  // A step's own keys stay one per line, as people write them; leaves go inline, text always.
  const nested = isMap(value) && Object.values(value).some((v) => isMap(unwrap(v)) || Array.isArray(unwrap(v)));
  const listOfMaps = Array.isArray(value) && value.some((v) => isMap(unwrap(v)));
  if (isScalar(value) || (!nested && !listOfMaps && fitsInline(short, prefix) && !(isMap(value) && key !== undefined && BLOCK_KEYS.has(key)))) {
    out.push(`${prefix}${anchor} ${short}`);
    return;
  }
  out.push(`${prefix}${anchor}`);
  if (Array.isArray(value)) writeList(value, child, out);
  else if (isMap(value)) writeMap(value, child, out);
  else out.push(`${child}${inline(value)}`);
}

/** The grader keys of a step read better as blocks even when short. */
const BLOCK_KEYS = new Set(["container", "volume", "sql", "http", "file", "tcp", "script", "restart", "recreate", "env", "expect"]);

function writeList(list: unknown[], indent: string, out: string[]): void {
  for (const raw of list) {
    out.push(...comments(raw, indent));
    const item = unwrap(raw);
    const short = inline(item);
    if (isMap(item) && !(fitsInline(short, `${indent}- `) && !Object.values(item).some((v) => isMap(unwrap(v)) || Array.isArray(unwrap(v))) && !("check" in item) && !("action" in item))) {
      writeMap(item, `${indent}  `, out, `${indent}- `);
    } else if (short !== undefined) {
      out.push(`${indent}- ${short}`);
    } else if (Array.isArray(item)) {
      out.push(`${indent}-`);
      writeList(item, `${indent}  `, out);
    } else {
      writeEntry(`${indent}-`, item, indent, out);
    }
  }
}

/** A document: top-level comment lines, then the mapping. Steps are separated by blank lines. */
export function toYaml(document: Record<string, unknown>, header: string[] = []): string {
  const out: string[] = header.map((line) => `# ${line}`.trimEnd());
  writeMap(document, "", out);
  // A blank line before `steps:` and before each step (above its comments), as the bundled rubrics do.
  const spaced: string[] = [];
  const startsStep = (i: number): boolean => {
    while (/^ {2}#/.test(out[i] ?? "")) i++;
    return /^ {2}- (check|action):/.test(out[i] ?? "");
  };
  out.forEach((line, i) => {
    const previousIsComment = /^ {2}#/.test(out[i - 1] ?? "");
    if (/^steps:/.test(line) || (startsStep(i) && !previousIsComment && !/^steps:/.test(out[i - 1] ?? ""))) spaced.push("");
    spaced.push(line);
  });
  return `${spaced.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
