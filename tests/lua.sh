#!/bin/sh
# SPDX-License-Identifier: MIT
# Lua steps: the sandbox, the script API and its return protocol,
# errors, per-site rules and the script search path.
. "${top_srcdir:-.}/tests/lib.sh"

L="$top_srcdir/tests/lua"
PAGE="$L/page.html"
HOME=$TMPD/home
export HOME
unset XDG_DATA_HOME XDG_CONFIG_HOME WINNOW_PLUGIN_PATH WINNOW_SCRIPT_PATH

# CPU time (ms, user + system) of the children of a subshell so far:
# steady on a busy machine, unlike wall time
cpu_ms() {
	times >"$TMPD/times" # not in a pipe: a pipe's subshell has no children
	tail -n1 "$TMPD/times" | awk '{ t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2])
			t += a[1] * 60 + a[2] }
		printf "%d\n", t * 1000 }'
}

# The program itself, not libtool's wrapper script, whose shell start-up
# would count in the CPU time measured (the wrapper under valgrind).
run_fast() {
	if [ -z "${VALGRIND:-}" ] && [ -x "$abs_top_builddir/.libs/winnow" ]; then
		LD_LIBRARY_PATH="$abs_top_builddir/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
			"$abs_top_builddir/.libs/winnow" "$@"
	else
		winnow "$@"
	fi
}

