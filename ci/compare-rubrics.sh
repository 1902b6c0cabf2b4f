#!/bin/bash
# Grades every submission of a class folder with two rubrics and prints a Markdown table of
# their scores side by side: how far a drafted rubric (labgrade draft) is from a hand-written one.
#   ci/compare-rubrics.sh <class-dir> <rubric-a.yaml> <rubric-b.yaml> [--parallel N]
# Each rubric's batch output goes to a temporary folder, removed at the end.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 <class-dir> <rubric-a.yaml> <rubric-b.yaml> [--parallel N]" >&2
  exit 2
fi
class=$1 a=$2 b=$3
shift 3
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for side in a b; do
  node "$here/bin/labgrade.js" batch "$class" --rubric "${!side}" --out "$out/$side" "$@" >&2
done
# gradebook.csv: student,score,max,<check>...; students are sorted the same way in both.
join -t, <(tail -n +2 "$out/a/gradebook.csv" | tr -d '\r' | cut -d, -f1-3 | sort) \
         <(tail -n +2 "$out/b/gradebook.csv" | tr -d '\r' | cut -d, -f1-3 | sort) |
  awk -F, -v a="$a" -v b="$b" '
    BEGIN { printf "| submission | %s | %s | difference |\n| --- | ---: | ---: | ---: |\n", a, b }
    { d = $4 - $2; if (d < 0) d = -d; if (d > worst) worst = d; total += d; n++
      printf "| %s | %s/%s | %s/%s | %+g |\n", $1, $2, $3, $4, $5, $4 - $2 }
    END { printf "\n%d submissions; mean difference %.2f points, largest %g\n", n, (n ? total / n : 0), worst }'
