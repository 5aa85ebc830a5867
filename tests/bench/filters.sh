#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark: what cosmetic filter lists cost.
#
#   1. loading every list of ../shared/rules/easylist (CPU time);
#   2. the default chain over the scrapinghub-aeb pages in one process,
#      with and without those lists.
# CPU time (user + system), medians of RUNS runs; prints the ratios.
set -eu
. "$(dirname "$0")/common"
LISTS=${LISTS:-$srcdir/../shared/rules/easylist}

cpu() { # ARGS...: median CPU time (us) of RUNS runs of winnow ARGS
	n=0
	while [ $n -lt "$RUNS" ]; do
		("$WINNOW" "$@" >/dev/null 2>&1; times) | cpu_us
		n=$((n + 1))
	done | median
}
ms() { echo "$1 / 1000" | bc -l; }

set --
for l in "$LISTS"/*.txt; do set -- "$@" --filter-list "$l"; done
echo '<p>x</p>' >"$tmp/tiny.html"
"$WINNOW" -v --steps '' "$@" "$tmp/tiny.html" 2>&1 >/dev/null |
	sed -n 's/^winnow: filters: info: //p' | tail -n1 | sed 's/^/  /'
bare=$(cpu --steps '' "$tmp/tiny.html")
load=$(cpu --steps '' "$@" "$tmp/tiny.html")
printf 'loading the lists: %.1f ms CPU (a run without them: %.1f ms)\n' \
	"$(ms $((load - bare)))" "$(ms "$bare")"

mkdir -p "$tmp/out"
corpus_pages
plain=$(cpu --jobs 1 --skip sites --to text -o "$tmp/out" "$tmp/pages"/*.html)
with=$(cpu --jobs 1 --skip sites "$@" --to text -o "$tmp/out" "$tmp/pages"/*.html)
echo "default chain over $(ls "$tmp/pages" | wc -l) corpus pages, one process, CPU time, median of $RUNS runs:"
printf '  %-40s %8.1f ms\n' "default chain" "$(ms "$plain")"
printf '  %-40s %8.1f ms  (x%.3f)\n' "default chain + all filter lists" \
	"$(ms "$with")" "$(echo "$with / $plain" | bc -l)"
