import type { GradeResult } from "../result";
import type { Rubric } from "../rubric/types";
import { lampResult } from "../../test/support/sample-results";
import { planMutants, scriptsOf } from "./mutants";
import { buildReport, reportText } from "./report";
import { commandsOf } from "./script";

describe("commandsOf", () => {
  test("joins continued lines, keeps quoted words whole, splits on ; && | and skips comments and here-documents", () => {
    const text = [
      "# a comment: docker run nothing",
      'docker run -d \\',
      '  -v "$(pwd)/a b:/x" -e \'A=1 2\' alpine sh -c "echo hi > /x/f; ls" && echo ok | cat',
      "cat <<EOF",
      "docker run inside a here-document",
      "EOF",
      "until docker exec db pg_isready; do sleep 1; done",
    ].join("\n");
    const commands = commandsOf(text).map((c) => c.words.map((w) => w.value));
    expect(commands).toEqual([
      ["docker", "run", "-d", "-v", "$(pwd)/a b:/x", "-e", "A=1 2", "alpine", "sh", "-c", "echo hi > /x/f; ls"],
      ["echo", "ok"],
      ["cat"],
      ["cat", "<<EOF"],
      ["until", "docker", "exec", "db", "pg_isready"],
      ["do", "sleep", "1"],
      ["done"],
    ]);
    const first = commandsOf(text)[0];
    expect(first.line).toBe(2);
    expect(text.slice(first.words[4].start, first.words[4].end)).toBe('"$(pwd)/a b:/x"');
  });
});

const rubric = (steps: Partial<Rubric["steps"][number]>[]): Rubric =>
  ({ id: "lab", variables: {}, submission: { script: "lab.sh", timeoutMs: 1000, files: [] }, steps }) as unknown as Rubric;

describe("planMutants", () => {
  test("mutates the entry script and the scripts the rubric runs, with the arguments it passes", () => {
    const lab = rubric([
      { type: "script", spec: { file: "restore.sh", args: ["backups/*.tar.gz", "restored-${random.target}"], glob: true } },
      { type: "volume", spec: { absent: ["orphan", "orphan-${random.x}"] } },
    ]);
    expect([...scriptsOf(lab)]).toEqual([
      ["lab.sh", { args: [], absentVolumes: ["orphan"] }],
      ["restore.sh", { args: [undefined, { value: "restored", given: "restored-${random.target}" }], absentVolumes: ["orphan"] }],
    ]);
    const files: Record<string, string> = { "lab.sh": "docker run --rm -v a:/a alpine true\n", "restore.sh": "docker volume create $2\n" };
    const plan = planMutants(lab, (file) => files[file]);
    expect(plan.mutants.map((m) => m.id)).toEqual([
      "lab.sh:drop-mount:alpine#1:/a",
      "lab.sh:bind-mount:alpine#1:/a",
      "lab.sh:anonymous-volume:alpine#1:/a",
      "lab.sh:drop-rm:alpine#1",
      "restore.sh:skip-volume-create:$2",
      "restore.sh:hardcode-arg:2:restored",
    ]);
    expect(plan.mutants[3].changes).toEqual([{ line: 1, before: "docker run --rm -v a:/a alpine true", after: "docker run -v a:/a alpine true" }]);
  });

  test("skips a mutant identical to one listed before it, and says which; ids stay unique", () => {
    // Two files written under the same mount: moving that mount off them is one mutant, not two.
    const text = 'docker run -d --name web -v site:/html nginx\ndocker exec web sh -c "echo a > /html/a.php; echo b > /html/b.php"\n';
    const plan = planMutants(rubric([]), () => text);
    expect(plan.mutants.map((m) => m.id)).toContain("write-in-container:web:/html/a.php");
    expect(plan.skipped).toEqual([
      { id: "write-in-container:web:/html/b.php", description: expect.stringContaining("/html/b.php"), sameAs: "write-in-container:web:/html/a.php" },
    ]);
    const twice = planMutants(rubric([]), () => "docker volume create x\ndocker volume create x\n");
    expect(twice.mutants.map((m) => m.id)).toEqual(["skip-volume-create:x", "skip-volume-create:x#2"]);
  });
});

describe("the report", () => {
  const result = (score: number, failed: string[] = [], skipped: string[] = []): GradeResult => ({
    ...lampResult,
    score,
    checks: lampResult.checks.map((c) => ({ ...c, status: failed.includes(c.id) ? "failed" : skipped.includes(c.id) ? "skipped" : "passed" })),
  });
  const mutant = (id: string) => ({ id, description: `${id} described`, file: "lamp.sh", text: "", changes: [] });
  const outcome = (r: GradeResult) => ({ student: { name: "x", dir: "x" }, result: r });

  test("a mutant that keeps full marks survives; the others say which checks caught them", () => {
    const full = lampResult.maxScore;
    const runs = {
      reference: outcome(result(full)),
      mutants: new Map([
        ["drop-env:lamp-mysql:MYSQL_DATABASE", outcome(result(full - 2, [lampResult.checks[0].id], [lampResult.checks[1].id]))],
        ["skip-volume-create:mysql-data", outcome(result(full))],
      ]),
    };
    const plan = { mutants: [mutant("drop-env:lamp-mysql:MYSQL_DATABASE"), mutant("skip-volume-create:mysql-data")], skipped: [{ id: "drop-rm:x", description: "", sameAs: "the reference" }] };
    const report = buildReport("lamp-stack", "ref", plan, runs);
    expect(report.survivors).toEqual(["skip-volume-create:mysql-data"]);
    expect(report.mutants[0]).toMatchObject({ status: "caught", caughtBy: [lampResult.checks[0].id], skippedChecks: [lampResult.checks[1].id] });
    const text = reportText(report);
    expect(text).toContain(`drop-env:lamp-mysql:MYSQL_DATABASE  ${full - 2}/${full}`);
    expect(text).toContain(`${lampResult.checks[0].id} (+1 not checked)`);
    expect(text).toContain("SURVIVED");
    expect(text).toContain("drop-rm:x: identical to the reference");
    expect(text).toContain("1 of 2 mutants keep full marks: skip-volume-create:mysql-data");
  });
});
