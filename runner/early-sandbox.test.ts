import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requestAhead } from "./early-sandbox";
import { RUBRIC_BOUNDS } from "./rubric/bounds";
import { applyLimitOverrides } from "./rubric/limits";
import { loadOrRefuse } from "./rubric/load-or-refuse";
import { sandboxRequest } from "./sandbox/sandbox";

const RUBRICS = path.join(__dirname, "..", "rubrics");
const bundled = fs.readdirSync(RUBRICS).filter((name) => name.endsWith(".yaml"));

describe("the sandbox asked for ahead, from the rubric's text alone", () => {
  test.each(bundled)("%s: the same request as the checked rubric's, so the sandbox started ahead is the one used", async (name) => {
    const file = path.join(RUBRICS, name);
    const rubric = await loadOrRefuse(file);
    expect(requestAhead({ rubricFile: file, submissionDir: "class/alice", provisioning: "clone" })).toEqual(sandboxRequest(rubric, "class/alice", "clone"));
    const overrides = { memory: "1g", cpus: "1.5", "output-limit": "64KiB" };
    expect(requestAhead({ rubricFile: file, submissionDir: "class/alice", overrides })).toEqual(sandboxRequest(applyLimitOverrides(rubric, overrides), "class/alice"));
  });

  test("nothing when the text does not say (no sandbox is started for it)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-early-"));
    try {
      const texts = ["id: [unclosed", "id: x\nimages: mysql:8.0\n", "id: 3\nimages: []\n", "id: x\nimages: []\nlimits: { memory: lots }\n", "- a list"];
      for (const [i, text] of texts.entries()) {
        const file = path.join(dir, `${i}.yaml`);
        fs.writeFileSync(file, text);
        expect(requestAhead({ rubricFile: file, submissionDir: "alice" })).toBeUndefined();
      }
      expect(requestAhead({ rubricFile: path.join(dir, "missing.yaml"), submissionDir: "alice" })).toBeUndefined();
      // A folder, and a text past the rubric's bound, whatever it starts with.
      expect(requestAhead({ rubricFile: dir, submissionDir: "alice" })).toBeUndefined();
      const long = path.join(dir, "long.yaml");
      fs.writeFileSync(long, `${fs.readFileSync(path.join(RUBRICS, "lamp-stack.yaml"), "utf8")}\n${"#".repeat(RUBRIC_BOUNDS.bytes)}\n`);
      expect(requestAhead({ rubricFile: long, submissionDir: "alice" })).toBeUndefined();
      expect(requestAhead({ rubricFile: path.join(RUBRICS, "lamp-stack.yaml"), submissionDir: "alice", overrides: { memory: "lots" } })).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
