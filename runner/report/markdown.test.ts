import type { GradeResult } from "../result";
import { toMarkdown } from "./markdown";
import { erroredResult, lampResult } from "../../test/support/sample-results";

/** A table row's cells, split on the pipes that are not escaped. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
const rows = (markdown: string): string[] => markdown.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| |"));

describe("toMarkdown", () => {
  const markdown = toMarkdown(lampResult);

  it("opens with a heading carrying the score, then the table header", () => {
    expect(markdown.startsWith("### lamp-stack — alice-dupont: 17/20\n\n| | Check | Points | Details |\n|---|---|---|---|\n")).toBe(true);
  });

  it("writes one four-cell row per check, in order", () => {
    const table = rows(markdown);
    expect(table).toHaveLength(lampResult.checks.length);
    for (const row of table) expect(cells(row)).toHaveLength(4);
    expect(cells(table[0]!)).toEqual(["✅", "Les volumes mysql-data, web-content et user-uploads existent", "3/3", ""]);
    expect(cells(table[2]!)).toEqual(["⏭️", "La base webapp existe", "0/1", "not checked because mysql-running failed"]);
    expect(cells(table[4]!)).toEqual(["✅", "La page info.php répond « PHP Version » 🚀", "4/4", ""]);
    expect(cells(table[6]!)[1]).toBe("L’archive backup.tar.gz existe &amp; se liste");
  });

  it("escapes pipes, newlines, HTML and Markdown inside cells", () => {
    expect(cells(rows(markdown)[1]!)).toEqual([
      "❌",
      "Le conteneur lamp-mysql tourne",
      "0/1",
      "**expected:** état \"running\" &amp; santé &lt;healthy&gt;" +
        "<br>**found:** exited (1)<br>\\[ERROR\\] --initialize specified but the data directory has files in it. \\]\\]&gt; Aborting. \\]\\]&gt; bye" +
        "<br>L’état du conteneur n’est pas « running » \\| vérifiez son démarrage." +
        "<br>**hint:** Lisez \\`docker logs lamp-mysql\\` : le volume mysql-data était-il vide à la création ? 🐬",
    ]);
  });

  it("shows a hidden check without details", () => {
    expect(markdown).not.toContain("SECRET");
    expect(cells(rows(markdown)[7]!)).toEqual(["❌", "La sauvegarde se restaure dans un volume neuf", "2/3", ""]);
  });

  it("ends with the script and the warnings", () => {
    expect(markdown.endsWith(
      "Script: exit code 0\n\n**Warnings**\n\n" +
        "- Le script a écrit sur stderr : « mysql: \\[Warning\\] Using a password on the command line »\n" +
        "- image php:7.4-apache came from a stand-in\n",
    )).toBe(true);
  });

  it("reports an errored grading without a table", () => {
    expect(toMarkdown(erroredResult)).toBe(
      "### lamp-stack — bob &lt;b&amp;b&gt;: 0/20\n\n" +
        "> **Grading error:** Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté.\n\n" +
        "Script: no exit code, stopped after 300 s, 2048 bytes of output dropped\n",
    );
  });

  it("marks an errored check and keeps escape bytes out", () => {
    const result: GradeResult = {
      ...lampResult,
      checks: [{ ...lampResult.checks[0]!, status: "error", points: 0, message: "\x1b[31mconnexion refusée\x1b[0m" }],
    };
    const text = toMarkdown(result);
    expect(cells(rows(text)[0]!)).toEqual(["⚠️", "Les volumes mysql-data, web-content et user-uploads existent", "0/3", "connexion refusée"]);
    expect(text).not.toContain("\x1b");
  });
});
