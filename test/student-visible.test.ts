/**
 * The marker test's own test: it finds each kind of leak in every
 * student-visible format, and a result rendered from phrases leaks nothing,
 * in either language. (test/fixtures.e2e.test.ts runs it on every fixture.)
 */
import { LANGS } from "../runner/i18n";
import type { GradeResult } from "../runner/result";
import { INSIDES, leaks, studentVisible } from "./support/student-visible";

const failing: GradeResult = {
  rubric: "lamp-stack",
  submission: "alice",
  score: 0,
  maxScore: 2,
  status: "completed",
  checks: [
    {
      id: "info-php-in-volume",
      title: "info.php est stocké dans le volume web-content",
      status: "failed",
      points: 0,
      maxPoints: 1,
      message: "",
      expected: "",
      actual: "",
      durationMs: 10,
      phrases: {
        by: "file",
        message: { id: "missing", data: { path: "info.php", where: { id: "where.volume", data: { volume: "web-content" } } } },
        expected: [{ id: "file.exists", data: { path: "info.php", where: { id: "where.volume", data: { volume: "web-content" } } } }],
        actual: [{ id: "file.notInVolume", data: { path: "info.php", volume: "web-content", where: { id: "where.volume", data: { volume: "web-content" } }, entries: [{ id: "name", data: { name: "uploads/" } }] } }],
      },
    },
    {
      id: "info-php",
      title: "info.php répond",
      status: "failed",
      points: 0,
      maxPoints: 1,
      message: "",
      durationMs: 10,
      phrases: {
        by: "http",
        message: { id: "unreachable", data: { url: "http://localhost:8080/info.php", reason: { id: "http.refused", data: { port: 8080 } } } },
        expected: [{ id: "http.anAnswer", data: { url: "http://localhost:8080/info.php" } }],
        actual: [{ id: "http.refused", data: { port: 8080 } }],
      },
    },
  ],
  run: { exitCode: 0, durationMs: 1000, output: `${"a".repeat(64)}\n`, timedOut: false, droppedBytes: 0 },
  warnings: [],
  durationMs: 2000,
  timings: { sandboxMs: 1, imagesMs: 1, scriptMs: 1, checksMs: 1, waitMs: 0, actionsMs: 0 },
};

describe("student-visible text", () => {
  test.each(LANGS)("rendered from phrases in %s, it holds no marker (the script's own output is the student's)", (lang) => {
    const texts = studentVisible(failing, lang);
    expect(leaks(texts)).toEqual([]);
    expect(texts.check).toContain(lang === "fr" ? "info.php n'est pas dans le volume web-content (le volume contient : uploads/)" : "info.php is not in volume web-content (the volume holds: uploads/)");
    expect(texts.check).toContain(lang === "fr" ? "rien ne répond sur le port 8080" : "nothing answers on port 8080");
  });

  test.each([
    ["head: cannot open '/probe/info.php' for reading: No such file or directory", ["a probe container's path", "a shell error"]],
    ["curl: (7) Failed to connect to localhost port 8080 after 0 ms", ["a curl error"]],
    ["Error response from daemon: No such container: lamp-web", ["an error's text"]],
    ["TypeError: x is undefined\n    at evaluate (/work/graders/file.ts:12:3)", ["an error's text", "a stack trace"]],
    [`container ${"0123456789abcdef".repeat(4)} exited`, ["a container id"]],
  ])("finds the leak in %p, in every format", (text, kinds) => {
    const leaked: GradeResult = { ...failing, checks: [{ ...failing.checks[0], phrases: undefined, message: "x", actual: text }] };
    const found = leaks(studentVisible(leaked, "en"));
    for (const kind of kinds) for (const format of ["console", "check", "json", "junit", "classroom", "html"]) expect(found.some((f) => f.startsWith(`${format}: ${kind}`))).toBe(true);
    expect(INSIDES.map(([what]) => what)).toEqual(expect.arrayContaining(kinds));
  });
});
