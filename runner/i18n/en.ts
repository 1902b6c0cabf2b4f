/**
 * The harness's own messages in English: the reference catalogue. Every other
 * language translates each key with the same {placeholders} (a missing key is
 * a compile error, a placeholder that differs fails i18n.test.ts). Rubric text
 * and graders' messages are not here: they are shown as written.
 */
export const en = {
  // The engine, about checks that did not run. Kept word for word as before the catalogue.
  "engine.notSelected": "not selected: only the checks given with --only ran",
  "engine.becauseFailed": "not checked because {id} failed",
  "engine.noScript": "not checked: your submission has no {script}. Expected a file named {script} at the root of the submission folder; found: {present}.",
  "engine.nothing": "nothing",
  "engine.scriptNotFile": "not checked: your {script} is {reason}. Expected the script itself at the root of the submission folder.",
  "engine.stopped":
    "not checked: the Docker engine in your sandbox stopped during your script (was dockerd killed, or its data removed?), so nothing could be checked after that. Do not stop or reset the Docker engine from your script.",
  "engine.gradingTimeout": "not checked: grading stopped after {seconds} s, the limit for one submission.",
  "engine.notRun": "not checked: {error}",
  "engine.graderError": "The grader could not check this ({error}). This is not your fault: tell your instructor.",
  "warning.missingFiles": "Missing file(s): {files}.",
  "warning.missingFile": "Missing file: {file} ({reason}). Checks that need it will fail.",
  "warning.timedOut":
    "Your script was stopped after {seconds} s, its time limit; the checks graded the state it left. Check that it does not wait for input or for a service forever.",
  "warning.dropped": "Your script printed {dropped} bytes more than the {kept} kept; only the end is shown.",
  "warning.engineStopped": "The Docker engine in your sandbox stopped during your script.",
  "warning.stepIncomplete": "Step {id} ({title}) did not complete: {reason}",

  // `labgrade check` while it runs.
  "check.rubric": "Rubric: {title} ({file})",
  "check.submission": "Submission: {dir}",
  "phase.sandbox": "Starting the sandbox and preparing its images ({images})…",
  "phase.sandboxNoImages": "Starting the sandbox…",
  "phase.script": "Running your script {script}…",
  "phase.checks": "Checking…",
  "phase.cleanup": "Removing the sandbox…",
  "status.checks": "{done}/{total} checked",
  "status.next": "next: {id}",
  "output.hidden": "… {count} lines not shown …",
  "detail.expected": "expected: {value}",
  "detail.found": "found: {value}",
  "detail.hint": "hint: {value}",

  // The summary at the end.
  "summary.score": "Score: {score}",
  "summary.scoreOnly": "Score of the selected checks: {score} (run without --only for your full score)",
  "summary.allPassed": "Every check passed.",
  "summary.failed": "Failed: {list}",
  "summary.errors": "Could not be checked (not your fault: tell your instructor): {list}",
  "summary.startWith": "Start with: {id} — {title}",
  "summary.startWithReason": "Start with: {reason}",
  "summary.blocked": "not checked because of it: {list}",
  "summary.warning": "warning: {text}",
  "summary.gradingError": "grading error: {error}",
  "summary.script": "Your script {script}: {run}",
  "summary.timings": "Time: {total} s (sandbox {sandbox} s, images {images} s, script {script} s, checks {checks} s)",
  "summary.waited": "  {seconds} s of the checks went to retrying checks that wait for a service (the rubric's retry)",
  "run.exitCode": "exit code {code}",
  "run.noExitCode": "no exit code",
  "run.notRun": "did not run",
  "run.took": "{seconds} s",
  "run.stopped": "stopped after {seconds} s",
  "run.dropped": "{bytes} bytes of output dropped",
  "keep.kept": "Sandbox kept: {name}",
  "keep.shell": "Open a shell in it: {command}",
  "keep.clean": "Remove it when you are done: {command}",
  "keep.none": "No sandbox was started, so none was kept.",
  "failUnder.below": "Score {score} is under --fail-under {threshold}: exit code 1.",

  // Classroom 50's release body (grade --classroom50).
  "classroom50.check": "Check",
  "classroom50.points": "Points",
  "classroom50.hidden": "Hidden check: its details are not shown.",
  "classroom50.scaled": "Classroom 50 counts whole points: each point of this lab counts {scale} here. In the lab's points: {exact}.",
  "classroom50.rounded": "Classroom 50 counts whole points, so partial credit is rounded down. Before rounding: {exact}.",

  // Errors of `labgrade check` and `labgrade shell`.
  "error.notFolder": "{dir} is not a folder. Run labgrade check in your assignment's folder, or give that folder.",
  "error.noRubric":
    "No rubric found for {dir}: no labgrade.yaml in it or in its parents up to {top}. Add a labgrade.yaml holding a line such as `rubric: lamp-stack`, or name the rubric with --rubric <rubric.yaml>.",
  "error.configFile": "{file}: expected a file of at most {limit} with one line, such as `rubric: lamp-stack`.",
  "error.configUnreadable": "{file} cannot be read ({reason}): make it readable, for example with `chmod a+r labgrade.yaml`, or give the rubric with --rubric.",
  "error.configYaml": "{file}: not valid YAML ({problem}).",
  "error.configShape": "{file}: expected a mapping with a `rubric` key, such as `rubric: lamp-stack` or `rubric: ../rubrics/lab.yaml`.",
  "error.configKey": "{file}: unknown key `{key}`; labgrade.yaml takes only `rubric`.",
  "error.rubricMissing": "The rubric {rubric} named by {from} does not exist (looked for {path}). Bundled rubrics: {ids}.",
  "error.unknownCheck": "--only {id}: no check of that id in {rubric}.{suggestion} Checks: {ids}.",
  "error.didYouMean": " Did you mean {id}?",
  "error.failUnder": "--fail-under takes points (15) or a percentage (80%), got {value}.",
  "error.failUnderTooHigh": "--fail-under {value} is more than the rubric's {max} points: the grading could never reach it.",
  "error.onlyAndFailUnder": "--fail-under judges the whole score, so it cannot be combined with --only.",
  "error.lang": "--lang takes {languages}, got {value}.",
  "shell.gone": "There is no sandbox named {name} any more: `labgrade clean` removed it, or it never existed. Run `labgrade check --keep` again for a new one.",
  "shell.stopped": "The sandbox {name} is not running any more (its engine stopped). Remove it with `labgrade clean`, then run `labgrade check --keep` again.",
  "shell.notSandbox": "{name} is not a labgrade sandbox: labgrade shell opens only sandboxes kept by `labgrade check --keep`.",
  "shell.intro": "Shell in the sandbox {name}: `docker` here talks to the sandbox's own engine, where your script ran. Type exit to leave.",
} as const;
