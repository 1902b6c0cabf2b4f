import { loadRubric, formatIssue, formatWarning } from "../runner/rubric/load";
import * as fs from "fs";
test("x", async () => {
  for (const f of fs.readdirSync("fixtures/rubrics/invalid")) {
    const r = await loadRubric("fixtures/rubrics/invalid/" + f);
    console.log(r.errors.map(formatIssue).join("\n") + "\n" + r.warnings.map(formatWarning).join("\n"));
  }
});
