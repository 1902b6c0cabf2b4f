/** Images that must exist (built or pulled) or must be gone, on the sandbox's engine. */
import type { Grader } from "./types";
import { outcomeOfItems } from "./support/items";
import { sameImage } from "./support/image-name";
import { describePresence, presenceItems, presenceSchema, type PresenceSpec } from "./support/presence";

const messages = {
  missing: "Expected the image(s) {failed} ({count} of {total} wrong). Found the images: {present}. Build one with `docker build -t <name> .`; remove one with `docker rmi`.",
};

const messagesFr = {
  missing: "Image(s) attendue(s) : {failed} ({count} sur {total} incorrecte(s)). Images trouvées : {present}. Construisez-en une avec `docker build -t <nom> .` ; supprimez-en une avec `docker rmi`.",
} satisfies Record<keyof typeof messages, string>;

export const image: Grader<PresenceSpec> = {
  meta: {
    type: "image",
    kinds: ["check"],
    description: "Images exist (names) or do not exist (absent), by reference such as myapp:dev; one item per image.",
  },
  schema: presenceSchema("Images"),
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => describePresence("images", spec),
  async evaluate(ctx, spec) {
    const listed = await ctx.docker.cli(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]);
    const present = listed.stdout.split("\n").filter((name) => name && !name.includes("<none>"));
    return outcomeOfItems(presenceItems(present, spec, sameImage), "missing", { present: present.join(", ") || "none" });
  },
};
