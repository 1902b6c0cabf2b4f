#!/bin/bash
# Grades every fixture submission with the labgrade of two commits and compares
# their JSON and JUnit outputs byte for byte, timing fields, the ids an engine
# makes up, a rubric's random values and what depends on the script's own timing
# (its output, its exit code, dates in its file names) aside. For a refactor
# that must not change behaviour.
#
# usage: ci/compare-outputs.sh COMMIT-A COMMIT-B [FIXTURE-REGEX]
#   Both commits grade the fixtures and rubrics of COMMIT-A. Outputs are kept in
#   ${LABGRADE_COMPARE_DIR:-/tmp/labgrade-compare}/<commit>/ and reused by a rerun.
#   Exit 0 when every output is the same, 1 otherwise (the differences are printed).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '8,11p' "$0" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
base=${LABGRADE_COMPARE_DIR:-/tmp/labgrade-compare}
only=${3:-}
parallel=${LABGRADE_COMPARE_PARALLEL:-2}
a=$(git -C "$repo" rev-parse --short=12 "$1")
b=$(git -C "$repo" rev-parse --short=12 "$2")

checkout() { # commit -> a built checkout of it
  local dir="$base/checkouts/$1"
  if [ ! -f "$dir/dist/runner/cli.js" ]; then
    rm -rf "$dir"
    git -C "$repo" worktree add --detach "$dir" "$1" >/dev/null
    cp -a "$repo/node_modules" "$dir/"
    (cd "$dir" && npm run build --silent)
  fi
  echo "$dir"
}

fixtures=$(checkout "$a")
for commit in "$a" "$b"; do
  cli="$(checkout "$commit")/dist/runner/cli.js"
  out="$base/$commit"
  mkdir -p "$out"
  # One line per fixture: rubric, case, extra arguments from expected.json.
  node -e '
    const fs = require("fs"), path = require("path");
    const root = path.join(process.argv[1], "fixtures", "submissions"), only = new RegExp(process.argv[2]);
    for (const rubric of fs.readdirSync(root).sort()) for (const name of fs.readdirSync(path.join(root, rubric)).sort()) {
      const expected = path.join(root, rubric, name, "expected.json");
      if (!fs.existsSync(expected) || !only.test(`${rubric}/${name}`)) continue;
      console.log([rubric, name, ...(JSON.parse(fs.readFileSync(expected, "utf8")).args ?? [])].join("\t"));
    }' "$fixtures" "$only" |
    while IFS=$'\t' read -r rubric name args; do
      [ -f "$out/$rubric--$name.json" ] || printf '%s\t%s\t%s\n' "$rubric" "$name" "$args"
    done |
    xargs -d '\n' -P "$parallel" -I{} bash -c '
      IFS=$'"'"'\t'"'"' read -r rubric name args <<<"$1"
      # shellcheck disable=SC2086 # the extra arguments are words
      node "$2" grade "$3/fixtures/submissions/$rubric/$name" --rubric "$3/rubrics/$rubric.yaml" \
        --json "$4/$rubric--$name.json" --junit "$4/$rubric--$name.xml" $args >/dev/null 2>&1 || true
      echo "graded $rubric/$name with '"$commit"'"' _ {} "$cli" "$fixtures" "$out"
done

# Timing fields, engine-made ids, a rubric's random values and what depends on
# the script's own timing are the only parts allowed to differ.
normalize() {
  node -e '
    const fs = require("fs"), file = process.argv[1];
    let text = fs.readFileSync(file, "utf8");
    if (file.endsWith(".json")) {
      // What the script printed, how much of it, and its exit code vary with timing
      // (progress bars, an output flood cut off, a client racing its server).
      const result = JSON.parse(text);
      for (const key of ["output", "droppedBytes", "exitCode"]) if (result.run && key in result.run) result.run[key] = `<${key}>`;
      text = JSON.stringify(result, (key, value) => (/^(durationMs|timings|.*Ms)$/.test(key) ? 0 : value), 2);
    } else {
      text = text.replace(/ (time|timestamp)="[^"]*"/g, " $1=\"\"");
    }
    process.stdout.write(
      text
        // Container ids (64 or 12 hex digits) and the random names a rubric makes (16).
        .replace(/(?<![0-9a-f])[0-9a-f]{12,64}(?![0-9a-f])/g, "<id>")
        // A date a script puts in a file name, a container name the engine made up, its age.
        .replace(/(?<!\d)20\d{6}_\d{6}(?!\d)/g, "<date>")
        .replace(/\b[a-z]+_[a-z]+(?= \((Exited|Up|Created))/g, "<name>")
        .replace(/\b(\d+|Less than a|About an?) (second|minute|hour)s? ago\b/g, "<age> ago")
        .replace(/printed \d+ bytes more/g, "printed <n> bytes more"),
    );' "$1"
}

differ=0 compared=0
for file in "$base/$a"/*; do
  name=$(basename "$file")
  [ -z "$only" ] || [[ "${name%.*}" =~ ${only//\//--} ]] || continue
  compared=$((compared + 1))
  if [ ! -f "$base/$b/$name" ]; then echo "only with $a: $name"; differ=$((differ + 1)); continue; fi
  normalize "$file" >"$base/left" && normalize "$base/$b/$name" >"$base/right"
  if ! diff -u --label "$a/$name" --label "$b/$name" "$base/left" "$base/right"; then differ=$((differ + 1)); fi
done
rm -f "$base/left" "$base/right"
echo "$compared outputs compared, $differ different ($a and $b)"
[ "$differ" -eq 0 ]
