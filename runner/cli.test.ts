import { run } from "./cli";
import { COMMANDS } from "./commands";
import type { Io } from "./io";

function recordingIo(): Io & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out: (text) => out_.push(text), err: (text) => err_.push(text), color: false, out_, err_ };
}

describe("labgrade's command line", () => {
  it("lists every command's usage lines in --help, under the command's name", async () => {
    const io = recordingIo();
    expect(await run(["--help"], io)).toBe(0);
    const help = io.out_.join("");
    for (const command of COMMANDS) {
      expect(help).toContain(command.usage);
      expect(command.usage.startsWith(`  ${command.name} `)).toBe(true);
    }
  });

  it("refuses a flag given twice that the command takes once, and another command's flag given twice too", async () => {
    for (const argv of [["grade", "x", "--rubric", "a", "--rubric", "b"], ["validate", "--rubric", "a", "--rubric", "b", "r.yaml"]]) {
      const io = recordingIo();
      expect(await run(argv, io)).toBe(2);
      expect(io.err_).toEqual(["labgrade: --rubric given more than once"]);
    }
  });

  it("follows a command's usage error with the usage, and a flag's error without it", async () => {
    const missing = recordingIo();
    expect(await run(["merge", "a"], missing)).toBe(2);
    expect(missing.err_[0]).toMatch(/^labgrade: merge needs --out <folder>\n\nusage: labgrade <command>/);
    const variable = recordingIo();
    expect(await run(["check", "--var", "oops"], variable)).toBe(2);
    expect(variable.err_).toEqual(['labgrade: --var takes NAME=VALUE, got "oops"']);
  });

  it("parses each command's own meaning of a flag: check --json takes no file, grade --json does", async () => {
    const check = recordingIo();
    expect(await run(["check", "--json=out.json"], check)).toBe(2);
    expect(check.err_[0]).toMatch(/^labgrade: Option '--json' does not take an argument/);
    const grade = recordingIo();
    expect(await run(["grade", "--json"], grade)).toBe(2);
    expect(grade.err_[0]).toMatch(/^labgrade: Option '--json <value>' argument missing/);
  });
});
