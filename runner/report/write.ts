/** Where one result's reports reach the disk: each file written whole, then renamed into place. */
import { writeFileAtomic } from "../files";
import type { GradeResult } from "../result";
import { toJson } from "./json";
import { toJunit } from "./junit";

export function writeReports(result: GradeResult, files: { json?: string; junit?: string }): void {
  if (files.json) writeFileAtomic(files.json, toJson(result));
  if (files.junit) writeFileAtomic(files.junit, toJunit(result));
}
