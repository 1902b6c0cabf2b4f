/**
 * The rubric's JSON Schema, assembled from the envelope below and the graders'
 * own fragments: one source of truth for the loader, the editor (through
 * rubrics/schema/rubric.schema.json) and the reference page.
 */
import { graders } from "../../graders";
import { matcherSchema } from "../../graders/matchers/match";
import type { Grader, JsonSchema, StepKind } from "../../graders/types";
import { DURATION_PATTERN, SIZE_PATTERN } from "../../common/units";
import { DEFAULTS } from "./defaults";
import { REFERENCE_NAME } from "./interpolate";

export type GraderRegistry = Readonly<Record<string, Grader>>;

export function gradersOfKind(registry: GraderRegistry, kind: StepKind): Grader[] {
  return Object.values(registry)
    .filter((grader) => grader.meta.kinds.includes(kind))
    .sort((a, b) => a.meta.type.localeCompare(b.meta.type));
}

/** Where a grader's fragment lives in the rubric schema. */
export function graderDefName(type: string): string {
  return `grader-${type}`;
}

const ref = (name: string, description: string): JsonSchema => ({ $ref: `#/$defs/${name}`, description });

const text = (description: string): JsonSchema => ({ type: "string", minLength: 1, description });

const DURATION_TEXT = "300s, 2m, 1m30s, 500ms or 1h (units h, m, s, ms in that order), or a number of seconds";
const SIZE_TEXT = "512MB or 100kB (powers of 1000), 1MiB or 2GiB (powers of 1024; Docker's bare k, m, g too), or a number of bytes";

const ID_SCHEMA: JsonSchema = {
  type: "string",
  pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$",
  description: "An id: kebab-case, e.g. webapp-db.",
  patternErrorMessage: "An id is kebab-case: lowercase letters and digits in words joined by single hyphens, e.g. webapp-db.",
};

const STEP_BASE: Record<string, JsonSchema> = {
  title: text("What students read for this step; by default, the check or action type's own one-line description of it."),
  requires: {
    type: "array",
    uniqueItems: true,
    items: ref("id", "The id of an earlier step."),
    description: "Ids of earlier steps that must have succeeded; otherwise this step is skipped (a check then scores 0).",
  },
  retry: ref("retry", "Try again until the step succeeds or the timeout is over, e.g. while a database starts."),
};

function graderProperties(registry: GraderRegistry, kind: StepKind): Record<string, JsonSchema> {
  return Object.fromEntries(gradersOfKind(registry, kind).map((g) => [g.meta.type, ref(graderDefName(g.meta.type), g.meta.description)]));
}

function checkStepSchema(registry: GraderRegistry): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["check", "points"],
    description: "A check: what must hold, worth points. Exactly one check type key (http, container, ...) says what to check.",
    properties: {
      check: ref("id", "The check's id: kebab-case, unique in the rubric; later steps name it in requires."),
      title: STEP_BASE.title,
      points: { type: "number", minimum: 0, description: "The points the check is worth." },
      partial: {
        type: "boolean",
        default: false,
        description: "Award points in proportion to the items that passed (2 of 3 volumes: two thirds of the points). Default false.",
      },
      requires: STEP_BASE.requires,
      retry: STEP_BASE.retry,
      hidden: { type: "boolean", default: false, description: "Counted in the score, but its details are not shown to students. Default false." },
      feedback: ref("feedback", "Your own words for a failure, instead of or after the check type's message."),
      ...graderProperties(registry, "check"),
    },
  };
}

function actionStepSchema(registry: GraderRegistry): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["action"],
    description: "An action: something done to the student's setup between checks (restart, re-create, run a script). Worth no points.",
    properties: {
      action: ref("id", "The action's id: kebab-case, unique in the rubric; later steps name it in requires."),
      ...STEP_BASE,
      ...graderProperties(registry, "action"),
    },
  };
}