# ---- the sandbox: each escape fails cleanly, fast, page intact --------
winnow --to text "$PAGE" >"$TMPD/base" 2>/dev/null
ok $? "the page cleans without scripts"
for t in io:"global 'io'" os:"global 'os'" require:"global 'require'" \
	load:"global 'load'" dump:"field 'dump'" \
	loop:"instruction limit exceeded" bomb:"not enough memory" \
	rep:"too large" meta-a:"protected metatable"; do
	name=${t%%:*} msg=${t#*:}
	rm -f /tmp/winnow-pwned
	spent=$(
		run_fast --script "$L/hostile-$name.lua" --to text "$PAGE" \
			>"$TMPD/out" 2>"$TMPD/err"
		echo $? >"$TMPD/rc"
		cpu_ms
	)
	rc=$(cat "$TMPD/rc")
	[ $rc -eq 0 ] && grep -q "hostile-$name.lua:[0-9]*:* .*$msg\\|hostile-$name.lua: $msg" "$TMPD/err" &&
		grep -q "the document goes on as before this step" "$TMPD/err" &&
		cmp -s "$TMPD/out" "$TMPD/base" && [ ! -e /tmp/winnow-pwned ]
	ok $? "sandbox: $name fails with \"$msg\", output unchanged"
	if [ -z "${VALGRIND:-}" ] && [ "${WN_SANITIZERS:-no}" != yes ]; then
		[ "$spent" -lt 1000 ]
		ok $? "sandbox: $name stopped after $spent ms of CPU (< 1 s)"
	elif [ -z "${VALGRIND:-}" ]; then
		# ASan and UBSan slow every instruction down several times
		[ "$spent" -lt 5000 ]
		ok $? "sandbox: $name stopped after $spent ms of CPU (< 5 s, sanitizers)"
	fi
	winnow --strict --script "$L/hostile-$name.lua" --to text "$PAGE" \
		>/dev/null 2>&1
	[ $? -eq 4 ]
	ok $? "sandbox: $name under --strict: exit 4"
done
# one script cannot reach another's globals
winnow --script "$L/hostile-meta-b.lua" --to text "$PAGE" >"$TMPD/b" 2>&1
winnow --script "$L/hostile-meta-a.lua" --script "$L/hostile-meta-b.lua" \
	--to text "$PAGE" >"$TMPD/ab" 2>/dev/null
grep -q "checked by b" "$TMPD/b" && cmp -s "$TMPD/ab" "$TMPD/b"
ok $? "sandbox: a script's global changes never reach the next script"

# ---- the return protocol, as one whole-output golden -----------------
winnow --steps '' --script "$L/protocol.lua" --to html "$PAGE" \
	>"$TMPD/out" 2>"$TMPD/err"
cmp -s "$TMPD/out" "$L/protocol.expected.html"
ok $? "return protocol: nil keeps, false removes, node/list/string replace"
[ ! -s "$TMPD/err" ]
ok $? "return protocol: no diagnostics"

# ---- node:html(): what the HTML writer writes, no line breaks added ---
winnow --steps '' --script "$L/html.lua" --to text "$PAGE" >"$TMPD/out" \
	2>"$TMPD/err"
grep -qxF '<div id="box" class="box"><p id="p2">Second paragraph, inside a box, also long enough to count as prose for the steps.</p><span class="x">aside text</span></div>' \
	"$TMPD/out" && [ ! -s "$TMPD/err" ]
ok $? "node:html(): the outer HTML as the HTML output writes it"

# ---- plain selectors and the page's class and id tokens ---------------
winnow --steps '' --script "$L/tokens.lua" --to text "$PAGE" >"$TMPD/out" \
	2>"$TMPD/err"
printf '%s\n\n%s\n\n%s\n\n%s\n' 'Sign up for the newsletter' \
	'The test article' \
	'Second paragraph, inside a box, also long enough to count as prose for the steps.' \
	found | cmp -s - "$TMPD/out" && [ ! -s "$TMPD/err" ]
ok $? "plain selectors: absent tokens skipped, tokens added by rules found"
# one page's scripts share the token set while the tree is as it was
# built on: a failing script's undone removal, a class set, are found
winnow --steps '' --script "$L/tokens-fail.lua" --script "$L/tokens-find.lua" \
	--script "$L/tokens-attr.lua" --script "$L/tokens-late.lua" --to text \
	"$PAGE" >"$TMPD/out" 2>"$TMPD/err"
printf '%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n' 'Sign up for the newsletter' \
	'The test article' \
	'First paragraph of the test article, long enough to be the article text of this page for every step.' \
	'Second paragraph, inside a box, also long enough to count as prose for the steps.' \
	'late found' 'p3 found' | cmp -s - "$TMPD/out" &&
	grep -q "failing on purpose" "$TMPD/err"
ok $? "plain selectors: the token set shared by scripts only while it holds"
# plain selectors are answered from the token index (no walk): each
# element once and in order, a tag on a class, an id, and nothing from
# inside an element an earlier rule removed
winnow --steps '' --script "$L/tokens-index.lua" --to text \
	"$L/tokens-index.html" >"$TMPD/out" 2>"$TMPD/err"
printf 'box:one\n\nspan x\n\nseen\n\nbox:two\n' | cmp -s - "$TMPD/out" &&
	[ ! -s "$TMPD/err" ]
ok $? "plain selectors: lists, tags, ids and removed subtrees by the index"

# ---- keep protects from every later step --------------------------------
winnow --steps '' --script "$L/keep.lua" --script "$L/greedy.lua" \
	--to text "$PAGE" >"$TMPD/out" 2>&1
printf 'The test article\n\nSecond paragraph, inside a box, also long enough to count as prose for the steps.\n' |
	cmp -s - "$TMPD/out"
ok $? "keep: a protected node survives the removal of its ancestors"
winnow --script "$L/keep.lua" --to text "$PAGE" >"$TMPD/out" 2>&1
grep -q "Second paragraph" "$TMPD/out"
ok $? "keep: with the default chain too"

# ---- helpers, text documents, stale handles ------------------------------
winnow --steps '' --script-path "$L/path" --script "$L/use.lua" --to text \
	"$PAGE" >"$TMPD/out" 2>&1
grep -q "^THE TEST ARTICLE!$" "$TMPD/out"
ok $? "winnow.use loads lib/NAME.lua from the script path once"
winnow --steps '' --script "$L/text.lua" "$L/text.txt" >"$TMPD/out" 2>&1
printf 'A title\n\nThe first paragraph of the article.\n\nThe end.\n' |
	cmp -s - "$TMPD/out"
ok $? "text input: doc.kind and doc:blocks()"
mkdir -p "$TMPD/o"
winnow --jobs 1 --steps '' --script "$L/stale.lua" -o "$TMPD/o" "$PAGE" \
	"$top_srcdir/examples/site-rule.html" \
	>/dev/null 2>"$TMPD/err"
grep -q "stale node" "$TMPD/err"
ok $? "a node kept past its document raises 'stale node'"

# ---- node:matches and node:closest follow the page as it changes ------
winnow --steps '' --script "$L/closest.lua" --to text "$PAGE" >"$TMPD/out" 2>"$TMPD/err"
printf 'Sign up for the newsletter\n\nThe test article\n\np1 inside article\n\np3 matched\n' |
	cmp -s - "$TMPD/out" && [ ! -s "$TMPD/err" ]
ok $? "node:matches and node:closest, the page changing between calls"

# ---- selectors kept by a script survive the selector cache growing ---
winnow --steps '' --script "$L/many.lua" --to text "$PAGE" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && [ ! -s "$TMPD/err" ] && ! grep -q "Sign up" "$TMPD/out" &&
	grep -q "The test article" "$TMPD/out"
ok $? "a script with 300 selectors and a when: every selector stays valid"

# ---- errors ------------------------------------------------------------
winnow --script "$L/syntax.lua" "$PAGE" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 3 ] && [ ! -s "$TMPD/out" ] && grep -q "syntax.lua:[0-9]*: " "$TMPD/err"
ok $? "syntax error: file:line, exit 3 before reading input"
winnow --script "$L/api2.lua" "$PAGE" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "api2.lua:1: written for script API 2" "$TMPD/err"
ok $? "a script for an unknown API major is refused"
winnow --script "$L/badsel.lua" "$PAGE" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "badsel.lua:5: remove (div > > p): bad selector 'div > > p': .* at column 7" "$TMPD/err"
ok $? "bad selector: script, line and column"
winnow --script "$L/runtime.lua" --to text "$PAGE" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && grep -q "runtime.lua:7: attempt to index a nil value" "$TMPD/err" &&
	grep -q "stack traceback" "$TMPD/err" && cmp -s "$TMPD/out" "$TMPD/base"
