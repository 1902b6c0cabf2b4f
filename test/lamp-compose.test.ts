/**
 * rubrics/lamp-compose.yaml is the LAMP lab of rubrics/lamp-stack.yaml done
 * with a compose file: the same steps, ids, types and points, so that grades
 * of the two labs compare, and containers named only by their Compose
 * service, never by a name Compose generates from the folder.
 */
import * as path from "node:path";
import { loadRubric } from "../runner/rubric/load";
import type { Rubric, Step } from "../runner/rubric/types";

const ROOT = path.join(__dirname, "..");
let stack: Rubric;
let compose: Rubric;

beforeAll(async () => {
  const [a, b] = await Promise.all(["lamp-stack", "lamp-compose"].map((id) => loadRubric(path.join(ROOT, "rubrics", `${id}.yaml`))));
  expect([a.errors, b.errors]).toEqual([[], []]);
  stack = a.rubric!;
  compose = b.rubric!;
});

function shape(step: Step): unknown {
  return step.kind === "check"
    ? { id: step.id, kind: step.kind, type: step.type, points: step.points, partial: step.partial, requires: step.requires, hidden: step.hidden }
    : { id: step.id, kind: step.kind, type: step.type };
}

/** Every place a step names a container, with what it names there. */
function containerTargets(type: string, spec: any): unknown[] {
  switch (type) {
    case "container":
      return [spec.name ?? { service: spec.service }];
    case "exec":
    case "sql":
      return [spec.container];
    case "file":
      return spec.container === undefined ? [] : [spec.container];
    case "tcp":
      return [spec.from];
    case "restart":
    case "recreate":
      return spec.containers;
    case "all":
      return spec.flatMap((inner: Record<string, unknown>) => Object.entries(inner).flatMap(([t, s]) => containerTargets(t, s)));
    default:
      return [];
  }
}

test("has lamp-stack's steps: ids, types, points, partial credit and requirements, in order", () => {
  expect(compose.steps.map(shape)).toEqual(stack.steps.map(shape));
  expect(compose.images).toEqual(stack.images);
  expect(compose.submission).toEqual(stack.submission);
});

/** lamp-stack's container names for the compose lab's services. */
const NAMES: Record<string, string> = { db: "lamp-mysql", web: "lamp-web" };

/** A compose step's spec with each service target replaced by lamp-stack's container name. */
function asNamed(type: string, spec: any): unknown {
  const name = (target: unknown) => (typeof target === "object" && target !== null && "service" in target ? NAMES[(target as { service: string }).service] : target);
  switch (type) {
    case "container": {
      const { service, ...rest } = spec;
      return service === undefined ? spec : { name: NAMES[service], ...rest };
    }
    case "exec":
    case "sql":
    case "file":
      return spec.container === undefined ? spec : { ...spec, container: name(spec.container) };
    case "tcp":
      return { ...spec, from: name(spec.from) };
    case "restart":
    case "recreate":
      return { ...spec, containers: spec.containers.map(name) };
    case "all":
      return spec.map((inner: Record<string, unknown>) => Object.fromEntries(Object.entries(inner).map(([t, s]) => [t, asNamed(t, s)])));
    default:
      return spec;
  }
}

test("asks for lamp-stack's end state: every step's keys the same, but for naming services instead of containers", () => {
  const specs = (rubric: Rubric, named: (type: string, spec: unknown) => unknown) => rubric.steps.map((step) => ({ id: step.id, spec: named(step.type, step.spec) }));
  expect(specs(compose, asNamed)).toEqual(specs(stack, (_type, spec) => spec));
});

test("names every container by its Compose service", () => {
  const targets = compose.steps.flatMap((step) => containerTargets(step.type, step.spec));
  expect(targets.length).toBeGreaterThan(10);
  for (const target of targets) expect(target).toEqual({ service: expect.stringMatching(/^(db|web)$/) });
});
