/**
 * Where labgrade's own files are: its package root (a checkout, or the folder npm
 * installed it in), found from wherever this file was compiled to, and the rubrics
 * and image recipes it bundles there.
 */
import * as fs from "node:fs";
import * as path from "node:path";

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "rubrics"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`labgrade's root not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(__dirname);

export const BUNDLED_RUBRICS = path.join(REPO_ROOT, "rubrics");

/** The version in labgrade's package.json: what an autograder pins. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** A name with a separator or ending in .yaml/.yml is a path; any other is a bundled rubric's id. */
export function looksLikePath(reference: string): boolean {
  return /[\\/]/.test(reference) || /\.ya?ml$/i.test(reference);
}

/** The file of a rubric given as a path or as the id of a bundled one (lamp-stack). */
export function rubricFile(reference: string): string {
  if (looksLikePath(reference) || fs.existsSync(reference)) return reference;
  const bundled = path.join(BUNDLED_RUBRICS, `${reference}.yaml`);
  return fs.existsSync(bundled) ? bundled : reference;
}
