import * as fs from "node:fs";
import * as path from "node:path";
import { graders } from ".";

describe("the grader registry", () => {
  test("is sorted, and each entry's key is its grader's type", () => {
    const keys = Object.keys(graders);
    expect(keys).toEqual([...keys].sort());
    for (const [key, grader] of Object.entries(graders)) expect(grader.meta.type).toBe(key);
  });

  test.each(Object.entries(graders))("%s: a strict schema, a description, and a message for every messageId its file reports", (type, grader) => {
    expect(grader.meta.description.length).toBeGreaterThan(20);
    expect(grader.meta.kinds.length).toBeGreaterThan(0);
    if (grader.schema.type === "object") expect(grader.schema.additionalProperties).toBe(false);
    const source = fs.readFileSync(path.join(__dirname, `${type}.ts`), "utf8");
    const reported = [...source.matchAll(/messageId: "(\w+)"|outcomeOfItems\([^,]+, "(\w+)"/g)].map((m) => m[1] ?? m[2]);
    for (const id of reported) expect(Object.keys(grader.messages)).toContain(id);
  });
});
