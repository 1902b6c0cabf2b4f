/**
 * `labgrade draft <reference-dir> --images a,b [--script s.sh] [--lang fr|en] [--out lab.yaml]`:
 * a first rubric for a new lab, written from what its reference answer leaves
 * in a sandbox. It validates and gives the reference full marks; the
 * instructor then moves points, cuts checks and adds hints.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../files";
import { UsageError } from "../errors";
import { langOfEnv, type Lang } from "../i18n";
import type { Io } from "../io";
import { slug } from "../draft/plan";
import { draftFromReference } from "../draft/run";
import type { DraftArgs } from "./draft.cli";

/** Folder names that say "the answer" rather than the lab's name: the lab is then the parent's. */
const ANSWER_FOLDERS = /^(reference|solution|corrige|corrigé|answer|model)$/i;

function scriptOf(dir: string, given: string | undefined): string {
  if (given !== undefined) {
    if (!fs.existsSync(path.join(dir, given))) throw new UsageError(`${given} is not in ${dir}: give --script the entry script's path inside the reference folder.`);
    return given;
  }
  const scripts = fs.readdirSync(dir).filter((f) => f.endsWith(".sh")).sort();
  if (scripts.length === 1) return scripts[0];
  throw new UsageError(
    scripts.length === 0
      ? `${dir} holds no .sh script: give the entry script with --script.`
      : `${dir} holds several scripts (${scripts.join(", ")}): say which one the lab runs with --script.`,
  );
}

/** French when the reference's comments are: the course's language, which students read. */
export function langOfScripts(texts: string[]): Lang | undefined {
  const comments = texts.flatMap((t) => t.split("\n").filter((l) => /^\s*#(?!!)/.test(l))).join(" ").toLowerCase();
  if (!comments.trim()) return undefined;
  const french = (comments.match(/[éèêàùç]|\b(le|la|les|des|du|une|avec|pour|dans|est|sur|et)\b/g) ?? []).length;
  const english = (comments.match(/\b(the|with|for|and|of|is|on|in|to)\b/g) ?? []).length;
  return french > english ? "fr" : english > 0 ? "en" : undefined;
}

/** The lab's title: the script's first comment that is not its own name (up to a " : " or " - "). */
export function titleOfScript(text: string, script: string): string | undefined {
  const comment = text
    .split("\n")
    .filter((l) => /^\s*#(?!!)/.test(l))
    .map((l) => l.replace(/^\s*#+\s*/, "").trim())
    .find((l) => l.length > 3 && !l.includes(path.basename(script)) && !/^(set|usage)\b/i.test(l));
  return comment?.split(/\s+[:—–-]\s+/)[0].replace(/[.:]$/, "").trim() || undefined;
}

export async function draftCommand(args: DraftArgs, io: Io): Promise<number> {
  const dir = args.dir;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder. Give the folder that holds the lab's reference answer.`);
  const images = args.images;
  const script = scriptOf(dir, args.script);
  const scripts = fs.readdirSync(dir).filter((f) => f.endsWith(".sh")).sort();
  const scriptText = fs.readFileSync(path.join(dir, script), "utf8");
  const lang: Lang =
    args.lang ??
    langOfScripts(scripts.map((f) => fs.readFileSync(path.join(dir, f), "utf8"))) ??
    langOfEnv(process.env) ??
    "en";
  const folder = path.basename(path.resolve(dir));
  const labName = ANSWER_FOLDERS.test(folder) ? path.basename(path.dirname(path.resolve(dir))) : folder;
  const id = slug(args.out && !/^lab\.ya?ml$/i.test(path.basename(args.out)) ? path.basename(args.out).replace(/\.ya?ml$/i, "") : labName);
  const title = titleOfScript(scriptText, script) ?? (lang === "fr" ? `Laboratoire ${id}` : `Lab ${id}`);
  const files = [script, ...scripts.filter((f) => f !== script)];

  const drafted = await draftFromReference(dir, { id, title, lang, images, script, files, dir }, (line) => io.err(`labgrade draft: ${line}`));
  const checks = drafted.checks.length;
  io.err(`labgrade draft: ${checks - drafted.dropped.filter((id) => drafted.checks.some((c) => c.id === id)).length} of ${checks} checks kept${drafted.dropped.length ? ` (left out, as the reference failed them: ${drafted.dropped.join(", ")})` : ""}`);
  if (args.out) {
    writeFileAtomic(args.out, drafted.yaml);
    io.err(`labgrade draft: wrote ${args.out}; next: labgrade validate ${args.out}, then labgrade grade ${dir} --rubric ${args.out}`);
  } else {
    io.out(drafted.yaml.trimEnd());
  }
  return 0;
}
