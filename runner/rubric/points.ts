/** Points as results keep them, and a rubric's maximum score: one sum, wherever it is shown. */

/** To the hundredth, so that 0.1 + 0.2 is 0.3. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/** The points of a rubric's checks, summed; a step read from YAML counts when its points are a positive number. */
export function maxScore(steps: readonly { kind?: string; points?: unknown }[]): number {
  return roundPoints(steps.reduce<number>((sum, step) => sum + (step.kind === "check" && typeof step.points === "number" && step.points > 0 ? step.points : 0), 0));
}
