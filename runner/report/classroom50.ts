/**
 * Classroom 50's result.json (`classroom50/result/v1`, foundation50/classroom50
 * schemas/result-v1.schema.json and runner.py's validate_result): whole points per
 * test and in total, the total the sum of the tests, and the submission's identity
 * as the autograde runner hands it to an autograder in its environment.
 */
import type { CheckResult, GradeResult } from "../result";
import { clean } from "./text";

export const RESULT_SCHEMA = "classroom50/result/v1";

export interface Classroom50Identity {
  classroom: string;
  assignment: string;
  assignment_type: "individual" | "group";
  owner: string;
  submission: string;
  commit: string;
  release: string;
  review: string;
}

export interface Classroom50Test {
  "test-name": string;
  passed: boolean;
  score: number;
  "max-score": number;
  /** labgrade's own: the check's id and status (the schema allows more keys per test). */
  id: string;
  status: CheckResult["status"];
}

export interface Classroom50Result extends Classroom50Identity {
  schema: typeof RESULT_SCHEMA;
  datetime: string;
  graded_at: string;
  score: number;
  "max-score": number;
  tests: Classroom50Test[];
}

/**
 * The submission's identity from the runner's environment: CLASSROOM, ASSIGNMENT and
 * SUBMISSION_TAG it is given, OWNER (or USERNAME), ASSIGNMENT_TYPE and the URLs it passes
 * to an autograder; the URLs are rebuilt from GITHUB_* as runner.py builds them when unset.
 */
export function identityFromEnv(env: NodeJS.ProcessEnv): { identity?: Classroom50Identity; missing: string[] } {
  const value = (name: string) => env[name]?.trim() || undefined;
  const server = value("GITHUB_SERVER_URL") ?? "https://github.com";
  const repository = value("GITHUB_REPOSITORY");
  const sha = value("GITHUB_SHA");
  const submission = value("SUBMISSION_TAG");
  const commit = value("COMMIT_URL") ?? (repository && sha ? `${server}/${repository}/commit/${sha}` : undefined);
  const release =
    value("RELEASE_URL") ?? (repository && submission ? `${server}/${repository}/releases/tag/${encodeURIComponent(submission)}` : undefined);
  // runner.py stamps owner and assignment_type over ours anyway; "team" is not in v1's enum.
  const type = (value("ASSIGNMENT_TYPE") ?? value("MODE") ?? "").toLowerCase();
  const fields = {
    classroom: value("CLASSROOM"),
    assignment: value("ASSIGNMENT"),
    owner: value("OWNER") ?? value("USERNAME"),
    submission: submission?.startsWith("submit/") ? submission : undefined,
    commit,
    release,
  };
  const names: Record<keyof typeof fields, string> = {
    classroom: "CLASSROOM",
    assignment: "ASSIGNMENT",
    owner: "OWNER or USERNAME",
    submission: "SUBMISSION_TAG (submit/…)",
    commit: "COMMIT_URL",
    release: "RELEASE_URL",
  };
  const missing = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => !fields[key]).map((key) => names[key]);
  if (missing.length) return { missing };
  const identity = fields as Record<keyof typeof fields, string>;
  return {
    missing,
    identity: { ...identity, assignment_type: type === "group" || type === "team" ? "group" : "individual", review: value("REVIEW_URL") ?? identity.commit },
  };
}

const isWhole = (n: number) => Math.abs(n - Math.round(n)) < 1e-9;

/**
 * How many whole points one rubric point counts: the smallest of 1, 10 and 100 that makes
 * every check's points whole, so the maxima are exact (and a rubric without partial credit is
 * lossless). It depends on the rubric only: every student of an assignment gets the same one.
 */
export function defaultScale(maxPoints: number[]): number {
  return [1, 10, 100].find((scale) => maxPoints.every((points) => isWhole(points * scale))) ?? 100;
}

/**
 * Points in whole units of `scale`: a maximum is rounded (exact with the default scale),
 * points earned are rounded down, so a check short of full marks never shows them.
 * labgrade keeps points to hundredths, so a scale of 100 loses nothing.
 */
export function wholePoints(points: number, maxPoints: number, scale: number): { score: number; max: number } {
  const max = Math.round(maxPoints * scale);
  if (points >= maxPoints - 1e-9) return { score: max, max };
  // Short of full marks stays short of the maximum, even where the maximum itself was rounded.
  return { score: Math.max(0, Math.min(Math.floor(points * scale + 1e-6), max - 1)), max };
}

/** Test names as the student reads them; a title two checks share gets its id. */
function testNames(checks: CheckResult[]): string[] {
  const titles = checks.map((check) => clean(check.title).replace(/\s+/g, " ").trim() || check.id);
  return titles.map((title, i) => (titles.indexOf(title) !== titles.lastIndexOf(title) ? `${title} [${checks[i]!.id}]` : title));
}

/** 2026-12-01T09:30:00Z: v1's datetime has no fraction of a second. */
export function utcSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export interface Classroom50Options {
  scale: number;
  now: Date;
}

export function toClassroom50Result(result: GradeResult, identity: Classroom50Identity, options: Classroom50Options): Classroom50Result {
  const names = testNames(result.checks);
  const tests = result.checks.map((check, i): Classroom50Test => {
    const { score, max } = wholePoints(check.points, check.maxPoints, options.scale);
    return { "test-name": names[i]!, passed: check.status === "passed", score, "max-score": max, id: check.id, status: check.status };
  });
  const when = utcSeconds(options.now);
  return {
    schema: RESULT_SCHEMA,
    ...identity,
    datetime: when,
    graded_at: when,
    score: tests.reduce((sum, test) => sum + test.score, 0),
    "max-score": tests.reduce((sum, test) => sum + test["max-score"], 0),
    tests,
  };
}
