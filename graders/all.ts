/** Several checks that earn their points together, e.g. "the stack still works". */
import { readsOnly } from "./support/reads-only";
import type { Grader } from "./types";

export type AllSpec = Record<string, unknown>[];

/** The `all` grader; the registry, which holds it too, hands itself over for describing the items. */
export const allOf = (graderFor: (type: string) => Grader | undefined): Grader<AllSpec> => ({
  meta: {
    type: "all",
    kinds: ["check"],
    description: "Passes when every listed check passes; each item is one check type and its keys.",
    readsOnly: (spec) => spec.every((item) => readsOnly(graderFor(Object.keys(item)[0]), Object.values(item)[0])),
  },
  schema: {
    type: "array",
    minItems: 1,
    items: { $ref: "#/$defs/check-spec" },
    description: "Checks that must all pass, each written as `- <type>: { ... }`.",
  },
  // The failing item's own message is what the student reads.
  messages: {},
  describe: (spec) =>
    spec
      .map((item) => {
        const [type, inner] = Object.entries(item)[0];
        return graderFor(type)?.describe(inner) ?? type;
      })
      .join("; and "),
  async evaluate(ctx, spec) {
    const items = spec.map((item) => Object.entries(item)[0]);
    // Items that only read run side by side (all are waited for: none outlives the check).
    const together = items.every(([type, inner]) => readsOnly(graderFor(type), inner));
    const outcomes = together ? await Promise.allSettled(items.map(([type, inner]) => ctx.check(type, inner))) : undefined;
    for (const [index, [type, inner]] of items.entries()) {
      const settled = outcomes?.[index];
      if (settled?.status === "rejected") throw settled.reason;
      const outcome = settled ? settled.value : await ctx.check(type, inner);
      // Later items usually depend on earlier ones: the first failure is the outcome, as if they ran in turn.
      if (!outcome.passed) return { ...outcome, ratio: index / spec.length };
    }
    return { passed: true };
  },
});