ok $? "runtime error: file:line and traceback, the script's changes undone"
winnow --script "$L/suffix.lua" "$PAGE" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "'co.uk' is a public suffix" "$TMPD/err"
ok $? "a public suffix as site pattern is refused"
winnow --script no-such-script "$PAGE" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "no script 'no-such-script'" "$TMPD/err"
ok $? "unknown script name: exit 3"

# ---- compiled once per process ------------------------------------------
winnow --jobs 1 -v --script "$L/count.lua" -o "$TMPD/o" "$PAGE" "$PAGE" "$L/text.txt" \
	>/dev/null 2>"$TMPD/err"
[ "$(grep -c 'compiling count.lua' "$TMPD/err")" -eq 1 ]
ok $? "a script is compiled once for three documents"

# ---- a script's messages name the page they are about ------------------
winnow --jobs 1 -v --script "$L/logpage.lua" -o "$TMPD/o" "$PAGE" "$L/text.txt" \
	>/dev/null 2>"$TMPD/err"
grep -qxF "winnow: logpage: info: $PAGE: seen a html document" "$TMPD/err" &&
	grep -qxF "winnow: logpage: info: $L/text.txt: seen a text document" "$TMPD/err"
ok $? "winnow.log while cleaning names the page"

# ---- --explain names script and rule -------------------------------------
winnow --explain --steps '' --script "$top_srcdir/examples/site-rule.lua" \
	--url https://www.example.com/a "$top_srcdir/examples/site-rule.html" \
	>/dev/null 2>"$TMPD/err"
