/**
 * The wrong variants of a reference answer: each operator applied to each
 * script the rubric runs (the entry script, and the files of its `script`
 * steps). Pure: file texts in, mutants out. A mutant whose files are those of
 * the reference, or of a mutant listed before it, is kept aside as skipped.
 */
import type { Rubric } from "../rubric/types";
import { parseScript } from "./docker";
import { applyEdits, type Edit } from "./edit";
import { OPERATORS, type RubricHints } from "./operators";

export interface Mutant {
  id: string;
  description: string;
  /** The changed file, relative to the submission folder, and its new text. */
  file: string;
  text: string;
  /** The lines it changes, before and after. */
  changes: Change[];
}

export interface Change {
  line: number;
  before: string;
  after: string;
}

export interface Skipped {
  id: string;
  description: string;
  /** "the reference", or the id of the mutant it is identical to. */
  sameAs: string;
}

export interface MutantPlan {
  mutants: Mutant[];
  skipped: Skipped[];
}

/** The scripts the rubric runs, with what its steps pass them. */
export function scriptsOf(rubric: Rubric): Map<string, RubricHints> {
  const absentVolumes = rubric.steps.flatMap((step) => {
    if (step.type !== "volume") return [];
    const absent = (step.spec as { absent?: unknown[] }).absent ?? [];
    return absent.filter((name): name is string => typeof name === "string" && !name.includes("${"));
  });
  const scripts = new Map<string, RubricHints>([[rubric.submission.script, { args: [], absentVolumes }]]);
  for (const step of rubric.steps) {
    if (step.type !== "script") continue;
    const spec = step.spec as { file: string; args?: string[]; glob?: boolean };
    const args = (spec.args ?? []).map((given) => {
      // What the lab's text shows: variables as set, random parts left out.
      const value = given.replace(/\$\{var\.([\w-]+)\}/g, (_all, name: string) => String(rubric.variables[name] ?? "")).replace(/[-_.]?\$\{random\.[\w-]+\}/g, "");
      return value.includes("${") || value === "" || (spec.glob && /[*?[]/.test(given)) ? undefined : { value, given };
    });
    const known = scripts.get(spec.file);
    // The first run with arguments is the one a student would copy.
    if (!known || known.args.length === 0) scripts.set(spec.file, { args, absentVolumes });
  }
  return scripts;
}

/** The lines an edit touches, before and after (continuations joined), for a report. */
export function changeOf(text: string, edit: Edit): Change {
  const lineStart = text.lastIndexOf("\n", edit.start - 1) + 1;
  const newline = text.indexOf("\n", Math.max(edit.start, edit.end - 1));
  const lineEnd = newline < 0 ? text.length : newline;
  const flat = (lines: string) => lines.replace(/\s*\\\n\s*/g, " ").replace(/\s*\n\s*/g, "; ").trim();
  const before = text.slice(lineStart, lineEnd);
  const after = before.slice(0, edit.start - lineStart) + edit.text + text.slice(edit.end, Math.max(lineEnd, edit.end));
  return { line: text.slice(0, lineStart).split("\n").length, before: flat(before), after: flat(after) };
}

/** `files` reads a file of the reference (undefined when it is not there). */
export function planMutants(rubric: Rubric, files: (file: string) => string | undefined): MutantPlan {
  const scripts = [...scriptsOf(rubric)].flatMap(([file, hints]) => {
    const text = files(file);
    return text === undefined ? [] : [{ file, hints, text }];
  });
  const prefix = scripts.length > 1;
  const mutants: Mutant[] = [];
  const skipped: Skipped[] = [];
  const seen = new Map<string, string>();
  const taken = new Set<string>();
  for (const { file, hints, text } of scripts) {
    const parsed = parseScript(file, text);
    for (const operator of OPERATORS) {
      for (const mutation of operator(parsed, hints)) {
        let id = prefix ? `${file}:${mutation.id}` : mutation.id;
        for (let n = 2; taken.has(id); n++) id = `${prefix ? `${file}:` : ""}${mutation.id}#${n}`;
        taken.add(id);
        const mutated = applyEdits(text, mutation.edits);
        const key = `${file}\0${mutated}`;
        const same = mutated === text ? "the reference" : seen.get(key);
        if (same !== undefined) {
          skipped.push({ id, description: mutation.description, sameAs: same });
          continue;
        }
        seen.set(key, id);
        mutants.push({ id, description: mutation.description, file, text: mutated, changes: mutation.edits.map((edit) => changeOf(text, edit)) });
      }
    }
  }
  return { mutants, skipped };
}
