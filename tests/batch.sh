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
done_testing
