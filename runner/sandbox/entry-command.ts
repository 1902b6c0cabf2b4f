/**
 * How to run a student's script: by its shebang's interpreter, or bash when
 * it has none, so that a missing execute bit is not a zero. Windows line
 * endings are normalised first, with a warning that names them.
 */
import * as path from "node:path";
import type { SandboxShell } from "../../graders/types";

const KNOWN_SHELLS = /^(?:\/usr)?\/bin\/(?:env\s+)?(bash|sh|dash)$|^\/usr\/bin\/env\s+(bash|sh|dash)$/;

export async function commandFor(shell: SandboxShell, dir: string, file: string, args: string[], warnings: string[]): Promise<string[]> {
  const script = path.posix.join(dir, file);
  const head = await shell.exec(["head", "-c", "4096", script]);
  if (head.stdout.includes("\r\n")) {
    await shell.exec(["sed", "-i", "s/\\r$//", script]);
    warnings.push(`${file} has Windows line endings (CRLF); it was run with them converted to LF. Save it with LF line endings.`);
  }
  const first = head.stdout.split("\n")[0].replace(/\r$/, "");
  const interpreter = first.startsWith("#!") ? first.slice(2).trim() : "";
  const known = KNOWN_SHELLS.exec(interpreter);
  const relative = `./${file}`;
  if (known) return [known[1] ?? known[2], relative, ...args];
  if (interpreter === "") return ["bash", relative, ...args];
  // Another interpreter (python3, ...): run the file itself, as the student would.
  await shell.exec(["chmod", "+x", script]);
  return [relative, ...args];
}
