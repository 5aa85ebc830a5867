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
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${abs_top_builddir:-$srcdir}
CORPUS=${CORPUS:-$srcdir/../shared/corpus/scrapinghub-aeb}
RUNS=${RUNS:-5}
STARTS=${STARTS:-200}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/winnow-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# the real program, not the libtool wrapper script
if [ -x "$builddir/.libs/winnow" ]; then
	WINNOW="$builddir/.libs/winnow"
	LD_LIBRARY_PATH="$builddir/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	export LD_LIBRARY_PATH
else
	WINNOW="$builddir/winnow"
fi
export HOME="$tmp/home"
unset XDG_CONFIG_HOME XDG_DATA_HOME WINNOW_SCRIPT_PATH WINNOW_PLUGIN_PATH

now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# CPU time (user + system, in us) of the children of a subshell, from
# the last line of `times`: "XmY.YYYs XmZ.ZZZs".  CPU time, not wall
# time: it holds steady on a busy machine.
cpu_us() {
	tail -n1 | awk '{ t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2])
			t += a[1] * 60 + a[2] }
		printf "%d\n", t * 1000000 }'
}

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
mkdir -p "$tmp/pages" "$tmp/o1" "$tmp/o2"
for f in "$CORPUS"/html/*.html.gz; do
	b=$(basename "$f" .gz)
	gzip -dc "$f" >"$tmp/pages/$b"
done
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
