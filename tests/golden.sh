#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests: each tests/cases/NAME/ holds input.html or input.txt, an
# optional `args` file (extra winnow arguments; default --to text) and
# expected.txt (and optionally expected.html, expected.md and
# expected.json for --to html, markdown and json).  The whole output must
# match.  UPDATE_GOLDEN=1 rewrites the expected files.
#
# Two more checks per case:
#  - the JSON output is valid JSON (python3 -m json.tool reads it);
#  - the Markdown output says the same text as --to text: pandoc reads
#    it back as GitHub-flavoured Markdown and renders it as plain text
#    (pandoc -f gfm -t plain --wrap=none), and the two texts must have
#    the same sequence of words, a word being a run of letters, digits
#    and underscores, compared without case.  Layout is not compared
#    (line breaks, list bullets, table rules, Markdown escapes), and
#    two things --to text leaves out by design are removed from the
#    Markdown side first by a pandoc filter: images (their alt text)
#    and the numbers of ordered list items.  Skipped without pandoc
#    (test-only) or python3.
. "${top_srcdir:-.}/tests/lib.sh"

have_pandoc=
pandoc --version >/dev/null 2>&1 && have_pandoc=1
have_python=
python3 -c 'import json, re' >/dev/null 2>&1 && have_python=1
cat >"$TMPD/text.lua" <<'EOT'
-- --to text shows neither images nor list numbers
function Image(el) return {} end
function OrderedList(el) return pandoc.BulletList(el.content) end
EOT
# words < TEXT: one word a line, case-folded
words() {
	python3 -c 'import re, sys
sys.stdout.write("".join(w + "\n" for w in re.findall(r"\w+", sys.stdin.read().casefold())))'
}
skip() { # skip NAME REASON
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

for dir in "$top_srcdir"/tests/cases/*/; do
	name=$(basename "$dir")
	input=$(ls "$dir"input.* 2>/dev/null | head -n 1)
	[ -n "$input" ] || continue
	args="--to text"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	for fmt in txt html md json; do
		exp="$dir/expected.$fmt"
		[ -f "$exp" ] || [ "$fmt" = txt ] || continue
		case $fmt in
		html) fargs="$args --to html" ;;
		md) fargs="$args --to markdown" ;;
		json) fargs="$args --to json" ;;
		*) fargs=$args ;;
		esac
		# shellcheck disable=SC2086
		winnow $fargs "$input" >"$TMPD/out" 2>"$TMPD/err"
		st=$?
		if [ -n "${UPDATE_GOLDEN:-}" ]; then
			cp "$TMPD/out" "$exp"
			echo "# updated $exp"
		fi
		cmp -s "$TMPD/out" "$exp"
		res=$?
		[ $st -eq 0 ] || res=1
		ok $res "case $name ($fmt)"
		if [ $res -ne 0 ]; then
			echo "exit status $st" | diag
			diag <"$TMPD/err"
			diff -u "$exp" "$TMPD/out" | head -n 40 | diag
		fi
		case $fmt in
		json)
			if [ -z "$have_python" ]; then
				skip "case $name (json): valid JSON" \
					"python3 is not installed"
				continue
			fi
			python3 -m json.tool "$TMPD/out" >/dev/null 2>"$TMPD/err"
			res=$?
			ok $res "case $name (json): valid JSON"
			[ $res -eq 0 ] || diag <"$TMPD/err"
			;;
		md)
			if [ -z "$have_pandoc" ] || [ -z "$have_python" ]; then
				skip "case $name (md): pandoc reads the same text" \
					"pandoc or python3 is not installed"
				continue
			fi
			# shellcheck disable=SC2086
			winnow $args --to text "$input" 2>/dev/null |
				words >"$TMPD/text.w"
			pandoc -f gfm -t plain --wrap=none \
				--lua-filter="$TMPD/text.lua" "$TMPD/out" \
				2>"$TMPD/err" | words >"$TMPD/md.w"
			cmp -s "$TMPD/text.w" "$TMPD/md.w" && [ -s "$TMPD/md.w" ]
			res=$?
			ok $res "case $name (md): pandoc reads the same text"
			if [ $res -ne 0 ]; then
				diag <"$TMPD/err"
				diff "$TMPD/text.w" "$TMPD/md.w" | head -n 20 | diag
			fi
			;;
		esac
	done
done
done_testing
