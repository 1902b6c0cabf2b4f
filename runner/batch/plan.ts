/**
 * Which students of a share this run grades. A resumed batch keeps a student's
 * completed result only when it was graded from the same rubric content and the
 * same submission content (their digests, recorded in result.json); anything else
 * is graded again, with the reasons counted for the summary. --force grades
 * everyone again. Reads nothing itself.
 */
import type { GradeResult } from "../result";
import type { Previous } from "./previous";
import type { Student } from "./students";

/** Why a student with an earlier result is graded again. */
export type Regrade = "unreadable" | "errored" | "other-rubric" | "rubric-changed" | "submission-changed" | "no-digests";

export interface Plan {
  grade: Student[];
  kept: GradeResult[];
  /** Students graded again although a result was there, with every reason that applies. */
  again: Map<string, Regrade[]>;
}

export interface PlanOptions {
  rubricId: string;
  rubricDigest: string;
  /** The submission's digest now; undefined when it cannot be read. */
  submissionDigest: (student: Student) => string | undefined;
  force: boolean;
}

export function planShare(share: readonly Student[], previous: (student: Student) => Previous, options: PlanOptions): Plan {
  const plan: Plan = { grade: [], kept: [], again: new Map() };
  for (const student of share) {
    const found = options.force ? { kind: "missing" as const } : previous(student);
    const reasons = found.kind === "missing" ? [] : found.kind === "unreadable" ? (["unreadable"] as Regrade[]) : staleness(found.result, student, options);
    if (found.kind === "result" && reasons.length === 0) {
      plan.kept.push(found.result);
      continue;
    }
    plan.grade.push(student);
    if (reasons.length) plan.again.set(student.name, reasons);
  }
  return plan;
}

function staleness(result: GradeResult, student: Student, options: PlanOptions): Regrade[] {
  if (result.status !== "completed") return ["errored"];
  if (result.rubric !== options.rubricId) return ["other-rubric"];
  if (!result.digests) return ["no-digests"];
  const reasons: Regrade[] = [];
  if (result.digests.rubric !== options.rubricDigest) reasons.push("rubric-changed");
  const now = options.submissionDigest(student);
  if (now === undefined || result.digests.submission !== now) reasons.push("submission-changed");
  return reasons;
}

const REASON_WORDS: Record<Regrade, string> = {
  unreadable: "result.json unreadable",
  errored: "earlier grading errored",
  "other-rubric": "graded with another rubric",
  "rubric-changed": "rubric changed",
  "submission-changed": "submission changed",
  "no-digests": "graded before content digests were recorded",
};

/** `3 graded again (rubric changed: 2, submission changed: 1)`, or "" when none. */
export function describeRegrades(again: ReadonlyMap<string, readonly Regrade[]>): string {
  if (again.size === 0) return "";
  const counts = new Map<Regrade, number>();
  for (const reasons of again.values()) for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const order = Object.keys(REASON_WORDS) as Regrade[];
  const parts = order.filter((reason) => counts.has(reason)).map((reason) => `${REASON_WORDS[reason]}: ${counts.get(reason)}`);
  return `${again.size} graded again (${parts.join(", ")})`;
}
