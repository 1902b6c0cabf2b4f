/**
 * YAML parsing that remembers where every node is, so that a message about
 * `steps[3].http.expect` can point at its line and column. js-yaml's
 * `listener` reports each node it composes (keys included), in document
 * order and properly nested; the tree of those events is walked beside the
 * parsed value to give each JSON path its position.
 */
import { CORE_SCHEMA, Type, YAMLException, load, type EventType, type LoadOptions, type State } from "js-yaml";
import { ExtentMeter, RUBRIC_BOUNDS, type Bounds } from "./bounds";
import type { Position } from "./types";

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `steps[3].http.expect`; keys that would read ambiguously are quoted: `env["a.b"]`. */
export function formatPath(path: Path): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (!PLAIN_KEY.test(segment)) return `[${JSON.stringify(segment)}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join("");
}

/** Where a mapping entry's key is, and where a node's value starts. */
interface Located {
  key?: Position;
  value: Position;
}

export class PositionMap {
  constructor(private readonly entries: ReadonlyMap<string, Located>) {}

  /**
   * The key's position for a mapping entry, the node's for a list item or the
   * document. A path with no node of its own (inside an alias, a merged key)
   * gets its nearest ancestor's.
   */
  at(path: Path): Position {
    for (let length = path.length; length >= 0; length--) {
      const found = this.entries.get(pathKey(path.slice(0, length)));
      if (found) return found.key ?? found.value;
    }
    return { line: 1, column: 1 };
  }

  /** Whether the path has a node of its own in the text. */
  has(path: Path): boolean {
    return this.entries.has(pathKey(path));
  }
}

export type ParsedYaml =
  | { ok: true; value: unknown; positions: PositionMap }
  | { ok: false; message: string; position: Position };

interface Frame {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

// YAML 1.2 core types plus merge keys (`<<: *defaults`); no timestamps, so
// that `version: 2024-01-01` stays text instead of becoming a Date.
// js-yaml merges a key by its tag; this is its own definition of that tag.
const MERGE_KEY = new Type("tag:yaml.org,2002:merge", { kind: "scalar", resolve: (data) => data === "<<" || data === null });
const RUBRIC_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [MERGE_KEY] });

const MAX_MERGED_KEYS = 10_000;

const YAML_REASONS: Record<string, string> = {
  "duplicated mapping key": "duplicate key: YAML keeps only one of them; remove or rename one",
  [`nesting exceeded maxDepth (${RUBRIC_BOUNDS.depth})`]: `nested more than ${RUBRIC_BOUNDS.depth} levels deep; a rubric never needs that many, so it is refused`,
  [`merge keys exceeded maxTotalMergeKeys (${MAX_MERGED_KEYS})`]: `more than ${MAX_MERGED_KEYS} keys merged with \`<<\`; a rubric this large is refused`,
};

export function parseYaml(text: string, bounds: Bounds = RUBRIC_BOUNDS): ParsedYaml {
  const roots: Frame[] = [];
  const stack: Frame[] = [];
  let input = text;
  const listener = (event: EventType, state: State) => {
    input = state.input;
    if (event === "open") {
      stack.push({ start: state.position, end: state.position, kind: null, result: undefined, children: [] });
      return;
    }
    const frame = stack.pop()!;
    Object.assign(frame, { end: state.position, kind: state.kind, result: state.result });
    (stack.length ? stack[stack.length - 1].children : roots).push(frame);
  };
  let value: unknown;
  try {
    // js-yaml 4.1.1 and later take these bounds; its types do not list them yet.
    const limits = { maxDepth: bounds.depth, maxTotalMergeKeys: MAX_MERGED_KEYS } as LoadOptions;
    value = load(text, { schema: RUBRIC_YAML_SCHEMA, listener, ...limits });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const reason = error.reason ?? error.message;
    return {
      ok: false,
      message: `YAML syntax error: ${YAML_REASONS[reason] ?? reason}`,
      position: { line: (error.mark?.line ?? 0) + 1, column: (error.mark?.column ?? 0) + 1 },
    };
  }
  const entries = new Map<string, Located>();
  const walker = new Walker(input, entries);
  const tooLarge = roots.length ? expansionProblem(roots[0]!, input, bounds) : undefined;
  if (tooLarge) return { ok: false, message: tooLarge.message, position: walker.locate(tooLarge.offset) };
  if (roots.length) walker.walk(roots[0]!, [], undefined);
  return { ok: true, value, positions: new PositionMap(entries) };
}

/** An alias is composed as a node of no kind and no children whose result is the anchored value. */
function isAlias(frame: Frame): boolean {
  return frame.kind === null && frame.children.length === 0 && frame.result !== null && typeof frame.result === "object";
}

