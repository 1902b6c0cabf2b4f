/** The result contract: what `grade --json` writes and every report reads. */
import type { Phrase } from "../graders/types";

export type CheckStatus = "passed" | "failed" | "skipped" | "error";

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  /** For the student: what was expected, what was found, what to try. */
  message: string;
  expected?: string;
  actual?: string;
  hint?: string;
  hidden?: boolean;
  durationMs: number;
  /** The message, expected and found as message ids and data: how a report shows them in another language (runner/i18n/localize.ts). */
  phrases?: CheckPhrases;
}

export interface CheckPhrases {
  /** Whose messages the ids name: a grader's type, or "labgrade" for the harness's catalogue (runner/i18n/). */
  by: string;
  /** Absent when the message is the rubric's own text, shown as written. */
  message?: Phrase;
  expected?: Phrase[];
  actual?: Phrase[];
}

export interface ScriptRun {
  /** null when the script never ran (missing) or was killed. */
  exitCode: number | null;
  durationMs: number;
  /** The tail of what the script printed (stdout and stderr interleaved). */
  output: string;
  timedOut: boolean;
  /** Bytes printed beyond the kept tail. */
  droppedBytes: number;
  /** The Docker engine the script ran against: the sandbox's own (26.1.5+dfsg1). */
  engine?: string;
}

export interface PhaseTimings {
  sandboxMs: number;
  imagesMs: number;
  scriptMs: number;
  checksMs: number;
  /** Part of checksMs spent waiting between retries for services still starting. */
  waitMs: number;
  /** Part of checksMs spent in instructor actions (restart, recreate...): mostly services stopping and starting. */
  actionsMs: number;
}

export const NO_TIMINGS: PhaseTimings = { sandboxMs: 0, imagesMs: 0, scriptMs: 0, checksMs: 0, waitMs: 0, actionsMs: 0 };

export interface GradeResult {
  rubric: string;
  submission: string;
  score: number;
  maxScore: number;
  status: "completed" | "error";
  checks: CheckResult[];
  run: ScriptRun;
  warnings: string[];
  /** Why grading could not complete, when status is "error". */
  error?: string;
  durationMs: number;
  timings: PhaseTimings;
  /**
   * What a batch graded: sha256 (hex) of the rubric (its text and given variables) and of
   * the submission's files. A resumed batch keeps a result only while both still match.
   */
  digests?: { rubric: string; submission: string };
  /** How the sandbox ran: "privileged" or "capabilities", and how images were provided. */
  sandbox?: { mode: string; images: string; /** The container left running by --keep. */ kept?: string };
}

/** Whether a value read back (a result.json, results.json) has a result's shape. */
export function isResult(value: unknown): value is GradeResult {
  const r = value as GradeResult | null;
  return (
    typeof r === "object" && r !== null &&
    typeof r.rubric === "string" && typeof r.submission === "string" &&
    typeof r.score === "number" && typeof r.maxScore === "number" &&
    (r.status === "completed" || r.status === "error") &&
    Array.isArray(r.checks) && typeof r.run === "object" && r.run !== null
  );
}
