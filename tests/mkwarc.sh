#!/bin/sh
# SPDX-License-Identifier: MIT
# Build a small WARC 1.1 file from the fixture pages, the way web
# archives ship them: one gzip member per record (with -z), a warcinfo
# record, request and response records, a metadata record, and
# responses winnow must skip (an image, a 404).  With -t the file is
# cut short, as by a broken download: it ends halfway through its last
# response (halfway through the record's gzip member with -z).
#   mkwarc.sh [-z] [-t] OUT SRCDIR
set -eu
gz= cut=
[ "$1" = -z ] && { gz=1; shift; }
[ "$1" = -t ] && { cut=1; shift; }
out=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkwarc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: >"$out"
n=0

# record TYPE URI CONTENT-TYPE BLOCKFILE [half]
record() {
	n=$((n + 1))
	len=$(wc -c <"$4" | tr -d ' ')
	{
		printf 'WARC/1.1\r\n'
		printf 'WARC-Type: %s\r\n' "$1"
		[ -n "$2" ] && printf 'WARC-Target-URI: %s\r\n' "$2"
		printf 'WARC-Date: 2026-11-30T12:00:%02dZ\r\n' "$n"
		printf 'WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n' "$n"
		printf 'Content-Type: %s\r\n' "$3"
		printf 'Content-Length: %s\r\n' "$len"
		printf '\r\n'
		cat "$4"
		printf '\r\n\r\n'
	} >"$tmp/rec"
	if [ -n "$gz" ]; then
		gzip -c -n "$tmp/rec" >"$tmp/rec.gz"
		mv "$tmp/rec.gz" "$tmp/rec"
	fi
	if [ "${5:-}" = half ]; then
		head -c $(($(wc -c <"$tmp/rec") / 2)) "$tmp/rec" >>"$out"
	else
		cat "$tmp/rec" >>"$out"
	fi
}

# response URI STATUS CONTENT-TYPE BODYFILE [half]
response() {
	printf 'GET / HTTP/1.1\r\nHost: example\r\n\r\n' >"$tmp/req"
	record request "$1" 'application/http; msgtype=request' "$tmp/req"
	{
		printf 'HTTP/1.1 %s X\r\n' "$2"
		printf 'Content-Type: %s\r\n' "$3"
		printf 'X-Crawler-Content-Length: 1\r\n'
		printf '\r\n'
		cat "$4"
	} >"$tmp/resp"
	record response "$1" 'application/http; msgtype=response' "$tmp/resp" \
		"${5:-}"
}

printf 'software: winnow tests/mkwarc.sh\r\nformat: WARC File Format 1.1\r\n' \
	>"$tmp/info"
record warcinfo '' 'application/warc-fields' "$tmp/info"
response https://news.example.org/china-drones-russia/ 200 \
	'text/html; charset=utf-8' "$src/seed-ghost-html/input.html"
printf '\211PNG\r\n\032\n' >"$tmp/png"
response https://news.example.org/logo.png 200 image/png "$tmp/png"
printf '<html><body><p>Caf\351 cr\350me, na\357ve.</p></body></html>' \
	>"$tmp/latin1.html"
response https://latin.example/cafe 200 'text/html; charset="ISO-8859-1"' \
	"$tmp/latin1.html"
printf '<html><body><p>Not here</p></body></html>' >"$tmp/404.html"
response https://news.example.org/gone 404 text/html "$tmp/404.html"
response https://blog.example.com/post 200 text/html \
	"$src/wordpress-html/input.html"
if [ -n "$cut" ]; then
	response https://blog.example.com/cut 200 text/html \
		"$src/markdown-html/input.html" half
	exit 0
fi
printf 'via: test\r\n' >"$tmp/meta"
record metadata https://blog.example.com/post application/warc-fields \
	"$tmp/meta"
