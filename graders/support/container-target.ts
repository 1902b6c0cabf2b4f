/**
 * Which container a step means: one named with --name, or the container of a
 * Compose service (`service: db`, optionally `project:`), found through the
 * labels Compose puts on what it creates. A rubric then depends neither on
 * the generated name (submission-db-1) nor on the project name Compose takes
 * from the folder. A service is resolved once per evaluation, to the name
 * the grader then uses for every command it runs.
 */
import type { GraderContext, Outcome } from "../types";
import { labelled } from "./label-filter";
import { firstFew } from "./shell";

export interface ServiceTarget {
  service: string;
  project?: string;
}

/** A container's name, or a Compose service. */
export type ContainerRef = string | ServiceTarget;

export const SERVICE_LABEL = "com.docker.compose.service";
export const PROJECT_LABEL = "com.docker.compose.project";
const ONEOFF_LABEL = "com.docker.compose.oneoff";

export function isService(ref: ContainerRef): ref is ServiceTarget {
  return typeof ref !== "string";
}

/** How a description names the target: `lamp-web`, `service web`, `service web of project shop`. */
export function describeTarget(ref: ContainerRef): string {
  if (!isService(ref)) return ref;
  return `service ${ref.service}${ref.project ? ` of project ${ref.project}` : ""}`;
}

export const targetMessages = {
  noService:
    "Expected a container of the Compose service {service}, but there is none. Compose services found: {services}. Check the service's name under services: in your compose file, and that `docker compose up -d` ran without an error.",
  "target.none": "none",
  "target.oneOf": "one container of the Compose service {service}",
  "target.noContainer": "the Compose service {service} has no container",
  "target.several": "the Compose service {service} has {count} containers: {list}",
  severalContainers:
    "The Compose service {service} has several containers ({found}), so it is not clear which one to check. Run one container per service: no --scale and no deploy.replicas, and stop the other projects with `docker compose -p <project> down`.",
};

export const targetMessagesFr = {
  noService:
    "Un conteneur du service Compose {service} était attendu, mais il n'y en a aucun. Services Compose trouvés : {services}. Vérifiez le nom du service sous services: dans votre fichier compose, et que `docker compose up -d` s'est terminé sans erreur.",
  "target.none": "aucun",
  "target.oneOf": "un seul conteneur du service Compose {service}",
  "target.noContainer": "le service Compose {service} n'a aucun conteneur",
  "target.several": "le service Compose {service} a {count} conteneurs : {list}",
  severalContainers:
    "Le service Compose {service} a plusieurs conteneurs ({found}) : impossible de savoir lequel vérifier. Lancez un seul conteneur par service : pas de --scale ni de deploy.replicas, et arrêtez les autres projets avec `docker compose -p <projet> down`.",
} satisfies Record<keyof typeof targetMessages, string>;

export interface Found {
  name: string;
  project: string;
  service: string;
}

/** Containers carrying Compose's labels, optionally of one service and project. */
export async function composeContainers(ctx: GraderContext, target?: ServiceTarget): Promise<Found[]> {
  const filters = target
    ? [`${SERVICE_LABEL}=${target.service}`, ...(target.project ? [`${PROJECT_LABEL}=${target.project}`] : [])]
    : [SERVICE_LABEL];
  // `docker compose run` leaves one-off containers of a service: not the service's own.
  filters.push(`${ONEOFF_LABEL}=False`);
  return (await ctx.docker.containers())
    .filter((c) => labelled(c.Config?.Labels, filters))
    .map((c) => ({ name: c.Name.replace(/^\//, ""), project: c.Config.Labels[PROJECT_LABEL] ?? "", service: c.Config.Labels[SERVICE_LABEL] ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export type Resolution = { name: string; outcome?: undefined } | { name?: undefined; outcome: Outcome };

/**
 * The name of the container a ref means, or the failed outcome to report.
 * A name is taken as it is (the grader says itself when it does not exist);
 * a service must have exactly one container. Retrying cannot change either
 * failure once the student's script has ended, so they are final.
 */
export async function resolveContainer(ctx: GraderContext, ref: ContainerRef): Promise<Resolution> {
  if (!isService(ref)) return { name: ref };
  const found = await composeContainers(ctx, ref);
  const service = ref.project ? `${ref.service} (-p ${ref.project})` : ref.service;
  if (found.length === 1) return { name: found[0].name };
  if (found.length === 0) {
    const all = await composeContainers(ctx);
    const withProject = ref.project !== undefined || new Set(all.map((c) => c.project)).size > 1;
    const services = [...new Set(all.map((c) => (withProject ? `${c.service} (-p ${c.project})` : c.service)))];
    return {
      outcome: {
        passed: false,
        ratio: 0,
        final: true,
        messageId: "noService",
        data: { service, services: services.length ? firstFew(services) : { id: "target.none" } },
        expected: [{ id: "target.oneOf", data: { service } }],
        actual: [{ id: "target.noContainer", data: { service } }],
      },
    };
  }
  const list = firstFew(found.map((c) => `${c.name} (-p ${c.project})`));
  return {
    outcome: {
      passed: false,
      ratio: 0,
      final: true,
      messageId: "severalContainers",
      data: { service, found: list },
      expected: [{ id: "target.oneOf", data: { service } }],
      actual: [{ id: "target.several", data: { service, count: found.length, list } }],
    },
  };
}

/** Resolves every ref, in order; the first failure stops. */
export async function resolveContainers(ctx: GraderContext, refs: ContainerRef[]): Promise<{ names: string[]; outcome?: undefined } | { names?: undefined; outcome: Outcome }> {
  const names: string[] = [];
  for (const ref of refs) {
    const resolved = await resolveContainer(ctx, ref);
    if (resolved.outcome) return { outcome: resolved.outcome };
    names.push(resolved.name);
  }
  return { names };
}
