/** What an earlier run of a batch left for a student, read back to resume. */
import * as fs from "node:fs";
import { isResult, type GradeResult } from "../result";

/** What an earlier run left for a student: nothing, a file that is not a result, or a result. */
export type Previous = { kind: "missing" } | { kind: "unreadable"; why: string } | { kind: "result"; result: GradeResult };

export function readPrevious(file: string): Previous {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "unreadable", why: (error as Error).message };
  }
  try {
    const value: unknown = JSON.parse(text);
    return isResult(value) ? { kind: "result", result: value } : { kind: "unreadable", why: "not a result's shape" };
  } catch {
    return { kind: "unreadable", why: "not JSON (cut short or edited)" };
  }
}
