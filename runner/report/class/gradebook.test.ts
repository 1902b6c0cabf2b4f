import type { GradeResult } from "../../result";
import { toGradebook } from "./gradebook";
import { classResults } from "../../../test/support/sample-class";

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') break;
        else field += text[i++];
      }
      i++;
    } else if (text[i] === ",") row.push(field), (field = ""), i++;
    else if (text.startsWith("\r\n", i)) row.push(field), rows.push(row), (row = []), (field = ""), (i += 2);
    else field += text[i++];
  }
  expect(field).toBe("");
  expect(row).toEqual([]);
  return rows;
}

describe("toGradebook", () => {
  const csv = toGradebook(classResults);
  const rows = parseCsv(csv);

  it("has student, score, max, then one column per check id in rubric order", () => {
    expect(rows[0]).toEqual(["student", "score", "max", "volumes", "mysql-running", "webapp-db", "web-content-mount", "info-page", "survives-recreate", "backup-archive", "restore-secret"]);
  });

  it("writes a row per student, sorted by name in code-unit order, each cell the check's points", () => {
    expect(rows.slice(1).map((r) => r[0])).toEqual(["alice", "bob", "chloe", "zoé, \"la\" <b>"]);
    expect(rows[1]).toEqual(["alice", "17", "20", "3", "0", "0", "3", "4", "3", "2", "2"]);
    expect(rows[3]).toEqual(["chloe", "20", "20", "3", "1", "1", "3", "4", "3", "2", "3"]);
  });

  it("leaves the cells of a grading that errored before any check empty", () => {
    expect(rows[2]).toEqual(["bob", "0", "20", "", "", "", "", "", "", "", ""]);
  });

  it("quotes only fields holding a comma, a quote or a line break, doubling quotes; CRLF ends every record", () => {
    expect(csv).toContain('\r\n"zoé, ""la"" <b>",17,20,');
    expect(csv.split("\r\n")).toHaveLength(6);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const multiline: GradeResult = { ...classResults[1]!, submission: "a\nb" };
    expect(parseCsv(toGradebook([multiline]))[1]![0]).toBe("a\nb");
  });

  it("formats fractional points without float noise", () => {
    const partial: GradeResult = { ...classResults[1]!, score: 0.1 + 0.2, checks: [{ ...classResults[1]!.checks[0]!, points: 1 / 3 }] };
    expect(parseCsv(toGradebook([partial]))[1]).toEqual(["chloe", "0.3", "20", "0.33"]);
  });

  it("does not depend on the order the results come in", () => {
    expect(toGradebook([...classResults].reverse())).toBe(csv);
  });

  it("is a header alone for no results", () => {
    expect(toGradebook([])).toBe("student,score,max\r\n");
  });
});
