/**
 * Whether a submission holds a file, judged without ever following a link
 * out of the submission folder (`lamp.sh -> /etc/shadow` is not a script).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type FileCheck = { present: true } | { present: false; reason: string };

export function checkSubmissionFile(submissionDir: string, file: string): FileCheck {
  const root = fs.realpathSync(submissionDir);
  const full = path.join(root, file);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(full);
  } catch {
    return { present: false, reason: "missing" };
  }
  if (stat.isSymbolicLink()) {
    const target = fs.readlinkSync(full);
    let resolved: string | undefined;
    try {
      resolved = fs.realpathSync(full);
    } catch {
      return { present: false, reason: `a link to ${target}, which does not exist` };
    }
    if (resolved !== root && !resolved.startsWith(root + path.sep)) {
      return { present: false, reason: `a link to ${target}, outside your submission (links are never followed out of it)` };
    }
    stat = fs.statSync(full);
  }
  return stat.isFile() ? { present: true } : { present: false, reason: "not a regular file" };
}

/**
 * The first bytes of a submission's file, read on the host, as the sandbox's copy holds them;
 * undefined unless it is a regular file reached without a link (a link is read where it leads, in the sandbox).
 */
export function headOfSubmissionFile(submissionDir: string, file: string, bytes: number): string | undefined {
  const full = path.join(fs.realpathSync(submissionDir), file);
  try {
    if (fs.realpathSync(full) !== full || !fs.lstatSync(full).isFile()) return undefined;
    const fd = fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0)).toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
