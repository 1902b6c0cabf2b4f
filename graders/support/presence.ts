/** Named things (volumes, images) that must exist or must be gone: one item each. */
import type { ItemResult } from "./items";
import { similarName } from "./near";
import { nameListSchema } from "./schemas";

export interface PresenceSpec {
  names?: string[];
  absent?: string[];
}

export type PresenceKind = "volume" | "image" | "network";

/**
 * One item per name. A missing name that is one typo away from one that
 * exists says so: "no volume named web-content, but web_content exists".
 */
export function presenceItems(present: string[], spec: PresenceSpec, kind: PresenceKind, same: (a: string, b: string) => boolean = (a, b) => a === b): ItemResult[] {
  const has = (name: string) => present.some((p) => same(name, p));
  const missing = (name: string) => {
    const similar = similarName(name, present);
    return similar ? { id: `${kind}.missingSimilar`, data: { name, similar } } : { id: `${kind}.missing`, data: { name } };
  };
  return [
    ...(spec.names ?? []).map((name) => ({
      label: { id: "name", data: { name } },
      passed: has(name),
      expected: { id: `${kind}.exists`, data: { name } },
      actual: has(name) ? { id: `${kind}.exists`, data: { name } } : missing(name),
    })),
    ...(spec.absent ?? []).map((name) => ({
      label: { id: "name", data: { name } },
      passed: !has(name),
      expected: { id: `${kind}.missing`, data: { name } },
      actual: has(name) ? { id: `${kind}.stillExists`, data: { name } } : { id: `${kind}.missing`, data: { name } },
    })),
  ];
}

export const presencePhrases = {
  en: {
    "volume.exists": "a volume named {name}",
    "volume.missing": "no volume named {name}",
    "volume.missingSimilar": "no volume named {name}, but {similar} exists",
    "volume.stillExists": "volume {name} still exists",
    "image.exists": "an image {name}",
    "image.missing": "no image {name}",
    "image.missingSimilar": "no image {name}, but {similar} exists",
    "image.stillExists": "image {name} still exists",
    "network.exists": "a network named {name}",
    "network.missing": "no network named {name}",
    "network.missingSimilar": "no network named {name}, but {similar} exists",
    "network.stillExists": "network {name} still exists",
  },
  fr: {
    "volume.exists": "un volume nommé {name}",
    "volume.missing": "aucun volume nommé {name}",
    "volume.missingSimilar": "aucun volume nommé {name}, mais {similar} existe",
    "volume.stillExists": "le volume {name} existe encore",
    "image.exists": "une image {name}",
    "image.missing": "aucune image {name}",
    "image.missingSimilar": "aucune image {name}, mais {similar} existe",
    "image.stillExists": "l'image {name} existe encore",
    "network.exists": "un réseau nommé {name}",
    "network.missing": "aucun réseau nommé {name}",
    "network.missingSimilar": "aucun réseau nommé {name}, mais {similar} existe",
    "network.stillExists": "le réseau {name} existe encore",
  },
};

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
