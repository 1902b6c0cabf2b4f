/**
 * YAML parsing that remembers where every node is, so that a message about
 * `steps[3].http.expect` can point at its line and column. js-yaml's
 * `listener` reports each node it composes (keys included), in document
 * order and properly nested; the tree of those events is walked beside the
 * parsed value to give each JSON path its position.
 */
import { CORE_SCHEMA, Type, YAMLException, load, type EventType, type State } from "js-yaml";
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

const YAML_REASONS: Record<string, string> = {
  "duplicated mapping key": "duplicate key: YAML keeps only one of them; remove or rename one",
};

export function parseYaml(text: string): ParsedYaml {
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
    value = load(text, { schema: RUBRIC_YAML_SCHEMA, listener });
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
  if (roots.length) new Walker(input, entries).walk(roots[0], [], undefined);
  return { ok: true, value, positions: new PositionMap(entries) };
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

  /** Skips the spaces, line breaks and comments js-yaml had not yet read when it opened the node. */
  private contentStart(offset: number): number {
    let i = offset;
    for (;;) {
      while (i < this.input.length && " \t\r\n".includes(this.input[i])) i++;
      if (this.input[i] !== "#") return i;
      while (i < this.input.length && this.input[i] !== "\n") i++;
    }
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
