/** `labgrade validate <rubric>...`: every problem of every rubric, then one verdict line per file. */
import type { Io } from "../io";
import { rubricFile } from "../paths";
import { maxScore } from "../rubric/points";
import { formatIssue, formatWarning, loadRubric, type LoadResult } from "../rubric/load";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function verdict(file: string, loaded: LoadResult): string {
  const warnings = loaded.warnings.length ? `; ${plural(loaded.warnings.length, "warning")}` : "";
  if (!loaded.rubric) return `${file}: invalid (${plural(loaded.errors.length, "error")}${warnings})`;
  const points = maxScore(loaded.rubric.steps);
  return `${file}: valid (${plural(loaded.rubric.steps.length, "step")}, ${plural(points, "point")}${warnings})`;
}

/** 0 when every rubric is valid (warnings allowed), 2 otherwise. */
export async function validateCommand(files: string[], io: Io): Promise<number> {
  if (files.length === 0) {
    io.err("validate: give one or more rubric files, e.g. labgrade validate rubrics/lamp-stack.yaml");
    return 2;
  }
  let valid = true;
  for (const file of files) {
    const loaded = await loadRubric(rubricFile(file));
    for (const issue of loaded.errors) io.out(formatIssue(issue));
    for (const issue of loaded.warnings) io.out(formatWarning(issue));
    io.out(verdict(file, loaded));
    valid &&= Boolean(loaded.rubric);
  }
  return valid ? 0 : 2;
}
