/** Named volumes that must exist (or must be gone) on the sandbox's engine. */
import type { Grader } from "./types";
import { outcomeOfItems } from "./support/items";
import { describePresence, presenceItems, presenceSchema, type PresenceSpec } from "./support/presence";
import { resolveVolumes, volumeTargetMessages, volumeTargetMessagesFr } from "./support/volume-target";

const messages = {
  missing:
    "Volumes not as expected: {failed}. Volumes found: {present}. Create a named volume with `docker volume create <name>` or `-v <name>:/path`; remove one with `docker volume rm` or `docker volume prune`.",
  none: "none",
  ...volumeTargetMessages,
};

const messagesFr = {
  missing: "Volumes non conformes : {failed}. Volumes trouvés : {present}. Créez un volume nommé avec `docker volume create <nom>` ou `-v <nom>:/chemin` ; supprimez-en un avec `docker volume rm` ou `docker volume prune`.",
  none: "aucun",
  ...volumeTargetMessagesFr,
} satisfies Record<keyof typeof messages, string>;

export const volume: Grader<PresenceSpec> = {
  meta: {
    type: "volume",
    kinds: ["check"],
    readsOnly: true,
    description: "Named volumes exist (names) or do not exist (absent); one item per volume for partial credit.",
  },
  schema: presenceSchema("Named volumes"),
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => describePresence("volumes", spec),
  async evaluate(ctx, spec) {
    const present = await ctx.docker.volumeNames();
    // Anonymous volumes have 64-hex names that mean nothing to a student.
    const named = present.filter((name) => !/^[0-9a-f]{64}$/.test(name));
    // A compose file's volume counts under its own name, whatever project prefix Compose gave it.
    const resolved = await resolveVolumes(ctx, [...(spec.names ?? []), ...(spec.absent ?? [])]);
    if (resolved.outcome) return resolved.outcome;
    const items = presenceItems(named, spec, "volume", (name, found) => found === resolved.names.get(name));
    return outcomeOfItems(items, "missing", { present: named.join(", ") || { id: "none" } });
  },
};
