/** Evaluating a step again while a service may still be starting, within its retry policy. */
import type { GraderContext, Outcome } from "../../graders/types";
import type { ResolvedStep } from "./resolve";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `again` runs before each new attempt: what was seen of the sandbox is stale by then. */
export async function evaluateWithRetry(ctx: GraderContext, step: ResolvedStep, spec: unknown, deadline: number, waited: (ms: number) => void, again: () => void = () => undefined): Promise<Outcome> {
  const until = Math.min(deadline, Date.now() + (step.retry?.timeoutMs ?? 0));
  for (;;) {
    const outcome = await step.grader.evaluate(ctx, spec);
    // A final outcome (the container is gone, the server answered) will not change by waiting.
    if (outcome.passed || outcome.final || !step.retry || Date.now() + step.retry.intervalMs > until) return outcome;
    await sleep(step.retry.intervalMs);
    waited(step.retry.intervalMs);
    again();
  }
}
