#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark: winnow against the floor, libxml2's own parse.
#
#   1. batch: the 181 scrapinghub-aeb pages in one process (-o DIR
#      --jobs 1, DIR in /dev/shm when it can be, or BENCH_OUT; the
#      empty chain once more into a DIR on disk) with the empty chain
#      (--steps= --to html) and the
#      default chain (--to text), side by side with the floor: parse.c
#      (built here) parsing the same pages with winnow's parser options,
#      parse.c -s (parse + serialize) and xmllint --html (parse +
#      serialize; skipped when missing); then one more run of the
#      default chain with --profile: its PROFILE_ROWS (10) costliest
#      rows, steps, parse and output, by wall-clock time (one run, so
#      the figures move with the machine's load);
#   2. one process per page: a 1 KB page, default chain against
#      parse.c, PAGE_RUNS (200) runs each;
#   3. scaling: generated article pages (page.awk) of about 100 KB,
#      1 MB and 10 MB, every output format: time per byte at 10 MB
#      against 100 KB, and the peak resident set at 10 MB against
#      parse.c's (SCALE_RUNS runs, default RUNS);
#   4. with PERF_STEPS=1 only: each step of the default chain alone
#      (--steps=NAME) over the corpus pages, against the empty chain:
#      CPU time of whole runs, medians of RUNS: what a step costs on
#      pages no earlier step has cleaned, a check on part 1's
#      --profile, which times each step inside the chain in one run.
#
# The runs of a part alternate (a change in the machine's load hits all
# alike); figures are medians of RUNS (5) runs.  CPU time (user +
# system of the process, what `times` reports for a shell's children)
# is the main figure, as a busy machine changes it less; wall-clock
# time is shown beside it.  Both, and the peak resident set, come from
# wait4() in runtime.c, also built here (the peak is the figure
# /usr/bin/time -f %M prints).  Missed targets are reported ("NOT
# met"); the script fails only when a run fails.  Needs cc and
# pkg-config with libxml2's headers (skipped without them).
set -eu
. "$(dirname "$0")/common"
PAGE_RUNS=${PAGE_RUNS:-200}
SCALE_RUNS=${SCALE_RUNS:-$RUNS}
CC=${CC:-cc}
bench=$srcdir/tests/bench

