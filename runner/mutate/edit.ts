/** Text edits of a script, as mutation operators describe them: pure, applied last. */
import type { Word } from "./script";

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Removes a run of words. When they are alone on a continued line (`  -v a:/b \`),
 * the whole line goes, so the command reads as if they had never been written.
 */
export function removeWords(text: string, words: readonly Word[]): Edit {
  const start = words[0].start;
  const end = words[words.length - 1].end;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const newline = text.indexOf("\n", end);
  const lineEnd = newline < 0 ? text.length : newline;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\\$/.test(text.slice(end, lineEnd)) && newline >= 0) {
    return { start: lineStart, end: newline + 1, text: "" };
  }
  // Otherwise the word and the blank before it.
  let from = start;
  while (from > 0 && (text[from - 1] === " " || text[from - 1] === "\t")) from--;
  return { start: from, end, text: "" };
}

export function replaceWords(words: readonly Word[], text: string): Edit {
  return { start: words[0].start, end: words[words.length - 1].end, text };
}

/** Quotes a value for the shell when it needs it, keeping `$(…)` and `$VAR` live. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\`])/g, "\\$1")}"`;
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
