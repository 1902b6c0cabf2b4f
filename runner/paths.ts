/** The repository's root, found from wherever this file was compiled to. */
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
