/**
 * Which rubric `labgrade check` grades against: --rubric, else the one a
 * labgrade.yaml names, in the assignment's folder or a parent up to the git
 * root. A rubric is a path (relative to where it is written) or the id of a
 * rubric bundled with labgrade (rubrics/<id>.yaml).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { NotARegularFileError, readAtMost, readFailureReason } from "../bounded-read";
import { UsageError } from "../errors";
import type { Translate } from "../i18n";
import { BUNDLED_RUBRICS as BUNDLED, looksLikePath } from "../paths";

export const CONFIG_FILE = "labgrade.yaml";

export function bundledRubrics(): string[] {
  return fs
    .readdirSync(BUNDLED)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => name.slice(0, -".yaml".length))
    .sort();
}

/** A path when it looks like one (a separator, or a .yaml/.yml name); otherwise a bundled rubric's id. */
export function resolveRubric(reference: string, baseDir: string, from: string, t: Translate): string {
  const file = looksLikePath(reference) ? path.resolve(baseDir, reference) : path.join(BUNDLED, `${reference}.yaml`);
  if (!fs.existsSync(file)) {
    throw new UsageError(t("error.rubricMissing", { rubric: reference, from, path: file, ids: bundledRubrics().join(", ") }));
  }
  return file;
}

/** The labgrade.yaml nearest `dir`, looking no higher than the git root; and where the search stopped. */
export function findConfig(dir: string): { file?: string; top: string } {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, CONFIG_FILE);
    if (fs.existsSync(file)) return { file, top: current };
    if (fs.existsSync(path.join(current, ".git")) || path.dirname(current) === current) return { top: current };
  }
}

/** A labgrade.yaml is one line: a larger file is not one, and is never read whole. */
const CONFIG_MAX_BYTES = 64 * 1024;

/** The file's text, refused when it cannot be read (permissions), is not a regular file or is past the bound. */
function configText(file: string, t: Translate): string {
  const refused = () => new UsageError(t("error.configFile", { file, limit: `${CONFIG_MAX_BYTES / 1024} KiB` }));
  let bytes: Buffer;
  try {
    bytes = readAtMost(file, CONFIG_MAX_BYTES + 1);
  } catch (error) {
    throw error instanceof NotARegularFileError ? refused() : new UsageError(t("error.configUnreadable", { file, reason: readFailureReason(error) }));
  }
  if (bytes.length > CONFIG_MAX_BYTES) throw refused();
  return bytes.toString("utf8");
}

/** The rubric reference a labgrade.yaml holds: `rubric: <path or id>` and nothing else. */
export function readConfig(file: string, t: Translate): string {
  const text = configText(file, t);
  let document: unknown;
  try {
    document = yaml.load(text);
  } catch (error) {
    throw new UsageError(t("error.configYaml", { file, problem: (error as Error).message.split("\n")[0] }));
  }
  if (!document || typeof document !== "object" || Array.isArray(document)) throw new UsageError(t("error.configShape", { file }));
  const unknown = Object.keys(document).find((key) => key !== "rubric");
  if (unknown !== undefined) throw new UsageError(t("error.configKey", { file, key: unknown }));
  const rubric = (document as { rubric?: unknown }).rubric;
  if (typeof rubric !== "string" || !rubric.trim()) throw new UsageError(t("error.configShape", { file }));
  return rubric.trim();
}

/** The rubric file for an assignment folder: --rubric (from the working directory) or its labgrade.yaml's. */
export function rubricFor(dir: string, flag: string | undefined, t: Translate): string {
  if (flag !== undefined) return resolveRubric(flag, process.cwd(), "--rubric", t);
  const found = findConfig(dir);
  if (!found.file) throw new UsageError(t("error.noRubric", { dir, top: found.top }));
  return resolveRubric(readConfig(found.file, t), path.dirname(found.file), found.file, t);
}
