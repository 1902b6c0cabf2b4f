/** Where the live display writes: a terminal (redrawn in place) or a pipe (plain lines). */
export interface Screen {
  write(text: string): void;
  /** A terminal that takes cursor moves: a status line is redrawn in place. */
  readonly live: boolean;
  readonly columns: number;
  /** Colours, by the same rule as runner/io.ts: a terminal, and NO_COLOR unset. */
  readonly color: boolean;
}

export function screenOf(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Screen {
  const tty = Boolean(stream.isTTY);
  return {
    write: (text) => void stream.write(text),
    live: tty && env.TERM !== "dumb",
    // A pipe has no width; script output is still cut, to keep logs readable.
    columns: tty ? stream.columns || 80 : 120,
    color: tty && !("NO_COLOR" in env),
  };
}
