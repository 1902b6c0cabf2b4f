import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OutputError } from "./errors";
import { PARTIAL_SUFFIX, removePartials, writeFileAtomic } from "./files";

describe("writeFileAtomic", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-files-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes the whole text, making the folder, and leaves no temporary file", () => {
    const file = path.join(tmp, "a", "b", "result.json");
    writeFileAtomic(file, "é\n");
    writeFileAtomic(file, "second\n");
    expect(fs.readFileSync(file, "utf8")).toBe("second\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["result.json"]);
  });

  it("fails with an OutputError naming the folder and keeps the earlier file", () => {
    const file = path.join(tmp, "kept.csv");
    writeFileAtomic(file, "old\n");
    // A folder where the file's temporary sibling should go cannot be made: a file is in the way.
    fs.writeFileSync(path.join(tmp, "blocked"), "");
    expect(() => writeFileAtomic(path.join(tmp, "blocked", "x.json"), "new\n")).toThrow(OutputError);
    expect(() => writeFileAtomic(path.join(tmp, "blocked", "x.json"), "new\n")).toThrow(`cannot write to ${path.join(tmp, "blocked")}`);
    expect(fs.readFileSync(file, "utf8")).toBe("old\n");
  });

  it("removePartials removes what a kill between write and rename left, and nothing else", () => {
    const dir = path.join(tmp, "partials");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, `.result.json.123.abcd${PARTIAL_SUFFIX}`), '{"rub');
    fs.writeFileSync(path.join(dir, "result.json"), "{}");
    expect(removePartials(dir)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["result.json"]);
  });
});
