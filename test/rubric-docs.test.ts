/**
 * rubrics/README.md is the reference for rubric authors: its examples must
 * load, its generated tables must be current, and every check or action type
 * and every matcher must be documented with an example.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { graders } from "../graders";
import { matcherSchema } from "../graders/matchers/match";
import type { JsonSchema } from "../graders/types";
import { formatIssue, loadRubricText } from "../runner/rubric/load";
import { blockNames } from "../runner/rubric/reference";
import { REFERENCE_FILE, referenceFileText } from "../runner/rubric/write-schema";

const README = path.join(__dirname, "..", REFERENCE_FILE);
const text = readFileSync(README, "utf8");

interface YamlBlock {
  /** Line of the block's first YAML line in the README. */
  line: number;
  kind: "example" | "steps" | "other";
  yaml: string;
}

function yamlBlocks(markdown: string): YamlBlock[] {
  const blocks: YamlBlock[] = [];
  for (const found of markdown.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```$/gm)) {
    const indent = found[1].length;
    const yaml = found[2]
      .split("\n")
      .map((line) => line.slice(indent))
      .join("\n");
    const first = yaml.split("\n")[0].trim();
    const kind = first === "# example" ? "example" : first === "# steps" ? "steps" : "other";
    blocks.push({ line: markdown.slice(0, found.index).split("\n").length + 1, kind, yaml });
  }
  return blocks;
}

/** A `# steps` block is a list of steps: it is checked inside the smallest rubric. */
function asRubric(block: YamlBlock): string {
  if (block.kind === "example") return block.yaml;
  const steps = block.yaml.split("\n").map((line) => (line ? `  ${line}` : line));
  return ["id: readme-steps", "title: README steps", "images: []", "submission: { script: run.sh }", "steps:", ...steps].join("\n");
}

const checked = yamlBlocks(text).filter((block) => block.kind !== "other");

describe("rubrics/README.md", () => {
  it("has complete examples and step examples to check", () => {
    expect(checked.filter((block) => block.kind === "example").length).toBeGreaterThanOrEqual(4);
    expect(checked.filter((block) => block.kind === "steps").length).toBeGreaterThan(0);
  });

  it.each(checked.map((block) => [`${block.kind} at line ${block.line}`, block] as const))("loads the %s without errors", (_name, block) => {
    const { errors, rubric } = loadRubricText(asRubric(block), `${REFERENCE_FILE} (block at line ${block.line})`);
    expect(errors.map(formatIssue)).toEqual([]);
    expect(rubric).toBeDefined();
  });

  it("has current generated tables (run `npm run schema` when this fails)", () => {
    expect(referenceFileText(text)).toBe(text);
  });

  it.each(Object.keys(graders))("documents the %s type: a section, its key table and a checked example", (type) => {
    expect(text).toMatch(new RegExp(`^### ${type}$`, "m"));
    expect(blockNames(text)).toContain(`grader:${type}`);
    const used = checked.some((block) => new RegExp(`^\\s*(- )?${type}:`, "m").test(block.yaml));
    expect(used).toBe(true);
  });

  it.each(Object.keys(((matcherSchema.oneOf as JsonSchema[])[1].properties ?? {}) as object))("shows the %s matcher in a checked example", (key) => {
    expect(checked.some((block) => block.yaml.includes(`{ ${key}: `) || block.yaml.includes(` ${key}: `))).toBe(true);
  });
});
