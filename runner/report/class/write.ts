/** Writes the class outputs of a batch or a merge, all from the same results. */
import * as path from "node:path";
import { writeFileAtomic } from "../../files";
import type { GradeResult } from "../../result";
import { toGradebook } from "./gradebook";
import { toHtmlReport } from "./report-html";
import { toResultsJson } from "./results-json";
import { toClassSummary } from "./summary-md";

export const CLASS_FILES = ["gradebook.csv", "results.json", "report.html", "summary.md"] as const;

export function writeClassFiles(out: string, results: readonly GradeResult[]): string[] {
  const texts: Record<(typeof CLASS_FILES)[number], string> = {
    "gradebook.csv": toGradebook(results),
    "results.json": toResultsJson(results),
    "report.html": toHtmlReport(results),
    "summary.md": toClassSummary(results),
  };
  // Each file whole or not at all: a full disk never leaves a truncated gradebook.
  return CLASS_FILES.map((name) => {
    const file = path.join(out, name);
    writeFileAtomic(file, texts[name]);
    return file;
  });
}
