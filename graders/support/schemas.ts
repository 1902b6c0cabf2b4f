/** Schema fragments that several graders share, so that their keys read the same everywhere. */
import { matcherRef } from "../matchers/match";
import type { JsonSchema } from "../types";

/** A list of names (containers, volumes, images), each given once. */
export function nameListSchema(description: string): JsonSchema {
  return { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", minLength: 1 }, description };
}

/** What a command must give: its exit code, stdout and stderr, each a matcher. */
export function commandExpectSchema(description: string): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    description,
    properties: {
      "exit-code": matcherRef("The exit code."),
      stdout: matcherRef("Standard output."),
      stderr: matcherRef("Standard error."),
    },
  };
}

/** A Compose service and its project: the keys that name a container by its service. */
export const serviceProperties: Record<string, JsonSchema> = {
  service: { type: "string", minLength: 1, description: "A Compose service (its key under services:): its one container, whatever Compose named it." },
  project: { type: "string", minLength: 1, description: "The service's Compose project (-p, name:); any project when left out." },
};

/** A container, by name or as `{ service, project }`. */
export function containerRefSchema(description: string): JsonSchema {
  return {
    description: `${description} A name (--name), or \`{ service: db }\` for a Compose service's container.`,
    oneOf: [
      { type: "string", minLength: 1 },
      { type: "object", additionalProperties: false, required: ["service"], properties: serviceProperties },
    ],
  };
}

/** A list of containers, each a name or a Compose service, each given once. */
export function containerRefListSchema(description: string): JsonSchema {
  return { type: "array", minItems: 1, uniqueItems: true, items: containerRefSchema("A container."), description: `${description} Each a name (--name) or \`{ service: db }\`.` };
}

/** A list of published ports, { container, host } and any `extra` keys: the container check's and docker-run's. */
export function portListSchema(description: string, hostDescription: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  const port = (text: string): JsonSchema => ({ type: "integer", minimum: 1, maximum: 65535, description: text });
  return {
    type: "array",
    minItems: 1,
    description,
    items: {
      type: "object",
      additionalProperties: false,
      required: ["container"],
      properties: { container: port("The port inside the container."), host: port(hostDescription), ...extra },
    },
  };
}
