import type { GradeResult } from "../result";
import { toClassroomOutput, toClassroomPayload } from "./classroom";
import { erroredResult, lampResult, perfectResult } from "../../test/support/sample-results";

/** What autograding-grading-reporter does with the variable: base64 → UTF-8 → JSON. */
const decode = (output: string): unknown => JSON.parse(Buffer.from(output, "base64").toString("utf-8"));

describe("toClassroomPayload", () => {
  const payload = toClassroomPayload(lampResult);

  it("gives version, status, max_score and one test per check", () => {
    expect(payload).toMatchObject({ version: 1, status: "fail", max_score: 20 });
    expect(payload.tests.map((t) => t.test_code)).toEqual(lampResult.checks.map((c) => c.id));
  });

  it("carries partial credit in each test's score, summing to the grade as Classroom does", () => {
    expect(payload.tests.reduce((sum, t) => sum + t.score, 0)).toBe(17);
    expect(payload.tests.map((t) => t.score)).toEqual([3, 0, 0, 3, 4, 3, 2, 2]);
  });

  it("fills every test's fields: name, status, message, line_no, test_code, filename, duration in ms", () => {
    expect(payload.tests[1]).toEqual({
      name: "Le conteneur lamp-mysql tourne",
      status: "fail",
      score: 0,
      message:
        'expected: état "running" & santé <healthy>\n' +
        "found: exited (1)\n[ERROR] --initialize specified but the data directory has files in it. ]]> Aborting. ]]> bye\n" +
        "L’état du conteneur n’est pas « running » | vérifiez son démarrage.\n" +
        "hint: Lisez `docker logs lamp-mysql` : le volume mysql-data était-il vide à la création ? 🐬",
      line_no: 0,
      test_code: "mysql-running",
      filename: "lamp-stack",
      duration: 2350,
    });
    expect(payload.tests[0]).toMatchObject({ status: "pass", score: 3, duration: 120, message: "Les trois volumes existent." });
    expect(payload.tests[2]).toMatchObject({ status: "fail", score: 0, message: "not checked because mysql-running failed" });
  });

  it("passes a test only at full points, and hides a hidden check's feedback", () => {
    expect(payload.tests[7]).toMatchObject({ status: "fail", score: 2, message: "hidden check: details are not shown" });
    expect(JSON.stringify(payload)).not.toContain("SECRET");
    const fullHidden: GradeResult = { ...lampResult, checks: [{ ...lampResult.checks[7]!, status: "passed", points: 3 }] };
    expect(toClassroomPayload(fullHidden).tests[0]).toMatchObject({ status: "pass", message: "" });
  });

  it("passes only when the score reaches the maximum", () => {
    const perfect = toClassroomPayload(perfectResult);
    expect(perfect.status).toBe("pass");
    expect(perfect.tests.every((t) => t.status === "pass")).toBe(true);
    expect(perfect.tests.reduce((sum, t) => sum + t.score, 0)).toBe(20);
  });

  it("reports an errored grading as one errored test named grading, scoring 0", () => {
    expect(toClassroomPayload(erroredResult)).toEqual({
      version: 1,
      status: "error",
      max_score: 20,
      tests: [
        {
          name: "grading",
          status: "error",
          score: 0,
          message: "Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté.",
          line_no: 0,
          test_code: "grading",
          filename: "lamp-stack",
          duration: 301_500,
        },
      ],
    });
  });

  it("keeps the checks that ran before the grading errored, and marks errored checks", () => {
    const partial: GradeResult = {
      ...erroredResult,
      score: 3,
      checks: [lampResult.checks[0]!, { ...lampResult.checks[2]!, status: "error", message: "timeout" }],
    };
    const tests = toClassroomPayload(partial).tests;
    expect(tests.map((t) => [t.test_code, t.status, t.score])).toEqual([
      ["grading", "error", 0],
      ["volumes", "pass", 3],
      ["webapp-db", "error", 0],
    ]);
  });
});

describe("toClassroomOutput", () => {
  it("is base64 of the payload's UTF-8 JSON, round-tripping French text and emoji", () => {
    const output = toClassroomOutput(lampResult);
    expect(output).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(decode(output)).toEqual(toClassroomPayload(lampResult));
    const names = (decode(output) as { tests: { name: string }[] }).tests.map((t) => t.name);
    expect(names).toContain("Les fichiers déposés 📁 survivent à la recréation");
    expect(names).toContain("La page info.php répond « PHP Version » 🚀");
    expect(decode(toClassroomOutput(erroredResult))).toMatchObject({ status: "error", tests: [{ name: "grading" }] });
  });
});
