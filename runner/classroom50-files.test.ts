import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { classroom50Run, RELEASE_BODY_FILE, RESULT_FILE, writeClassroom50Files } from "./classroom50-files";
import { OutputError } from "./errors";
import { loadRubric } from "./rubric/load";
import { lampResult } from "../test/support/sample-results";
import { resultProblems, runnerEnv } from "../test/support/classroom50-contract";

const LAMP = path.join(__dirname, "..", "rubrics", "lamp-stack.yaml");

describe("writeClassroom50Files", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-classroom50-files-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function lampRun() {
    const rubric = (await loadRubric(LAMP)).rubric!;
    return { rubric, run: classroom50Run(rubric, runnerEnv("alice")) };
  }

  it("writes the result Classroom 50 reads and the release body, and nothing else", async () => {
    const { rubric, run } = await lampRun();
    writeClassroom50Files(lampResult, rubric, run, dir);
    expect(fs.readdirSync(dir).sort()).toEqual([RELEASE_BODY_FILE, RESULT_FILE].sort());
    expect(resultProblems(JSON.parse(fs.readFileSync(path.join(dir, RESULT_FILE), "utf8")), { classroom: "docker-2026", assignment: "lamp" })).toEqual([]);
    expect(fs.readFileSync(path.join(dir, RELEASE_BODY_FILE), "utf8")).toContain(rubric.title);
  });

  it("a folder that cannot be written is said as such, with no file left half written", async () => {
    const { rubric, run } = await lampRun();
    const notAFolder = path.join(dir, "a-file");
    fs.writeFileSync(notAFolder, "");
    expect(() => writeClassroom50Files(lampResult, rubric, run, notAFolder)).toThrow(OutputError);
    expect(fs.readdirSync(dir)).toEqual(["a-file"]);
  });
});
