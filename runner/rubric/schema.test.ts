import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import * as yaml from "js-yaml";
import { graders } from "../../graders";
import { matcherSchema } from "../../graders/matchers/match";
import type { Grader, JsonSchema } from "../../graders/types";
import { buildRubricSchema, gradersOfKind } from "./schema";
import { rubricValidators } from "./validator";
import { CONFIG_SCHEMA_FILE, configSchemaText, SCHEMA_FILE, schemaFileText } from "./write-schema";
import { readConfig } from "../commands/check-config";
import { translator } from "../i18n";

const ROOT = path.join(__dirname, "..", "..");

/** Every key a rubric can have: each `properties` entry, and each named-values schema. */
function keysWithoutDescription(node: unknown, where = "#"): string[] {
  if (node === null || typeof node !== "object") return [];
  const missing: string[] = [];
  const schema = node as JsonSchema;
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (typeof property.description !== "string" || property.description.trim() === "") missing.push(`${where}/properties/${key}`);
  }
  if (typeof schema.additionalProperties === "object" && !(schema.additionalProperties as JsonSchema).description) {
    missing.push(`${where}/additionalProperties`);
  }
  for (const [key, inner] of Object.entries(schema)) missing.push(...keysWithoutDescription(inner, `${where}/${key}`));
  return missing;
}

const fake = (type: string, kinds: Grader["meta"]["kinds"], schema: JsonSchema): Grader => ({
  meta: { type, kinds, description: `The ${type} type.` },
  schema,
  messages: {},
  describe: () => type,
  evaluate: async () => ({ passed: true }),
});

describe("the rubric schema", () => {
  const schema = buildRubricSchema(graders);
  const defs = schema.$defs as Record<string, JsonSchema>;

  it("is the committed rubrics/schema/rubric.schema.json (run `npm run schema` when this fails)", () => {
    expect(readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8")).toBe(schemaFileText());
  });

  it("has a description on every key, so that an editor documents each one", () => {
    expect(keysWithoutDescription(schema)).toEqual([]);
  });

  it("is draft 2020-12 and compiles in strict mode", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => rubricValidators(graders)).not.toThrow();
  });

  it("takes the matcher schema from the graders' matchers, not a copy", () => {
    expect(defs.matcher).toBe(matcherSchema);
  });

  it("defines check-spec as one single-key object per check type, which `all` refers to", () => {
    const branches = (defs["check-spec"].oneOf as JsonSchema[]).map((branch) => branch.required);
    expect(branches).toEqual(gradersOfKind(graders, "check").map((g) => [g.meta.type]));
    expect(JSON.stringify(graders.all.schema)).toContain('"$ref":"#/$defs/check-spec"');
  });

  it("offers each type only where its kind is allowed", () => {
    const checkKeys = Object.keys(defs["check-step"].properties as object);
    const actionKeys = Object.keys(defs["action-step"].properties as object);
    for (const grader of Object.values(graders)) {
      expect(checkKeys.includes(grader.meta.type)).toBe(grader.meta.kinds.includes("check"));
      expect(actionKeys.includes(grader.meta.type)).toBe(grader.meta.kinds.includes("action"));
    }
  });

  it("refuses unknown keys in every grader's mapping", () => {
    for (const grader of Object.values(graders)) {
      if (grader.schema.type === "object") expect([grader.meta.type, grader.schema.additionalProperties]).toEqual([grader.meta.type, false]);
    }
  });
});

describe("a schema from another registry", () => {
  const registry = {
    probe: fake("probe", ["check"], { type: "object", additionalProperties: false, required: ["value"], properties: { value: { $ref: "#/$defs/matcher", description: "v" } } }),
    poke: fake("poke", ["action"], { type: "object", additionalProperties: false, properties: { target: { type: "string", description: "t" } } }),
  };

  it("is built from that registry's graders only", () => {
    const defs = buildRubricSchema(registry).$defs as Record<string, JsonSchema>;
    expect(Object.keys(defs).filter((name) => name.startsWith("grader-"))).toEqual(["grader-poke", "grader-probe"]);
    expect(Object.keys(defs["check-step"].properties as object)).toContain("probe");
    expect(Object.keys(defs["check-step"].properties as object)).not.toContain("poke");
  });

  it("compiles beside the real one in the shared Ajv, each resolving its own references", () => {
    const validators = rubricValidators(registry);
    expect(validators.graderSpec("probe", { value: { contains: 1, matches: "x" } }, [])).toEqual([
      { path: ["value"], message: "takes at most 1 key; found 2: `contains`, `matches`. To combine matchers, use `all-of: [...]`." },
    ]);
    expect(rubricValidators(graders).graderSpec("all", [{ probe: {} }], ["all"])[0].message).toContain("unknown key `probe`");
  });
});

