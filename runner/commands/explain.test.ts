import * as path from "node:path";
import { graders } from "../../graders";
import type { Io } from "../io";
import { loadRubricText } from "../rubric/load";
import { checklistOf, explainCommand } from "./explain";

const ROOT = path.join(__dirname, "..", "..");

function recordingIo(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (text) => lines.push(text), err: (text) => errors.push(text), color: false };
}

describe("explainCommand", () => {
  it("prints the lamp-stack rubric as the checklist a student reads", async () => {
    const io = recordingIo();
    expect(await explainCommand(path.join(ROOT, "rubrics", "lamp-stack.yaml"), io)).toBe(0);
    const text = io.lines.join("\n");
    const lines = text.split("\n");
    expect(lines.slice(0, 2)).toEqual(["Stack LAMP avec persistance", "(lamp-stack, version 1.0)"]);
    expect(text).toContain("Le script lamp.sh crée les volumes mysql-data");
    expect(lines).toContain("  [3 points, partial credit] Les volumes mysql-data, web-content et user-uploads existent");
    const expected = graders.volume.describe({ names: ["mysql-data", "web-content", "user-uploads"] });
    expect(lines).toContain(`      expected: ${expected}`);
    expect(lines).toContain("  [1 point] info.php est stocké dans le volume web-content");
    // Actions stay in place, so the student sees what happens between checks.
    const restart = lines.indexOf("  then: Arrêt puis redémarrage de lamp-web et lamp-mysql");
    const afterRestart = lines.findIndex((line) => line.includes("Après un arrêt et un redémarrage"));
    expect(restart).toBeGreaterThan(lines.findIndex((line) => line.includes("info.php est stocké")));
    expect(afterRestart).toBeGreaterThan(restart);
    expect(lines[lines.length - 1]).toBe("Total: 20 points");
  });

  it("refuses an invalid rubric with its problems and returns 2", async () => {
    const io = recordingIo();
    const broken = path.join(ROOT, "fixtures", "rubrics", "invalid", "type-keys.yaml");
    expect(await explainCommand(broken, io)).toBe(2);
    expect(io.lines).toEqual([]);
    expect(io.errors[0]).toMatch(/type-keys\.yaml:6:5: steps\[0\]\.check: says nothing to check/);
    expect(io.errors[io.errors.length - 1]).toContain("invalid, so there is nothing to explain");
  });
});

describe("checklistOf", () => {
  const text = [
    "id: notes",
    "title: Notes",
    "images: []",
    "submission: { script: run.sh }",
    "variables: { PORT: '8080' }",
    "steps:",
    "  - check: home",
    "    points: 2",
    "    http: { url: 'http://localhost:${var.PORT}/', expect: { status: 200 } }",
    "  - check: secret",
    "    title: The secret check",
    "    points: 1",
    "    hidden: true",
    "    volume: { names: [secret] }",
    "  - action: bounce",
    "    restart: { containers: [web, db] }",
  ].join("\n");
  const loaded = loadRubricText(text, "notes.yaml");

  it("leaves hidden checks out but counts them, and shows variables' values", () => {
    expect(loaded.errors).toEqual([]);
    expect(checklistOf(loaded.rubric!).split("\n")).toEqual([
      "Notes",
      "(notes)",
      "",
      "In the order they run:",
      "",
      // The grader's own words, with the variable in place; hidden checks left out.
      `  [2 points] ${graders.http.describe({ url: "http://localhost:8080/", expect: { status: 200 } })}`,
      `  then: ${graders.restart.describe({ containers: ["web", "db"] })}`,
      "",
      "Total: 3 points (2 listed +1 hidden point)",
    ]);
  });
});
