import { cutLine, ScriptOutput } from "./output";

describe("cutLine", () => {
  it("leaves short lines alone and cuts long ones with …", () => {
    expect(cutLine("docker volume create web", 40)).toBe("docker volume create web");
    expect(cutLine("0123456789", 6)).toBe("01234…");
    expect(cutLine("é🐬é🐬é🐬", 4)).toBe("é🐬é…");
    expect(cutLine("a\tb", 10)).toBe("a  b");
  });
});

describe("ScriptOutput", () => {
  it("makes whole lines of pieces, without terminal bytes or blank lines", () => {
    const output = new ScriptOutput({ head: 10, tail: 2 });
    expect(output.push("mysql-")).toEqual([]);
    expect(output.push("data\r\n\x1b[32mweb-content\x1b[0m\n\n   \nuser")).toEqual(["mysql-data", "web-content"]);
    expect(output.end()).toEqual({ hidden: 0, lines: ["user"] });
  });

  it("shows the first lines as they come, then the last ones at the end, saying how many it left out", () => {
    const output = new ScriptOutput({ head: 2, tail: 2 });
    const shown = output.push(Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join(""));
    expect(shown).toEqual(["line 1", "line 2"]);
    expect(output.window()).toEqual(["line 9", "line 10"]);
    expect(output.end()).toEqual({ hidden: 6, lines: ["line 9", "line 10"] });
  });

  it("never leaves out a single line: it shows it instead", () => {
    const output = new ScriptOutput({ head: 2, tail: 2 });
    output.push("1\n2\n3\n4\n5\n");
    expect(output.end()).toEqual({ hidden: 0, lines: ["3", "4", "5"] });
  });
});
