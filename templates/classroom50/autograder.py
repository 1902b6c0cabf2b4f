#!/usr/bin/env python3
"""Classroom 50 autograder for a labgrade rubric.

Written by `labgrade classroom50 autograder`; commit its folder as
<classroom>/autograders/<assignment>/ in the classroom50 repository. Classroom 50's
runner runs it once per submission, in the student's checkout, with the submission's
identity in its environment (CLASSROOM, ASSIGNMENT, SUBMISSION_TAG, OWNER, COMMIT_URL,
RELEASE_URL, REVIEW_URL) and this folder as CLASSROOM50_BUNDLE_DIR.

It installs the pinned labgrade with npm (into the job's temporary folder), makes the
lab's images exist on the runner's Docker engine (pulled where a registry answers), then
grades the checkout: labgrade writes result.json and release-body.md there. It exits
non-zero only when the grading could not run (no engine, an image missing, labgrade not
installable), so that the runner records an error rather than a score.

Python 3 standard library only.
"""

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

# Filled in by `labgrade classroom50 autograder`: labgrade's version, where its package
# is (a file of this folder or a URL), the rubric (a file of this folder or a bundled
# rubric's id) and the whole points per rubric point (None: labgrade's default).
CONFIG = {}  # labgrade:config

INSTALL_TIMEOUT = 900
PREPARE_TIMEOUT = 1800


def log(message):
    print(f"labgrade autograder: {message}", flush=True)


def bundle_dir():
    given = os.environ.get("CLASSROOM50_BUNDLE_DIR", "").strip()
    return pathlib.Path(given) if given else pathlib.Path(__file__).resolve().parent


def in_bundle(name, bundle):
    """A file this folder holds, by absolute path; a URL or package spec as it is."""
    candidate = bundle / name
    return str(candidate.resolve()) if candidate.exists() else name


def install(package):
    """labgrade's executable, installed from `package` under the job's temporary folder
    (outside the checkout, which is what gets graded)."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm was not found: the runner needs Node.js 20 or later (actions/setup-node)")
    runner_temp = os.environ.get("RUNNER_TEMP", "").strip()
    if runner_temp:
        prefix = pathlib.Path(runner_temp) / f"labgrade-{CONFIG['version']}"
    else:
        prefix = pathlib.Path(tempfile.mkdtemp(prefix="labgrade-"))
    executable = prefix / "bin" / "labgrade"
    # A job that grades again (a re-run, a self-hosted runner) keeps the install it made
    # of this very package; anything else is installed afresh.
    stamp = prefix / ".labgrade-package"
    wanted = package_identity(package)
    if executable.is_file() and stamp.is_file() and stamp.read_text() == wanted:
        log(f"labgrade {CONFIG['version']} is already installed in {prefix}")
        return executable
    log(f"installing labgrade {CONFIG['version']} from {package}")
    subprocess.run(
        [npm, "install", "--global", "--prefix", str(prefix), "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", package],
        check=True,
        timeout=INSTALL_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    if not executable.is_file():
        raise RuntimeError(f"npm installed no labgrade executable in {prefix / 'bin'}")
    stamp.write_text(wanted)
    return executable


def package_identity(package):
    """What names the package's content: a tarball's digest, or the URL as given."""
    path = pathlib.Path(package)
    if path.is_file():
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return package


def main():
    bundle = bundle_dir()
    rubric = in_bundle(CONFIG["rubric"], bundle)
    try:
        labgrade = install(in_bundle(CONFIG["package"], bundle))
    except (OSError, RuntimeError, subprocess.SubprocessError) as error:
        print(f"::error::labgrade could not be installed: {error}", file=sys.stderr, flush=True)
        return 1

    # Images first, so that the grading's own time goes to the student's work. A failure
    # here is not final: the grading then says what is missing, in result.json.
    try:
        prepared = subprocess.run([str(labgrade), "images", "prepare", "--rubric", rubric], timeout=PREPARE_TIMEOUT, stdin=subprocess.DEVNULL)
        if prepared.returncode != 0:
            log(f"preparing the lab's images failed (exit {prepared.returncode}); grading anyway")
    except subprocess.TimeoutExpired:
        log(f"preparing the lab's images took more than {PREPARE_TIMEOUT} s; grading anyway")

    command = [str(labgrade), "grade", ".", "--rubric", rubric, "--classroom50"]
    if CONFIG.get("scale") is not None:
        command += ["--scale", str(CONFIG["scale"])]
    graded = subprocess.run(command, stdin=subprocess.DEVNULL)
    if graded.returncode != 0:
        # labgrade's exit codes: 2 a bad rubric or usage, 3 no sandbox could run.
        print(f"::error::labgrade could not grade this submission (exit {graded.returncode}); see the log above", file=sys.stderr, flush=True)
        return graded.returncode
    if not pathlib.Path("result.json").is_file():
        print("::error::labgrade finished without writing result.json", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
