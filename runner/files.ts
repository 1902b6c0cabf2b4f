/**
 * Writing output files whole or not at all: the text goes to a temporary file
 * beside the target, then a rename puts it in place. A batch killed mid-write,
 * or a disk that fills, leaves the previous file as it was, never half of one.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { OutputError } from "./errors";

/** Temporary files carry this suffix; a run killed between write and rename leaves one. */
export const PARTIAL_SUFFIX = ".labgrade-partial";

export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const partial = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}${PARTIAL_SUFFIX}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(partial, "wx");
    try {
      fs.writeFileSync(fd, text, "utf8");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
  } catch (error) {
    removeQuietly(partial);
    throw new OutputError(dir, error as NodeJS.ErrnoException);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // never made, or its folder is gone
  }
}

/** Removes the temporary files that runs killed between write and rename left in `dir`. */
export function removePartials(dir: string): number {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  const partials = entries.filter((name) => name.endsWith(PARTIAL_SUFFIX));
  for (const name of partials) fs.rmSync(path.join(dir, name), { force: true });
  return partials.length;
}
