#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile inputs (tests/hostile/README lists every case and its
# outcome).  Each runs under tests/hostile/rusage: it must end with
# output and status 0, or with a one-line error naming the input and a
# non-zero status; never by a signal, never after more than 10 s, and
# with a peak resident set under 10 times the input plus 64 MB.  Large
# inputs are made here.  Under valgrind or the sanitizers the time and
# memory limits are not checked (both slow winnow and grow its memory).
. "${top_srcdir:-.}/tests/lib.sh"

RUSAGE="$abs_top_builddir/tests/hostile/rusage"
SEED="$top_srcdir/tests/cases/seed-ghost-html/input.html"
HOME=$TMPD/home
export HOME
unset XDG_DATA_HOME WINNOW_PLUGIN_PATH WINNOW_SCRIPT_PATH
limits=yes
secs=10
if [ -n "${VALGRIND:-}" ] || [ "${WN_SANITIZERS:-no}" = yes ]; then
	limits=no
	secs=300
fi

# $TMPD/run: the program itself, not libtool's wrapper script (its
# shell would count in the time and memory), unless valgrind runs it.
if [ -z "${VALGRIND:-}" ] && [ -x "$abs_top_builddir/.libs/winnow" ]; then
	cat >"$TMPD/run" <<EOS
#!/bin/sh
LD_LIBRARY_PATH="$abs_top_builddir/.libs\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
exec "$abs_top_builddir/.libs/winnow" "\$@"
EOS
else
	cat >"$TMPD/run" <<EOS
#!/bin/sh
. "$top_srcdir/tests/lib.sh" >/dev/null
winnow "\$@"
EOS
fi
chmod +x "$TMPD/run"

# measure OUTCOME NAME INPUT [ARGS...]: run winnow ARGS INPUT (INPUT may
# be -, read from $TMPD/stdin); OUTCOME is "ok" (status 0 and output),
# "ok-empty" (status 0, output may be empty) or "error" (a non-zero
# status and one line on stderr naming the input).
measure() {
	want=$1 name=$2 input=$3
	shift 3
	size=0
	[ -f "$input" ] && size=$(wc -c <"$input")
	if [ "$input" = - ]; then
		"$RUSAGE" -t "$secs" -o "$TMPD/ru" sh -c '
			f=$1; shift; exec "$@" <"$f"' sh "$TMPD/stdin" \
			"$TMPD/run" "$@" - \
			>"$TMPD/out" 2>"$TMPD/err"
	else
		"$RUSAGE" -t "$secs" -o "$TMPD/ru" \
			"$TMPD/run" "$@" "$input" \
			>"$TMPD/out" 2>"$TMPD/err"
	fi
	check "$want" "$name" "$input" "$size"
}

# check OUTCOME NAME INPUT SIZE: judge the run recorded in $TMPD/ru.
check() {
	set -- "$1" "$2" "$3" "$4" $(cat "$TMPD/ru")
	want=$1 name=$2 input=$3 size=$4 how=$5
	if [ "$how" = timeout ]; then
		st=timeout kb=$7 t=$9
	else
		st=$6 kb=$8 t=${10}
	fi
	res=0
	why=
	case $how in
	exit) ;;
	*) res=1 why="ended by $how $st" ;;
	esac
	cap=$(((size * 10 + 64 * 1024 * 1024) / 1024))
	if [ $res -eq 0 ] && [ $limits = yes ] && [ "$kb" -gt "$cap" ]; then
		res=1 why="peak memory $kb KB over $cap KB"
	fi
	if [ $res -eq 0 ]; then
		case $want in
		ok) [ "$st" -eq 0 ] && [ -s "$TMPD/out" ] ||
			{ res=1 why="status $st, $(wc -c <"$TMPD/out") bytes out"; } ;;
		ok-empty) [ "$st" -eq 0 ] || { res=1 why="status $st"; } ;;
		error)
			lines=$(grep -c . "$TMPD/err")
			[ "$st" -ne 0 ] && [ "$lines" -eq 1 ] &&
				grep -qF -- "$input" "$TMPD/err" ||
				{ res=1 why="status $st, $lines lines on stderr"; } ;;
		esac
	fi
	if [ -n "${todo:-}" ] && [ $res -ne 0 ]; then
		# a known failure: reported, not counted (TAP TODO)
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $name: $want ($how $st, ${kb} KB, ${t} s) # TODO $todo"
		echo "$why" | diag
		return
	fi
	ok $res "$name: $want ($how $st, ${kb} KB, ${t} s)"
	if [ $res -ne 0 ]; then
		echo "$why" | diag
		head -c 2000 "$TMPD/err" | diag
	fi
}

