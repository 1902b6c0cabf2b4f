/** The last lines of a command's output, for a student-facing "found". */
export function tail(text: string, maxChars = 300): string {
  const trimmed = text.trim();
  return trimmed.length > maxChars ? `…${trimmed.slice(-maxChars)}` : trimmed;
}

/** The first few items of a long list, and how many more there are: `a, b, c and 4 more`. */
export function firstFew(items: string[], shown = 5): string {
  return items.slice(0, shown).join(", ") + (items.length > shown ? ` and ${items.length - shown} more` : "");
}
