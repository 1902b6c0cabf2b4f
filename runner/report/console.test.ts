import type { GradeResult } from "../result";
import { toConsole } from "./console";
import { erroredResult, lampResult } from "../../test/support/sample-results";

describe("toConsole", () => {
  it("prints a header, one line per check with its feedback, warnings, the script and the score", () => {
    expect(toConsole(lampResult, { color: false })).toBe(
      [
        "lamp-stack — alice-dupont",
        "✓ 3/3  Les volumes mysql-data, web-content et user-uploads existent",
        "✗ 0/1  Le conteneur lamp-mysql tourne",
        '    expected: état "running" & santé <healthy>',
        "    found: exited (1)",
        "      [ERROR] --initialize specified but the data directory has files in it. ]]> Aborting. ]]> bye",
        "    L’état du conteneur n’est pas « running » | vérifiez son démarrage.",
        "    hint: Lisez `docker logs lamp-mysql` : le volume mysql-data était-il vide à la création ? 🐬",
        "– 0/1  La base webapp existe",
        "    not checked because mysql-running failed",
        "✓ 3/3  Le volume web-content est monté sur /var/www/html",
        "✓ 4/4  La page info.php répond « PHP Version » 🚀",
        "✓ 3/3  Les fichiers déposés 📁 survivent à la recréation",
        "✓ 2/2  L’archive backup.tar.gz existe & se liste",
        "✗ 2/3  La sauvegarde se restaure dans un volume neuf",
        "warning: Le script a écrit sur stderr : « mysql: [Warning] Using a password on the command line »",
        "warning: image php:7.4-apache came from a stand-in",
        "script: exit code 0",
        "Score: 17/20",
        "",
      ].join("\n"),
    );
  });

  it("shows a hidden check's feedback only with showHidden", () => {
    expect(toConsole(lampResult, { color: false })).not.toContain("SECRET");
    const open = toConsole(lampResult, { color: false, showHidden: true });
    expect(open).toContain(
      [
        "✗ 2/3  La sauvegarde se restaure dans un volume neuf",
        "    expected: SECRET-EXPECTED: index.php, upload.php, config.php",
        "    found: SECRET-ACTUAL: index.php, upload.php",
        "    SECRET-MESSAGE: 2 des 3 fichiers restaurés",
        "    hint: SECRET-HINT: tar -C /data",
      ].join("\n"),
    );
  });

  it("colours the symbols with plain ANSI codes when asked", () => {
    const text = toConsole(lampResult, { color: true });
    expect(text).toContain("\x1b[32m✓\x1b[0m 3/3  Les volumes");
    expect(text).toContain("\x1b[31m✗\x1b[0m 0/1  Le conteneur lamp-mysql tourne");
    expect(text).toContain("\x1b[33m–\x1b[0m 0/1  La base webapp existe");
    expect(text).toContain("Score: 17/20\n");
  });

  it("holds no escape byte without colour, even when the script's text carries some", () => {
    const noisy: GradeResult = {
      ...lampResult,
      checks: [{ ...lampResult.checks[1]!, actual: "\x1b[1;31mERROR\x1b[0m\x1b]0;title\x07 \x9b2J", message: "a\rb" }],
      warnings: ["\x1b[33mattention\x1b[0m"],
    };
    const text = toConsole(noisy, { color: false });
    expect(text).not.toMatch(/[\x1b\x9b\x07\r]/);
    expect(text).toContain("    found: ERROR 2J\n");
    expect(text).toContain("    a\n      b\n");
    expect(text).toContain("warning: attention\n");
    expect(toConsole(lampResult, { color: false, showHidden: true })).not.toContain("\x1b");
  });

  it("reports an errored grading, a stopped script and dropped output", () => {
    expect(toConsole(erroredResult, { color: false })).toBe(
      [
        "lamp-stack — bob <b&b>",
        "grading error: Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté.",
        "script: no exit code, stopped after 300 s, 2048 bytes of output dropped",
        "Score: 0/20",
        "",
      ].join("\n"),
    );
  });

  it("marks an errored check with ! and aligns points of different widths", () => {
    const result: GradeResult = {
      ...lampResult,
      score: 10.5,
      maxScore: 12,
      checks: [
        { ...lampResult.checks[0]!, points: 10.5, maxPoints: 11 },
        { ...lampResult.checks[2]!, status: "error", message: "http: connection refused" },
      ],
      warnings: [],
      run: { ...lampResult.run, exitCode: 2 },
    };
    expect(toConsole(result, { color: false })).toBe(
      [
        "lamp-stack — alice-dupont",
        "✓ 10.5/11  Les volumes mysql-data, web-content et user-uploads existent",
        "!     0/1  La base webapp existe",
        "    http: connection refused",
        "script: exit code 2",
        "Score: 10.5/12",
        "",
      ].join("\n"),
    );
  });
});