describe("the schemas editors read (rubrics/schema/*.json, `labgrade schema`)", () => {
  // An editor's validator: strict draft 2020-12, knowing the two annotation keywords editors use.
  const editorAjv = () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
    ajv.addKeyword("markdownDescription").addKeyword("patternErrorMessage").addKeyword("errorMessage").addFormat("regex", true);
    return ajv;
  };
  const rubricSchema = JSON.parse(schemaFileText()) as JsonSchema;
  const validRubric = editorAjv().compile(rubricSchema);
  const rubricsDir = path.join(ROOT, "rubrics");
  const bundled = readdirSync(rubricsDir).filter((name) => name.endsWith(".yaml"));

  const descriptions = (node: unknown): JsonSchema[] =>
    node && typeof node === "object"
      ? [...(typeof (node as JsonSchema).description === "string" ? [node as JsonSchema] : []), ...Object.values(node).flatMap(descriptions)]
      : [];

  it("carries an $id, and a markdownDescription wherever a description quotes code", () => {
    expect(rubricSchema.$id).toBe("urn:labgrade:schema:rubric");
    const all = descriptions(rubricSchema);
    const withCode = all.filter((node) => node.markdownDescription !== undefined);
    expect(withCode.length).toBeGreaterThan(10);
    for (const node of all) expect(node.description).not.toContain("`");
    for (const node of withCode) expect((node.markdownDescription as string).replace(/`/g, "")).toBe(node.description);
    expect(descriptions(buildRubricSchema(graders)).filter((node) => (node.description as string).includes("`")).length).toBe(withCode.length);
  });

  it("accepts every bundled rubric", () => {
    expect(bundled.length).toBeGreaterThan(3);
    for (const name of bundled) {
      validRubric(yaml.load(readFileSync(path.join(rubricsDir, name), "utf8")));
      expect({ name, errors: validRubric.errors ?? null }).toEqual({ name, errors: null });
    }
  });

  it("refuses a step with no check type or two, and an action with no action type: exactly one type key per step", () => {
    const lamp = yaml.load(readFileSync(path.join(rubricsDir, "lamp-stack.yaml"), "utf8")) as { steps: Record<string, unknown>[] };
    const withStep = (step: Record<string, unknown>) => ({ ...lamp, steps: [step] });
    const volume = { names: ["mysql-data"] };
    expect(validRubric(withStep({ check: "v", points: 1, volume }))).toBe(true);
    expect(validRubric(withStep({ check: "v", points: 1 }))).toBe(false);
    expect(validRubric(withStep({ check: "v", points: 1, volume, tcp: { host: "db", port: 3306 } }))).toBe(false);
    expect(validRubric(withStep({ action: "a" }))).toBe(false);
    expect(validRubric(withStep({ action: "a", restart: { containers: ["lamp-web"] } }))).toBe(true);
  });

  it("labgrade.yaml's schema has its own $id and accepts what `labgrade check` reads, and refuses what it refuses", () => {
    const configSchema = JSON.parse(configSchemaText()) as JsonSchema;
    expect(configSchema.$id).toBe("urn:labgrade:schema:labgrade-yaml");
    expect(readFileSync(path.join(ROOT, CONFIG_SCHEMA_FILE), "utf8")).toBe(configSchemaText());
    const validConfig = editorAjv().compile(configSchema);
    const dir = mkdtempSync(path.join(tmpdir(), "labgrade-config-"));
    try {
      const documents = ["rubric: lamp-stack\n", "rubric: ../rubrics/lab.yaml\n", "{}\n", "rubric: ''\n", "rubric: '  '\n", "rubric: 3\n", "rubric: lamp-stack\nlang: fr\n", "- lamp-stack\n"];
      for (const text of documents) {
        const file = path.join(dir, "labgrade.yaml");
        writeFileSync(file, text);
        let readable = true;
        try {
          readConfig(file, translator("en"));
        } catch {
          readable = false;
        }
        expect({ text, schema: validConfig(yaml.load(text)) }).toEqual({ text, schema: readable });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
