/** Named volumes that must exist (or must be gone) on the sandbox's engine. */
import type { Grader } from "./types";
import { outcomeOfItems } from "./support/items";
import { describePresence, presenceItems, presenceSchema, type PresenceSpec } from "./support/presence";

export const volume: Grader<PresenceSpec> = {
  meta: {
    type: "volume",
    kinds: ["check"],
    description: "Named volumes exist (names) or do not exist (absent); one item per volume for partial credit.",
  },
  schema: presenceSchema("Named volumes"),
  messages: {
    missing:
      "Expected the volume(s) {failed} ({count} of {total} wrong). Found the volumes: {present}. Create a named volume with `docker volume create <name>` or `-v <name>:/path`; remove one with `docker volume rm`.",
  },
  describe: (spec) => describePresence("volumes", spec),
  async evaluate(ctx, spec) {
    const present = await ctx.docker.volumeNames();
    // Anonymous volumes have 64-hex names that mean nothing to a student.
    const named = present.filter((name) => !/^[0-9a-f]{64}$/.test(name));
    return outcomeOfItems(presenceItems(present, spec), "missing", { present: named.join(", ") || "none" });
  },
};
