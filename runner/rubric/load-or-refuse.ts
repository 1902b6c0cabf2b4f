/** The rubric a command grades with, or a RubricError listing its problems: nothing is graded with a bad rubric. */
import { RubricError } from "../errors";
import { rubricFile } from "../paths";
import { formatIssue, loadRubric } from "./load";
import type { Rubric } from "./types";

/** `file` is a path or a bundled rubric's id (lamp-stack). */
export async function loadOrRefuse(file: string, variables: Record<string, string> = {}): Promise<Rubric> {
  const loaded = await loadRubric(rubricFile(file), { variables });
  if (!loaded.rubric || loaded.errors.length) {
    throw new RubricError([...loaded.errors.map(formatIssue), `${file}: ${loaded.errors.length} error(s); nothing was graded.`].join("\n"));
  }
  return loaded.rubric;
}