H=$TMPD/h
mkdir -p "$H"
PROSE='Winnow keeps the article and drops the clutter around it, and it must do so on pages that were written to hurt it as well as on honest ones.'

# ---- small and odd inputs ------------------------------------------
: >"$H/empty.html"
measure ok-empty "empty input" "$H/empty.html"

head -c 1048576 /dev/urandom >"$H/random.bin"
measure ok "1 MB of random bytes" "$H/random.bin"

printf '<html><body><p>before\000after %s</p><p>a\000\000b</p></body></html>\n' \
	"$PROSE" >"$H/nul.html"
measure ok "NUL bytes inside text" "$H/nul.html"

printf '<html><body><p>bad \377\376 bytes \300\257 and \355\240\200 %s</p></body></html>\n' \
	"$PROSE" >"$H/badutf8.html"
measure ok "invalid UTF-8" "$H/badutf8.html"

printf '<html><head><title>UTF-16</title></head><body><p>caf\303\251 %s</p></body></html>\n' \
	"$PROSE" | iconv -f UTF-8 -t UTF-16 >"$H/utf16.html"
measure ok "UTF-16 with BOM" "$H/utf16.html" --to text
grep -qF "$(printf 'caf\303\251')" "$TMPD/out"
ok $? "UTF-16 with BOM: decoded"

for meta in yes no; do
	m=
	[ $meta = yes ] && m='<meta charset="windows-1252">'
	printf '<html><head>%s<title>1252</title></head><body><p>caf\303\251 \342\200\234quoted\342\200\235 %s</p></body></html>\n' \
		"$m" "$PROSE" | iconv -f UTF-8 -t WINDOWS-1252 >"$H/cp1252-$meta.html"
	measure ok "windows-1252, meta charset: $meta" "$H/cp1252-$meta.html" \
		--to text
	grep -qF "$(printf 'caf\303\251 \342\200\234quoted')" "$TMPD/out"
	ok $? "windows-1252, meta charset: $meta: decoded"
	m=
	[ $meta = yes ] && m='<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
	printf '<html><head>%s<title>SJIS</title></head><body><p>\346\227\245\346\234\254\350\252\236\343\201\256\346\226\207\347\253\240\343\200\202%s</p></body></html>\n' \
		"$m" "$PROSE" | iconv -f UTF-8 -t SHIFT_JIS >"$H/sjis-$meta.html"
	measure ok "Shift_JIS, meta charset: $meta" "$H/sjis-$meta.html" \
		--to text
	if [ $meta = yes ]; then
		grep -qF "$(printf '\346\227\245\346\234\254\350\252\236')" "$TMPD/out"
		ok $? "Shift_JIS, meta charset: yes: decoded"
	fi
done

printf '<html><body><p>open <div class="x\n<p>%s\n<!-- a comment never closed <p>hidden' \
	"$PROSE" >"$H/unterminated.html"
measure ok "unterminated tags and comments" "$H/unterminated.html"

printf '<html><body><div><p>%s</p><script>var s = "</div><p>injected</p>";</script><p>after</p></div></body></html>\n' \
	"$PROSE" >"$H/script-div.html"
measure ok "<script> holding </div>" "$H/script-div.html" --to text
! grep -q injected "$TMPD/out"
ok $? "<script> holding </div>: its text is not shown"

printf '<html><body><p>%s</p></body></html>\n' "$PROSE" >"$H/html-as-text.txt"
measure ok "HTML-looking text input (--from text)" "$H/html-as-text.txt" \
	--from text --to html
printf '%s\n\n%s\n' "$PROSE" "$PROSE" >"$H/text-as-html.html"
measure ok "text-looking HTML (--from html)" "$H/text-as-html.html" \
	--from html

