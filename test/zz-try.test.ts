import { loadRubric, loadRubricText, formatIssue, formatWarning } from "../runner/rubric/load";
test("x", async () => {
  const r = await loadRubric("rubrics/lamp-stack.yaml");
  console.log(r.errors.map(formatIssue).join("\n"), r.warnings.map(formatWarning).join("\n"), r.rubric?.steps.length, JSON.stringify(r.rubric?.limits), r.rubric?.steps.map(s => s.title + " @" + s.position.line).join("\n"));
  const bad = `id: Lamp Stack
title: 3
images: mysql
langage: fr
submission: { script: /abs.sh, timeout: 5 min }
limits: { memory: 2 gigs, cpus: 0 }
variables: { PORT: 8080, "bad name": x }
steps:
  - check: a
    points: -1
    retyr: { timeout: 1s }
    http: { url: "http://localhost:\${var.PORT}/", expect: {} }
  - check: a
    points: deux
    requires: [b, zz, a]
    restart: { containers: [x] }
  - check: b
    points: 1
    http: { url: "http://x\${var.PROT}", expect: { status: { contain: 200 }, body: { matches: "(" } } }
    sql: { container: c, engine: mysql, user: u, query: q }
  - action: r
    points: 2
    title: "\${HOME}"
  - check: c
    points: 1
    all:
      - http: { url: "ftp://x", expect: { body: [1] } }
      - htp: {}
      - { http: { url: "http://x" }, sql: {} }
      - restart: { containers: [x] }
      - exec: { container: x, command: 5, expect: { stdout: { contains: a, matches: b } } }
  - check: d
    points: 1
    file: { path: x, volume: v, container: c }
    container: { name: x, ports: [{ container: 80, hots: 1 }] }
  - {}
  - [1]
`;
  const b = loadRubricText(bad, "bad.yaml");
  console.log(b.errors.map(formatIssue).join("\n") + "\n" + b.warnings.map(formatWarning).join("\n"));
});
