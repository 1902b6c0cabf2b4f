/** Where commands write: injected so that commands are testable without a terminal. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal that takes colours (NO_COLOR respected). */
  color: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  color: Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env),
};