gzip -c "$SEED" | head -c 2000 >"$H/truncated.html.gz"
measure error "a truncated .gz" "$H/truncated.html.gz"

# ---- files that cannot be read or written ---------------------------
measure error "a nonexistent file" "$H/no-such-file.html"
mkdir -p "$H/adir"
measure error "a directory" "$H/adir"
cp "$SEED" "$H/unreadable.html"
chmod 000 "$H/unreadable.html"
if cat "$H/unreadable.html" >/dev/null 2>&1; then
	echo "ok $((tap_n += 1)) - an unreadable file # SKIP root reads it anyway"
else
	measure error "an unreadable file" "$H/unreadable.html"
fi
mkdir -p "$H/ro"
chmod 555 "$H/ro"
if touch "$H/ro/probe" 2>/dev/null; then
	rm -f "$H/ro/probe"
	echo "ok $((tap_n += 1)) - an unwritable -o directory # SKIP root writes it anyway"
else
	measure error "an unwritable -o directory" "$SEED" -o "$H/ro"
fi
"$RUSAGE" -t "$secs" -o "$TMPD/ru" \
	"$TMPD/run" -o "$H/missing-dir" "$SEED" \
	>"$TMPD/out" 2>"$TMPD/err"
check error "-o naming no directory" "$H/missing-dir" 0

# ---- big inputs ------------------------------------------------------
# (not under valgrind or the sanitizers: minutes each there)
if [ $limits = yes ]; then
awk -v p="$PROSE" 'BEGIN { print "<html><body>"
	for (i = 0; i < 100000; i++) printf "<div>"
	print "<p>" p "</p></body></html>" }' >"$H/deep.html"
measure ok "100,000-deep nesting" "$H/deep.html"
grep -q "hurt it as well" "$TMPD/out"
ok $? "100,000-deep nesting: the paragraph at the bottom is out"

awk -v p="$PROSE" 'BEGIN { printf "<html><body><p"
	for (i = 0; i < 100000; i++) printf " a%d=\"v\"", i
	print ">" p "</p></body></html>" }' >"$H/attrs.html"
measure ok "an element with 100,000 attributes" "$H/attrs.html"
LD_LIBRARY_PATH="$abs_top_builddir/.libs" "$TMPD/run" --steps= --to html \
	"$H/attrs.html" | grep -o ' a[0-9]*="v"' | wc -l >"$TMPD/n"
[ "$(cat "$TMPD/n")" -eq 1024 ]
ok $? "an element with 100,000 attributes: 1,024 kept"

{
	printf '<html><body><p title="'
	head -c 10485760 /dev/zero | tr '\0' 'a'
	printf '">%s</p></body></html>\n' "$PROSE"
} >"$H/bigattr.html"
measure ok "a 10 MB attribute value" "$H/bigattr.html"

{
	printf '<html><body>'
	awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<b>x</b>" }'
	printf '</body></html>\n'
} >"$H/million.html"
measure ok "a million tiny elements" "$H/million.html" --to text
[ "$(tr -cd x <"$TMPD/out" | wc -c)" -eq 1000000 ]
ok $? "a million tiny elements: all their text is out"

# past the element budget elements are not made: their text joins the
# element around them, and the text of hidden ones is dropped
{
	printf '<html><body><p>'
	awk 'BEGIN { for (i = 0; i < 150000; i++) printf "<b>x</b>" }'
	printf '</p><script>var SECRET = 1;</script><style>.HIDDEN {}</style>'
	printf '<p>The end, <i>after</i> the budget.</p></body></html>\n'
} >"$H/budget.html"
measure ok "past the element budget" "$H/budget.html" --steps= --to text
! grep -q 'SECRET\|HIDDEN' "$TMPD/out" &&
	grep -q '^The end, after the budget\.$' "$TMPD/out"
ok $? "past the element budget: text kept, script and style text not shown"

