/**
 * `labgrade check [dir]`: a student grading their own work before they hand
 * it in. The rubric comes from labgrade.yaml (or --rubric); progress, the
 * script's output and each check show as they come; the summary says where to
 * start. Messages are in the student's language (runner/i18n/).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gradeSubmission } from "../engine";
import { errorResult } from "../error-result";
import { loadOrRefuse } from "../rubric/load-or-refuse";
import { startEarly } from "../early-sandbox";
import type { SandboxStarter } from "../sandbox/sandbox";
import { gradeWhileEngineWatched } from "../watched-grading";
import { selectedSteps } from "../grading/results";
import { SandboxUnavailableError, UsageError } from "../errors";
import { chooseLang, langOption, translator, type Translate } from "../i18n";
import type { Io } from "../io";
import { keepLines, summaryLines } from "../live/format";
import { LiveDisplay } from "../live/display";
import { screenOf, type Screen } from "../live/screen";
import { toJson } from "../report";
import { formatPoints } from "../report/text";
import { maxScore } from "../rubric/points";
import { didYouMean } from "../rubric/suggest";
import type { CheckStep, Rubric } from "../rubric/types";
import { rubricFor } from "./check-config";
import { isBelow, parseThreshold, thresholdPoints, type Threshold } from "./fail-under";
import type { CheckArgs } from "./check.cli";

/** The checks --only names; an unknown id is refused with the rubric's ids. */
function onlyChecks(given: string[], rubric: Rubric, t: Translate): string[] | undefined {
  const ids = given.flatMap((item) => item.split(",")).map((id) => id.trim()).filter(Boolean);
  if (!ids.length) return undefined;
  const known = rubric.steps.filter((step): step is CheckStep => step.kind === "check").map((step) => step.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const close = didYouMean(id, known);
    const suggestion = close ? t("error.didYouMean", { id: close }) : "";
    throw new UsageError(t("error.unknownCheck", { id, rubric: rubric.id, suggestion, ids: known.join(", ") }));
  }
  return ids;
}

function threshold(value: string | undefined, maxScore: number, only: string[] | undefined, t: Translate): Threshold | undefined {
  if (value === undefined) return undefined;
  const parsed = parseThreshold(value);
  if (!parsed) throw new UsageError(t("error.failUnder", { value }));
  if (thresholdPoints(parsed, maxScore) > maxScore) throw new UsageError(t("error.failUnderTooHigh", { value, max: maxScore }));
  if (only) throw new UsageError(t("error.onlyAndFailUnder"));
  return parsed;
}

export async function checkCommand(args: CheckArgs, io: Io, screenFor: (json: boolean) => Screen = defaultScreen): Promise<number> {
  const flag = langOption(args.lang, process.env);
  const early = translator(chooseLang({ flag, env: process.env }));
  if (!fs.existsSync(args.dir) || !fs.statSync(args.dir).isDirectory()) throw new UsageError(early("error.notFolder", { dir: args.dir }));
  const rubricFile = rubricFor(path.resolve(args.dir), args.rubric, early);
  // The sandbox boots while the rubric is checked; a rubric refused, or asking for another, removes it.
  const ahead = startEarly({ rubricFile, submissionDir: args.dir });
  await ahead?.created;
  try {
    return await checkWith(args, io, screenFor, { rubricFile, flag, startSandbox: ahead?.start });
  } finally {
    await ahead?.discard();
  }
}

/** What checkCommand found before the rubric is loaded: its file, the --lang given, and the sandbox started ahead. */
interface Found {
  rubricFile: string;
  flag: ReturnType<typeof langOption>;
  startSandbox: SandboxStarter | undefined;
}

async function checkWith(args: CheckArgs, io: Io, screenFor: (json: boolean) => Screen, { rubricFile, flag, startSandbox }: Found): Promise<number> {
  const rubric = await loadOrRefuse(rubricFile, args.variables);
  const lang = chooseLang({ flag, env: process.env, rubric: rubric.language });
  const t = translator(lang);
  const only = onlyChecks(args.only, rubric, t);
  const checkSteps = rubric.steps.filter((step): step is CheckStep => step.kind === "check");
  const failUnder = threshold(args.failUnder, maxScore(rubric.steps), only, t);
  const selected = only ? selectedSteps(rubric.steps, only) : undefined;

  const screen = screenFor(args.json);
  const style = { t, color: screen.color };
  const display = new LiveDisplay(screen, {
    ...style,
    lab: { images: rubric.images, script: rubric.submission.script },
    checks: checkSteps.filter((step) => !selected || selected.has(step.id)).map((step) => ({ id: step.id, maxPoints: step.points })),
  });
  display.print([t("check.rubric", { title: rubric.title, file: shortPath(rubricFile) }), t("check.submission", { dir: shortPath(path.resolve(args.dir)) })]);
  display.start();
  let result;
  try {
    result = await gradeWhileEngineWatched(() =>
      gradeSubmission({ rubric, submissionDir: args.dir, variables: args.variables, onEvent: (event) => display.onEvent(event), only, keep: args.keep, lang, startSandbox }),
    );
  } catch (error) {
    display.stop();
    if (error instanceof SandboxUnavailableError && args.json) io.out(toJson(errorResult(rubric, args.dir, error.message)));
    throw error;
  }
  display.finish(result, selected);
  const requires = Object.fromEntries(rubric.steps.map((step) => [step.id, step.requires]));
  const lines = summaryLines(result, { ...style, script: rubric.submission.script, requires, selected });
  if (args.keep) lines.push(...keepLines(t, result.sandbox?.kept));
  const below = failUnder !== undefined && isBelow(result.score, failUnder, result.maxScore);
  if (below) lines.push("", t("failUnder.below", { score: formatPoints(result.score, result.maxScore), threshold: args.failUnder!.trim() }));
  display.print(lines);
  if (args.json) io.out(toJson(result));
  return below ? 1 : 0;
}

/** A path from the working directory when it is below it; otherwise the whole path. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** People read stdout, unless it carries the JSON: then they read stderr. */
function defaultScreen(json: boolean): Screen {
  return screenOf(json ? process.stderr : process.stdout);
}
