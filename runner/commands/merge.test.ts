import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Io } from "../io";
import { CLASS_FILES, writeClassFiles } from "../report/class/write";
import { shareOf } from "../batch/shards";
import { studentFiles } from "../report/class/folder";
import { classResults } from "../../test/support/sample-class";
import { toJson } from "../report/json";
import type { GradeResult } from "../result";
import { mergeCommand } from "./merge";

const quietIo: Io = { out: () => undefined, err: () => undefined, color: false };
let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-merge-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What a batch writes for these results: each student's files, then the class files. */
function batchOutput(dir: string, results: GradeResult[]): string {
  for (const result of results) {
    const files = studentFiles(dir, result.submission);
    fs.mkdirSync(files.dir, { recursive: true });
    fs.writeFileSync(files.json, toJson(result));
    fs.writeFileSync(files.junit, `<testsuites name="${result.submission.length}"/>\n`);
  }
  writeClassFiles(dir, results);
  return dir;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file));

describe("mergeCommand", () => {
  it("joins shard outputs into the same bytes an unsharded batch writes, student folders included", async () => {
    const sorted = [...classResults].sort((a, b) => (a.submission < b.submission ? -1 : 1));
    const whole = batchOutput(path.join(tmp, "whole"), sorted);
    const shards = [1, 2, 3].map((index) => batchOutput(path.join(tmp, `shard-${index}`), shareOf(sorted, { index, total: 3 })));
    const out = path.join(tmp, "merged");
    expect(await mergeCommand({ dirs: shards, out }, quietIo)).toBe(0);
    for (const file of CLASS_FILES) expect(read(out, file).equals(read(whole, file))).toBe(true);
    for (const result of sorted) {
      expect(read(out, `students/${result.submission}/result.json`).equals(read(whole, `students/${result.submission}/result.json`))).toBe(true);
      expect(fs.existsSync(studentFiles(out, result.submission).junit)).toBe(true);
    }
  });

  it("takes an empty shard (more shards than students)", async () => {
    const full = batchOutput(path.join(tmp, "full"), classResults.slice(0, 1));
    const empty = batchOutput(path.join(tmp, "empty"), []);
    expect(await mergeCommand({ dirs: [full, empty], out: path.join(tmp, "out") }, quietIo)).toBe(0);
    expect(read(path.join(tmp, "out"), "gradebook.csv").equals(read(full, "gradebook.csv"))).toBe(true);
  });

  it("refuses, as bad usage, a folder without results.json, a student in two shards, and two rubrics", async () => {
    const a = batchOutput(path.join(tmp, "a"), classResults.slice(0, 2));
    const b = batchOutput(path.join(tmp, "b"), classResults.slice(1, 3));
    const other = batchOutput(path.join(tmp, "other"), [{ ...classResults[3]!, rubric: "backup-restore" }]);
    const out = path.join(tmp, "out");
    await expect(mergeCommand({ dirs: [a, path.join(tmp, "nothing")], out }, quietIo)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("has no results.json") });
    await expect(mergeCommand({ dirs: [a, b], out }, quietIo)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("chloe is in both") });
    await expect(mergeCommand({ dirs: [a, other], out }, quietIo)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("different rubrics") });
  });

  it("merges into one of its own inputs", async () => {
    const a = batchOutput(path.join(tmp, "a"), classResults.slice(0, 2));
    const b = batchOutput(path.join(tmp, "b"), classResults.slice(2));
    expect(await mergeCommand({ dirs: [a, b], out: a }, quietIo)).toBe(0);
    expect(JSON.parse(read(a, "results.json").toString())).toHaveLength(4);
    expect(fs.readdirSync(path.join(a, "students")).sort()).toEqual(classResults.map((r) => r.submission).sort());
  });
});
