#!/bin/sh
# SPDX-License-Identifier: MIT
# Batch mode: -r DIR, --jobs, .gz inputs, JSON lines from several files
# in input order, the summary, and a worker dying on one page.
. "${top_srcdir:-.}/tests/lib.sh"

CASES="$top_srcdir/tests/cases"
TP="$abs_top_builddir/tests/abi/.libs"
HOME=$TMPD/home
export HOME
unset XDG_DATA_HOME WINNOW_PLUGIN_PATH

mkdir -p "$TMPD/in/sub/deeper" "$TMPD/o1" "$TMPD/o2"
cp "$CASES/seed-ghost-html/input.html" "$TMPD/in/a.html"
cp "$CASES/wordpress-html/input.html" "$TMPD/in/sub/b.htm"
gzip -c "$CASES/seed-text/input.txt" >"$TMPD/in/sub/deeper/c.txt.gz"
echo 'body { color: red }' >"$TMPD/in/style.css"
printf 'not gzip at all' | gzip -c | head -c 12 >"$TMPD/in/broken.html.gz"

winnow -r "$TMPD/in" -o "$TMPD/o1" --to text --jobs 1 2>"$TMPD/err1"
st=$?
[ $st -eq 2 ] && grep -q 'broken.html.gz: Bad message' "$TMPD/err1"
ok $? "-r: a broken .gz is reported with its error, exit 2"
grep -q '^winnow: 4 pages in .*: 3 ok, 1 failed$' "$TMPD/err1"
ok $? "-r: the summary counts pages, not the .css"
(cd "$TMPD/o1" && find . -type f | sort | tr '\n' ' ') >"$TMPD/list"
[ "$(cat "$TMPD/list")" = "./a.txt ./sub/b.txt ./sub/deeper/c.txt " ]
ok $? "-r: outputs keep the tree below DIR, no temporary files left"
cmp -s "$TMPD/o1/sub/deeper/c.txt" "$CASES/seed-text/expected.txt" &&
	cmp -s "$TMPD/o1/a.txt" "$CASES/seed-ghost-html/expected.txt"
ok $? "-r: a .gz input reads like the plain file"
winnow -r "$TMPD/in" -o "$TMPD/o2" --to text --jobs 3 2>"$TMPD/err2"
[ $? -eq 2 ] && diff -r "$TMPD/o1" "$TMPD/o2" >/dev/null
ok $? "--jobs 3 writes the same files as --jobs 1"

# JSON lines on stdout from several files, in input order
set -- "$CASES/seed-ghost-html/input.html" "$CASES/wordpress-html/input.html" \
	"$CASES/seed-text/input.txt" "$CASES/media-html/input.html" \
	"$CASES/tracking-html/input.html"
winnow --to json --json-fields title --jobs 1 "$@" >"$TMPD/j1" 2>/dev/null
winnow --to json --json-fields title --jobs 3 "$@" >"$TMPD/j3" 2>/dev/null
[ "$(wc -l <"$TMPD/j1")" -eq 5 ] && cmp -s "$TMPD/j1" "$TMPD/j3"
ok $? "--to json: one line per file, in input order with --jobs 3"
: >"$TMPD/exp"
for f in "$@"; do
	winnow --to json --json-fields title "$f" >>"$TMPD/exp"
done
cmp -s "$TMPD/j1" "$TMPD/exp"
ok $? "--to json: the lines are the single-file objects"

# a worker dying on one page fails only that page
mkdir -p "$TMPD/cr" "$TMPD/oc"
for i in 1 2 3 4 5; do
	printf '<p>page %s</p>\n' "$i" >"$TMPD/cr/p$i.html"
done
printf '<p>crash-me</p>\n' >"$TMPD/cr/p3.html"
# (ASan would catch the deliberate SIGSEGV and exit instead)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0 \
	"$WINNOW" -P "$TP" --steps t_crash -r "$TMPD/cr" -o "$TMPD/oc" \
	--jobs 2 2>"$TMPD/err"
st=$?
[ $st -eq 2 ] && grep -q 'p3.html: the worker died (signal 11)' "$TMPD/err" &&
	[ "$(ls "$TMPD/oc" | wc -l)" -eq 4 ] && [ ! -e "$TMPD/oc/p3.html" ]
ok $? "a worker dying on a page: that page fails, the others are written"

winnow --jobs many "$TMPD/in/a.html" >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q -- "--jobs: 'many'" "$TMPD/err"
ok $? "--jobs takes a number"
winnow -r "$TMPD/in" >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q 'several inputs need -o DIR' "$TMPD/err"
ok $? "-r without -o: usage error"

