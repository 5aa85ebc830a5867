#!/bin/sh
# SPDX-License-Identifier: MIT
# `make fuzz-smoke` / `make fuzz`: build winnow with clang, libFuzzer
# instrumentation, ASan and UBSan in BUILD (from the release tarball, in
# a directory of its own), build the harnesses of tests/fuzz there and
# run each for SECONDS (FUZZ_SECONDS, 60 by default; 0 for no limit),
# seeded from the test fixtures.  New corpus entries go to
# BUILD/corpus/NAME; a crash leaves BUILD/crash-* and fails.  FUZZ_ONLY
# picks harnesses (space-separated names), FUZZ_JOBS runs a harness in
# several processes.
# Usage: run.sh SRCDIR BUILDDIR TARBALL SECONDS
set -eu
src=$(cd "$1" && pwd)
b=$2
tarball=$3
secs=$4
mkdir -p "$b"
b=$(cd "$b" && pwd)
if [ ! -f "$b/.built" ] || [ "$tarball" -nt "$b/.built" ]; then
	rm -rf "$b/src"
	mkdir -p "$b/src"
	tar -xzf "$tarball" -C "$b/src" --strip-components=1
	(cd "$b/src" &&
		CC=clang ./configure --quiet --enable-sanitizers \
			CFLAGS="-g -O1 -fsanitize=fuzzer-no-link" &&
		make -j2 >/dev/null)
	touch "$b/.built"
fi
t=$b/src
cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$t -I$t/include -I$t/core $(pkg-config --cflags libxml-2.0 jansson)"
libs="-L$t/.libs -lwinnow -Wl,-rpath,$t/.libs $(pkg-config --libs libxml-2.0 jansson zlib)"
cli="$t/core/winnow-read.o $t/core/winnow-clean.o $t/core/winnow-pool.o \
$t/core/winnow-progress.o $t/core/winnow-profile.o $t/core/winnow-batch.o \
$t/core/winnow-stream.o \
$t/core/winnow-warc.o"
names=${FUZZ_ONLY:-"html text css lua jsonl warc chainfile"}
mkdir -p "$t/tests/fuzz"
for n in $names; do
	extra=
	case $n in
	jsonl) extra=$cli ;;
	warc) extra="$t/core/winnow-warc.o" ;;
	esac
	# shellcheck disable=SC2086
	clang $cflags -o "$t/tests/fuzz/fuzz_$n" "$src/tests/fuzz/fuzz_$n.c" \
		$extra $libs
done

# seeds: the fixtures each harness reads
seed() { # seed NAME FILES...
	d=$b/seeds/$1
	shift
	rm -rf "$d"
	mkdir -p "$d"
	i=0
	for f in "$@"; do
		[ -f "$f" ] || continue
		i=$((i + 1))
		head -c 65536 "$f" >"$d/seed$i"
	done
}
seed html "$src"/tests/plugins/*/*.html "$src"/tests/cases/*/input.html \
	"$src"/tests/sanitize/vectors
seed lua "$src"/tests/plugins/*/*.html "$src"/tests/lua/*.html
seed text "$src"/tests/plugins/*/*.txt "$src"/tests/cases/*/input.txt
mkdir -p "$b/seeds/css"
rm -f "$b/seeds/css"/*
i=0
grep -ho '"[^"]*"' "$src/tests/unit/test_css.c" | head -n 200 | sed 's/^"//; s/"$//' |
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s' "$line" >"$b/seeds/css/seed$i"
	done
seed chainfile "$src/data/default.chain" "$src"/tests/cases/*/chain
seed jsonl
printf '{"url":"https://a.example/","html":"<p>Hello <b>world</b></p>"}\n{"text":"Plain text\\n\\nparagraph","id":3}\nnot json\n' \
	>"$b/seeds/jsonl/seed1"
seed warc
body='HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>A page</p></body></html>'
printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' \
	"$(printf '%s' "$body" | wc -c)" "$body" >"$b/seeds/warc/seed1"
gzip -c "$b/seeds/warc/seed1" >"$b/seeds/warc/seed2"
for n in $names; do
	# the inputs of bugs fuzzing found: replayed first
	for f in "$src/tests/fuzz/regressions/$n"/*; do
		[ -f "$f" ] && cp "$f" "$b/seeds/$n/"
	done
	[ -n "$(ls "$b/seeds/$n" 2>/dev/null)" ] ||
		printf 'x' >"$b/seeds/$n/seed0"
done

status=0
for n in $names; do
	mkdir -p "$b/corpus/$n"
	echo "== fuzz_$n for ${secs:-0} s"
	if ! (cd "$t" && ASAN_OPTIONS=detect_leaks=1 \
		WN_FUZZ_SCRIPT="$src/tests/fuzz/api.lua" \
		"$t/tests/fuzz/fuzz_$n" -max_total_time="$secs" \
		-max_len=65536 -rss_limit_mb=2048 -timeout=10 \
		-artifact_prefix="$b/crash-$n-" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS} \
		-print_final_stats=1 "$b/corpus/$n" "$b/seeds/$n" \
		2>"$b/fuzz_$n.log"); then
		tail -n 40 "$b/fuzz_$n.log"
		status=1
	else
		grep -E '^stat::number_of_executed_units|^Done' "$b/fuzz_$n.log" || :
	fi
done
exit $status
