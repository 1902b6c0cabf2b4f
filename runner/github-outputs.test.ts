import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeClassroomOutputs } from "./github-outputs";
import type { Io } from "./io";
import { toClassroomPayload, toMarkdown } from "./report";
import { erroredResult, lampResult } from "../test/support/sample-results";

function recordingIo(): Io & { errors: string[] } {
  const errors: string[] = [];
  return { errors, out: () => undefined, err: (text) => errors.push(text), color: false };
}

describe("writeClassroomOutputs", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-gh-"));
    env = { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
    fs.writeFileSync(env.GITHUB_OUTPUT!, "earlier=1\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("appends result=<base64 payload> to $GITHUB_OUTPUT and the Markdown table to $GITHUB_STEP_SUMMARY", () => {
    const io = recordingIo();
    writeClassroomOutputs(lampResult, env, io);
    const lines = fs.readFileSync(env.GITHUB_OUTPUT!, "utf8").split("\n");
    expect(lines[0]).toBe("earlier=1");
    expect(lines[1]).toMatch(/^result=[A-Za-z0-9+/]+=*$/);
    expect(lines[2]).toBe("");
    // What the reporter does: base64 -> UTF-8 -> JSON.
    expect(JSON.parse(Buffer.from(lines[1]!.slice("result=".length), "base64").toString("utf-8"))).toEqual(toClassroomPayload(lampResult));
    expect(fs.readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8")).toBe(`${toMarkdown(lampResult)}\n`);
    expect(io.errors).toEqual([]);
  });

  it("writes an errored grading too, as one errored test", () => {
    writeClassroomOutputs(erroredResult, env, recordingIo());
    const value = fs.readFileSync(env.GITHUB_OUTPUT!, "utf8").split("\n")[1]!.slice("result=".length);
    expect(JSON.parse(Buffer.from(value, "base64").toString("utf-8"))).toMatchObject({ status: "error", tests: [{ name: "grading", status: "error" }] });
  });

  it("says on stderr that the variables are unset, and does not fail", () => {
    const io = recordingIo();
    expect(() => writeClassroomOutputs(lampResult, {}, io)).not.toThrow();
    expect(io.errors).toEqual([expect.stringContaining("GITHUB_OUTPUT is not set"), expect.stringContaining("GITHUB_STEP_SUMMARY is not set")]);
  });
});
