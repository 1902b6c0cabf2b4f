/** Named volumes that must exist (or must be gone) on the sandbox's engine. */
import type { Grader } from "./types";
import { outcomeOfItems } from "./support/items";
import { describePresence, presenceItems, presenceSchema, type PresenceSpec } from "./support/presence";

const messages = {
  missing:
    "Volumes not as expected: {failed}. Volumes found: {present}. Create a named volume with `docker volume create <name>` or `-v <name>:/path`; remove one with `docker volume rm` or `docker volume prune`.",
  none: "none",
};

const messagesFr = {
  missing: "Volumes non conformes : {failed}. Volumes trouvés : {present}. Créez un volume nommé avec `docker volume create <nom>` ou `-v <nom>:/chemin` ; supprimez-en un avec `docker volume rm` ou `docker volume prune`.",
  none: "aucun",
} satisfies Record<keyof typeof messages, string>;

export const volume: Grader<PresenceSpec> = {
  meta: {
    type: "volume",
    kinds: ["check"],
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
    const items = presenceItems(named, spec, "volume");
    return outcomeOfItems(items, "missing", { present: named.join(", ") || { id: "none" } });
  },
};
