/**
 * Reading a file named by untrusted input (a rubric, a labgrade.yaml): never more
 * than a bound, and only from a regular file, since the name may be a huge file,
 * a device that never ends, or a pipe that never opens (O_NONBLOCK, so that
 * opening one cannot block the process).
 */
import * as fs from "node:fs";

/** The name is a folder, a pipe or a device. */
export class NotARegularFileError extends Error {}

/**
 * Why the system refused to read a file, in words a person reads ("permission
 * denied"), without the syscall and path node's message wraps around them.
 */
export function readFailureReason(error: unknown): string {
  // Not `instanceof Error`: an error from another realm (a vm context, jest's) is not one there.
  const given = (error as { message?: unknown } | undefined)?.message;
  const message = typeof given === "string" ? given : String(error);
  return /^[A-Z0-9]+: ([^,]+),/.exec(message)?.[1] ?? message;
}

/** At most `limit` bytes from the start of `file`: a caller asks one more than it accepts to tell "too long". */
export function readAtMost(file: string, limit: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    if (!fs.fstatSync(fd).isFile()) throw new NotARegularFileError(`${file} is not a regular file (a folder, a pipe or a device)`);
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const read = fs.readSync(fd, buffer, length, limit - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}
