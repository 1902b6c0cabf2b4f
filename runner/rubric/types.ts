/** The typed rubric the engine walks, produced by the loader from YAML. */

/** 1-based line and column in the rubric file. */
export interface Position {
  line: number;
  column: number;
}

export interface RetryPolicy {
  timeoutMs: number;
  intervalMs: number;
}

export interface Feedback {
  /** Replaces the grader's own message on failure; may use {expected} and {actual}. */
  fail?: string;
  /** Shown after the failure message: what to try. */
  hint?: string;
}

interface StepBase {
  /** The check or action id, unique in the rubric. */
  id: string;
  title: string;
  /** The grader type: the one grader key the step carries (volume, http, restart, ...). */
  type: string;
  /** The grader's own keys, validated by its schema fragment. */
  spec: unknown;
  position: Position;
}

export interface CheckStep extends StepBase {
  kind: "check";
  points: number;
  /** Award points in proportion to the items that passed. */
  partial: boolean;
  requires: string[];
  retry?: RetryPolicy;
  /** Counted, but its details are not shown to students. */
  hidden: boolean;
  feedback: Feedback;
}

export interface ActionStep extends StepBase {
  kind: "action";
  requires: string[];
  retry?: RetryPolicy;
}

export type Step = CheckStep | ActionStep;

export interface SubmissionSpec {
  /** The entry script, relative to the submission folder. */
  script: string;
  timeoutMs: number;
  /** Files that must exist; a missing one is reported and fails what depends on it. */
  files: string[];
}

export interface Limits {
  /** Whole grading, sandbox start to last check. */
  gradingTimeoutMs: number;
  /** Bytes of the student's output kept; the rest is counted and dropped. */
  outputBytes: number;
  memoryBytes: number;
  cpus: number;
  pids: number;
  /** isolated (the default): nothing beyond the sandbox; outside: what the grading machine reaches. */
  network: SandboxNetwork;
}

export type SandboxNetwork = "isolated" | "outside";

export interface Rubric {
  id: string;
  title: string;
  description?: string;
  /** Language of the rubric's messages (BCP 47 primary tag, e.g. "fr"). */
  language: string;
  version?: string;
  /** Upstream image names the lab uses (mysql:8.0, ...). */
  images: string[];
  submission: SubmissionSpec;
  variables: Record<string, string>;
  limits: Limits;
  steps: Step[];
  /** The file the rubric came from, for messages. */
  file: string;
  /** sha256 (hex) of the rubric's text and the variables given to it: what a resumed batch compares. */
  digest: string;
}
