#!/bin/sh
# SPDX-License-Identifier: MIT
# Stream modes: --jsonl (JSON lines in and out, in input order, errors
# in-band) and --warc (the HTML responses of a WARC file built here by
# tests/mkwarc.sh from the fixture pages).
. "${top_srcdir:-.}/tests/lib.sh"

CASES="$top_srcdir/tests/cases"
unset XDG_DATA_HOME WINNOW_PLUGIN_PATH

# ---- --jsonl
{
	echo '{"url":"https://a.example/x","html":"<title>A page</title><p>Hello <b>world</b></p>","id":7}'
	echo 'not json'
	echo ''
	printf '%s\n' '{"url":"https://t.example/","text":"Line one.\n\nLine two."}'
	echo '{"url":5,"html":"x"}'
	echo '{"nothing":1}'
	echo '[1,2]'
	echo '{"html":"<p>last</p>","tags":["a","b"]}'
} >"$TMPD/in.jsonl"
winnow --jsonl --steps= --json-fields title,text "$TMPD/in.jsonl" \
	>"$TMPD/out" 2>"$TMPD/err"
st=$?
cat >"$TMPD/exp" <<'EOT'
{"url":"https://a.example/x","id":7,"title":"A page","text":"Hello world\n"}
{"line":2,"error":"not a JSON object: '[' or '{' expected near 'not'"}
{"url":"https://t.example/","title":null,"text":"Line one.\n\nLine two.\n"}
{"url":5,"line":5,"error":"\"url\" is not a string"}
{"nothing":1,"line":6,"error":"no \"html\" or \"text\" member"}
{"line":7,"error":"not a JSON object"}
{"tags":["a","b"],"title":null,"text":"last\n"}
EOT
[ $st -eq 0 ] && cmp -s "$TMPD/out" "$TMPD/exp"
ok $? "--jsonl: one object per line, fields passed through, errors in-band"
if [ $? -ne 0 ]; then diff "$TMPD/exp" "$TMPD/out" | diag; fi
grep -q '^winnow: 7 lines in .*: 3 ok, 4 failed$' "$TMPD/err"
ok $? "--jsonl: the summary counts lines and failures"

i=0
while [ $i -lt 40 ]; do
	printf '{"url":"https://n.example/%d","html":"<h1>Page %d</h1><p>%s</p>"}\n' \
		$i $i "$(printf 'word %.0s' $(seq 1 $((i * 7 % 50 + 1))))"
	i=$((i + 1))
done >"$TMPD/many.jsonl"
winnow --jsonl --jobs 1 --json-fields title <"$TMPD/many.jsonl" \
	>"$TMPD/j1" 2>/dev/null
winnow --jsonl --jobs 4 --json-fields title <"$TMPD/many.jsonl" \
	>"$TMPD/j4" 2>/dev/null
[ "$(wc -l <"$TMPD/j1")" -eq 40 ] && cmp -s "$TMPD/j1" "$TMPD/j4" &&
	sed -n '40p' "$TMPD/j4" | grep -q '"url":"https://n.example/39"'
ok $? "--jsonl --jobs 4: the same lines, in input order"
# 10,000 records, 1% of them malformed (a line cut inside its string):
# exactly 10,000 lines out, in input order, the malformed ones as error
# objects, exit status 0.  (Not under valgrind: the small cases above
# cover memory; this one is about order and count.)
awk 'BEGIN { for (i = 1; i <= 10000; i++)
	if (i % 100 == 37)
		printf "{\"url\":\"https://m.example/%d\",\"html\":\"<p>cut\n", i
	else
		printf "{\"url\":\"https://s.example/%d\",\"html\":\"<title>T%d</title><p>Record %d.</p>\"}\n", i, i, i }' \
	>"$TMPD/10k.jsonl"
"$WINNOW" --jsonl --jobs 2 --json-fields title,text "$TMPD/10k.jsonl" \
	>"$TMPD/10k.out" 2>"$TMPD/err"
st=$?
awk -v st=$st '
	{ n++ }
	n % 100 == 37 {
		if ($0 !~ "^{\"line\":" n ",\"error\":\"not a JSON object: ") bad++
		errs++; next }
	$0 != "{\"url\":\"https://s.example/" n "\",\"title\":\"T" n "\",\"text\":\"Record " n ".\\n\"}" { bad++ }
	END { exit !(st == 0 && n == 10000 && errs == 100 && !bad) }' \
	"$TMPD/10k.out"
ok $? "--jsonl: 10,000 lines, 1% malformed: 10,000 out, in order, errors in place"
grep -q '^winnow: 10000 lines in .*: 9900 ok, 100 failed$' "$TMPD/err"
ok $? "--jsonl: 10,000 lines: the summary counts 100 failures"
winnow --jsonl --to text </dev/null >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ]
ok $? "--jsonl with --to text: usage error"

