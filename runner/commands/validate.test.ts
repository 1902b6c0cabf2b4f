import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Io } from "../io";
import { validateCommand } from "./validate";

const ROOT = path.join(__dirname, "..", "..");
const LAMP = path.join(ROOT, "rubrics", "lamp-stack.yaml");

function recordingIo(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (text) => lines.push(text), err: (text) => errors.push(text), color: false };
}

function tempRubric(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "labgrade-validate-")), name);
  writeFileSync(file, text);
  return file;
}

describe("validateCommand", () => {
  it("says a valid rubric is valid, with its steps and points, and returns 0", async () => {
    const io = recordingIo();
    expect(await validateCommand([LAMP], io)).toBe(0);
    expect(io.lines).toEqual([`${LAMP}: valid (13 steps, 20 points)`]);
    expect(io.errors).toEqual([]);
  });

  it("prints every problem as file:line:column: message, a verdict per file, and returns 2", async () => {
    const broken = path.join(ROOT, "fixtures", "rubrics", "invalid", "ids-and-requires.yaml");
    const io = recordingIo();
    expect(await validateCommand([broken, LAMP], io)).toBe(2);
    expect(io.lines).toEqual([
      `${broken}:8:16: steps[0].requires[0]: requires \`db\`, which comes later (line 10): a step can only require an earlier one. Move \`db\` before this step, or drop the requirement.`,
      `${broken}:12:16: steps[1].requires[0]: a step cannot require itself.`,
      `${broken}:14:5: steps[2].check: duplicate id \`web\`: the step at line 6 already uses it; ids must be unique.`,
      `${broken}:16:16: steps[2].requires[0]: requires \`wbe\`, which is no step's id. Did you mean \`web\`?`,
      `${broken}:16:21: steps[2].requires[1]: requires \`nowhere\`, which is no step's id.`,
      `${broken}: invalid (5 errors)`,
      `${LAMP}: valid (13 steps, 20 points)`,
    ]);
  });

  it("prints warnings but still passes a rubric that has only warnings", async () => {
    const file = tempRubric(
      "warned.yaml",
      "id: w\ntitle: W\nimages: []\nsubmission: { script: run.sh }\nvariables: { UNUSED: x }\nsteps:\n  - check: v\n    points: 1\n    volume: { names: [v] }\n",
    );
    const io = recordingIo();
    expect(await validateCommand([file], io)).toBe(0);
    expect(io.lines).toEqual([
      `${file}:5:14: warning: variables.UNUSED: \`UNUSED\` is never used: reference it as \${var.UNUSED} in a step, or remove it.`,
      `${file}: valid (1 step, 1 point; 1 warning)`,
    ]);
  });

  it("asks for a file when given none", async () => {
    const io = recordingIo();
    expect(await validateCommand([], io)).toBe(2);
    expect(io.errors[0]).toContain("give one or more rubric files");
  });
});
