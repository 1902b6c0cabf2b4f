/**
 * `labgrade schema [rubric|labgrade.yaml]`: prints a JSON Schema for editors, so that an
 * instructor's own repository can keep a copy and point `# yaml-language-server: $schema=`
 * (or VS Code's `yaml.schemas`) at it.
 */
import { UsageError } from "../errors";
import type { Io } from "../io";
import { configSchemaText, schemaFileText } from "../rubric/write-schema";

export const SCHEMAS = ["rubric", "labgrade.yaml"] as const;

export async function schemaCommand(which: string | undefined, io: Io): Promise<number> {
  if (which === undefined || which === "rubric") io.out(schemaFileText());
  else if (which === "labgrade.yaml") io.out(configSchemaText());
  else throw new UsageError(`schema takes ${SCHEMAS.join(" or ")}, got ${which}`);
  return 0;
}
