/**
 * Runs the rubric schema with one shared Ajv, compiled once per registry.
 * Ajv's errors for a failing `oneOf` list every branch's complaints, which
 * help nobody; here the branch the author meant is chosen (by type, or by
 * its one key) and the value is validated against it alone.
 */
import type Ajv from "ajv/dist/2020";
import type { ErrorObject, Options, ValidateFunction } from "ajv/dist/2020";
import { createHash } from "node:crypto";
import { graders } from "../../graders";
import type { JsonSchema, StepKind } from "../../graders/types";
import { FORMATS } from "./formats";
import type { Path, PathSegment } from "./positions";
import { buildRubricSchema, graderDefName, type GraderRegistry } from "./schema";
import { describeFound, jsonTypeOf, messageOf, typeWords, unknownKeyMessage } from "./schema-messages";
import { codeList } from "./suggest";

export interface SchemaProblem {
  path: Path;
  message: string;
}

export interface RubricValidators {
  schema: JsonSchema;
  /** The document outside its steps: each step is validated on its own. */
  envelope(document: unknown): SchemaProblem[];
  /** A step's own keys (title, points, ...), without its check or action type key. */
  stepKeys(kind: StepKind, step: unknown, path: Path): SchemaProblem[];
  /** The value of a check or action type key. */
  graderSpec(type: string, spec: unknown, path: Path): SchemaProblem[];
}

export const AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  // `not: { required: [a, b] }` ("not both") is a sound idiom that this option refuses.
  strictRequired: false,
  allowUnionTypes: true,
  // Compiled at every start for one validation: optimizing the generated code costs more than it saves.
  code: { optimize: false },
};

/** An Ajv with the rubric schema's format and the editor keywords it ignores. */
export function rubricAjv(options: Options = AJV_OPTIONS): Ajv {
  // Loaded only to compile: the precompiled validators need none of it.
  const { default: AjvClass } = require("ajv/dist/2020") as typeof import("ajv/dist/2020");
  const ajv = new AjvClass(options);
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  // Editors show it for a failed pattern; so do the loader's messages.
  ajv.addKeyword("patternErrorMessage");
  // yaml-language-server's message for a missing required key; the loader has its own.
  ajv.addKeyword("errorMessage");
  return ajv;
}

let ajv: Ajv | undefined;

/** What the precompiled module (validators.generated.js, written at build time) holds. */
export interface PrecompiledValidators {
  schemaHash: string;
  pointers: string[];
  validators: ValidateFunction[];
}

export function schemaHash(schema: JsonSchema): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex");
}

