/**
 * The student's script output as the live display shows it: whole lines,
 * cleaned of terminal bytes, cut to the screen's width, and at most
 * `head + tail` of them: the first ones as they come, then the last ones.
 */
import { clean } from "../report/text";

/** A line no wider than `width` columns, cut with "…" (tabs count as two spaces). */
export function cutLine(line: string, width: number): string {
  const chars = [...line.replace(/\t/g, "  ")];
  return chars.length <= width ? chars.join("") : `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

export interface OutputLimits {
  /** Lines shown as they come. */
  head: number;
  /** Of the rest, the last ones shown at the end (and in a live window meanwhile). */
  tail: number;
}

export class ScriptOutput {
  private partial = "";
  private shown = 0;
  /** Lines past the head: the last tail + 1 of them, and how many there were. */
  private held: string[] = [];
  private heldCount = 0;

  constructor(private readonly limits: OutputLimits) {}

  /** Takes a piece of output; returns the lines to show now. Blank lines are dropped. */
  push(text: string): string[] {
    const parts = clean(this.partial + text).split("\n");
    this.partial = parts.pop() ?? "";
    return parts.flatMap((line) => this.take(line));
  }

  /** The lines held back so far, the last `tail` of them: what a live window shows. */
  window(): string[] {
    return this.held.slice(-this.limits.tail);
  }

  /** At the end of the script: the held lines to show, and how many are left out (never just one). */
  end(): { hidden: number; lines: string[] } {
    const last = this.take(this.partial);
    this.partial = "";
    if (this.heldCount <= this.limits.tail + 1) return { hidden: 0, lines: [...last, ...this.held] };
    return { hidden: this.heldCount - this.limits.tail, lines: this.held.slice(-this.limits.tail) };
  }

  private take(line: string): string[] {
    if (!line.trim()) return [];
    const trimmed = line.trimEnd();
    if (this.shown < this.limits.head) {
      this.shown++;
      return [trimmed];
    }
    this.heldCount++;
    this.held.push(trimmed);
    if (this.held.length > this.limits.tail + 1) this.held.shift();
    return [];
  }
}
