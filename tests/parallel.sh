#!/bin/sh
# SPDX-License-Identifier: MIT
# The scaling examples under GNU parallel: a directory, and --pipe over
# JSON lines in order.  Skipped when parallel is not installed.
. "${top_srcdir:-.}/tests/lib.sh"

if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	echo "1..0 # SKIP GNU parallel is not installed"
	exit 0
fi
CASES="$top_srcdir/tests/cases"
EX="$top_srcdir/examples/scaling"
WINNOW="$abs_top_builddir/winnow"
export WINNOW
unset XDG_DATA_HOME WINNOW_PLUGIN_PATH

mkdir -p "$TMPD/in/sub"
cp "$CASES/seed-ghost-html/input.html" "$TMPD/in/ghost.html"
cp "$CASES/wordpress-html/input.html" "$TMPD/in/sub/wp.html"
cp "$CASES/markdown-html/input.html" "$TMPD/in/sub/md.htm"
sh "$EX/dir.sh" "$TMPD/in" "$TMPD/out" 2>"$TMPD/err"
st=$?
res=$st
for f in ghost.html sub/wp.html sub/md.htm; do
	"$WINNOW" --to markdown "$TMPD/in/$f" >"$TMPD/exp" 2>/dev/null
	cmp -s "$TMPD/exp" "$TMPD/out/${f%.*}.md" || res=1
done
ok $res "examples/scaling/dir.sh: one Markdown file per page, tree kept"

i=0
while [ $i -lt 300 ]; do
	printf '{"url":"https://n.example/%d","html":"<h1>Page %d</h1><p>Text of page %d.</p>"}\n' \
		$i $i $i
	[ $((i % 50)) -eq 7 ] && echo 'broken line'
	i=$((i + 1))
done >"$TMPD/in.jsonl"
"$WINNOW" --jsonl --json-fields title,text <"$TMPD/in.jsonl" >"$TMPD/exp" \
	2>/dev/null
BLOCK=2k sh "$EX/pipe.sh" <"$TMPD/in.jsonl" >"$TMPD/out.jsonl" 2>/dev/null
st=$?
# line numbers in error objects count within each block
sed 's/"line":[0-9]*,//' "$TMPD/exp" >"$TMPD/exp2"
sed 's/"line":[0-9]*,//' "$TMPD/out.jsonl" >"$TMPD/out2"
[ $st -eq 0 ] && [ "$(wc -l <"$TMPD/out.jsonl")" -eq 306 ] &&
	cmp -s "$TMPD/exp2" "$TMPD/out2"
ok $? "examples/scaling/pipe.sh: parallel --pipe keeps the lines in order"
done_testing