# ---- --warc
sh "$top_srcdir/tests/mkwarc.sh" -z "$TMPD/t.warc.gz" "$CASES"
sh "$top_srcdir/tests/mkwarc.sh" "$TMPD/t.warc" "$CASES"
winnow --warc "$TMPD/t.warc.gz" --json-fields title,text >"$TMPD/w1" \
	2>"$TMPD/err"
st=$?
[ $st -eq 0 ] && [ "$(wc -l <"$TMPD/w1")" -eq 3 ] &&
	grep -q '^winnow: 5 records in .*: 3 ok, 0 failed, 2 skipped$' "$TMPD/err"
ok $? "--warc: three HTML responses; the image and the 404 are skipped"
head -n 1 "$TMPD/w1" | grep -q '^{"url":"https://news.example.org/china-drones-russia/","warc_record_id":"<urn:uuid:00000000-0000-4000-8000-000000000003>","warc_date":"2026-11-30T12:00:03Z","title":"China reportedly'
ok $? "--warc: url, warc_record_id and warc_date come first"
sed -n 2p "$TMPD/w1" | grep -q '"text":"Café crème, naïve.\\n"'
ok $? "--warc: the HTTP header's charset decodes the page"
winnow --warc "$TMPD/t.warc" --json-fields title,text --jobs 3 >"$TMPD/w2" \
	2>/dev/null
cmp -s "$TMPD/w1" "$TMPD/w2"
ok $? "--warc: a plain file gives the same lines (--jobs 3)"
gzip -dc "$TMPD/t.warc.gz" | winnow --warc - --json-fields title,text \
	>"$TMPD/w3" 2>/dev/null
cmp -s "$TMPD/w1" "$TMPD/w3"
ok $? "--warc -: reads standard input"
winnow --warc "$TMPD/t.warc" --json-fields title >/dev/null 2>&1 &&
	sed -n 1p "$TMPD/w1" | grep -q '"text":"Russia and China are allegedly' &&
	grep -q 'Overwinter Dahlias' "$TMPD/w1"
ok $? "--warc: the pages are cleaned by the default chain"

winnow --warc "$TMPD/t.warc" --json-fields title >"$TMPD/w1t" 2>/dev/null
# a truncated file: the records before the break, then an error
head -c "$(($(wc -c <"$TMPD/t.warc") - 300))" "$TMPD/t.warc" >"$TMPD/cut.warc"
winnow --warc "$TMPD/cut.warc" --json-fields title >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 2 ] && [ "$(wc -l <"$TMPD/out")" -eq 3 ] &&
	sed -n 3p "$TMPD/out" | grep -q '"url":"https://blog.example.com/post",.*"error":"truncated record' &&
	grep -q 'cut.warc: truncated record (the record at byte [1-9]' "$TMPD/err"
ok $? "--warc: a truncated file: earlier records out, the error named, exit 2"
# a WARC of the fixture pages whose last record, a response, is cut
# short (mid-record, and mid gzip member): every complete record is out,
# the cut one is an error object in its place and is named on stderr,
# and the exit status is 2 (an input was damaged)
for z in "" -z; do
	sh "$top_srcdir/tests/mkwarc.sh" $z -t "$TMPD/cut2.warc" "$CASES"
	winnow --warc "$TMPD/cut2.warc" --json-fields title >"$TMPD/out" \
		2>"$TMPD/err"
	st=$?
	why="truncated record"
	[ -z "$z" ] || why="truncated gzip data"
	[ $st -eq 2 ] && [ "$(wc -l <"$TMPD/out")" -eq 4 ] &&
		head -n 3 "$TMPD/out" | cmp -s - "$TMPD/w1t" &&
		sed -n 4p "$TMPD/out" | grep -q '^{"url":"https://blog.example.com/cut","warc_record_id":"<urn:uuid:00000000-0000-4000-8000-000000000013>","warc_date":"2026-11-30T12:00:13Z","error":"'"$why"' (the record at byte [0-9]*)"}$' &&
		grep -q "cut2.warc: $why (the record at byte [0-9]*): <urn:uuid:00000000-0000-4000-8000-000000000013> https://blog.example.com/cut\$" "$TMPD/err" &&
		grep -q '^winnow: 6 records in .*: 3 ok, 1 failed, 2 skipped$' "$TMPD/err"
	res=$?
	ok $res "--warc${z:+ (gzip)}: the last response cut short: the others out, it reported, exit 2"
	if [ $res -ne 0 ]; then
		echo "exit status $st" | diag
		diag <"$TMPD/err"
		cut -c 1-200 "$TMPD/out" | diag
	fi
done
printf 'GARBAGE\r\n' >"$TMPD/bad.warc"
winnow --warc "$TMPD/bad.warc" >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q 'bad.warc: not a WARC/1.0 or 1.1 record (the record at byte 0)' "$TMPD/err"
ok $? "--warc: not a WARC file"
winnow --warc "$TMPD/none.warc" >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q 'none.warc: No such file' "$TMPD/err"
ok $? "--warc: a missing file"
done_testing
