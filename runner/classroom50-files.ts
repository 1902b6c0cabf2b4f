/**
 * `grade --classroom50`: the two files Classroom 50's autograde runner reads from the
 * folder it ran the autograder in: result.json (report/classroom50.ts) and
 * release-body.md (report/classroom50-body.ts). The identity comes from the runner's
 * environment and is checked before grading, so a grading is never spent on a result
 * the runner would refuse.
 */
import * as path from "node:path";
import { UsageError } from "./errors";
import { writeFileAtomic } from "./files";
import { chooseLang, translator, type Lang } from "./i18n";
import type { GradeResult } from "./result";
import { defaultScale, identityFromEnv, toClassroom50Result, type Classroom50Identity } from "./report/classroom50";
import { toReleaseBody } from "./report/classroom50-body";
import type { CheckStep, Rubric } from "./rubric/types";

export const RESULT_FILE = "result.json";
export const RELEASE_BODY_FILE = "release-body.md";

export interface Classroom50Run {
  identity: Classroom50Identity;
  scale: number;
  lang: Lang;
}

/** --scale: how many whole points one rubric point counts. */
export function parseScale(flag: string): number {
  if (!/^[1-9]\d{0,5}$/.test(flag)) throw new UsageError(`--scale takes a whole number of points per rubric point (1, 10, 100), got ${flag}`);
  return Number(flag);
}

function scaleOf(flag: string | undefined, rubric: Rubric): number {
  if (flag === undefined) return defaultScale(rubric.steps.filter((s): s is CheckStep => s.kind === "check").map((s) => s.points));
  return parseScale(flag);
}

/** What the files need, from the environment and the flag; a usage error names what is missing. */
export function classroom50Run(rubric: Rubric, env: NodeJS.ProcessEnv, scale?: string): Classroom50Run {
  const { identity, missing } = identityFromEnv(env);
  if (!identity) {
    throw new UsageError(
      `--classroom50 writes the submission's identity, which Classroom 50's runner gives in its environment; missing: ${missing.join(", ")}. ` +
        "Set them to try it outside the runner (see the README's Classroom 50 section).",
    );
  }
  return { identity, scale: scaleOf(scale, rubric), lang: chooseLang({ env, rubric: rubric.language }) };
}

export function writeClassroom50Files(result: GradeResult, rubric: Rubric, run: Classroom50Run, dir = process.cwd(), now = new Date()): void {
  const classroom = toClassroom50Result(result, run.identity, { scale: run.scale, now });
  const body = toReleaseBody(result, classroom, { t: translator(run.lang), title: rubric.title, script: rubric.submission.script, scale: run.scale });
  // Whole or not at all, as every output: a full disk is said as such (exit 2), never half a file for the runner to read.
  writeFileAtomic(path.join(dir, RESULT_FILE), `${JSON.stringify(classroom, null, 2)}\n`);
  writeFileAtomic(path.join(dir, RELEASE_BODY_FILE), body);
}
