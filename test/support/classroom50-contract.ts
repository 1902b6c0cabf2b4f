/**
 * Classroom 50's result contract, written for labgrade's tests from its source,
 * foundation50/classroom50: schemas/result-v1.schema.json (`classroom50/result/v1`, read
 * at 6e593c79) for the structure, and the rules that schema leaves to code in
 * cli/gh-teacher/skeleton/dotgithub/scripts/runner.py (validate_result: the identity must
 * be the run's, score <= max-score overall and per test). Not a copy: what the tests hold
 * labgrade's output to.
 */
import Ajv2020 from "ajv/dist/2020";

const UTC_SECONDS = "^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\dZ$";
const text = { type: "string", minLength: 1 };
const whole = { type: "integer", minimum: 0 };

export const resultV1Schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "classroom50/result/v1 (as labgrade's tests read it)",
  type: "object",
  additionalProperties: false,
  required: ["schema", "classroom", "assignment", "assignment_type", "owner", "submission", "commit", "release", "review", "datetime", "score", "max-score", "tests"],
  properties: {
    schema: { const: "classroom50/result/v1" },
    classroom: text,
    assignment: text,
    assignment_type: { enum: ["individual", "group"] },
    owner: text,
    submission: { type: "string", pattern: "^submit/" },
    commit: text,
    release: text,
    review: text,
    datetime: { type: "string", pattern: UTC_SECONDS },
    graded_at: { type: "string", pattern: UTC_SECONDS },
    score: whole,
    "max-score": whole,
    tests: { type: "array", items: { $ref: "#/$defs/test" } },
    submitted_by: {
      type: "object",
      additionalProperties: false,
      required: ["username"],
      properties: { username: text, id: { type: ["integer", "null"] } },
    },
  },
  $defs: {
    test: {
      type: "object",
      additionalProperties: true,
      required: ["test-name", "passed", "score", "max-score"],
      properties: { "test-name": text, passed: { type: "boolean" }, score: whole, "max-score": whole },
    },
  },
} as const;

const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(resultV1Schema);

interface Row {
  score: number;
  "max-score": number;
}

/** Every problem Classroom 50 would find in `data` for a run of this identity; none when it ingests it. */
export function resultProblems(data: unknown, run: { classroom: string; assignment: string }): string[] {
  if (!validateSchema(data)) return (validateSchema.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  const result = data as { classroom: string; assignment: string; tests: Row[] } & Row;
  const problems: string[] = [];
  if (result.classroom !== run.classroom) problems.push(`classroom is ${result.classroom}, the run's is ${run.classroom}`);
  if (result.assignment !== run.assignment) problems.push(`assignment is ${result.assignment}, the run's is ${run.assignment}`);
  if (result.score > result["max-score"]) problems.push(`score ${result.score} > max-score ${result["max-score"]}`);
  result.tests.forEach((test, i) => {
    if (test.score > test["max-score"]) problems.push(`tests[${i}].score ${test.score} > max-score ${test["max-score"]}`);
  });
  return problems;
}

/** The environment Classroom 50's runner gives an autograder (runner.py's main and run_entrypoint). */
export function runnerEnv(student: string, tag = "submit/20261201T093000Z-1a2b3c4"): Record<string, string> {
  const repository = `docker-course/lamp-${student}`;
  const sha = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  return {
    PAGES_BASE_URL: "https://docker-course.github.io/classroom50",
    CLASSROOM: "docker-2026",
    ASSIGNMENT: "lamp",
    SUBMISSION_TAG: tag,
    MODE: "individual",
    GITHUB_REPOSITORY: repository,
    GITHUB_SHA: sha,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_ACTOR: student,
    USERNAME: student,
    OWNER: student,
    ASSIGNMENT_TYPE: "individual",
    COMMIT_URL: `https://github.com/${repository}/commit/${sha}`,
    RELEASE_URL: `https://github.com/${repository}/releases/tag/${encodeURIComponent(tag)}`,
    REVIEW_URL: `https://github.com/${repository}/compare/0f1e2d3c...${sha}`,
  };
}
