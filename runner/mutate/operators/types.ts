/** What every mutation operator shares: pure functions from a parsed script to mutations of it. */
import type { ParsedScript } from "../docker";
import type { Edit } from "../edit";

export interface Mutation {
  /** Readable and stable: kind:container:detail (drop-mount:lamp-web:/var/www/html). */
  id: string;
  /** One line, for the report. */
  description: string;
  edits: Edit[];
}

/** What the rubric says about the script: what a hard-coding student would copy. */
export interface RubricHints {
  /**
   * The arguments the rubric runs this script with, in order: as a student would write
   * them into the script (a random part left out: mon-volume for mon-volume-${random.x}),
   * and as given. Undefined where it passes a pattern.
   */
  args: ({ value: string; given: string } | undefined)[];
  /** Volume names the rubric wants gone, as written (only literal ones). */
  absentVolumes: string[];
}

export type Operator = (script: ParsedScript, hints: RubricHints) => Mutation[];
