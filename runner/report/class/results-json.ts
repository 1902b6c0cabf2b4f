/** results.json: every result of the class, in student order, each as `grade --json` writes it. */
import { UsageError } from "../../errors";
import { toJson } from "../json";
import { byStudent } from "./columns";
import { isResult, type GradeResult } from "../../result";

export function toResultsJson(results: readonly GradeResult[]): string {
  if (results.length === 0) return "[]\n";
  // Each result's own JSON, indented one level: the same bytes as stringifying the array.
  const items = byStudent(results).map((result) => toJson(result).trimEnd().replace(/^/gm, "  "));
  return `[\n${items.join(",\n")}\n]\n`;
}

/** What a shard wrote to results.json, checked result by result; throws on anything else. */
export function parseResultsJson(text: string, file: string): GradeResult[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new UsageError(`${file}: expected an array of results`);
  value.forEach((item, i) => {
    if (!isResult(item)) throw new UsageError(`${file}: item ${i} is not a grading result`);
  });
  return value as GradeResult[];
}
