/**
 * Durations ("1m30s", or a number of seconds) and sizes ("512MiB", or a
 * number of bytes) as rubric authors write them. The patterns are exported so
 * that the JSON Schema and the parser agree by construction.
 */

const NUMBER = "\\d+(?:\\.\\d+)?";

/** Units in descending order, each at most once: 1h30m, 2m, 300s, 1m30s, 500ms. */
export const DURATION_PATTERN = `^(?=\\d)(?:(${NUMBER})h)?(?:(${NUMBER})m(?!s))?(?:(${NUMBER})s)?(?:(${NUMBER})ms)?$`;

const DURATION_UNITS_MS = [3_600_000, 60_000, 1_000, 1];

/** Milliseconds, or undefined when the value is not a duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== "string") return undefined;
  const found = new RegExp(DURATION_PATTERN).exec(value.trim());
  if (!found) return undefined;
  return Math.round(found.slice(1).reduce((total, amount, index) => total + Number(amount ?? 0) * DURATION_UNITS_MS[index], 0));
}

/**
 * kB, MB, GB, TB are powers of 1000; KiB, MiB, GiB, TiB and Docker's bare
 * k, m, g, t are powers of 1024.
 */
const SIZE_UNITS: Record<string, number> = {
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/** Whole bytes ("4096", "10B"), or an amount with a unit ("1.5KiB", "2 GiB"). */
export const SIZE_PATTERN = `^(?:(\\d+) ?[bB]?|(${NUMBER}) ?([kKmMgGtT](?:i?B)?))$`;

/** Bytes, or undefined when the value is not a size. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const found = new RegExp(SIZE_PATTERN).exec(value.trim());
  if (!found) return undefined;
  const [, bytes, amount, unit] = found;
  return bytes !== undefined ? Number(bytes) : Math.round(Number(amount) * SIZE_UNITS[unit.toLowerCase()]);
}