/**
 * The first node, in document order, where the document expanded so far passes a
 * bound: each node written counts one, each alias what it names, measured once.
 * The walk follows the text (at most `depth` deep), never the expansion.
 */
function expansionProblem(root: Frame, input: string, bounds: Bounds): { offset: number; message: string } | undefined {
  const meter = new ExtentMeter(bounds.depth);
  let values = 0;
  const aliasName = (frame: Frame) => /^\*[^\s,\]}]*/.exec(input.slice(skipBlank(input, frame.start)))?.[0] ?? "this alias";
  const visit = (outer: Frame, level: number): { offset: number; message: string } | undefined => {
    const frame = unwrap(outer);
    const offset = frame.start;
    if (isAlias(frame)) {
      const extent = meter.measure(frame.result, level);
      if (extent.cycle) return { offset, message: `\`${aliasName(frame)}\` names a node that contains it, so it would expand without end; a rubric that refers to itself is refused` };
      if (level + extent.height > bounds.depth) {
        return { offset, message: `\`${aliasName(frame)}\` nests the rubric more than ${bounds.depth} levels deep once its aliases are expanded; a rubric this deep is refused` };
      }
      values += extent.values;
      if (values > bounds.values) {
        return { offset, message: `\`${aliasName(frame)}\` takes the rubric past ${bounds.values} values once its aliases are expanded (each alias counts as a copy of what it names); a rubric this large is refused: nest fewer aliases` };
      }
      return undefined;
    }
    values += 1;
    if (values > bounds.values) return { offset, message: `the rubric has more than ${bounds.values} values; a rubric this large is refused` };
    for (const child of frame.children) {
      const problem = visit(child, level + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return visit(root, 0);
}

/** Skips the spaces, line breaks and comments js-yaml had not yet read when it opened a node. */
function skipBlank(input: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < input.length && " \t\r\n".includes(input[i]!)) i++;
    if (input[i] !== "#") return i;
    while (i < input.length && input[i] !== "\n") i++;
  }
}

/**
 * A flow collection in a block position (`- { a: 1 }`) is composed inside a
 * node that first tried to read it as a key: the outer node then has that
 * one child, with the same result.
 */
function unwrap(frame: Frame): Frame {
  let current = frame;
  while (current.children.length === 1 && Object.is(current.children[0].result, current.result) && current.kind !== "scalar") {
    current = current.children[0];
  }
  return current;
}

function pathKey(path: Path): string {
  return JSON.stringify(path);
}

class Walker {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly input: string,
    private readonly entries: Map<string, Located>,
  ) {
    for (let i = 0; i < input.length; i++) if (input[i] === "\n") this.lineStarts.push(i + 1);
  }

  walk(outer: Frame, path: Path, key: Position | undefined): void {
    const frame = unwrap(outer);
    this.entries.set(pathKey(path), { key, value: this.position(this.contentStart(frame.start)) });
    if (frame.kind === "mapping") this.walkMapping(frame, path);
    else if (frame.kind === "sequence") this.walkSequence(frame, path);
  }

  /** Children alternate key, value; a flow entry `{ a, b: 1 }` may have a key alone. */
  private walkMapping(frame: Frame, path: Path): void {
    const children = frame.children;
    for (let i = 0; i < children.length; i++) {
      const keyFrame = children[i];
      const next = children[i + 1];
      const hasValue = next !== undefined && this.input[this.contentStart(keyFrame.end)] === ":";
      const name = String(keyFrame.result);
      const keyPosition = this.position(this.contentStart(keyFrame.start));
      if (hasValue) i++;
      if (name === "<<") continue; // merged keys take the mapping's position
      if (hasValue) this.walk(next, [...path, name], keyPosition);
      else this.entries.set(pathKey([...path, name]), { key: keyPosition, value: keyPosition });
    }
  }

  /** Empty entries (`-` alone) have no node: items are matched to nodes by value. */
  private walkSequence(frame: Frame, path: Path): void {
    const items = Array.isArray(frame.result) ? frame.result : [];
    let child = 0;
    items.forEach((item, index) => {
      const candidate = frame.children[child];
      if (candidate && Object.is(candidate.result, item)) {
        this.walk(candidate, [...path, index], undefined);
        child++;
      }
    });
  }

  private contentStart(offset: number): number {
    return skipBlank(this.input, offset);
  }

  /** Where a node opened at `offset` starts in the text. */
  locate(offset: number): Position {
    return this.position(this.contentStart(offset));
  }

  private position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }
}
