#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests: each tests/cases/NAME/ holds input.html or input.txt, an
# optional `args` file (extra winnow arguments; default --to text) and
# expected.txt (and optionally expected.html, expected.md and
# expected.json for --to html, markdown and json).  The whole output must
# match.  UPDATE_GOLDEN=1 rewrites the expected files.
. "${top_srcdir:-.}/tests/lib.sh"

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
	done
done
done_testing
