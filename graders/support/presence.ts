/** Named things (volumes, images) that must exist or must be gone: one item each. */
import type { ItemResult } from "./items";
import { nameListSchema } from "./schemas";

export interface PresenceSpec {
  names?: string[];
  absent?: string[];
}

export function presenceItems(present: string[], spec: PresenceSpec, same: (a: string, b: string) => boolean = (a, b) => a === b): ItemResult[] {
  const has = (name: string) => present.some((p) => same(name, p));
  return [
    ...(spec.names ?? []).map((name) => ({ label: name, passed: has(name), expected: "exists", actual: has(name) ? "exists" : "missing" })),
    ...(spec.absent ?? []).map((name) => ({ label: name, passed: !has(name), expected: "absent", actual: has(name) ? "still exists" : "absent" })),
  ];
}

export function presenceSchema(what: string): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    description: `${what} that must exist, or must not.`,
    properties: {
      names: nameListSchema(`${what} that must exist.`),
      absent: nameListSchema(`${what} that must not exist.`),
    },
  };
}

export function describePresence(what: string, spec: PresenceSpec): string {
  return [
    spec.names?.length ? `${what} ${spec.names.join(", ")} exist` : "",
    spec.absent?.length ? `${what} ${spec.absent.join(", ")} no longer exist` : "",
  ]
    .filter(Boolean)
    .join("; ");
}