if ! ls "$CORPUS"/html/*.html.gz >/dev/null 2>&1; then
	echo "no pages in $CORPUS/html: skipped"
	exit 0
fi
# shellcheck disable=SC2086 # $xml: the flags, split
if ! xml=$(pkg-config --cflags --libs libxml-2.0 2>/dev/null) ||
	! $CC -O2 -o "$tmp/parse" "$bench/parse.c" $xml 2>"$tmp/cc.err" ||
	! $CC -O2 -o "$tmp/runtime" "$bench/runtime.c" 2>>"$tmp/cc.err"; then
	sed 's/^/  /' "$tmp/cc.err"
	echo "cannot build the parse-only driver ($CC, pkg-config libxml-2.0): skipped"
	exit 0
fi
PARSE=$tmp/parse
# When the winnow command links jemalloc (configure's default), the
# floor is also measured with it: parse.c linked with jemalloc, so the
# table tells the allocator's part from winnow's own.
PARSE_JE=
if "$WINNOW" --version 2>/dev/null | grep -q jemalloc &&
	je=$(pkg-config --libs jemalloc 2>/dev/null) &&
	$CC -O2 -o "$tmp/parse_je" "$bench/parse.c" $xml $je 2>>"$tmp/cc.err"; then
	PARSE_JE=$tmp/parse_je
fi
XMLLINT=$(command -v xmllint 2>/dev/null || true)
# Output files go to a RAM file system when there is one (BENCH_OUT
# chooses another directory): creating a file costs the kernel what it
# costs (half a millisecond a file on some virtual disks, as much as
# parsing a small page), which no parse-only floor pays.  One more row
# writes the same files to $tmp's disk, to show that cost.
outbase=${BENCH_OUT:-}
if [ -z "$outbase" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	outbase=/dev/shm
fi
if [ -n "$outbase" ]; then
	out=$(mktemp -d "$outbase/winnow-bench-out.XXXXXX")
	trap 'rm -rf "$tmp" "$out"' EXIT
else
	out=$tmp/out
fi
fs=$(df -PT "$out" 2>/dev/null | awk 'NR == 2 { print $2 }' || true)

# ---- helpers ------------------------------------------------------------
# run NAME COMMAND...: one run; "WALL_US CPU_US MAXRSS_KB" goes to
# $tmp/NAME.m.  A command that fails ends the benchmark (exit 1),
# xmllint excepted (its status tells of the pages' HTML errors).
run() {
	name=$1
	shift
	line=$("$tmp/runtime" "$@" 2>"$tmp/err") || {
		cat "$tmp/err" >&2
		exit 1
	}
	# shellcheck disable=SC2086
	set -- $line
	if [ "$4" != 0 ] && [ "$name" = "${name#xmllint}" ]; then
		echo "FAILED: $name: exit status $4" >&2
		tail -n 5 "$tmp/err" | sed 's/^/  /' >&2
		exit 1
	fi
	echo "$1 $2 $3" >>"$tmp/$name.m"
}
# med NAME COLUMN: the median of a column of $tmp/NAME.m (1 wall us,
# 2 CPU us, 3 peak KB)
med() { cut -d' ' -f"$2" "$tmp/$1.m" | median; }
# calc EXPR: awk arithmetic, printed with FORMAT ($fmt, default %.2f)
calc() { awk "BEGIN { printf \"${fmt:-%.2f}\", $1 }"; }
# verdict WHAT VALUE OP TARGET: a "ratio ... met / NOT met" line
verdict() {
	if awk "BEGIN { exit !($2 $3 $4) }"; then ok=met; else ok='NOT met'; fi
	printf '  %-52s %7s (target %s %s): %s\n' "$1" "$2" "$3" "$4" "$ok"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }

# ---- the machine ----------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null |
	head -n1)
echo "winnow performance, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine: $(nproc 2>/dev/null || echo '?') cores, ${cpu:-unknown CPU}"
echo "  load average at the start: $(loadavg)"
echo "  $("$WINNOW" --version 2>/dev/null | head -n2 | paste -sd' ' -), RUNS=$RUNS, PAGE_RUNS=$PAGE_RUNS"
echo "  (CPU = user + system time; figures are medians)"

# ---- 1. batch ---------------------------------------------------------
corpus_pages
pages=$tmp/pages
set -- "$pages"/*.html
npages=$#
bytes=$(cat "$@" | wc -c)
i=0
while [ "$i" -lt "$RUNS" ]; do
	run parse "$PARSE" "$@"
	[ -z "$PARSE_JE" ] || run parse_je "$PARSE_JE" "$@"
	run parse_s "$PARSE" -s "$@"
	if [ -n "$XMLLINT" ]; then
		run xmllint "$XMLLINT" --html --huge --nonet "$@"
	fi
	rm -rf "$out" "$tmp/disk"
	mkdir -p "$out" "$tmp/disk"
	run empty "$WINNOW" --steps= --to html -o "$out" --jobs 1 "$@"
	if [ "$out" != "$tmp/out" ]; then
		run empty_disk "$WINNOW" --steps= --to html -o "$tmp/disk" \
			--jobs 1 "$@"
	fi
	rm -rf "$out"
	mkdir "$out"
	run default "$WINNOW" --to text -o "$out" --jobs 1 "$@"
	i=$((i + 1))
done
p=$(med parse 2)
echo
echo "1. Batch: $npages pages ($(fmt=%.1f calc "$bytes / 1e6") MB) in one process"
printf '  %-44s %9s %9s %9s\n' '' 'CPU s' 'wall s' 'CPU/parse'
row() { # LABEL NAME
	printf '  %-44s %9s %9s %9s\n' "$1" "$(calc "$(med "$2" 2) / 1e6")" \
		"$(calc "$(med "$2" 1) / 1e6")" "$(calc "$(med "$2" 2) / $p")"
}
row "parse only (parse.c)" parse
[ -z "$PARSE_JE" ] || row "  the same, linked with jemalloc" parse_je
row "parse + serialize (parse.c -s)" parse_s
if [ -n "$XMLLINT" ]; then
	row "xmllint --html (parse + serialize)" xmllint
else
	echo "  xmllint --html: not installed (Debian: libxml2-utils), row skipped"
fi
row "winnow --steps= --to html -o DIR" empty
if [ -s "$tmp/empty_disk.m" ]; then
	row "  the same, DIR on disk" empty_disk
fi
row "winnow --to text -o DIR (default chain)" default
if [ -s "$tmp/empty_disk.m" ]; then
	echo "  (DIR: a ${fs:-?} file system in $outbase; on disk: $tmp, $(df -PT "$tmp" |
		awk 'NR == 2 { print $2 }'))"
fi
e=$(med empty 2)
d=$(med default 2)
verdict "ratio empty chain / parse only, CPU" "$(calc "$e / $p")" '<=' 1.10
verdict "ratio default chain text / parse only, CPU" "$(calc "$d / $p")" \
	'<=' 1.5
if [ -n "$XMLLINT" ]; then
	x=$(med xmllint 2)
	verdict "ratio empty chain / xmllint, CPU" "$(calc "$e / $x")" '<=' 1.10
	verdict "ratio default chain text / xmllint, CPU" "$(calc "$d / $x")" \
		'<=' 1.5
fi
if [ -n "$PARSE_JE" ]; then
	# the same allocator on both sides: what winnow adds to the parse
	j=$(med parse_je 2)
	verdict "ratio empty chain / parse with jemalloc, CPU" \
		"$(calc "$e / $j")" '<=' 1.10
	verdict "ratio default chain text / parse with jemalloc, CPU" \
		"$(calc "$d / $j")" '<=' 1.5
fi
verdict "ratio empty chain / parse only, wall" \
	"$(calc "$(med empty 1) / $(med parse 1)")" '<=' 1.10
verdict "ratio default chain text / parse only, wall" \
	"$(calc "$(med default 1) / $(med parse 1)")" '<=' 1.5

# where the default chain's time goes: one more run with --profile
rm -rf "$out"
mkdir "$out"
if ! "$WINNOW" --profile --to text -o "$out" --jobs 1 "$@" \
	>/dev/null 2>"$tmp/profile"; then
	tail -n 5 "$tmp/profile" | sed 's/^/  /' >&2
	echo "FAILED: winnow --profile" >&2
	exit 1
fi
echo
echo "  The default chain's rows by time (one more run, winnow --profile):"
sed -n '/^  step /p' "$tmp/profile"
# the rows, the most expensive first (column 3: total ms), then the total
sed -n '/^  step /,/^  total /p' "$tmp/profile" | sed '1d;$d' |
	sort -k3,3 -g -r | head -n "${PROFILE_ROWS:-10}"
sed -n '/^  total /p' "$tmp/profile"

# ---- 2. one process per page --------------------------------------------
awk -v size=1024 -f "$bench/page.awk" >"$tmp/small.html"
i=0
while [ "$i" -lt "$PAGE_RUNS" ]; do
	run p_parse "$PARSE" "$tmp/small.html"
	run p_empty "$WINNOW" --steps= --to html "$tmp/small.html"
	run p_default "$WINNOW" --to text "$tmp/small.html"
	i=$((i + 1))
done
echo
echo "2. One process per page: a $(wc -c <"$tmp/small.html")-byte article page, $PAGE_RUNS runs each"
printf '  %-44s %9s %9s %9s\n' '' 'CPU ms' 'wall ms' 'peak KB'
prow() { # LABEL NAME
	printf '  %-44s %9s %9s %9s\n' "$1" "$(calc "$(med "$2" 2) / 1e3")" \
		"$(calc "$(med "$2" 1) / 1e3")" "$(med "$2" 3)"
}
prow "parse only (parse.c)" p_parse
prow "winnow --steps= --to html" p_empty
prow "winnow --to text (default chain)" p_default
verdict "default chain - parse only, wall ms" \
	"$(calc "($(med p_default 1) - $(med p_parse 1)) / 1e3")" '<=' 2
verdict "default chain - parse only, CPU ms" \
	"$(calc "($(med p_default 2) - $(med p_parse 2)) / 1e3")" '<=' 2

# ---- 3. scaling -------------------------------------------------------------
formats='html text markdown json'
for s in 100000 1000000 10000000; do
	awk -v size=$s -f "$bench/page.awk" >"$tmp/s$s.html"
	i=0
	while [ "$i" -lt "$SCALE_RUNS" ]; do
		run "s${s}_parse" "$PARSE" "$tmp/s$s.html"
		[ -z "$PARSE_JE" ] || run "s${s}_parse_je" "$PARSE_JE" "$tmp/s$s.html"
		for f in $formats; do
			run "s${s}_$f" "$WINNOW" --to "$f" "$tmp/s$s.html"
		done
		i=$((i + 1))
	done
done
echo
echo "3. Scaling: generated article pages, one process, $SCALE_RUNS runs each"
printf '  %-26s %10s %10s %10s %10s %10s\n' '' 'bytes' 'CPU ms' 'wall ms' \
	'CPU ns/B' 'peak KB'
for s in 100000 1000000 10000000; do
	n=$(wc -c <"$tmp/s$s.html")
	for f in parse ${PARSE_JE:+parse_je} $formats; do
		case $f in
		parse) label="parse only (parse.c)" ;;
		parse_je) label="  the same, jemalloc" ;;
		*) label="winnow --to $f" ;;
		esac
		c=$(med "s${s}_$f" 2)
		printf '  %-26s %10s %10s %10s %10s %10s\n' "$label" "$n" \
			"$(fmt=%.1f calc "$c / 1e3")" \
			"$(fmt=%.1f calc "$(med "s${s}_$f" 1) / 1e3")" \
			"$(calc "$c * 1e3 / $n")" "$(med "s${s}_$f" 3)"
	done
done
n1=$(wc -c <"$tmp/s100000.html")
n3=$(wc -c <"$tmp/s10000000.html")
for f in $formats; do
	verdict "ratio CPU per byte 10 MB / 100 KB, --to $f" \
		"$(calc "($(med "s10000000_$f" 2) / $n3) / ($(med "s100000_$f" 2) / $n1)")" \
		'<=' 1.25
done
c0=$(med p_default 2)
printf '  (less the start-up, the 1 KB page'"'"'s %s ms CPU:' "$(calc "$c0 / 1e3")"
for f in $formats; do
	printf ' %s %s' "$f" \
		"$(calc "(($(med "s10000000_$f" 2) - $c0) / $n3) / (($(med "s100000_$f" 2) - $c0) / $n1)")"
done
echo ')'
for f in $formats; do
	verdict "ratio peak RSS at 10 MB / parse only, --to $f" \
		"$(calc "$(med "s10000000_$f" 3) / $(med s10000000_parse 3)")" \
		'<=' 1.5
done
if [ -n "$PARSE_JE" ]; then
	printf '  (peak RSS at 10 MB against the parse linked with jemalloc:'
	for f in $formats; do
		printf ' %s %s' "$f" \
			"$(calc "$(med "s10000000_$f" 3) / $(med s10000000_parse_je 3)")"
	done
	echo ')'
fi

# ---- 4. per step (PERF_STEPS=1 only) ------------------------------------
# Each step of the default chain alone (--steps=NAME) over the corpus
# pages, each run paired with a run of the empty chain just before it:
# the median of the differences is the step's cost.
if [ "${PERF_STEPS:-0}" = 1 ]; then
	steps=$(sed -e 's/#.*//' -e 's/[[:space:]].*//' \
		"$srcdir/data/default.chain" | grep -v '^$')
	set -- "$pages"/*.html
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		for st in $steps; do
			for x in '' "$st"; do
				rm -rf "$out"
				mkdir "$out"
				run "alone_${x:-none_$st}" "$WINNOW" --steps="$x" \
					--to text -o "$out" --jobs 1 "$@"
			done
		done
		i=$((i + 1))
	done
	echo
	echo "4. Per step: each step alone, $npages pages in one process, --to text -o DIR"
	printf '  %-24s %10s %12s\n' '' 'CPU ms' 'minus empty'
	sum=0
	for st in $steps; do
		z=$(paste -d' ' "$tmp/alone_$st.m" "$tmp/alone_none_$st.m" |
			awk '{ print $2 - $5 }' | median)
		sum=$((sum + z))
		printf '  %-24s %10s %12s\n' "--steps=$st" \
			"$(fmt=%.0f calc "$(med "alone_$st" 2) / 1e3")" \
			"$(fmt=%.0f calc "$z / 1e3")"
	done
	cat "$tmp"/alone_none_*.m >"$tmp/alone_none.m"
	z=$(med alone_none 2)
	printf '  %-24s %10s\n' "--steps= (all its runs)" \
		"$(fmt=%.0f calc "$z / 1e3")"
	printf '  %-24s %10s %12s\n' "the steps alone, summed" '' \
		"$(fmt=%.0f calc "$sum / 1e3")"
	printf '  %-24s %10s %12s  (part 1)\n' "the default chain" \
		"$(fmt=%.0f calc "$(med default 2) / 1e3")" \
		"$(fmt=%.0f calc "($(med default 2) - $z) / 1e3")"
fi
echo
echo "load average at the end: $(loadavg)"
