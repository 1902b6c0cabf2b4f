/**
 * The precompiled validators the build writes (write-validators.ts) say exactly
 * what the validators compiled at run time say, for the bundled rubrics and for
 * broken versions of them: same errors, same positions, same words.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { loadRubricText } from "./load";
import { precompiledValidators, type PrecompiledValidators } from "./validator";
import { validatorsModuleText } from "./write-validators";

const RUBRICS = path.join(__dirname, "..", "..", "rubrics");
const BUNDLED = fs.readdirSync(RUBRICS).filter((name) => name.endsWith(".yaml")).sort();

function generatedModule(): PrecompiledValidators {
  // Inside the checkout, where the generated code finds Ajv's runtime as the built one does.
  const cache = path.join(__dirname, "..", "..", "node_modules", ".cache");
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, "labgrade-validators-"));
  try {
    fs.writeFileSync(path.join(dir, "formats.js"), `module.exports = require(${JSON.stringify(path.join(__dirname, "formats"))});\n`);
    fs.writeFileSync(path.join(dir, "validators.generated.js"), validatorsModuleText());
    return require(path.join(dir, "validators.generated.js")) as PrecompiledValidators;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each step broken one way at a time: a key of the wrong type, an unknown key, a spec emptied. */
function brokenVersions(text: string): string[] {
  const document = yaml.load(text) as { steps: Record<string, unknown>[] };
  const versions: string[] = [];
  document.steps.forEach((step, index) => {
    const type = Object.keys(step).find((key) => !["check", "action", "title", "points", "partial", "requires", "retry", "hidden", "feedback"].includes(key))!;
    const spec = step[type];
    for (const broken of [{ ...step, [type]: {} }, { ...step, [type]: 42 }, { ...step, points: "many" }, { ...step, retyr: {} }, { ...step, [type]: spec, http: { url: 1 } }, JSON.parse(JSON.stringify(step).replace(/"(\w+)":"([^"]*)"/, '"$1":[]'))]) {
      versions.push(yaml.dump({ ...document, steps: document.steps.map((s, i) => (i === index ? broken : s)) }));
    }
  });
  versions.push(yaml.dump({ ...document, id: "Not An Id", images: "mysql", steps: [] }));
  return versions;
}

describe("precompiled rubric validators", () => {
  const validators = precompiledValidators(generatedModule());

  it.each(BUNDLED)("%s and its broken versions load the same with them", (name) => {
    const text = fs.readFileSync(path.join(RUBRICS, name), "utf8");
    const versions = [text, ...brokenVersions(text)];
    let invalid = 0;
    for (const version of versions) {
      const compiled = loadRubricText(version, name);
      expect(loadRubricText(version, name, { validators })).toEqual(compiled);
      if (compiled.errors.length) invalid++;
    }
    expect(invalid).toBe(versions.length - 1);
  });
});