{
	printf '<html><head><title>A long page</title></head><body><article>\n'
	awk -v p="$PROSE" 'BEGIN { for (i = 0; i < 700000; i++)
		printf "<p>%d %s</p>\n", i, p }'
	printf '</article></body></html>\n'
} >"$H/big.html"
# over the default --max-size (32 MB): refused at once, by its size
measure error "a 100 MB page" "$H/big.html" --to text
grep -q 'over the input size limit' "$TMPD/err"
ok $? "a 100 MB page: the error says why (--max-size)"
rm -f "$H/big.html"

# a gzip bomb: 100 MB of zeros in 100 KB, judged by what it inflates to
head -c 104857600 /dev/zero | gzip -c >"$H/bomb.html.gz"
measure error "a gzip bomb (100 MB of zeros in 100 KB)" "$H/bomb.html.gz"
rm -f "$H/bomb.html.gz"
fi

# ---- stdout closed early ---------------------------------------------
awk 'BEGIN { printf "<html><body>"
	for (i = 0; i < 20000; i++) printf "<p>a paragraph %d</p>", i
	print "</body></html>" }' >"$H/stdout-big.html"
{
	"$RUSAGE" -t "$secs" -o "$TMPD/ru" \
		"$TMPD/run" --steps '' --to html "$H/stdout-big.html"
	echo $? >"$TMPD/pipest"
} 2>"$TMPD/err" | head -c 10 >"$TMPD/out"
check error "stdout closed early (| head -c 10)" "standard output" 0

# ---- a batch of 1,000 pages, 50 of them hostile ------------------------
# good pages from the fixtures; every 20th page is a bad one (broken
# gzip, a directory, a missing file, one that crashes a step, deep
# nesting, NUL bytes).  Every good page must have its output, every bad
# one that fails its line on stderr, and the batch must end.
B=$TMPD/batch
mkdir -p "$B/in" "$B/out"
set -- "$top_srcdir"/tests/plugins/*/*.html
nfix=$#
i=0 bad=0 list=
while [ $i -lt 1000 ]; do
	i=$((i + 1))
	name=$(printf 'p%04d' $i)
	if [ $((i % 20)) -eq 0 ]; then
		bad=$((bad + 1))
		case $((bad % 5)) in
		0) head -c 300 "$H/truncated.html.gz" >"$B/in/$name.html.gz"
		   list="$list $B/in/$name.html.gz" ;;
		1) mkdir -p "$B/in/$name.html"; list="$list $B/in/$name.html" ;;
		2) list="$list $B/in/$name-missing.html" ;;
		3) cp "$H/nul.html" "$B/in/$name.html"; list="$list $B/in/$name.html" ;;
		4) cp "$H/unterminated.html" "$B/in/$name.html"
		   list="$list $B/in/$name.html" ;;
		esac
		continue
	fi
	k=$((i % nfix + 1))
	eval "src=\${$k}"
	cp "$src" "$B/in/$name.html"
	list="$list $B/in/$name.html"
done
# shellcheck disable=SC2086
"$RUSAGE" -t 120 -o "$TMPD/ru" "$TMPD/run" -o "$B/out" --jobs 2 $list \
	>/dev/null 2>"$B/err"
read -r how st rest <"$TMPD/ru"
[ "$how" = exit ] && [ "$st" -eq 2 ]
ok $? "batch of 1,000 with 50 hostile: ends, status 2 ($how $st $rest)"
missing=0
for f in $list; do
	case $f in *-missing.html|*.gz) continue ;; esac
	[ -d "$f" ] && continue
	n=$(basename "$f" .html)
	[ -s "$B/out/$n.html" ] || missing=$((missing + 1))
done
[ $missing -eq 0 ]
ok $? "batch: every readable page has its output ($missing missing)"
nerr=$(grep '^winnow: ' "$B/err" | grep -vc ' pages in ')
[ "$nerr" -eq 30 ] && [ "$(grep -c 'p[0-9]*-missing.html: No such file' "$B/err")" -eq 10 ] &&
	[ "$(grep -c '.html.gz: ' "$B/err")" -eq 10 ] &&
	[ "$(grep -c 'html: Is a directory' "$B/err")" -eq 10 ]
ok $? "batch: the 30 unreadable ones are reported, one line each ($nerr lines)"
[ $nerr -eq 30 ] || head -n 40 "$B/err" | diag
done_testing
