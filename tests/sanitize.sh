#!/bin/sh
# SPDX-License-Identifier: MIT
# Output safety: each classic XSS vector of tests/sanitize/vectors, set
# in an article, goes through the default chain, the sanitize step alone
# and the HTML5 parser; tests/sanitize/xsscheck must find no executable
# markup in the HTML output (and no "<script" anywhere in it).
# --no-sanitize keeps what the step would drop.
. "${top_srcdir:-.}/tests/lib.sh"

V="$top_srcdir/tests/sanitize/vectors"
CHECK="$abs_top_builddir/tests/sanitize/xsscheck"
HOME=$TMPD/home
export HOME
unset XDG_DATA_HOME WINNOW_PLUGIN_PATH WINNOW_SCRIPT_PATH
PROSE="Winnow reads pages written by strangers, and the cleaned article \
it writes may be shown in a reader, so the markup it keeps must never run \
code: no scripts, no event handlers and no script addresses survive it."

page() { # page VECTOR: an article with the vector between two paragraphs
	printf '<html><head><title>Vector</title></head><body><article>'
	printf '<h1>A page</h1><p>%s</p>\n%s\n<p>%s</p>' "$PROSE" "$1" "$PROSE"
	printf '</article></body></html>\n'
}

safe() { # safe FILE NAME: no executable markup in FILE
	"$CHECK" "$1" >"$TMPD/found"
	st=$?
	! grep -qi '<script' "$1" && [ $st -eq 0 ]
	res=$?
	ok $res "$2"
	[ $res -eq 0 ] || diag <"$TMPD/found"
}

i=0
while IFS= read -r vec; do
	i=$((i + 1))
	page "$vec" >"$TMPD/in.html"
	winnow --to html "$TMPD/in.html" >"$TMPD/out.html" 2>"$TMPD/err"
	[ $? -eq 0 ] || diag <"$TMPD/err"
	safe "$TMPD/out.html" "vector $i, default chain: $vec"
	winnow --steps sanitize --to html "$TMPD/in.html" \
		>"$TMPD/out.html" 2>"$TMPD/err"
	safe "$TMPD/out.html" "vector $i, sanitize alone"
	winnow --parser html5 --steps sanitize --to html "$TMPD/in.html" \
		>"$TMPD/out.html" 2>"$TMPD/err"
	safe "$TMPD/out.html" "vector $i, html5 parser"
done <"$V"

# the check itself finds what the vectors hold
page '<img src=x onerror=alert(1)><script>alert(1)</script>' \
	>"$TMPD/in.html"
winnow --steps whitespace --to html "$TMPD/in.html" >"$TMPD/out.html"
! "$CHECK" "$TMPD/out.html" >/dev/null
ok $? "xsscheck finds a script and a handler left in place"

winnow --no-sanitize --to html "$TMPD/in.html" >"$TMPD/out.html"
grep -q 'onerror' "$TMPD/out.html"
ok $? "--no-sanitize keeps them"

# a text input rendered as HTML has no markup of its own
printf '<script>alert(1)</script> looks like HTML but is text\n' \
	>"$TMPD/in.txt"
winnow --from text --to html "$TMPD/in.txt" >"$TMPD/out.html"
safe "$TMPD/out.html" "text input shown as HTML"

# a rule protecting a script does not outrank the step
cat >"$TMPD/keep.lua" <<'LUA'
return { api = 1, keep = { "script" } }
LUA
page '<script>alert(1)</script>' >"$TMPD/in.html"
winnow --script "$TMPD/keep.lua" --steps sanitize --to html \
	"$TMPD/in.html" >"$TMPD/out.html" 2>"$TMPD/err"
safe "$TMPD/out.html" "a script kept by a rule is still dropped"
done_testing
