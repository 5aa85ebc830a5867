#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark: what cosmetic filter lists cost.
#
#   1. loading every list of ../shared/rules/easylist (CPU time);
#   2. the default chain over the scrapinghub-aeb pages in one process,
#      with and without those lists.
# CPU time (user + system), medians of RUNS runs; prints the ratios.
set -eu
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${abs_top_builddir:-$srcdir}
CORPUS=${CORPUS:-$srcdir/../shared/corpus/scrapinghub-aeb}
LISTS=${LISTS:-$srcdir/../shared/rules/easylist}
RUNS=${RUNS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/winnow-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -x "$builddir/.libs/winnow" ]; then
	WINNOW="$builddir/.libs/winnow"
	LD_LIBRARY_PATH="$builddir/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	export LD_LIBRARY_PATH
else
	WINNOW="$builddir/winnow"
fi
export HOME="$tmp/home"
unset XDG_CONFIG_HOME XDG_DATA_HOME WINNOW_SCRIPT_PATH WINNOW_PLUGIN_PATH

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
cpu_us() {
	tail -n1 | awk '{ t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2])
			t += a[1] * 60 + a[2] }
		printf "%d\n", t * 1000000 }'
}
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

mkdir -p "$tmp/pages" "$tmp/out"
for f in "$CORPUS"/html/*.html.gz; do
	gzip -dc "$f" >"$tmp/pages/$(basename "$f" .gz)"
done
plain=$(cpu --jobs 1 --skip sites --to text -o "$tmp/out" "$tmp/pages"/*.html)
with=$(cpu --jobs 1 --skip sites "$@" --to text -o "$tmp/out" "$tmp/pages"/*.html)
echo "default chain over $(ls "$tmp/pages" | wc -l) corpus pages, one process, CPU time, median of $RUNS runs:"
printf '  %-40s %8.1f ms\n' "default chain" "$(ms "$plain")"
printf '  %-40s %8.1f ms  (x%.3f)\n' "default chain + all filter lists" \
	"$(ms "$with")" "$(echo "$with / $plain" | bc -l)"
