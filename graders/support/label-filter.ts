/** Docker's `--filter label=...` over labels already inspected: the same answer without asking the engine again. */

/** Whether labels pass every filter: `KEY` (present, any value) or `KEY=VALUE` (that exact value). */
export function labelled(labels: Record<string, string> | null | undefined, filters: string[]): boolean {
  return filters.every((filter) => {
    const at = filter.indexOf("=");
    const key = at < 0 ? filter : filter.slice(0, at);
    return labels != null && key in labels && (at < 0 || labels[key] === filter.slice(at + 1));
  });
}
