/**
 * `labgrade explain <rubric>`: the rubric as the checklist a student reads,
 * in the order the steps run. Hidden checks count in the total only.
 */
import { graders } from "../../graders";
import type { Io } from "../io";
import { rubricFile } from "../paths";
import { replaceVariables } from "../rubric/interpolate";
import { formatIssue, loadRubric } from "../rubric/load";
import { maxScore } from "../rubric/points";
import type { GraderRegistry } from "../rubric/schema";
import type { CheckStep, Rubric, Step } from "../rubric/types";

function points(count: number): string {
  return `${count} point${count === 1 ? "" : "s"}`;
}

/** What must hold, in the grader's words, with the rubric's variables in place. */
function expectation(step: Step, registry: GraderRegistry, vars: Record<string, string>): string | undefined {
  try {
    return registry[step.type]?.describe(replaceVariables(step.spec, vars));
  } catch {
    return undefined;
  }
}

function checkLines(step: CheckStep, registry: GraderRegistry, vars: Record<string, string>): string[] {
  const title = String(replaceVariables(step.title, vars));
  const credit = step.partial ? ", partial credit" : "";
  const expected = expectation(step, registry, vars);
  const lines = [`  [${points(step.points)}${credit}] ${title}`];
  if (expected && expected !== title) lines.push(`      expected: ${expected}`);
  return lines;
}

export function checklistOf(rubric: Rubric, registry: GraderRegistry = graders): string {
  const vars = rubric.variables;
  const lines = [rubric.title, `(${rubric.id}${rubric.version ? `, version ${rubric.version}` : ""})`, ""];
  if (rubric.description) lines.push(rubric.description.trim(), "");
  lines.push("In the order they run:", "");
  for (const step of rubric.steps) {
    if (step.kind === "action") lines.push(`  then: ${replaceVariables(step.title, vars)}`);
    else if (!step.hidden) lines.push(...checkLines(step, registry, vars));
  }
  const checks = rubric.steps.filter((step): step is CheckStep => step.kind === "check");
  const total = maxScore(checks);
  const hidden = maxScore(checks.filter((step) => step.hidden));
  const split = hidden ? ` (${total - hidden} listed +${hidden} hidden point${hidden === 1 ? "" : "s"})` : "";
  lines.push("", `Total: ${points(total)}${split}`);
  return lines.join("\n");
}

/** 0 after printing the checklist; 2, with the problems, for an invalid rubric. */
export async function explainCommand(file: string, io: Io): Promise<number> {
  const loaded = await loadRubric(rubricFile(file));
  if (!loaded.rubric) {
    for (const issue of loaded.errors) io.err(formatIssue(issue));
    io.err(`${file}: invalid, so there is nothing to explain; \`labgrade validate ${file}\` lists the problems.`);
    return 2;
  }
  io.out(checklistOf(loaded.rubric));
  return 0;
}
