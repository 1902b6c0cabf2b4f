/** What graders reach a sandbox through: its shell and engine, the submission's scripts, and the other graders. */
import { graderFor } from "../../graders";
import type { GraderContext, InnerDocker } from "../../graders/types";
import { PROBE_IMAGE } from "../sandbox/catalog";
import { SUBMISSION_DIR, type Sandbox } from "../sandbox/sandbox";
import type { RunScript } from "./script-runner";

export function graderContext(sandbox: Sandbox, docker: InnerDocker, runScript: RunScript): GraderContext {
  const ctx: GraderContext = {
    shell: sandbox,
    docker,
    submissionDir: SUBMISSION_DIR,
    probeImage: PROBE_IMAGE,
    runScript,
    // A composite check's items name their types: looked up as they come.
    check: async (type, spec) => {
      const grader = graderFor(type);
      if (!grader) throw new Error(`unknown check type ${type}`);
      const outcome = await grader.evaluate(ctx, spec);
      // The outcome's message ids are the inner grader's.
      return { ...outcome, grader: outcome.grader ?? type };
    },
  };
  return ctx;
}
