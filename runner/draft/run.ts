/**
 * `labgrade draft`'s work: runs the reference answer in a sandbox as `grade`
 * does, reads the end state, plans the rubric, then walks that rubric in the
 * same sandbox and leaves out whatever the reference itself does not pass,
 * so that the draft gives the reference full marks.
 */
import { scopeOf } from "../engine";
import { graderContext } from "../grading/context";
import { resolveSteps } from "../grading/resolve";
import { translator } from "../i18n";
import { NO_TIMINGS, type CheckResult } from "../result";
import { innerDocker } from "../sandbox/inner-docker";
import { inspections } from "../sandbox/inspections";
import { Sandbox, SUBMISSION_DIR } from "../sandbox/sandbox";
import { scriptRunner } from "../grading/script-runner";
import { walkSteps } from "../grading/walk";
import { loadDraft, pruneDraft, renderDraft } from "./document";
import { planDraft, type DraftOptions } from "./plan";
import { readEndState } from "./read-state";
import type { EndState } from "./state";

export interface DraftRun {
  yaml: string;
  state: EndState;
  /** Each drafted check as the reference scored on it, before anything was left out. */
  checks: CheckResult[];
  dropped: string[];
}

export async function draftFromReference(dir: string, options: DraftOptions, progress: (line: string) => void = () => undefined): Promise<DraftRun> {
  // The envelope alone gives the sandbox its images and the default limits.
  const skeleton = loadDraft(
    renderDraft({ header: [], envelope: { id: options.id, title: options.title, images: options.images, submission: { script: options.script } }, steps: [{ action: "noop", command: { run: "true" } }] }),
  );
  progress(`starting a sandbox with ${options.images.join(", ")}`);
  const sandbox = await Sandbox.start({ label: `draft-${options.id}`, images: skeleton.images, limits: skeleton.limits });
  try {
    await sandbox.copyIn(dir, SUBMISSION_DIR);
    const t = translator(options.lang);
    const warnings: string[] = [];
    const noop = () => undefined;
    const runScript = scriptRunner(sandbox, skeleton, warnings, t, { entryStarting: noop, entryOutput: noop, entryFinished: noop });
    progress(`running ${options.script}`);
    const run = await runScript(options.script, []);
    progress("reading the end state");
    const state = await readEndState(graderContext(sandbox, innerDocker(sandbox, sandbox.engineApi), runScript), { file: options.script, exitCode: run.exitCode, output: run.output });
    let draft = planDraft(state, options);
    const rubric = loadDraft(renderDraft(draft));
    progress(`checking the draft's ${rubric.steps.length} steps against the reference`);
    // Walked as a grading walks them, in the sandbox the reference ran in.
    const scope = scopeOf(rubric);
    const walk = {
      options: { rubric, lang: options.lang },
      steps: resolveSteps(rubric.steps, scope),
      scope,
      t,
      checks: [] as CheckResult[],
      warnings,
      timings: { ...NO_TIMINGS },
      started: Date.now(),
      emit: noop,
    };
    const docker = inspections(innerDocker(sandbox, sandbox.engineApi), sandbox.engineApi);
    await walkSteps(walk, { running: () => sandbox.running(), inspections: docker }, graderContext(sandbox, docker, runScript));
    const failed = new Set(walk.checks.filter((c) => c.status !== "passed").map((c) => c.id));
    // An action that did not complete (a warning names it) goes with the checks after it that failed.
    for (const step of rubric.steps) if (step.kind === "action" && warnings.some((w) => w.includes(step.id))) failed.add(step.id);
    if (failed.size) draft = pruneDraft(draft, failed);
    const yaml = renderDraft(draft);
    loadDraft(yaml);
    return { yaml, state, checks: walk.checks, dropped: [...failed] };
  } finally {
    await sandbox.dispose();
  }
}
