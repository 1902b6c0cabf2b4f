/**
 * A submission's content as one sha256: every entry of its folder as the sandbox
 * receives it (tar of the folder, .git included), by relative path, type,
 * executable bit and content; links by their target, never followed.
 */
import { createHash, type Hash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { compareNames } from "../report/class/columns";

const CHUNK = 1024 * 1024;

/** Undefined when some entry cannot be read: the student is then graded again. */
export function submissionDigest(dir: string): string | undefined {
  try {
    const root = fs.realpathSync(dir);
    const hash = createHash("sha256");
    addFolder(hash, root, "");
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

function addFolder(hash: Hash, root: string, relative: string): void {
  const names = fs.readdirSync(path.join(root, relative)).sort(compareNames);
  for (const name of names) {
    const entry = relative ? `${relative}/${name}` : name;
    const full = path.join(root, entry);
    const stat = fs.lstatSync(full);
    if (stat.isSymbolicLink()) hash.update(`link\0${entry}\0${fs.readlinkSync(full)}\0`);
    else if (stat.isDirectory()) {
      hash.update(`folder\0${entry}\0`);
      addFolder(hash, root, entry);
    } else if (stat.isFile()) {
      hash.update(`file\0${entry}\0${stat.mode & 0o111 ? "x" : "-"}\0${stat.size}\0`);
      addContent(hash, full);
    } else hash.update(`other\0${entry}\0`);
  }
}

function addContent(hash: Hash, file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let read = fs.readSync(fd, buffer, 0, CHUNK, null); read > 0; read = fs.readSync(fd, buffer, 0, CHUNK, null)) {
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
}
