/** Several checks that earn their points together, e.g. "the stack still works". */
import { readsOnly } from "./support/reads-only";
import type { Grader, Outcome } from "./types";

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
    const outcomes: Outcome[] = [];
    for (const item of spec) {
      const [type, inner] = Object.entries(item)[0];
      const outcome = await ctx.check(type, inner);
      outcomes.push(outcome);
      // Later items usually depend on earlier ones; stop at the first failure.
      if (!outcome.passed) return { ...outcome, ratio: outcomes.filter((o) => o.passed).length / spec.length };
    }
    return { passed: true };
  },
});
