#!/bin/sh
# SPDX-License-Identifier: MIT
# `make eval`: run winnow over evaluation corpora and score the output.
#
#   tests/eval.sh [-c CHAIN] [CORPUS_DIR...]
#
# WINNOW_ARGS adds winnow options (WINNOW_ARGS="--parser html5").
# Site rules are left out (--skip sites) so the figures measure the
# generic steps on pages nobody wrote rules for; SITES=1 keeps them (with
# -c CHAIN, the chain decides).
# A corpus dir holds html/<id>.html.gz and truth.jsonl, optionally
# text-lynx/<id>.txt (lynx -dump -nolist) and text-w3m/<id>.txt.  Default:
# the corpora in ../shared/corpus beside the source tree.  For each one it
# prints precision, recall, F1, mean F1 and (where the truth has snippet
# lists) the boilerplate-snippet rate, then the ten worst pages.
set -eu
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${abs_top_builddir:-$srcdir}
WINNOW=${WINNOW:-$builddir/winnow}
SCORE=${SCORE:-$srcdir/../shared/bench/score.py}
chain_args=${WINNOW_ARGS:-} # e.g. WINNOW_ARGS="--parser html5"
if [ "${1:-}" = "-c" ]; then
	chain_args="$chain_args --chain $2"
	shift 2
elif [ "${SITES:-0}" != 1 ]; then
	# (a chain of one's own says itself whether it has 'sites')
	chain_args="$chain_args --skip sites"
fi
[ $# -gt 0 ] || set -- "$srcdir/../shared/corpus/scrapinghub-aeb" \
	"$srcdir/../shared/corpus/wcxb-dev"
[ -f "$SCORE" ] || { echo "eval: no scorer at $SCORE" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/winnow-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

worst() { # PRED_DIR TRUTH METRIC: the ten lowest per-page F1
	python3 "$SCORE" --metric "$3" --json "$2" "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
pages = sorted(d["pages"], key=lambda p: p["f1"])[:10]
print("  worst pages (F1 P R id):")
for p in pages:
    print("    %.3f %.3f %.3f %s" % (p["f1"], p["p"], p["r"], p["id"]))'
}

score() { # LABEL PRED_DIR TRUTH METRIC
	echo "== $1"
	python3 "$SCORE" --quiet --metric "$4" "$3" "$2" | grep -v '^F1 ' |
		sed 's/^/  /'
	worst "$2" "$3" "$4"
}

for corpus in "$@"; do
	name=$(basename "$corpus")
	truth="$corpus/truth.jsonl"
	metric=aeb
	grep -q '"page_type"' "$truth" && metric=wcxb
	mkdir -p "$tmp/$name/in" "$tmp/$name/html" "$tmp/$name/text"
	for f in "$corpus"/html/*.html.gz; do
		id=$(basename "$f" .html.gz)
		gzip -dc "$f" >"$tmp/$name/in/$id.html"
	done
	start=$(date +%s.%N)
	# shellcheck disable=SC2086
	"$WINNOW" $chain_args --to text -o "$tmp/$name/html" \
		"$tmp/$name/in"/*.html 2>"$tmp/$name/html.err" || true
	end=$(date +%s.%N)
	n=$(ls "$tmp/$name/in" | wc -l)
	score "$name, HTML in ($n pages, $(echo "$end - $start" | bc) s)" \
		"$tmp/$name/html" "$truth" "$metric"
	if [ -d "$corpus/text-lynx" ]; then
		# shellcheck disable=SC2086
		"$WINNOW" $chain_args --from text --to text -o "$tmp/$name/text" \
			"$corpus"/text-lynx/*.txt 2>"$tmp/$name/text.err" || true
		score "$name, lynx -dump -nolist text in" "$tmp/$name/text" \
			"$truth" "$metric"
	fi
	empty=0
	for f in "$tmp/$name/html"/*.txt; do
		[ -s "$f" ] || empty=$((empty + 1))
	done
	echo "  empty HTML outputs: $empty"
done
