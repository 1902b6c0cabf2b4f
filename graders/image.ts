/** Images that must exist (built or pulled) or must be gone, on the sandbox's engine. */
import type { Grader } from "./types";
import { outcomeOfItems } from "./support/items";
import { sameImage } from "./support/image-name";
import { describePresence, presenceItems, presenceSchema, type PresenceSpec } from "./support/presence";

const messages = {
  missing: "Images not as expected: {failed} ({count} of {total} wrong). Images found: {present}. Build one with `docker build -t <name> .`; remove one with `docker rmi`.",
  none: "none",
};

const messagesFr = {
  missing: "Images non conformes : {failed} ({count} sur {total}). Images trouvées : {present}. Construisez-en une avec `docker build -t <nom> .` ; supprimez-en une avec `docker rmi`.",
  none: "aucune",
} satisfies Record<keyof typeof messages, string>;

export const image: Grader<PresenceSpec> = {
  meta: {
    type: "image",
    kinds: ["check"],
    readsOnly: true,
    description: "Images exist (names) or do not exist (absent), by reference such as myapp:dev; one item per image.",
  },
  schema: presenceSchema("Images"),
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => describePresence("images", spec),
  async evaluate(ctx, spec) {
    const listed = await ctx.docker.cli(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]);
    const present = listed.stdout.split("\n").filter((name) => name && !name.includes("<none>"));
    return outcomeOfItems(presenceItems(present, spec, "image", sameImage), "missing", { present: present.join(", ") || { id: "none" } });
  },
};
