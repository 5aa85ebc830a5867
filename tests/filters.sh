#!/bin/sh
# SPDX-License-Identifier: MIT
# The filters step: cosmetic filter lists (EasyList syntax) on a page
# that exercises every supported form, whole outputs per host.
. "${top_srcdir:-.}/tests/lib.sh"

F="$top_srcdir/tests/filters"
for host in example.com news.example.com other.org; do
	winnow --steps filters --filter-list "$F/list.txt" \
		--url "https://$host/a" --to text "$F/page.html" \
		>"$TMPD/out" 2>"$TMPD/err"
	[ $? -eq 0 ] && [ ! -s "$TMPD/err" ] && cmp -s "$TMPD/out" "$F/$host.expected"
	ok $? "filters on $host: whole output"
done
winnow --steps filters --filter-list "$F/list.txt" --to text "$F/page.html" \
	>"$TMPD/out" 2>/dev/null
grep -q "Only removed on example.com" "$TMPD/out" &&
	! grep -q "Newsletter box" "$TMPD/out"
ok $? "no URL: generic rules apply, domain rules do not"

# an article wrapped in an element with a clutter class stays
winnow -v --steps filters --filter-list "$F/list.txt" --to text \
	"$F/wrapper.html" >"$TMPD/out" 2>"$TMPD/err"
[ "$(grep -c 'part of the article itself' "$TMPD/out")" -eq 4 ] &&
	! grep -q "Share: Facebook" "$TMPD/out" &&
	grep -q "kept: .*list.txt:4 (.newsletter-box) would remove" "$TMPD/err"
ok $? "a match holding most of the page's prose is kept, and -v says why"

winnow -v --steps '' --filter-list "$F/list.txt" "$F/page.html" \
	>/dev/null 2>"$TMPD/err"
grep -q "18 hiding rules (1 keyed by id, 12 by class, 2 by tag, 3 by attribute, 0 on every element), 2 exceptions; skipped: 0 with bad selectors, 1 needing a browser, 1 scriptlets, 1 network rules" "$TMPD/err"
ok $? "-v reports what the list holds and what was skipped"

winnow --explain --steps filters --filter-list "$F/list.txt" \
	--url https://example.com/a "$F/page.html" >/dev/null 2>"$TMPD/err"
grep -q "^winnow: explain: filters: .*list.txt:5 (#cookie-banner): /html/body/div\[1\]: We use cookies" "$TMPD/err"
ok $? "--explain names the list, line and rule"

winnow --steps filters --filter-list "$TMPD/nope.txt" "$F/page.html" \
	>/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "nope.txt: No such file" "$TMPD/err"
ok $? "a missing list: exit 3, names the file"

printf '##div[\n##.ok\n' >"$TMPD/bad.txt"
winnow -v --steps filters --filter-list "$TMPD/bad.txt" "$F/page.html" \
	>/dev/null 2>"$TMPD/err"
[ $? -eq 0 ] && grep -q "bad.txt:1: skipped: .* at column 5 of 'div\['" "$TMPD/err"
ok $? "a bad selector is skipped with file:line and column"

printf '##div:xpath(./[bad)\n##.ok\n' >"$TMPD/badx.txt"
winnow --steps filters --filter-list "$TMPD/badx.txt" "$F/page.html" \
	>/dev/null 2>"$TMPD/err"
[ $? -eq 0 ] && [ "$(wc -l <"$TMPD/err")" -eq 1 ] &&
	grep -q "badx.txt:1: rule skipped: bad XPath './\[bad'" "$TMPD/err"
ok $? "a rule whose :xpath() does not compile: one line naming list and line"

printf '<p>x</p>' | winnow --steps whitespace --filter-list "$F/list.txt" \
	>"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && grep -q "the chain has no 'filters' step" "$TMPD/err"
ok $? "a list with a chain that has no filters step: a warning"

winnow -v --steps filters --filter-list "$top_srcdir/examples/rules/filters.txt" \
	"$F/page.html" >/dev/null 2>"$TMPD/err"
[ $? -eq 0 ] && grep -q "1 lists: 8 hiding rules .* 1 exceptions; skipped: 0 with bad selectors" "$TMPD/err"
ok $? "examples/rules/filters.txt loads cleanly"

# the real lists, when the shared rule sets are beside the source tree
E="$top_srcdir/../shared/rules/easylist"
if [ -d "$E" ]; then
	set --
	for l in "$E"/*.txt; do set -- "$@" --filter-list "$l"; done
	winnow -v --steps '' "$@" "$F/page.html" >/dev/null 2>"$TMPD/err"
	[ $? -eq 0 ] && grep -q "0 with bad selectors" "$TMPD/err"
	ok $? "the EasyList and Fanboy lists load with no bad selector"
	grep "filters: info: [0-9]* lists" "$TMPD/err" | tail -n1 | diag
fi

done_testing
