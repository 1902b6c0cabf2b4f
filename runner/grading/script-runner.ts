/**
 * Runs the submission's scripts for the engine and for `script` steps: the
 * command from the script's shebang, the submission's limits, and the entry
 * script's run recorded (its phase, output, warnings) the first time it runs.
 */
import type { ScriptOutcome } from "../../graders/types";
import type { Translate } from "../i18n";
import type { ScriptRun } from "../result";
import type { Rubric } from "../rubric/types";
import { commandFor } from "../sandbox/entry-command";
import type { Sandbox } from "../sandbox/sandbox";
import { SUBMISSION_DIR } from "../sandbox/sandbox";
import { runInSandbox } from "../sandbox/script-run";

export const NOT_RUN: ScriptRun = { exitCode: null, durationMs: 0, output: "", timedOut: false, droppedBytes: 0 };

export interface ScriptRunnerHooks {
  /** The entry script's first bytes, read on the host before it was copied in; undefined to read them in the sandbox. */
  entryHead?: string;
  /** The entry script starts: its output follows. */
  entryStarting(): void;
  entryOutput(text: string): void;
  entryFinished(run: ScriptRun): void;
}

export type RunScript = (file: string, args: string[], timeoutMs?: number) => Promise<ScriptOutcome>;

export function scriptRunner(sandbox: Sandbox, rubric: Rubric, warnings: string[], t: Translate, hooks: ScriptRunnerHooks): RunScript {
  let entryRan = false;
  return async (file, args, timeoutMs) => {
    const isEntry = file === rubric.submission.script && !entryRan;
    entryRan ||= isEntry;
    const limitMs = timeoutMs ?? rubric.submission.timeoutMs;
    const command = await commandFor(sandbox, SUBMISSION_DIR, file, args, warnings, isEntry ? hooks.entryHead : undefined);
    if (isEntry) hooks.entryStarting();
    if ("refused" in command) warnings.push(command.refused);
    const run =
      "refused" in command
        ? { ...NOT_RUN, output: command.refused }
        : await runInSandbox({
            containerId: sandbox.id,
            workdir: SUBMISSION_DIR,
            argv: command.argv,
            timeoutMs: limitMs,
            outputBytes: rubric.limits.outputBytes,
            // Half the sandbox's processes: the engine and the checks keep the rest.
            maxProcesses: Math.max(64, Math.floor(rubric.limits.pids / 2)),
            onOutput: isEntry ? hooks.entryOutput : undefined,
          });
    if (isEntry) {
      if (run.timedOut) warnings.push(t("warning.timedOut", { seconds: Math.round(limitMs / 1000) }));
      if (run.droppedBytes > 0) warnings.push(t("warning.dropped", { dropped: run.droppedBytes, kept: rubric.limits.outputBytes }));
      hooks.entryFinished(run);
    }
    return { ...run, timeoutMs: limitMs };
  };
}
