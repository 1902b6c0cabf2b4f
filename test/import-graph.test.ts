/**
 * The house's shape, so that it cannot regrow back-and-forth: no import
 * cycles; graders/ import nothing from runner/ and runner/ reaches a grader
 * only through the registry; common/ imports neither.
 */
import * as path from "node:path";
import { cycles, importGraph } from "./support/import-graph";

const graph = importGraph(path.join(__dirname, ".."), ["common", "graders", "runner"]);
const imports = [...graph].flatMap(([from, targets]) => targets.map((to) => `${from} -> ${to}`));
const isTest = (file: string) => file.endsWith(".test.ts");
/** A grader's own file (graders/<type>.ts), as opposed to the registry, the boundary types and the shared support. */
const isGrader = (file: string) => /^graders\/[^/]+\.ts$/.test(file) && !["graders/index.ts", "graders/types.ts"].includes(file) && !isTest(file);

test("the graph is read: steps find their graders in the registry, and `import type` counts", () => {
  expect(graph.get("runner/grading/resolve.ts")).toEqual(expect.arrayContaining(["graders/index.ts", "graders/types.ts"]));
});

test("finds a cycle when there is one", () => {
  const sample = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
  expect(cycles(sample)).toEqual([["a", "b", "c"]]);
});

test("no import cycles in common/, graders/ and runner/", () => {
  expect(cycles(graph)).toEqual([]);
});

test("graders/ import nothing from runner/ (their tests may render through it)", () => {
  expect(imports.filter((edge) => /^graders\/.* -> runner\//.test(edge) && !isTest(edge.split(" -> ")[0]))).toEqual([]);
});

test("runner/ reaches a grader only through the registry, and takes nothing from a grader's file", () => {
  expect(imports.filter((edge) => edge.startsWith("runner/") && isGrader(edge.split(" -> ")[1]))).toEqual([]);
});

test("common/ imports neither side", () => {
  expect(imports.filter((edge) => /^common\/.* -> (graders|runner)\//.test(edge))).toEqual([]);
});
