#!/bin/sh
# SPDX-License-Identifier: MIT
# Each plugin on its own: tests/plugins/PLUGIN/CASE.html|.txt is cleaned
# with `winnow --steps PLUGIN --to text` and compared whole with
# CASE.expected.
. "${top_srcdir:-.}/tests/lib.sh"

for dir in "$top_srcdir"/tests/plugins/*/; do
	plugin=$(basename "$dir")
	for input in "$dir"*.html "$dir"*.txt; do
		[ -f "$input" ] || continue
		exp="${input%.*}.expected"
		[ -f "$exp" ] || continue
		winnow --steps "$plugin" --to text "$input" >"$TMPD/out" \
			2>"$TMPD/err"
		st=$?
		cmp -s "$TMPD/out" "$exp"
		res=$?
		[ $st -eq 0 ] || res=1
		ok $res "$plugin: $(basename "$input")"
		if [ $res -ne 0 ]; then
			echo "exit status $st" | diag
			diag <"$TMPD/err"
			diff -u "$exp" "$TMPD/out" | head -n 40 | diag
		fi
	done
done
done_testing
