import { translator } from "../i18n";
import type { GradeResult } from "../result";
import { defaultScale, identityFromEnv, toClassroom50Result, wholePoints, type Classroom50Identity } from "./classroom50";
import { toReleaseBody } from "./classroom50-body";
import { erroredResult, lampResult, perfectResult } from "../../test/support/sample-results";
import { resultProblems, runnerEnv } from "../../test/support/classroom50-contract";

const env = runnerEnv("alice-dupont");
const identity = identityFromEnv(env).identity as Classroom50Identity;
const now = new Date("2026-12-01T09:30:12.345Z");
const run = { classroom: env.CLASSROOM!, assignment: env.ASSIGNMENT! };
const body = (result: GradeResult, scale = 1, lang: "en" | "fr" = "en") =>
  toReleaseBody(result, toClassroom50Result(result, identity, { scale, now }), { t: translator(lang), title: "Stack LAMP", script: "lamp.sh", scale });

/** The LAMP result with partial credit that is not a whole number: 1.33 of 2. */
const fractional: GradeResult = {
  ...lampResult,
  score: 16.33,
  checks: lampResult.checks.map((check) => (check.id === "backup-archive" ? { ...check, status: "failed", points: 1.33, message: "2 of 3 files" } : check)),
};

describe("identityFromEnv", () => {
  it("takes the identity the runner hands an autograder", () => {
    expect(identity).toEqual({
      classroom: "docker-2026",
      assignment: "lamp",
      assignment_type: "individual",
      owner: "alice-dupont",
      submission: "submit/20261201T093000Z-1a2b3c4",
      commit: env.COMMIT_URL,
      release: env.RELEASE_URL,
      review: env.REVIEW_URL,
    });
  });

  it("builds the URLs from GITHUB_* as runner.py does when they are not given", () => {
    const { COMMIT_URL: _c, RELEASE_URL: _r, REVIEW_URL: _v, ...rest } = env;
    const built = identityFromEnv(rest).identity!;
    expect(built.commit).toBe(env.COMMIT_URL);
    expect(built.release).toBe("https://github.com/docker-course/lamp-alice-dupont/releases/tag/submit%2F20261201T093000Z-1a2b3c4");
    expect(built.review).toBe(env.COMMIT_URL);
  });

  it("names what is missing, and refuses a tag outside submit/", () => {
    expect(identityFromEnv({}).missing).toEqual(["CLASSROOM", "ASSIGNMENT", "OWNER or USERNAME", "SUBMISSION_TAG (submit/…)", "COMMIT_URL", "RELEASE_URL"]);
    expect(identityFromEnv({ ...env, SUBMISSION_TAG: "v1" }).missing).toEqual(["SUBMISSION_TAG (submit/…)"]);
    expect(identityFromEnv({ ...env, ASSIGNMENT_TYPE: "group" }).identity!.assignment_type).toBe("group");
  });
});

describe("whole points", () => {
  it("scales by the smallest power of ten that makes every check's points whole", () => {
    expect(defaultScale([3, 2, 1])).toBe(1);
    expect(defaultScale([0.5, 2])).toBe(10);
    expect(defaultScale([0.25, 1])).toBe(100);
    expect(defaultScale([1 / 3])).toBe(100);
  });

  it("rounds partial credit down, never to full marks, and loses nothing at scale 100", () => {
    expect(wholePoints(1.33, 2, 1)).toEqual({ score: 1, max: 2 });
    expect(wholePoints(1.33, 2, 100)).toEqual({ score: 133, max: 200 });
    expect(wholePoints(8.42, 10, 100)).toEqual({ score: 842, max: 1000 });
    expect(wholePoints(0.3 + 0.6, 0.9, 10)).toEqual({ score: 9, max: 9 });
    expect(wholePoints(0.33, 1 / 3, 100)).toEqual({ score: 32, max: 33 });
    expect(wholePoints(0, 3, 1)).toEqual({ score: 0, max: 3 });
  });
});

