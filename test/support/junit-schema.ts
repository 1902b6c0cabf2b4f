/**
 * Validates JUnit XML against test/support/junit.xsd (what Jenkins' xunit plugin accepts)
 * with a real XSD validator: libxml2's xmllint (ci/setup-xmllint.sh installs it).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const JUNIT_XSD = path.join(__dirname, "junit.xsd");

/** xmllint's complaints about one report; empty when the report is valid. */
export function junitSchemaErrors(xml: string): string[] {
  const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", JUNIT_XSD, "-"], { input: xml, encoding: "utf8" });
  if (run.error) throw new Error(`xmllint did not run (${run.error.message}): bash ci/setup-xmllint.sh installs it`);
  if (run.status === 0) return [];
  const errors = run.stderr.split("\n").filter((line) => line && !/validates$|fails to validate$/.test(line));
  return errors.length ? errors : [`xmllint exited with ${run.status}`];
}
