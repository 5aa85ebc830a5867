#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmark: what Lua site rules cost.
#
#   1. start-up on a 1 KB page with 2,000 site rule files installed
#      against none (site scripts are looked up by host, so the cost
#      must not grow with their number);
#   2. the default chain over the scrapinghub-aeb pages in one process,
#      with and without a 20-rule script.
# Medians of several runs; prints the figures and the ratios.
set -eu
. "$(dirname "$0")/common"
STARTS=${STARTS:-200}

# ---- 1. start-up with 2,000 site rule files ---------------------------
mkdir -p "$tmp/none/sites" "$tmp/many/sites"
i=0
while [ $i -lt 2000 ]; do
	cat >"$tmp/many/sites/news$i.example$((i % 50)).com.lua" <<LUA
return {
  api = 1,
  sites = { "news$i.example$((i % 50)).com" },
  remove = { ".newsletter", ".related-$i", "aside.promo" },
  rules = { { css = "div.teaser-$i", fn = function(n) return false end } },
}
LUA
	i=$((i + 1))
done
i=0
while [ $i -lt 200 ]; do
	echo "*.blog$i.example.net news$i.example$((i % 50)).com.lua"
	i=$((i + 1))
done >"$tmp/many/sites/index"
page="$tmp/page.html"
{
	echo '<!DOCTYPE html><html><head><title>A small page</title></head><body><article><h1>A small page</h1>'
	for n in 1 2 3 4 5 6; do
		echo "<p>Paragraph $n of a small article, long enough to be prose for the steps of the chain.</p>"
	done
	echo '<div class="newsletter">Sign up</div></article></body></html>'
} >"$page"
startup() { # DIR URL: mean CPU time (us) of a run, over STARTS runs
	total=$( (
		n=0
		while [ $n -lt "$STARTS" ]; do
			"$WINNOW" --script-path "$1" --url "$2" --to text \
				"$page" >/dev/null
			n=$((n + 1))
		done
		times
	) | cpu_us)
	echo $((total / STARTS))
}
none=$(startup "$tmp/none" https://www.unknown.example.org/a)
miss=$(startup "$tmp/many" https://www.unknown.example.org/a)
hit=$(startup "$tmp/many" https://news1234.example34.com/a)
echo "start-up on a 1 KB page, default chain, CPU time, mean of $STARTS runs:"
printf '  %-44s %8.2f ms\n' "no site rules" "$(echo "$none / 1000" | bc -l)"
printf '  %-44s %8.2f ms  (%+.2f ms)\n' "2,000 rule files, none matching" \
	"$(echo "$miss / 1000" | bc -l)" "$(echo "($miss - $none) / 1000" | bc -l)"
printf '  %-44s %8.2f ms  (%+.2f ms)\n' "2,000 rule files, one matching" \
	"$(echo "$hit / 1000" | bc -l)" "$(echo "($hit - $none) / 1000" | bc -l)"

# ---- 2. a 20-rule script over the corpus --------------------------------
mkdir -p "$tmp/o1"
corpus_pages
cat >"$tmp/rules20.lua" <<'LUA'
-- twenty rules of the kinds site scripts use
return {
  api = 1,
  remove = {
    ".newsletter", "#newsletter-signup", "aside.related", "div.related-articles",
    "[class*=promo]", "[data-component=ad]", "div.social-share", "ul.share-tools",
    "section.comments", "#comments", "div[id^=taboola]", "div.outbrain",
    "figure figcaption span.credit", "nav.breadcrumbs", "div.author-bio",
  },
  unwrap = { "span.highlight" },
  rules = {
    { css = "p:matches-text(/^(read also|see also|related):/i)", fn = function(n) return false end },
    { css = "div:has(> h2:contains('Most read'))", fn = function(n) return false end },
    { css = "img[data-src]", fn = function(n) n:set_attr("src", n:attr("data-src")) end },
    { xpath = "//a[starts-with(@href,'javascript:')]", fn = function(n) return n:text() end },
  },
}
LUA
batch() { # EXTRA-ARGS...: median CPU time (us) of RUNS batch runs
	n=0
	while [ $n -lt "$RUNS" ]; do
		(
			"$WINNOW" --jobs 1 "$@" --to text -o "$tmp/o1" \
				"$tmp/pages"/*.html 2>/dev/null
			times
		) | cpu_us
		n=$((n + 1))
	done | median
}
npages=$(ls "$tmp/pages" | wc -l)
plain=$(batch)
with=$(batch --script "$tmp/rules20.lua")
echo "default chain over $npages corpus pages, one process, CPU time, median of $RUNS runs:"
printf '  %-44s %8.1f ms\n' "default chain" "$(echo "$plain / 1000" | bc -l)"
printf '  %-44s %8.1f ms  (x%.3f)\n' "default chain + a 20-rule script" \
	"$(echo "$with / 1000" | bc -l)" "$(echo "$with / $plain" | bc -l)"
