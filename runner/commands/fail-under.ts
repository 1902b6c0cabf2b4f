/** `--fail-under 15` or `--fail-under 80%`: the score below which `labgrade check` exits 1. */

export type Threshold = { points: number } | { percent: number };

/** undefined when the text is neither a number of points nor a percentage from 0 to 100. */
export function parseThreshold(text: string): Threshold | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!match[2]) return { points: value };
  return value <= 100 ? { percent: value } : undefined;
}

/** The threshold in points, rounded as scores are, so that 80% of 20 is exactly 16. */
export function thresholdPoints(threshold: Threshold, maxScore: number): number {
  const points = "points" in threshold ? threshold.points : (maxScore * threshold.percent) / 100;
  return Math.round(points * 100) / 100;
}

export function isBelow(score: number, threshold: Threshold, maxScore: number): boolean {
  return score < thresholdPoints(threshold, maxScore);
}
