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
