/**
 * Which volume a rubric's volume name means. Compose creates a compose
 * file's volume mysql-data as <project>_mysql-data unless the file gives it
 * a name:, so a rubric names the volume as the compose file does: the engine
 * volume named exactly so, or else the one volume Compose labelled with that
 * name (com.docker.compose.volume), optionally of one project. The labels
 * are container-target.ts's, resolved the same way.
 */
import type { GraderContext, Outcome } from "../types";
import { PROJECT_LABEL } from "./container-target";
import { labelled } from "./label-filter";
import { firstFew } from "./shell";

export const VOLUME_LABEL = "com.docker.compose.volume";

export interface FoundVolume {
  name: string;
  project: string;
}

export const volumeTargetMessages = {
  severalVolumes:
    "The compose file's volume {volume} is several volumes ({found}), so it is not clear which one to check. Keep one Compose project: stop the others with `docker compose -p <project> down -v`.",
};

export const volumeTargetMessagesFr = {
  severalVolumes:
    "Le volume {volume} du fichier compose correspond à plusieurs volumes ({found}) : impossible de savoir lequel vérifier. Gardez un seul projet Compose : arrêtez les autres avec `docker compose -p <projet> down -v`.",
} satisfies Record<keyof typeof volumeTargetMessages, string>;

export const volumeTargetPhrases = {
  en: {
    "volumeTarget.one": "one volume named {volume}, or one Compose volume {volume}",
    "volumeTarget.several": "the Compose volume {volume} is {count} volumes: {list}",
  },
  fr: {
    "volumeTarget.one": "un volume nommé {volume}, ou un seul volume Compose {volume}",
    "volumeTarget.several": "le volume Compose {volume} correspond à {count} volumes : {list}",
  },
};

/** Volumes Compose created for a compose file's volume, optionally of one project. */
export async function composeVolumes(ctx: GraderContext, volume: string, project?: string): Promise<FoundVolume[]> {
  const filters = [`${VOLUME_LABEL}=${volume}`, ...(project ? [`${PROJECT_LABEL}=${project}`] : [])];
  return (await ctx.docker.volumes())
    .filter((v) => labelled(v.Labels, filters))
    .map((v) => ({ name: v.Name, project: v.Labels?.[PROJECT_LABEL] ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export type VolumeResolution = { name: string; outcome?: undefined } | { name?: undefined; outcome: Outcome };

/**
 * The engine's name for a rubric's volume name. An exact name wins; a name
 * nothing matches is taken as it is (the grader says itself that it is
 * missing); several Compose volumes (two projects) is a final failure that
 * names them.
 */
export async function resolveVolume(ctx: GraderContext, volume: string, project?: string): Promise<VolumeResolution> {
  if (await ctx.docker.volume(volume)) return { name: volume };
  const found = await composeVolumes(ctx, volume, project);
  if (found.length === 0) return { name: volume };
  if (found.length === 1) return { name: found[0].name };
  const list = firstFew(found.map((v) => `${v.name} (-p ${v.project})`));
  return {
    outcome: {
      passed: false,
      ratio: 0,
      final: true,
      messageId: "severalVolumes",
      data: { volume, found: list },
      expected: [{ id: "volumeTarget.one", data: { volume } }],
      actual: [{ id: "volumeTarget.several", data: { volume, count: found.length, list } }],
    },
  };
}

/** The engine's names of several volume names (undefined ones skipped), by rubric name; the first failure stops. */
export async function resolveVolumes(ctx: GraderContext, volumes: (string | undefined)[], project?: string): Promise<{ names: Map<string, string>; outcome?: undefined } | { names?: undefined; outcome: Outcome }> {
  const names = new Map<string, string>();
  for (const volume of volumes) {
    if (volume === undefined || names.has(volume)) continue;
    const resolved = await resolveVolume(ctx, volume, project);
    if (resolved.outcome) return { outcome: resolved.outcome };
    names.set(volume, resolved.name);
  }
  return { names };
}
