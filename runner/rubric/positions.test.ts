import { formatPath, parseYaml, type Path } from "./positions";

function positionsOf(text: string) {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { value: parsed.value, at: (path: Path) => parsed.positions.at(path), has: (path: Path) => parsed.positions.has(path) };
}

describe("formatPath", () => {
  it("writes paths the way an author reads them", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["steps", 3, "http", "expect"])).toBe("steps[3].http.expect");
    expect(formatPath(["limits", "grading-timeout"])).toBe("limits.grading-timeout");
    expect(formatPath(["env", "a.b"])).toBe('env["a.b"]');
  });
});

describe("parseYaml positions", () => {
  const text = [
    "# a comment first", // 1
    "id: demo", // 2
    "images: [a:1, b:2]", // 3
    "steps:", // 4
    "  - check: one", // 5
    "    retry: { timeout: 30s, interval: 1s }", // 6
    "    container:", // 7
    "      mounts:", // 8
    "        - { type: volume, destination: /data }", // 9
    "    all: &shared", // 10
    "      - http: { url: 'http://x' }", // 11
    "  - check: two", // 12
    "    all: *shared", // 13
    "    defaults: &defaults { points: 1 }", // 14
    "  - <<: *defaults", // 15
    "    check: three", // 16
    "    title: # a comment before the value", // 17
    "      Trois étapes", // 18
  ].join("\n");
  const { value, at } = positionsOf(text);

  it("points a mapping entry at its key", () => {
    expect(at(["id"])).toEqual({ line: 2, column: 1 });
    expect(at(["steps", 0, "check"])).toEqual({ line: 5, column: 5 });
    expect(at(["steps", 0, "retry", "interval"])).toEqual({ line: 6, column: 28 });
    expect(at(["steps", 2, "title"])).toEqual({ line: 17, column: 5 });
  });

  it("points a list item at its first character", () => {
    expect(at(["images", 1])).toEqual({ line: 3, column: 15 });
    expect(at(["steps", 1])).toEqual({ line: 12, column: 5 });
  });

  it("finds keys inside a flow mapping that is a list item", () => {
    expect(at(["steps", 0, "container", "mounts", 0, "destination"])).toEqual({ line: 9, column: 27 });
  });

  it("points inside an alias at the alias, and inside an anchor at the anchor's text", () => {
    expect(at(["steps", 0, "all", 0, "http", "url"])).toEqual({ line: 11, column: 17 });
    expect(at(["steps", 1, "all", 0, "http", "url"])).toEqual({ line: 13, column: 5 });
  });

  it("gives merged keys the position of the mapping they were merged into", () => {
    expect((value as any).steps[2].points).toBe(1);
    expect(at(["steps", 2, "points"])).toEqual({ line: 15, column: 5 });
  });

  it("falls back to the nearest ancestor for a path with no node", () => {
    expect(at(["steps", 0, "nothing", "here"])).toEqual({ line: 5, column: 5 });
    expect(at(["nothing"])).toEqual({ line: 2, column: 1 });
  });

  it("keeps UTF-8 text intact", () => {
    expect((value as any).steps[2].title).toBe("Trois étapes");
  });

  it("counts lines the same with Windows line endings", () => {
    const crlf = positionsOf("id: demo\r\nsteps:\r\n  - check: one\r\n");
    expect(crlf.at(["steps", 0, "check"])).toEqual({ line: 3, column: 5 });
  });

  it("reads YAML 1.2 core types: a date stays text", () => {
    expect(positionsOf("version: 2024-01-01\n").value).toEqual({ version: "2024-01-01" });
  });
});

describe("parseYaml errors", () => {
  it("reports a syntax error at its position", () => {
    expect(parseYaml("a: 1\nb: [1, 2\nc: 3\n")).toEqual({
      ok: false,
      message: "YAML syntax error: missed comma between flow collection entries",
      position: { line: 3, column: 1 },
    });
  });

  it("refuses a duplicate key, pointing at the second", () => {
    const parsed = parseYaml("a: 1\nb: 2\na: 3\n");
    expect(parsed).toMatchObject({ ok: false, position: { line: 3, column: 1 } });
    expect(!parsed.ok && parsed.message).toContain("duplicate key");
  });
});
