#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark: --jobs 2 against --jobs 1 on 500 pages.
#
# The 181 scrapinghub-aeb pages, copied under new names up to 500, are
# cleaned into an output directory (--to text -o DIR) with one process
# and with two worker processes.  The two output trees must be byte
# identical; the figures are wall-clock medians of RUNS runs of each
# (alternated, so a change in the machine's load hits both alike), and
# the ratio is the speed-up.  Worker processes only help with free
# cores, so the machine is measured too: the load average, and the
# ceiling, how much faster two CPU-bound processes (awk loops) get
# through twice the work of one than one process alone (2.0 on two
# idle cores).  The speed-up is compared with MIN_SPEEDUP (1.7) only
# when the ceiling is at least 1.9, that is when two cores were free
# (CHECK_SPEEDUP=1 always compares, 0 never).
set -eu
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${abs_top_builddir:-$srcdir}
CORPUS=${CORPUS:-$srcdir/../shared/corpus/scrapinghub-aeb}
RUNS=${RUNS:-5}
PAGES=${PAGES:-500}
MIN_SPEEDUP=${MIN_SPEEDUP:-1.7}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/winnow-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# the real program, not the libtool wrapper script
if [ -x "$builddir/.libs/winnow" ]; then
	WINNOW="$builddir/.libs/winnow"
	LD_LIBRARY_PATH="$builddir/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	export LD_LIBRARY_PATH
else
	WINNOW="$builddir/winnow"
fi
export HOME="$tmp/home"
unset XDG_CONFIG_HOME XDG_DATA_HOME WINNOW_SCRIPT_PATH WINNOW_PLUGIN_PATH

if ! ls "$CORPUS"/html/*.html.gz >/dev/null 2>&1; then
	echo "no pages in $CORPUS/html: skipped"
	exit 0
fi
now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }

# PAGES pages: the corpus, again and again, each copy its own name
mkdir -p "$tmp/pages"
n=0
while [ $n -lt "$PAGES" ]; do
	for f in "$CORPUS"/html/*.html.gz; do
		[ $n -lt "$PAGES" ] || break
		gzip -dc "$f" >"$tmp/pages/$(printf 'p%04d' $n)-$(basename "$f" .gz)"
		n=$((n + 1))
	done
done

# CPU time (user + system, in us) of the children of a subshell, from
# the last line of `times`.
cpu_us() {
	tail -n1 | awk '{ t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2])
			t += a[1] * 60 + a[2] }
		printf "%d\n", t * 1000000 }'
}
run() { # JOBS OUTDIR: wall-clock ns of one batch run; its CPU time
	# (us) goes to OUTDIR.cpu
	rm -rf "$2"
	mkdir "$2"
	t0=$(now)
	( "$WINNOW" --jobs "$1" --to text -o "$2" "$tmp/pages"/*.html \
		2>/dev/null || true; times ) | cpu_us >>"$2.cpu"
	t1=$(now)
	echo $((t1 - t0))
}

spin() { awk 'BEGIN { for (i = 0; i < 2e7; i++) s += i; exit s < 0 }'; }
ceiling_once() { # one spin alone, then two at once: the ratio
	t0=$(now)
	spin
	t1=$(now)
	spin &
	spin
	wait
	t2=$(now)
	echo "2 * ($t1 - $t0) / ($t2 - $t1)" | bc -l
}

rm -f "$tmp/o1.cpu" "$tmp/o2.cpu" "$tmp/ceil"
load_before=$(loadavg)
i=0
: >"$tmp/t1"
: >"$tmp/t2"
while [ $i -lt "$RUNS" ]; do
	run 1 "$tmp/o1" >>"$tmp/t1"
	run 2 "$tmp/o2" >>"$tmp/t2"
	ceiling_once >>"$tmp/ceil"
	i=$((i + 1))
done
load_after=$(loadavg)
if diff -r "$tmp/o1" "$tmp/o2" >/dev/null; then
	same=yes
else
	same=NO
fi
t1=$(median <"$tmp/t1")
t2=$(median <"$tmp/t2")
ratio=$(echo "$t1 / $t2" | bc -l)
cores=$(nproc 2>/dev/null || echo '?')
nout=$(find "$tmp/o1" -type f | wc -l)
echo "--jobs 1 and --jobs 2 on $PAGES pages (--to text -o DIR), $cores cores,"
echo "wall clock, median of $RUNS runs each:"
printf '  %-36s %8.2f s   %s\n' "--jobs 1" "$(echo "$t1 / 1000000000" | bc -l)" \
	"$(tr '\n' ' ' <"$tmp/t1" | awk '{for(i=1;i<=NF;i++) printf "%.2f ", $i/1e9}')"
printf '  %-36s %8.2f s   %s\n' "--jobs 2" "$(echo "$t2 / 1000000000" | bc -l)" \
	"$(tr '\n' ' ' <"$tmp/t2" | awk '{for(i=1;i<=NF;i++) printf "%.2f ", $i/1e9}')"
printf '  %-36s %8.2fx  (wanted %s)\n' "speed-up" "$ratio" "$MIN_SPEEDUP"
c1=$(median <"$tmp/o1.cpu")
c2=$(median <"$tmp/o2.cpu")
echo "CPU time (user + system, all processes), median:"
printf '  %-36s %8.2f s\n' "--jobs 1" "$(echo "$c1 / 1000000" | bc -l)"
printf '  %-36s %8.2f s   (x%.3f: the cost of the workers)\n' "--jobs 2" \
	"$(echo "$c2 / 1000000" | bc -l)" "$(echo "$c2 / $c1" | bc -l)"
echo "  outputs byte-identical ($nout files): $same"
ceil=$(median <"$tmp/ceil")
echo "  load average before: $load_before, after: $load_after"
printf '  %-36s %8.2fx  (two CPU-bound processes against one; 2.00 when\n' \
	"the machine's ceiling, median" "$ceil"
echo "  two cores are free)"
[ "$same" = yes ] || exit 1
check=${CHECK_SPEEDUP:-}
if [ -z "$check" ]; then
	check=$(echo "$ceil >= 1.9" | bc -l)
fi
if [ "$check" = 1 ] && [ "$(echo "$ratio < $MIN_SPEEDUP" | bc -l)" = 1 ]; then
	echo "  the speed-up is below $MIN_SPEEDUP"
	exit 1
fi
if [ "$check" != 1 ]; then
	echo "  (two cores were not free: the speed-up is reported, not checked)"
fi
