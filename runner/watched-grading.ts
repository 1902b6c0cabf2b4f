/**
 * One grading with the host's Docker engine watched. A sandbox whose engine
 * restarted looks, from inside the grading, like a student who stopped their
 * sandbox's engine: such a result says nothing of the student's work, so it is
 * not reported as theirs.
 */
import { ENGINE_LEFT, watchEngine } from "./batch/engine-watch";
import { SandboxUnavailableError } from "./errors";
import type { GradeResult } from "./result";
import { hostDocker } from "./sandbox/host-engine";
import { removeOwnContainers } from "./sandbox/orphans";

/** The grading's result; a completed one the host engine went away during becomes a SandboxUnavailableError (exit 3) saying to run it again. */
export async function gradeWhileEngineWatched(grade: () => Promise<GradeResult>): Promise<GradeResult> {
  // No engine to watch: the grading itself says so.
  const engine = await hostDocker().then(watchEngine, () => undefined);
  const started = Date.now();
  try {
    const result = await grade();
    if (result.status !== "completed" || !(await engine?.leftDuring(started))) return result;
    // The sandbox the engine lost could not be removed while it was away.
    const cleaned = await removeOwnContainers().then(
      () => "",
      () => " Once the engine answers again, `labgrade clean` removes the sandbox it held.",
    );
    throw new SandboxUnavailableError(`${ENGINE_LEFT}; run the same command again.${cleaned}`);
  } finally {
    engine?.dispose();
  }
}
