/**
 * Rules across steps that no schema can say: unique ids, requirements on
 * earlier steps only (so no cycle can exist), references to known
 * variables, and a few warnings worth an author's attention.
 */
import { forEachString, referenceProblemsIn, referencesIn } from "./interpolate";
import type { IssueList } from "./issues";
import type { PositionMap } from "./positions";
import { maxScore } from "./points";
import { isMapping, kindOf, type RawStep } from "./steps";
import { codeList, didYouMeanSentence } from "./suggest";

interface Declared {
  id: string;
  index: number;
  key: string;
}

function declaredIds(steps: unknown[]): Declared[] {
  return steps.flatMap((step, index) => {
    if (!isMapping(step)) return [];
    const key = kindOf(step);
    return key && typeof step[key] === "string" ? [{ id: step[key] as string, index, key }] : [];
  });
}

/** The first step of each id; later ones are reported as duplicates. */
export function checkIds(steps: unknown[], positions: PositionMap, issues: IssueList): Map<string, number> {
  const first = new Map<string, Declared>();
  for (const declared of declaredIds(steps)) {
    const earlier = first.get(declared.id);
    if (!earlier) {
      first.set(declared.id, declared);
      continue;
    }
    const line = positions.at(["steps", earlier.index, earlier.key]).line;
    issues.error(["steps", declared.index, declared.key], `duplicate id \`${declared.id}\`: the step at line ${line} already uses it; ids must be unique.`);
  }
  return new Map([...first].map(([id, declared]) => [id, declared.index]));
}

export function checkRequires(steps: unknown[], ids: Map<string, number>, positions: PositionMap, issues: IssueList): void {
  steps.forEach((step, index) => {
    if (!isMapping(step) || !Array.isArray(step.requires)) return;
    const own = kindOf(step) ? step[kindOf(step)!] : undefined;
    step.requires.forEach((required, item) => {
      if (typeof required !== "string") return; // the schema reports it
      const path = ["steps", index, "requires", item];
      const at = ids.get(required);
      if (required === own) issues.error(path, "a step cannot require itself.");
      else if (at === undefined) issues.error(path, `requires \`${required}\`, which is no step's id.${didYouMeanSentence(required, ids.keys())}`);
      else if (at > index) {
        const line = positions.at(["steps", at]).line;
        issues.error(
          path,
          `requires \`${required}\`, which comes later (line ${line}): a step can only require an earlier one. Move \`${required}\` before this step, or drop the requirement.`,
        );
      }
    });
  });
}

/** Checks every `${…}` in the steps; returns the variables they use. */
export function checkReferences(steps: unknown[], vars: Record<string, string>, issues: IssueList): Set<string> {
  const used = new Set<string>();
  const names = Object.keys(vars);
  forEachString(steps, ["steps"], (text, path) => {
    for (const problem of referenceProblemsIn(text)) issues.error(path, problem.message);
    for (const reference of referencesIn(text)) {
      if (reference.prefix !== "var") continue;
      used.add(reference.name);
      if (names.includes(reference.name)) continue;
      const declared = names.length ? ` Declared: ${codeList(names)}.` : "";
      issues.error(
        path,
        `\`${reference.text}\` names no variable.${didYouMeanSentence(reference.name, names)}${declared} Declare it under \`variables:\` or give it with --var ${reference.name}=value.`,
      );
    }
  });
  return used;
}

export function warnUnusedVariables(declared: Record<string, unknown>, given: Record<string, string>, used: Set<string>, issues: IssueList): void {
  for (const name of Object.keys(declared).filter((name) => !used.has(name))) {
    issues.warning(["variables", name], `\`${name}\` is never used: reference it as \${var.${name}} in a step, or remove it.`);
  }
  for (const name of Object.keys(given).filter((name) => !used.has(name) && !(name in declared))) {
    issues.warning([], `the variable \`${name}\` given on the command line is not used by this rubric.${didYouMeanSentence(name, Object.keys(declared))}`);
  }
}

export function warnNoPoints(steps: RawStep[], issues: IssueList): void {
  if (steps.length && maxScore(steps.map((step) => ({ kind: kindOf(step), points: step.points }))) === 0) issues.warning(["steps"], "no check is worth any points, so every score will be 0 of 0.");
}
