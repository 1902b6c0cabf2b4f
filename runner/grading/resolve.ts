/** The rubric's steps as one grading runs them: each with its grader, looked up once. */
import { graderFor } from "../../graders";
import type { Grader } from "../../graders/types";
import { interpolate, type InterpolationScope } from "../rubric/interpolate";
import type { Step } from "../rubric/types";

export type ResolvedStep<S extends Step = Step> = S & { grader: Grader };

/** Each step with its grader, and what students read of it (titles, feedback) filled in; specs are filled in step by step. */
export function resolveSteps(steps: Step[], scope: InterpolationScope): ResolvedStep[] {
  return steps.map((step) => {
    const grader = graderFor(step.type);
    // The loader refuses unknown types: this is a bug, not a rubric's mistake.
    if (!grader) throw new Error(`no grader for step type ${step.type}`);
    const read = interpolate(step.kind === "check" ? { title: step.title, feedback: step.feedback } : { title: step.title }, scope) as object;
    return { ...step, ...read, grader } as ResolvedStep;
  });
}
