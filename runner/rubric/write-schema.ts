/**
 * `npm run schema`: writes the files generated from the graders' schemas,
 * rubrics/schema/rubric.schema.json, rubrics/schema/labgrade.schema.json (labgrade.yaml)
 * and the key tables of rubrics/README.md. `labgrade schema` prints the first two.
 * A test fails when the committed files differ from what this writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { graders } from "../../graders";
import { buildConfigSchema } from "./config-schema";
import { CONFIG_SCHEMA_ID, forEditors, RUBRIC_SCHEMA_ID } from "./editor-schema";
import { renderBlocks } from "./reference";
import { buildRubricSchema } from "./schema";

export const SCHEMA_FILE = "rubrics/schema/rubric.schema.json";
export const CONFIG_SCHEMA_FILE = "rubrics/schema/labgrade.schema.json";
export const REFERENCE_FILE = "rubrics/README.md";

export function schemaFileText(): string {
  return `${JSON.stringify(forEditors(buildRubricSchema(graders), RUBRIC_SCHEMA_ID), null, 2)}\n`;
}

export function configSchemaText(): string {
  return `${JSON.stringify(forEditors(buildConfigSchema(), CONFIG_SCHEMA_ID), null, 2)}\n`;
}

export function referenceFileText(current: string): string {
  return renderBlocks(current, buildRubricSchema(graders), graders);
}

function main(root: string): void {
  const schemaFile = path.join(root, SCHEMA_FILE);
  mkdirSync(path.dirname(schemaFile), { recursive: true });
  writeFileSync(schemaFile, schemaFileText());
  writeFileSync(path.join(root, CONFIG_SCHEMA_FILE), configSchemaText());
  const referenceFile = path.join(root, REFERENCE_FILE);
  writeFileSync(referenceFile, referenceFileText(readFileSync(referenceFile, "utf8")));
  process.stdout.write(`wrote ${SCHEMA_FILE}, ${CONFIG_SCHEMA_FILE} and the tables of ${REFERENCE_FILE}\n`);
}

if (require.main === module) main(process.cwd());