/**
 * "Exactly one check (or action) type key per step", for editors: one branch per type
 * requiring its key, so a step with none matches no branch and one with two matches two.
 * The loader says the same in its own words (steps.ts) and skips the schema's step errors.
 */
function oneTypeSchema(registry: GraderRegistry, kind: StepKind): JsonSchema {
  const types = gradersOfKind(registry, kind).map((g) => g.meta.type);
  if (types.length === 0) return { description: `No ${kind} type exists, so no ${kind} step is valid.`, not: {} };
  // errorMessage: what an editor (yaml-language-server) says for a step with none.
  const errorMessage = `A ${kind} step takes exactly one ${kind} type key (${types.join(", ")}); this one has none.`;
  return {
    description: `Exactly one ${kind} type key per step: one of ${types.map((t) => `\`${t}\``).join(", ")}.`,
    type: "object",
    oneOf: types.map((type) => ({ type: "object", required: [type], errorMessage })),
  };
}

function checkSpecSchema(registry: GraderRegistry): JsonSchema {
  return {
    description: "One check type and its keys, e.g. `http: { url: ..., expect: ... }`.",
    oneOf: gradersOfKind(registry, "check").map((g) => ({
      type: "object",
      additionalProperties: false,
      required: [g.meta.type],
      properties: { [g.meta.type]: ref(graderDefName(g.meta.type), g.meta.description) },
    })),
  };
}

const RELATIVE_PATH: JsonSchema = {
  type: "string",
  minLength: 1,
  pattern: "^(?!/)(?!(?:.*/)?\\.\\.(?:/|$))",
  description: "A path in the submission folder.",
  patternErrorMessage: "A path relative to the submission folder, without `..`: lamp.sh or scripts/backup.sh.",
};

function envelopeProperties(): Record<string, JsonSchema> {
  return {
    id: ref("id", "The rubric's id, kebab-case: it names results and reports."),
    title: text("The lab's title, shown to students."),
    description: text("What the lab asks for, shown to students by `labgrade explain`."),
    language: {
      type: "string",
      pattern: "^[a-z]{2,3}$",
      default: DEFAULTS.language,
      description: "The language of the rubric's own texts: a primary language tag such as en or fr. Default en.",
      patternErrorMessage: "A language is a lowercase primary tag of 2 or 3 letters: en, fr, de.",
    },
    version: text('The rubric\'s version, as text: quote it ("1.0") or YAML reads a number.'),
    images: {
      type: "array",
      uniqueItems: true,
      items: { type: "string", pattern: "^\\S+$", description: "An image name with its tag, e.g. mysql:8.0.", patternErrorMessage: "An image name has no spaces: mysql:8.0." },
      description: "The upstream images the lab uses (mysql:8.0, php:7.4-apache): every sandbox has them.",
    },
    submission: {
      type: "object",
      additionalProperties: false,
      required: ["script"],
      description: "What the student hands in, and how it is run.",
      properties: {
        script: ref("relative-path", "The entry script, relative to the submission folder; run before the first step."),
        timeout: ref("duration", `How long the entry script may run. Default ${DEFAULTS.submissionTimeout}.`),
        files: {
          type: "array",
          uniqueItems: true,
          items: ref("relative-path", "A file the submission must contain."),
          description: "Files the submission must contain; a missing one is reported. The script is always required. Default: the script.",
        },
      },
    },
    variables: {
      type: "object",
      description: "Values that steps use as ${var.NAME}; `labgrade grade --var NAME=value` overrides them.",
      propertyNames: { pattern: REFERENCE_NAME, patternErrorMessage: "A variable name has letters, digits, _ and -, and starts with a letter or _." },
      additionalProperties: { type: ["string", "number", "boolean"], description: "The variable's value (numbers and booleans are read as text)." },
    },
    limits: {
      type: "object",
      additionalProperties: false,
      description: "Resource limits of one grading's sandbox.",
      properties: {
        "grading-timeout": ref("duration", `The whole grading, from sandbox start to the last step. Default ${DEFAULTS.gradingTimeout}.`),
        output: ref("size", `How much of the script's output is kept; the rest is counted and dropped. Default ${DEFAULTS.output}.`),
        memory: ref("size", `Memory of the sandbox. Default ${DEFAULTS.memory}.`),
        cpus: { type: "number", exclusiveMinimum: 0, default: DEFAULTS.cpus, description: `CPUs of the sandbox, e.g. 1.5. Default ${DEFAULTS.cpus}.` },
        pids: { type: "integer", minimum: 1, default: DEFAULTS.pids, description: `Processes the sandbox may run at once. Default ${DEFAULTS.pids}.` },
        network: {
          enum: ["isolated", "outside"],
          default: DEFAULTS.network,
          description:
            "What the sandbox's network reaches. isolated: the student's containers reach each other and the sandbox's published ports, nothing beyond the sandbox. outside: also whatever the grading machine reaches (a lab that pulls images or calls a web API). Default isolated.",
        },
      },
    },
    steps: {
      type: "array",
      minItems: 1,
      items: ref("step", "A check or an action."),
      description: "Checks and actions, run in this order.",
    },
  };
}

