/**
 * How to run a student's script: by its shebang's interpreter, or bash when
 * it has none, so that a missing execute bit is not a zero. Windows line
 * endings are normalised first, with a warning that names them; a binary
 * file is not run at all.
 */
import * as path from "node:path";
import type { SandboxShell } from "../../graders/types";

const KNOWN_SHELLS = /^(?:\/usr)?\/bin\/(?:env\s+)?(bash|sh|dash)$|^\/usr\/bin\/env\s+(bash|sh|dash)$/;

export type EntryCommand = { argv: string[] } | { refused: string };

/** How much of a script is read to tell its interpreter, and whether it is text. */
export const HEAD_BYTES = 4096;

/** `knownHead`: the script's first HEAD_BYTES as the sandbox holds them, when already read (on the host, before anything ran). */
export async function commandFor(shell: SandboxShell, dir: string, file: string, args: string[], warnings: string[], knownHead?: string): Promise<EntryCommand> {
  const script = path.posix.join(dir, file);
  const head = knownHead !== undefined ? { exitCode: 0, stdout: knownHead, stderr: "" } : await shell.exec(["head", "-c", String(HEAD_BYTES), script]);
  if (head.exitCode !== 0) return { refused: `${file} could not be read in your submission (${head.stderr.trim()}), so it was not run.` };
  if (head.stdout.includes("\0")) {
    return { refused: `${file} is not a text script (it holds binary data), so it was not run. Submit the shell script itself.` };
  }
  if (head.stdout.trim() === "") warnings.push(`${file} is empty: nothing ran.`);
  if (head.stdout.includes("\r\n")) {
    await shell.exec(["sed", "-i", "s/\\r$//", script]);
    warnings.push(`${file} has Windows line endings (CRLF); it was run with them converted to LF. Save it with LF line endings.`);
  }
  const first = head.stdout.split("\n")[0].replace(/\r$/, "");
  const interpreter = first.startsWith("#!") ? first.slice(2).trim() : "";
  const known = KNOWN_SHELLS.exec(interpreter);
  const relative = `./${file}`;
  if (known) return { argv: [known[1] ?? known[2], relative, ...args] };
  if (interpreter === "") return { argv: ["bash", relative, ...args] };
  // Another interpreter (python3, ...): run the file itself, as the student would.
  await shell.exec(["chmod", "+x", script]);
  return { argv: [relative, ...args] };
}