/** The JSON pointers a validator is needed at: the document, the steps, each grader's keys, every oneOf branch. */
export function validatorPointers(schema: JsonSchema, registry: GraderRegistry): string[] {
  const wanted = new Set(["", "/$defs/check-step", "/$defs/action-step", ...Object.keys(registry).map((type) => `/$defs/${graderDefName(type)}`)]);
  for (const [node, pointer] of pointersOf(schema)) {
    const oneOf = (node as JsonSchema).oneOf;
    if (!Array.isArray(oneOf)) continue;
    oneOf.forEach((branch: JsonSchema, index) => wanted.add(typeof branch.$ref === "string" ? branch.$ref.replace(/^#/, "") : `${pointer}/oneOf/${index}`));
  }
  return [...wanted].sort();
}

const compiled = new WeakMap<GraderRegistry, RubricValidators>();
let compilations = 0;

export function rubricValidators(registry: GraderRegistry = graders): RubricValidators {
  let validators = compiled.get(registry);
  if (!validators) {
    validators = compile(registry);
    compiled.set(registry, validators);
  }
  return validators;
}

/** The validators of the bundled graders from a precompiled module (the build's, or a test's). */
export function precompiledValidators(module: PrecompiledValidators): RubricValidators {
  if (module.schemaHash !== schemaHash(buildRubricSchema(graders))) throw new Error("precompiled validators of another schema");
  return compile(graders, module);
}

/** The build's precompiled validators; compiling them instead takes most of a second. */
function buildModule(): PrecompiledValidators | undefined {
  try {
    return require("./validators.generated") as PrecompiledValidators;
  } catch {
    return undefined;
  }
}

/** The module's validators, when it was made from this very schema. */
function precompiledAt(schema: JsonSchema, module: PrecompiledValidators | undefined): ((pointer: string) => ValidateFunction) | undefined {
  if (!module || module.schemaHash !== schemaHash(schema)) return undefined;
  const byPointer = new Map(module.pointers.map((pointer, index) => [pointer, module.validators[index]]));
  return (pointer) => {
    const validate = byPointer.get(pointer);
    if (!validate) throw new Error(`no precompiled validator at ${pointer}`);
    return validate;
  };
}

function compiledAt(schema: JsonSchema): (pointer: string) => ValidateFunction {
  // A copy per registry: Ajv caches by object, and two registries share graders' fragments.
  const key = `labgrade-rubric-${++compilations}`;
  ajv ??= rubricAjv();
  ajv.addSchema(structuredClone(schema), key);
  const instance = ajv;
  return (pointer) => {
    const validate = instance.getSchema(`${key}#${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return validate;
  };
}

function compile(registry: GraderRegistry, module = registry === graders ? buildModule() : undefined): RubricValidators {
  const schema = buildRubricSchema(registry);
  const at = precompiledAt(schema, module) ?? compiledAt(schema);
  // Errors carry the schema objects the validators hold (copies, when precompiled): branches are found by content.
  let byContent: Map<string, string> | undefined;
  const pointerOf = (branch: JsonSchema): string | undefined => {
    byContent ??= new Map(validatorPointers(schema, registry).reverse().map((pointer) => [JSON.stringify(schemaAt(schema, pointer)), pointer]));
    return byContent.get(JSON.stringify(branch));
  };
  const finder = new ProblemFinder(
    (branch) => {
      const pointer = pointerOf(branch);
      if (pointer === undefined) throw new Error("a oneOf branch outside the rubric schema");
      return at(pointer);
    },
    (reference) => schemaAt(schema, reference.replace(/^#/, "")),
  );
  const document = at("");
  const steps = { check: at("/$defs/check-step"), action: at("/$defs/action-step") };
  const specs = new Map(Object.keys(registry).map((type) => [type, at(`/$defs/${graderDefName(type)}`)]));
  const insideStep = (instancePath: string) => /^\/steps\/\d+(\/|$)/.test(instancePath);
  return {
    schema,
    envelope: (value) => finder.problems(document, value, [], insideStep),
    stepKeys: (kind, value, path) => finder.problems(steps[kind], value, path),
    graderSpec: (type, value, path) => finder.problems(specs.get(type)!, value, path),
  };
}

/** The sub-schema at a JSON pointer (URI-fragment encoded). */
function schemaAt(schema: JsonSchema, pointer: string): JsonSchema {
  let node: any = schema;
  for (const raw of pointer.split("/").slice(1)) node = node?.[decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~")];
  if (node === undefined) throw new Error(`no schema at ${pointer}`);
  return node as JsonSchema;
}

/** JSON pointers (URI-fragment encoded) of every sub-schema, by identity. */
function pointersOf(schema: JsonSchema): Map<object, string> {
  const pointers = new Map<object, string>();
  const visit = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== "object" || pointers.has(node)) return;
    pointers.set(node, pointer);
    for (const [key, inner] of Object.entries(node)) {
      visit(inner, `${pointer}/${encodeURIComponent(key.replace(/~/g, "~0").replace(/\//g, "~1"))}`);
    }
  };
  visit(schema, "");
  return pointers;
}

function isAtOrInside(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** `/steps/3/http` → ["steps", 3, "http"], numbers where the data has lists. */
function toPath(instancePath: string, data: unknown): PathSegment[] {
  const segments: PathSegment[] = [];
  let current: any = data;
  for (const raw of instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const segment = Array.isArray(current) ? Number(key) : key;
    segments.push(segment);
    current = current?.[segment];
  }
  return segments;
}

type BranchChoice = { branch?: JsonSchema; problems: { key?: string; message: string }[] };

class ProblemFinder {
  constructor(
    private readonly validatorFor: (schema: JsonSchema) => ValidateFunction,
    private readonly resolve: (reference: string) => JsonSchema,
  ) {}

  problems(validate: ValidateFunction, data: unknown, base: Path, skip: (instancePath: string) => boolean = () => false): SchemaProblem[] {
    if (validate(data)) return [];
    const errors = (validate.errors ?? []).filter((error) => !skip(error.instancePath));
    const oneOfs = errors.filter((error) => error.keyword === "oneOf");
    // A oneOf's own error comes after its branches' errors; the outermost is the last at its path.
    const outermost = oneOfs.filter(
      (o) =>
        !oneOfs.some(
          (other) =>
            other !== o &&
            (o.instancePath.startsWith(`${other.instancePath}/`) || (other.instancePath === o.instancePath && errors.indexOf(other) > errors.indexOf(o))),
        ),
    );
    // Errors at or below a failing oneOf come from its branches, except the keywords beside it.
    const fromBranches = (error: ErrorObject) =>
      outermost.some((o) => isAtOrInside(error.instancePath, o.instancePath) && error.parentSchema !== o.parentSchema);
    const direct = errors.filter((error) => error.keyword !== "oneOf" && !fromBranches(error));
    return [
      ...direct.flatMap((error) => this.translate(error, data, base)),
      ...outermost.flatMap((error) => this.resolveOneOf(error, data, base)),
    ];
  }

  private translate(error: ErrorObject, data: unknown, base: Path): SchemaProblem[] {
    const described = messageOf(error);
    if (!described) return [];
    const path = [...base, ...toPath(error.instancePath, data)];
    return [{ path: described.key === undefined ? path : [...path, described.key], message: described.message }];
  }

  private resolveOneOf(error: ErrorObject, data: unknown, base: Path): SchemaProblem[] {
    const path = [...base, ...toPath(error.instancePath, data)];
    const value = error.data;
    if (error.params.passingSchemas) {
      return [{ path, message: "fits more than one of its accepted forms; make it unambiguous." }];
    }
    const branches = (error.schema as JsonSchema[]).map((branch) =>
      typeof branch.$ref === "string" ? this.resolve(branch.$ref) : branch,
    );
    const choice = chooseBranch(branches, value, (error.parentSchema as JsonSchema).description);
    const own = choice.problems.map((p) => ({ path: p.key === undefined ? path : [...path, p.key], message: p.message }));
    return choice.branch ? [...own, ...this.problems(this.validatorFor(choice.branch), value, path)] : own;
  }
}

function typesOf(schema: JsonSchema): string[] | undefined {
  if (schema.type === undefined) return undefined;
  return ([] as string[]).concat(schema.type as string | string[]);
}

function admits(schema: JsonSchema, value: unknown): boolean {
  const types = typesOf(schema);
  const type = jsonTypeOf(value);
  return !types || types.includes(type) || (type === "integer" && types.includes("number"));
}

/** The one key of a `{ http: {...} }`-style branch, if it is one. */
function soleKey(schema: JsonSchema): string | undefined {
  const required = schema.required as string[] | undefined;
  return schema.additionalProperties === false && required?.length === 1 ? required[0] : undefined;
}

function chooseBranch(branches: JsonSchema[], value: unknown, description: unknown): BranchChoice {
  const fitting = branches.filter((branch) => admits(branch, value));
  if (fitting.length === 0) {
    const expected = typeWords(branches.flatMap((branch) => typesOf(branch) ?? []));
    const about = typeof description === "string" ? ` ${description}` : "";
    return { problems: [{ message: `must be ${expected}; found ${describeFound(value)}.${about}` }] };
  }
  if (jsonTypeOf(value) === "object" && fitting.length > 1 && fitting.every((branch) => soleKey(branch))) {
    return chooseByKey(fitting, value as Record<string, unknown>);
  }
  if (fitting.length > 1 && jsonTypeOf(value) === "object") {
    // The branch that knows the most of the value's keys.
    const known = (branch: JsonSchema) => Object.keys(value as object).filter((key) => key in ((branch.properties as object) ?? {})).length;
    return { branch: [...fitting].sort((a, b) => known(b) - known(a))[0], problems: [] };
  }
  return { branch: fitting[0], problems: [] };
}

function chooseByKey(branches: JsonSchema[], value: Record<string, unknown>): BranchChoice {
  const byKey = new Map(branches.map((branch) => [soleKey(branch)!, branch]));
  const accepted = [...byKey.keys()];
  const keys = Object.keys(value);
  if (keys.length === 0) return { problems: [{ message: `is empty, so it asserts nothing: give one of ${codeList(accepted)}.` }] };
  const problems: BranchChoice["problems"] = keys
    .filter((key) => !byKey.has(key))
    .map((key) => ({ key, message: unknownKeyMessage(key, accepted) }));
  const present = keys.filter((key) => byKey.has(key));
  if (present.length > 1) {
    problems.push({ key: present[1], message: `has ${present.length} keys (${codeList(present)}) but takes exactly one: write each as its own item.` });
    return { problems };
  }
  return { branch: present.length ? byKey.get(present[0]) : undefined, problems };
}