# the progress line: only on a terminal
grep -q "$(printf '\r')" "$TMPD/err2"
[ $? -ne 0 ]
ok $? "no progress line when stderr is not a terminal"
if command -v script >/dev/null 2>&1 && [ -z "${VALGRIND:-}" ]; then
	script -qec "'$WINNOW' -r '$TMPD/in' -o '$TMPD/o2' --to text --jobs 2" \
		/dev/null >"$TMPD/tty" 2>&1
	grep -q 'pages/s' "$TMPD/tty" && grep -q '/4 pages' "$TMPD/tty"
	ok $? "a progress line (done/total, pages/s) on a terminal"
else
	echo "ok $((tap_n + 1)) # SKIP script(1) missing or under valgrind"
	tap_n=$((tap_n + 1))
fi

# --profile over a batch: summed over the pages, and over the workers
mkdir -p "$TMPD/pp" "$TMPD/po1" "$TMPD/po2" "$TMPD/po0"
npp=0
for c in seed-ghost-html wordpress-html media-html tracking-html \
	bike-review-html delhi-air-html; do
	cp "$CASES/$c/input.html" "$TMPD/pp/$c.html"
	npp=$((npp + 1))
done
# table FILE: "name runs elements removed chars" for each row
table() { sed -n '/^  step /,/^  total /p' "$1" |
	awk 'NR > 1 { print $1, $2, $6, $7, $8 }'; }
winnow -r "$TMPD/pp" -o "$TMPD/po0" --to text --jobs 2 2>"$TMPD/perr0"
winnow --profile -r "$TMPD/pp" -o "$TMPD/po1" --to text --jobs 1 \
	2>"$TMPD/perr1"
st1=$?
winnow --profile -r "$TMPD/pp" -o "$TMPD/po2" --to text --jobs 2 \
	2>"$TMPD/perr2"
[ $st1 -eq 0 ] && [ $? -eq 0 ] && diff -r "$TMPD/po0" "$TMPD/po1" >/dev/null &&
	diff -r "$TMPD/po0" "$TMPD/po2" >/dev/null && ! grep -q profile "$TMPD/perr0"
ok $? "--profile: the same files, --jobs 1 and 2; no table without it"
table "$TMPD/perr1" >"$TMPD/t1"
table "$TMPD/perr2" >"$TMPD/t2"
[ "$(wc -l <"$TMPD/t1")" -gt 4 ] &&
	awk -v n="$npp" '$2 != n { bad = 1 } END { exit bad }' "$TMPD/t1"
ok $? "--profile --jobs 1: every row ran once a page ($npp pages)"
awk -v n="$npp" '$2 != n { bad = 1 } END { exit bad }' "$TMPD/t2" &&
	cmp -s "$TMPD/t1" "$TMPD/t2"
ok $? "--profile --jobs 2: the workers' figures summed, as with --jobs 1"
grep -q "^winnow: profile: $npp pages, .* one process$" "$TMPD/perr1" &&
	grep -q "^winnow: profile: $npp pages, .* 2 worker processes" \
		"$TMPD/perr2" && ! grep -q 'died' "$TMPD/perr2"
ok $? "--profile: the heading counts the pages and the processes"
# JSON lines of the pages: {"html": ...} as winnow writes them
winnow --steps= --to json --json-fields html --jobs 1 "$TMPD"/pp/*.html \
	>"$TMPD/pp.jsonl"
winnow --profile --jsonl --jobs 2 --json-fields title <"$TMPD/pp.jsonl" \
	>"$TMPD/pj" 2>"$TMPD/perrj"
table "$TMPD/perrj" >"$TMPD/tj"
[ "$(wc -l <"$TMPD/pj")" -eq "$npp" ] && [ "$(wc -l <"$TMPD/tj")" -gt 4 ] &&
	awk -v n="$npp" '$2 != n { bad = 1 } END { exit bad }' "$TMPD/tj"
ok $? "--profile --jsonl --jobs 2: one run a line, summed over the workers"
# a worker dying: its figures are lost, and the table says so
rm -rf "$TMPD/oc"
mkdir -p "$TMPD/oc"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0 \
	"$WINNOW" -P "$TP" --steps t_crash --profile -r "$TMPD/cr" \
	-o "$TMPD/oc" --jobs 2 2>"$TMPD/err"
st=$?
[ $st -eq 2 ] && grep -q '^  t_crash ' "$TMPD/err" &&
	grep -q '^  1 worker process died: ' "$TMPD/err"
ok $? "--profile: a worker that died is named in the footer"
done_testing