function sharedDefinitions(): Record<string, JsonSchema> {
  return {
    id: ID_SCHEMA,
    duration: {
      type: ["string", "number"],
      pattern: DURATION_PATTERN,
      minimum: 0,
      description: `A duration: ${DURATION_TEXT}.`,
      patternErrorMessage: `A duration is ${DURATION_TEXT}.`,
    },
    size: {
      type: ["string", "integer"],
      pattern: SIZE_PATTERN,
      minimum: 0,
      description: `A size: ${SIZE_TEXT}.`,
      patternErrorMessage: `A size is ${SIZE_TEXT}.`,
    },
    "relative-path": RELATIVE_PATH,
    retry: {
      type: "object",
      additionalProperties: false,
      required: ["timeout"],
      description: "Try again until the step succeeds or the timeout is over.",
      properties: {
        timeout: ref("duration", "How long to keep trying."),
        interval: ref("duration", `The wait between two tries. Default ${DEFAULTS.retryInterval}.`),
      },
    },
    feedback: {
      type: "object",
      additionalProperties: false,
      description: "Your own words for a failure.",
      properties: {
        fail: text("Replaces the check type's message on failure; may use {expected} and {actual}."),
        hint: text("Shown after the failure message: what to try."),
      },
    },
    matcher: matcherSchema,
  };
}

export function buildRubricSchema(registry: GraderRegistry = graders): JsonSchema {
  const graderDefs = Object.values(registry)
    .sort((a, b) => a.meta.type.localeCompare(b.meta.type))
    .map((g) => [graderDefName(g.meta.type), g.schema]);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $comment: "Generated from the graders' schemas by labgrade (`labgrade schema`; `npm run schema` in its repository): do not edit.",
    title: "labgrade rubric",
    description: "A labgrade rubric: the end state a student's scripts must leave, as checks worth points. See rubrics/README.md.",
    type: "object",
    additionalProperties: false,
    required: ["id", "title", "images", "submission", "steps"],
    properties: envelopeProperties(),
    $defs: {
      ...sharedDefinitions(),
      step: {
        description: "A check (`check: <id>` with points) or an action (`action: <id>`), with exactly one check or action type key.",
        oneOf: [
          { description: "A check.", allOf: [{ $ref: "#/$defs/check-step" }, { $ref: "#/$defs/one-check-type" }] },
          { description: "An action.", allOf: [{ $ref: "#/$defs/action-step" }, { $ref: "#/$defs/one-action-type" }] },
        ],
      },
      "check-step": checkStepSchema(registry),
      "action-step": actionStepSchema(registry),
      "one-check-type": oneTypeSchema(registry, "check"),
      "one-action-type": oneTypeSchema(registry, "action"),
      "check-spec": checkSpecSchema(registry),
      ...Object.fromEntries(graderDefs),
    },
  };
}
