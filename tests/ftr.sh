#!/bin/sh
# SPDX-License-Identifier: MIT
# The ftr step and --check-rules: trimmed real pages under tests/ftr/pages
# cleaned with the configs in tests/ftr/conf (whole-output goldens:
# NAME.expected.html or NAME.expected.txt, the page's address in
# NAME.url), host lookup, dir order, metadata, fallbacks, and the rule
# checker on a dir with a broken file.  UPDATE_GOLDEN=1 rewrites the
# goldens.
. "${top_srcdir:-.}/tests/lib.sh"

F="$top_srcdir/tests/ftr"
unset XDG_DATA_HOME XDG_CONFIG_HOME WINNOW_PLUGIN_PATH WINNOW_SCRIPT_PATH

# ---- one golden per page ---------------------------------------------
for page in "$F"/pages/*.html; do
	case $page in *.expected.html) continue ;; esac
	name=$(basename "$page" .html)
	url=$(cat "$F/pages/$name.url")
	for to in html txt; do
		exp="$F/pages/$name.expected.$to"
		[ -f "$exp" ] || continue
		winnow --steps ftr --ftr-dir "$F/conf" --url "$url" \
			--to "${to%txt}${to#html}" "$page" >"$TMPD/out" \
			2>"$TMPD/err"
		st=$?
		[ -n "${UPDATE_GOLDEN:-}" ] && cp "$TMPD/out" "$exp"
		[ $st -eq 0 ] && cmp -s "$TMPD/out" "$exp"
		res=$?
		ok $res "golden: $name ($to)"
		if [ $res -ne 0 ]; then
			diag <"$TMPD/err"
			diff -u "$exp" "$TMPD/out" | head -n 40 | diag
		fi
	done
done

RUST="$F/pages/rust-blog.html"
RURL=$(cat "$F/pages/rust-blog.url")
SUB="$F/pages/substack.html"
SURL=$(cat "$F/pages/substack.url")
ENT="$F/pages/enterprisers.html"
EURL=$(cat "$F/pages/enterprisers.url")

# ---- metadata and diagnostics (--verbose) -----------------------------
winnow -v --steps ftr --ftr-dir "$F/conf" --url "$RURL" --to text "$RUST" \
	>/dev/null 2>"$TMPD/err"
# a step's messages name the page they are about
grep -qxF "winnow: ftr: info: $RUST: title: What do people love about Rust?" "$TMPD/err"
ok $? "title: into the metadata"
grep -qxF "winnow: ftr: info: $RUST: author: Niko Matsakis" "$TMPD/err"
ok $? "author: an XPath string function"
grep -qxF "winnow: ftr: info: $RUST: date: Dec. 19, 2025" "$TMPD/err"
ok $? "date: kept as found when it is no known format"
grep -qF "ftr: info: $RUST: native_ad_clue matched" "$TMPD/err"
ok $? "native_ad_clue: flags the document"
grep -q "blog.rust-lang.org.txt:26: warning: unknown directive 'titl' (did you mean 'title'?)" "$TMPD/err"
ok $? "a typo is reported with file:line under --verbose"
grep -q "blog.rust-lang.org.txt:25: note: 'single_page_link' is not supported" "$TMPD/err"
ok $? "page-fetching directives are reported unsupported"
winnow --jobs 1 -v -o "$TMPD" --steps ftr --ftr-dir "$F/conf" --url "$RURL" \
	"$RUST" "$RUST" 2>"$TMPD/err"
[ "$(grep -c "unknown directive 'titl'" "$TMPD/err")" -eq 1 ] &&
	[ "$(grep -c "blog.rust-lang.org.txt: 2[0-9] directives" "$TMPD/err")" -eq 1 ]
ok $? "a batch parses each config once and reports it once"
winnow --steps ftr --ftr-dir "$F/conf" --url "$RURL" --to text "$RUST" \
	>/dev/null 2>"$TMPD/err"
[ ! -s "$TMPD/err" ]
ok $? "no diagnostics without --verbose"

# ---- lookup, dir order, chain arguments, no-ops ------------------------
winnow --steps '' --url "$SURL" --to html "$SUB" >"$TMPD/plain"
winnow -v --steps ftr --ftr-dir "$F/conf" --url "$SURL" --to html "$SUB" \
	>"$TMPD/out" 2>"$TMPD/err"
grep -q "conf/.substack.com.txt$" "$TMPD/err" && ! cmp -s "$TMPD/out" "$TMPD/plain"
ok $? ".substack.com.txt serves a subdomain (CRLF and BOM read)"
winnow -v --steps ftr --ftr-dir "$F/conf" --ftr-dir "$F/override" \
	--url "$SURL" --to text "$SUB" >"$TMPD/out" 2>"$TMPD/err"
grep -q "override/.substack.com.txt (and lower dirs)" "$TMPD/err" &&
	grep -q "^Welcome to the State of AI Newsletter" "$TMPD/out" &&
	! grep -q "Major advances" "$TMPD/out" && ! grep -q "global.txt" "$TMPD/err"
ok $? "a later --ftr-dir comes first: lists merged, its yes/no wins"
printf 'body: //div[@class="post"]\nstrip: //p\nstrip: //blockquote\n' \
	>"$TMPD/blog.rust-lang.org.txt"
winnow -v --steps ftr --ftr-dir "$TMPD" --url "$RURL" --to text "$RUST" \
	>"$TMPD/out" 2>"$TMPD/err"
grep -q "the strips would take .* none applied" "$TMPD/err" &&
	grep -q "^Rust has been named" "$TMPD/out"
ok $? "strips that together would take the article are not applied"
winnow -v --steps ftr --ftr-dir "$F/conf" --url https://www.nathanbenaich.substack.com.evil/ \
	--to html "$SUB" >/dev/null 2>"$TMPD/err"
! grep -q "substack.com.txt$" "$TMPD/err"
ok $? "no config for an unrelated host"
printf 'ftr dir=%s\n' "$F/conf" >"$TMPD/chain"
winnow --chain "$TMPD/chain" --url "$RURL" --to html "$RUST" >"$TMPD/out"
cmp -s "$TMPD/out" "$F/pages/rust-blog.expected.html"
ok $? "chain file: ftr dir=DIR as --ftr-dir DIR"
winnow --steps '' --url "$RURL" --to html "$RUST" >"$TMPD/plain"
winnow --steps ftr --url "$RURL" --to html "$RUST" >"$TMPD/out" 2>"$TMPD/err"
cmp -s "$TMPD/out" "$TMPD/plain" && [ ! -s "$TMPD/err" ]
ok $? "without dirs the step does nothing"
winnow --steps ftr --ftr-dir "$F/conf" --to html "$RUST" >"$TMPD/out" 2>&1
cmp -s "$TMPD/out" "$TMPD/plain"
ok $? "without a URL the step does nothing"
winnow --chain /dev/null >/dev/null 2>&1 </dev/null
printf 'ftr bogus=1\n' >"$TMPD/chain"
winnow --chain "$TMPD/chain" "$RUST" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "unknown argument 'bogus'" "$TMPD/err"
ok $? "an unknown step argument is refused"

# ---- global.txt and the default chain ---------------------------------
winnow -v --steps ftr --ftr-dir "$F/conf" --url "$EURL" --to html "$ENT" \
	>"$TMPD/out" 2>"$TMPD/err"
! grep -q "<form" "$TMPD/out" && ! grep -q "icon-printer" "$TMPD/out" &&
	grep -q "global.txt: 2 directives" "$TMPD/err"
ok $? "global.txt is merged (autodetect_on_failure defaults to yes)"
printf 'autodetect_on_failure: no\n' >"$TMPD/enterprisersproject.com.txt"
winnow --steps ftr --ftr-dir "$F/conf" --ftr-dir "$TMPD" --url "$EURL" \
	--to html "$ENT" >"$TMPD/out"
grep -q "<form" "$TMPD/out"
ok $? "autodetect_on_failure: no leaves global.txt out"
winnow -v --ftr-dir "$F/conf" --url "$RURL" --to text "$RUST" \
	>"$TMPD/out" 2>"$TMPD/err"
grep -q "^Rust has been named" "$TMPD/out" &&
	grep -q "^Conclusion$" "$TMPD/out" && ! grep -q "Get help" "$TMPD/out"
ok $? "default chain: the article body: picked"
rm -f "$TMPD/enterprisersproject.com.txt"


# ---- --check-rules -----------------------------------------------------
winnow --check-rules "$F/broken" >"$TMPD/out" 2>"$TMPD/err"
st=$?
[ $st -eq 2 ]
ok $? "check-rules: errors give exit 2"
grep -q "broken/broken.txt:2: error: not a directive (no ':')" "$TMPD/err"
ok $? "check-rules: a line without a colon, with file:line"
grep -q "broken/broken.txt:3: error: strip: bad XPath '//div\['" "$TMPD/err"
ok $? "check-rules: a bad XPath, with file:line"
grep -q "broken/broken.txt:5: error: 1 find_string but 0 replace_string" "$TMPD/err"
ok $? "check-rules: an unpaired find_string"
grep -q "broken/broken.txt:6: warning: unknown directive 'titl' (did you mean 'title'?)" "$TMPD/err"
ok $? "check-rules: a typo"
grep -q "broken/sites/bad.lua:[0-9]*:" "$TMPD/err" &&
	grep -q "bad.lua: error: the script does not load" "$TMPD/err"
ok $? "check-rules: a Lua site script that does not load"
grep -q "^files: 4 (2 Full-Text RSS configs, 2 Lua scripts)$" "$TMPD/out" &&
	grep -q "^directives: 6 (5 applied, 0 accepted without effect, 0 unsupported, 1 unknown)$" "$TMPD/out" &&
	grep -q "^errors: 4, warnings: 1$" "$TMPD/out"
ok $? "check-rules: the summary"
if [ $? -ne 0 ]; then diag <"$TMPD/out"; diag <"$TMPD/err"; fi
winnow --check-rules "$F/conf" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && grep -q "^errors: 0, warnings: 1$" "$TMPD/out" &&
	grep -q "^  single_page_link  *1$" "$TMPD/out" &&
	grep -q "^  titl  *1$" "$TMPD/out"
ok $? "check-rules: the test configs check clean, unsupported counted by name"
winnow --check-rules "$TMPD/no-such-dir" >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q "no-such-dir" "$TMPD/err"
ok $? "check-rules: a missing dir"

# ---- id(): winnow's parser leaves libxml2's ID table empty; its id()
# finds the IDs in the tree (id attributes, name on <a>)
mkdir -p "$TMPD/idconf"
printf '%s\n' 'title: id("head")' 'body: id("story")' 'strip: id("x y")' \
	'strip: id(//p[@class="which"])' >"$TMPD/idconf/example.org.txt"
printf '%s' '<html><body><h1 id="head">Title</h1><div id="story">' \
	'<p>Kept</p><p id="x">x</p><a name="y">y</a><p id="z">z</p>' \
	'<p class="which">z</p></div><p>Dropped</p></body></html>' \
	>"$TMPD/id.html"
winnow -v --steps ftr --ftr-dir "$TMPD/idconf" --url http://example.org/a \
	--to text "$TMPD/id.html" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && printf 'Kept\n\nz\n' | cmp -s - "$TMPD/out"
ok $? "id(): the body picked, IDs of a string and of a node set stripped"
grep -q "title: Title" "$TMPD/err"
ok $? "id(): in a title rule"

done_testing