grep -q "^winnow: explain: site-rule: rule 1 'read-also' (p:matches-text(/^(read also|see also)\\\\b/i)): /html/body/article/p\[2\]: Read also" "$TMPD/err"
ok $? "--explain names the script and the rule"

# ---- sites: the example applies on example.com only -----------------------
ex() { winnow --script "$top_srcdir/examples/site-rule.lua" --url "$1" \
	--to text "$top_srcdir/examples/site-rule.html" 2>/dev/null; }
ex https://www.example.com/a >"$TMPD/com"
ex https://example.org/a >"$TMPD/org"
! grep -q "Members only" "$TMPD/com" && grep -q "Members only" "$TMPD/org"
ok $? "examples/site-rule.lua applies on www.example.com, not example.org"

# ---- the sites step: lookup by host ----------------------------------------
site() {
	winnow --steps sites --script-path "$L/path" --url "$1" --to text \
		"$PAGE" 2>&1
}
site https://example.com/x | grep -q "^example.com rule$"
ok $? "sites: example.com runs sites/example.com.lua"
out=$(site https://news.example.com/x)
echo "$out" | grep -q "^example.com rule$" &&
	! echo "$out" | grep -q "Sign up for the newsletter"
ok $? "sites: news.example.com runs the domain and subdomain scripts"
out=$(site https://www.example.com/x)
echo "$out" | grep -q "^example.com rule$" &&
	echo "$out" | grep -q "Sign up for the newsletter"
ok $? "sites: www.example.com runs only the domain script"
site https://fail.example.com/x >"$TMPD/out"
grep -q "^example.com rule$" "$TMPD/out" && grep -q "Sign up for the newsletter" "$TMPD/out" &&
	grep -q "sites/fail.example.com: .*deliberate failure" "$TMPD/out" &&
	grep -q "sites/fail.example.com: .*failed (step failed); the document goes on as before this script" "$TMPD/out"
ok $? "sites: a failing site script is undone and named; the others still apply"
site https://example.org/x | grep -q "^The test article$"
ok $? "sites: example.org runs none"
site https://someone.blogspot.com/x | grep -q "Second paragraph"
[ $? -ne 0 ]
ok $? "sites: the index maps *.blogspot.com to blog.lua"
site https://blogspot.com/x | grep -q "Second paragraph"
ok $? "sites: *.blogspot.com does not match blogspot.com"
winnow --steps sites --script-path "$L/path" --to text "$PAGE" >"$TMPD/out" 2>&1
grep -q "^The test article$" "$TMPD/out"
ok $? "sites: no URL, no site rules"
winnow --script-path "$L/path" --print-script-path >"$TMPD/out"
[ "$(head -n1 "$TMPD/out")" = "$(cd "$L/path" && pwd -P)" ]
ok $? "--print-script-path lists --script-path first"

mkdir -p "$TMPD/sp1" "$TMPD/sp2" "$TMPD/xdg/winnow/scripts" \
	"$TMPD/home/.config/winnow/scripts"
WINNOW_SCRIPT_PATH="$TMPD/sp1:$TMPD/sp2" XDG_CONFIG_HOME="$TMPD/xdg" \
	winnow --print-script-path >"$TMPD/out"
( cd "$TMPD" && pwd -P ) >"$TMPD/real"
R=$(cat "$TMPD/real")
[ "$(sed -n 1p "$TMPD/out")" = "$R/sp1" ] && [ "$(sed -n 2p "$TMPD/out")" = "$R/sp2" ] &&
	[ "$(sed -n 3p "$TMPD/out")" = "$R/xdg/winnow/scripts" ]
ok $? "script path: WINNOW_SCRIPT_PATH in order, then XDG_CONFIG_HOME"
winnow --print-script-path >"$TMPD/out"
[ "$(sed -n 1p "$TMPD/out")" = "$R/home/.config/winnow/scripts" ]
ok $? "script path: ~/.config/winnow/scripts without XDG_CONFIG_HOME"

done_testing