describe("toClassroom50Result", () => {
  it.each([
    ["partial", lampResult, 17],
    ["full marks", perfectResult, 20],
    ["an errored grading", erroredResult, 0],
  ])("is a valid classroom50/result/v1 for %s", (_name, result, score) => {
    const written = toClassroom50Result(result, identity, { scale: 1, now });
    expect(resultProblems(JSON.parse(JSON.stringify(written)), run)).toEqual([]);
    expect(written.score).toBe(score);
    expect(written.score).toBe(written.tests.reduce((sum, test) => sum + test.score, 0));
    expect(written.datetime).toBe("2026-12-01T09:30:12Z");
  });

  it("has one test per check, passed only at full points", () => {
    const written = toClassroom50Result(lampResult, identity, { scale: 1, now });
    expect(written.tests.map((t) => t.id)).toEqual(lampResult.checks.map((c) => c.id));
    expect(written.tests[0]).toEqual({ "test-name": lampResult.checks[0]!.title, passed: true, score: 3, "max-score": 3, id: "volumes", status: "passed" });
    expect(written.tests[7]).toMatchObject({ passed: false, score: 2, "max-score": 3, status: "failed" });
    expect(written["max-score"]).toBe(20);
  });

  it("rounds partial credit down at scale 1 and keeps it at scale 100", () => {
    expect(toClassroom50Result(fractional, identity, { scale: 1, now }).score).toBe(16);
    const exact = toClassroom50Result(fractional, identity, { scale: 100, now });
    expect([exact.score, exact["max-score"]]).toEqual([1633, 2000]);
  });

  it("tells two checks with one title apart by their ids", () => {
    const twins: GradeResult = { ...perfectResult, checks: [perfectResult.checks[0]!, { ...perfectResult.checks[0]!, id: "volumes-again" }] };
    expect(toClassroom50Result(twins, identity, { scale: 1, now }).tests.map((t) => t["test-name"])).toEqual([
      `${twins.checks[0]!.title} [volumes]`,
      `${twins.checks[0]!.title} [volumes-again]`,
    ]);
  });
});

describe("toReleaseBody", () => {
  const partial = body(lampResult);

  it("gives the score as the gradebook counts it and a row per check", () => {
    expect(partial.startsWith("### Stack LAMP: 17/20\n")).toBe(true);
    expect(partial).toContain("| ✅ | Les volumes mysql-data, web-content et user-uploads existent | 3/3 |");
    expect(partial).toContain("| ❌ | Le conteneur lamp-mysql tourne | 0/1 |");
  });

  it("says what was expected, what was found and what to try, escaped for Markdown", () => {
    expect(partial).toContain("#### ❌ Le conteneur lamp-mysql tourne (0/1, `mysql-running`)");
    expect(partial).toContain('- expected: état "running" &amp; santé &lt;healthy&gt;');
    expect(partial).toContain("- found: exited (1)<br>\\[ERROR\\] --initialize");
    expect(partial).toContain("- L’état du conteneur n’est pas « running » \\| vérifiez son démarrage.");
    expect(partial).toContain("- hint: Lisez \\`docker logs lamp-mysql\\`");
    expect(partial).toContain("- not checked because mysql-running failed");
    expect(partial).toContain("Your script lamp.sh: exit code 0, 1.1 s");
  });

  it("withholds a hidden check's details", () => {
    expect(partial).not.toContain("SECRET");
    expect(partial).toContain("La sauvegarde se restaure dans un volume neuf (2/3, `restore-secret`)\n\n- Hidden check: its details are not shown.");
  });

  it("lists nothing below the table at full marks", () => {
    expect(body(perfectResult)).not.toContain("####");
  });

  it("says why a grading errored, once", () => {
    const errored = body({ ...erroredResult, checks: lampResult.checks.map((c) => ({ ...c, status: "error" as const, points: 0, message: "not checked: no engine" })) });
    expect(errored).toContain("> grading error: Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté.");
    expect(errored).not.toContain("####");
    expect(errored).toContain("| ⚠️ | Le conteneur lamp-mysql tourne | 0/1 |");
  });

  it("says how whole points relate to the lab's points", () => {
    expect(body(fractional)).toContain("partial credit is rounded down. Before rounding: 16.33/20.");
    expect(body(fractional, 100)).toMatch(/^### Stack LAMP: 1633\/2000\n\nClassroom 50 counts whole points: each point of this lab counts 100 here\. In the lab's points: 16\.33\/20\./);
    expect(body(lampResult)).not.toContain("whole points");
  });

  it("speaks the student's language", () => {
    const french = body(lampResult, 1, "fr");
    expect(french).toContain("| | Vérification | Points |");
    expect(french).toContain("- indice : Lisez");
    expect(french).toContain("Vérification cachée : ses détails ne sont pas montrés.");
  });
});
