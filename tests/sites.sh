#!/bin/sh
# SPDX-License-Identifier: MIT
# Site rules (scripts/sites): every script loads cleanly, and each
# tests/sites/NAME/ fixture (input.html, a trimmed real page; url, its
# address; expected.txt) checks that
#   1. `--steps sites` with the page's URL gives expected.txt exactly;
#   2. the rule does something: with the host changed to example.invalid
#      the output differs.  Platform rules (a file `anyhost` in the
#      fixture) follow the page's markup, not its host: for them the
#      output must stay the same on example.invalid and differ from the
#      page with no site rule at all (--steps '');
#   3. the whole default chain runs on the page: exit 0, nothing failed.
# UPDATE_GOLDEN=1 rewrites the expected.txt files.
. "${top_srcdir:-.}/tests/lib.sh"

HOME=$TMPD/home
export HOME
unset XDG_DATA_HOME XDG_CONFIG_HOME WINNOW_PLUGIN_PATH WINNOW_SCRIPT_PATH
SP="$top_srcdir/scripts"

# ---- every site script compiles: no error, no warning ------------------
printf '<html><body><p>A tiny page.</p></body></html>\n' >"$TMPD/tiny.html"
for f in "$SP"/sites/*.lua; do
	winnow --script-path "$SP" --script "$f" --steps '' --to text "$TMPD/tiny.html" \
		>/dev/null 2>"$TMPD/err"
	st=$?
	[ $st -eq 0 ] && [ ! -s "$TMPD/err" ]
	res=$?
	ok $res "loads: sites/$(basename "$f")"
	[ $res -eq 0 ] || { echo "exit status $st" | diag; diag <"$TMPD/err"; }
done

# ---- the fixtures ---------------------------------------------------------
for dir in "$top_srcdir"/tests/sites/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	input="$dir/input.html"
	[ -f "$input" ] || continue
	url=$(head -n 1 "$dir/url")
	other=$(echo "$url" | sed 's|^\([a-z]*://\)[^/]*|\1example.invalid|')

	winnow --script-path "$SP" --steps sites --url "$url" --to text \
		"$input" >"$TMPD/out" 2>"$TMPD/err"
	st=$?
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$TMPD/out" "$dir/expected.txt"
		echo "# updated $dir/expected.txt"
	fi
	cmp -s "$TMPD/out" "$dir/expected.txt"
	res=$?
	[ $st -eq 0 ] && [ ! -s "$TMPD/err" ] || res=1
	ok $res "$name: --steps sites gives expected.txt"
	if [ $res -ne 0 ]; then
		echo "exit status $st" | diag
		diag <"$TMPD/err"
		diff -u "$dir/expected.txt" "$TMPD/out" | head -n 40 | diag
	fi

	winnow --script-path "$SP" --steps sites --url "$other" --to text \
		"$input" >"$TMPD/other" 2>/dev/null
	if [ -f "$dir/anyhost" ]; then
		winnow --script-path "$SP" --steps '' --url "$url" --to text \
			"$input" >"$TMPD/none" 2>/dev/null
		cmp -s "$TMPD/other" "$TMPD/out" && ! cmp -s "$TMPD/none" "$TMPD/out"
		ok $? "$name: the platform rule follows the markup on any host"
	else
		! cmp -s "$TMPD/other" "$TMPD/out"
		ok $? "$name: the rule does something (not on example.invalid)"
	fi

	winnow --script-path "$SP" --url "$url" --to text "$input" \
		>"$TMPD/full" 2>"$TMPD/err"
	st=$?
	[ $st -eq 0 ] && [ -s "$TMPD/full" ] && ! grep -q failed "$TMPD/err"
	res=$?
	ok $res "$name: the default chain runs"
	[ $res -eq 0 ] || { echo "exit status $st" | diag; diag <"$TMPD/err"; }
done
done_testing
