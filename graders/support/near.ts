/** Near misses: the name a student probably meant, among those that exist. */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Case, `-`, `_`, `.` and spaces do not make a different name to a reader. */
const loose = (name: string) => name.toLowerCase().replace(/[-_.\s]/g, "");

/** MYSQL_PASS for MYSQL_PASSWORD: one name cut short of the other, most of it kept. */
function cutShort(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 5 && short.length >= long.length * 0.6 && long.startsWith(short);
}

/**
 * The existing name closest to `wanted`, when it is close: the same but for
 * case and separators, at most two edits apart (one for short names), or cut short.
 */
export function similarName(wanted: string, existing: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of existing) {
    if (name === wanted) continue;
    const d = loose(name) === loose(wanted) ? 0 : cutShort(loose(name), loose(wanted)) ? 1 : distance(loose(name), loose(wanted));
    if (d <= (wanted.length > 6 ? 2 : 1) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
