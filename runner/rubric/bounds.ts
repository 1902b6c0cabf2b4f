/**
 * How large a rubric may be, and measuring what its aliases expand to. js-yaml
 * turns `*a` into the anchored object itself, so nine levels of `&a [*a, *a, …]`
 * parse in a moment into a tree of 9^9 leaves that every later walk (schema,
 * references, titles) would visit: the expansion is measured once here, by
 * identity, before anything walks it. A rubric can come from a student's
 * repository, so these bounds are for hostile input, far above any real rubric
 * (the bundled ones are under 7 kB and expand to under 400 values).
 */

export const RUBRIC_BOUNDS = {
  /** The file, read no further than this. */
  bytes: 1024 * 1024,
  /** Values (mappings, lists, keys, scalars) once every alias is expanded. */
  values: 20_000,
  /** Levels of nesting, aliases expanded; js-yaml refuses deeper text itself at 100. */
  depth: 100,
} as const;

export type Bounds = { readonly bytes: number; readonly values: number; readonly depth: number };

/** What a value expands to: its values and its height, or a cycle (`&a [*a]`). */
export interface Extent {
  values: number;
  height: number;
  cycle: boolean;
}

/**
 * Measures values by identity: a node shared by many aliases is measured once,
 * so the cost follows the file's size, not the expansion's. The recursion stops
 * below `depth` levels, so a long chain of aliases cannot exhaust the stack.
 */
export class ExtentMeter {
  private readonly known = new Map<object, Extent>();
  private readonly open = new Set<object>();

  constructor(private readonly depth: number) {}

  measure(value: unknown, level = 0): Extent {
    if (value === null || typeof value !== "object") return { values: 1, height: 1, cycle: false };
    const known = this.known.get(value);
    if (known) return known;
    if (this.open.has(value)) return { values: 1, height: 1, cycle: true };
    if (level > this.depth) return { values: 1, height: Infinity, cycle: false };
    this.open.add(value);
    const extent: Extent = { values: 1, height: 1, cycle: false };
    const children = Array.isArray(value) ? value : Object.values(value);
    if (!Array.isArray(value)) extent.values += children.length; // the keys
    for (const child of children) {
      const inner = this.measure(child, level + 1);
      extent.values += inner.values;
      extent.height = Math.max(extent.height, inner.height + 1);
      extent.cycle ||= inner.cycle;
      if (extent.cycle || extent.height === Infinity) break;
    }
    this.open.delete(value);
    // A cut-short measure depends on where it started from; only a whole one is kept.
    if (extent.height !== Infinity && !extent.cycle) this.known.set(value, extent);
    return extent;
  }
}

/** The input as UTF-8, or the offset of its first byte that is not. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalidAt: number } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { invalidAt: firstInvalidUtf8(bytes) };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second >= 0xa0) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second >= 0x90)) return i;
    i += length;
  }
  return i;
}
