#!/bin/sh
# SPDX-License-Identifier: MIT
# The winnow command as a user meets it: options, exit statuses, error
# messages, the plugin search path, --explain, --strict and outputs.
. "${top_srcdir:-.}/tests/lib.sh"

SEED="$top_srcdir/tests/cases/seed-text/input.txt"
SEED_EXP="$top_srcdir/tests/cases/seed-text/expected.txt"
TP="$abs_top_builddir/tests/abi/.libs"
# a clean environment: no user plugin dirs leak into the tests
HOME=$TMPD/home XDG_DATA_HOME= WINNOW_PLUGIN_PATH=
export HOME XDG_DATA_HOME WINNOW_PLUGIN_PATH
unset XDG_DATA_HOME WINNOW_PLUGIN_PATH

winnow --version >"$TMPD/out"
ok $? "--version exits 0"
grep -q '^winnow [0-9]' "$TMPD/out"
ok $? "--version prints the version"
sed -n 2p "$TMPD/out" |
	grep -Eq '^libxml2 [0-9]+\.[0-9]+\.[0-9]+, (jemalloc [0-9]+\.[0-9]+\.[0-9]+|the C library.s malloc)$'
ok $? "--version names libxml2's release and the allocator"
winnow --help >"$TMPD/out"
ok $? "--help exits 0"
grep -q -- '--explain' "$TMPD/out" && grep -q 'Exit status' "$TMPD/out"
ok $? "--help documents options and exit statuses"

winnow --no-such-option </dev/null >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ]
ok $? "unknown option: exit 1"
winnow --to pdf </dev/null >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q "unknown format 'pdf'" "$TMPD/err"
ok $? "unknown format: exit 1 and says so"
winnow a b >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q 'several inputs need -o DIR' "$TMPD/err"
ok $? "several inputs without -o: exit 1"

winnow "$TMPD/missing.html" >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q "missing.html: No such file" "$TMPD/err"
ok $? "missing input: exit 2, names the file"
winnow "$TMPD" >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q "Is a directory" "$TMPD/err"
ok $? "directory input: exit 2"
printf 'x' | winnow --encoding bogus-charset >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q "encoding" "$TMPD/err"
ok $? "unknown --encoding: exit 2"

# the seed through stdin, and --explain naming a step for every removal
winnow --to text <"$SEED" >"$TMPD/out" 2>"$TMPD/err"
cmp -s "$TMPD/out" "$SEED_EXP"
ok $? "seed from stdin"
winnow --explain --to text <"$SEED" >/dev/null 2>"$TMPD/err"
in_blocks=$(grep -c . "$SEED")
out_blocks=$(grep -c . "$SEED_EXP")
removed=$((in_blocks - out_blocks))
explained=$(grep -c '^winnow: explain: [a-z_]*: line [0-9]*: ' "$TMPD/err")
[ "$removed" -gt 0 ] && [ "$explained" -eq "$removed" ]
ok $? "--explain names the step behind each of $removed removed blocks"
steps=$(sed -n 's/^winnow: explain: \([a-z_]*\):.*/\1/p' "$TMPD/err" |
	sort -u | tr '\n' ' ')
[ "$steps" = "banners dupes skiplinks teasers " ]
ok $? "--explain: removals come from four steps ($steps)"

# empty chain: text in, the same text out
printf 'Title\n\nOne paragraph.\nA tight line.\n\n  Indented\n' >"$TMPD/t.txt"
winnow --steps '' "$TMPD/t.txt" >"$TMPD/out"
cmp -s "$TMPD/out" "$TMPD/t.txt"
ok $? "empty chain gives the text back"
winnow --from text --steps '' "$top_srcdir/tests/cases/seed-text/input.txt" |
	sed 's/[[:space:]]*$//' >"$TMPD/out"
sed 's/[[:space:]]*$//' "$SEED" >"$TMPD/exp"
printf '\n' >>"$TMPD/exp" # the seed lacks a final newline
cmp -s "$TMPD/out" "$TMPD/exp"
ok $? "empty chain round-trips the seed"

# -o DIR
mkdir "$TMPD/o"
cp "$SEED" "$TMPD/a.txt"
cp "$SEED" "$TMPD/b.text"
winnow -o "$TMPD/o" "$TMPD/a.txt" "$TMPD/b.text" 2>"$TMPD/err"
st=$?
[ $st -eq 0 ] && cmp -s "$TMPD/o/a.txt" "$SEED_EXP" &&
	cmp -s "$TMPD/o/b.txt" "$SEED_EXP" &&
	[ "$(ls -A "$TMPD/o" | wc -l)" -eq 2 ]
ok $? "-o DIR writes NAME.txt for each input, no temp files left"
winnow -o "$TMPD/o" "$TMPD/a.txt" "$TMPD/nope.txt" 2>"$TMPD/err"
[ $? -eq 2 ] && grep -q 'nope.txt' "$TMPD/err" && [ -f "$TMPD/o/a.txt" ]
ok $? "a failing input is reported, the others are written"
winnow -o "$TMPD/no-such-dir" "$TMPD/a.txt" 2>"$TMPD/err"
[ $? -eq 5 ] && grep -q 'no-such-dir: not a directory' "$TMPD/err"
ok $? "-o to a missing dir: exit 5"

# output errors are reported, never a signal
i=0
while [ $i -lt 2000 ]; do
	echo "Paragraph $i is long enough to fill the pipe buffer quickly."
	echo
	i=$((i + 1))
done >"$TMPD/big.txt"
( "$WINNOW" --steps '' "$TMPD/big.txt" 2>"$TMPD/err"; echo $? >"$TMPD/st" ) |
	head -c 10 >/dev/null
[ "$(cat "$TMPD/st")" -eq 5 ] && grep -q 'standard output' "$TMPD/err"
ok $? "stdout closed early: exit 5 with a message"

# --list and the search path
winnow --list >"$TMPD/out"
for p in skiplinks banners teasers dupes whitespace; do
	grep -q "^$p	built-in	." "$TMPD/out"
	ok $? "--list shows $p, built in, and its summary"
done

# a module in a user plugin dir replaces a standard step of its name
# (here a copy of t_mark under another name: its descriptor's name does
# not match, so the loader refuses it, naming the user's file)
mkdir -p "$TMPD/ov"
cp "$TP/t_mark.so" "$TMPD/ov/whitespace.so"
winnow -P "$TMPD/ov" --steps whitespace <"$SEED" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "$TMPD/ov/whitespace.so: refused" "$TMPD/err"
ok $? "a user module overrides the standard step of its name"
winnow -P "$TMPD/ov" --list >"$TMPD/out"
grep -q "^whitespace	$TMPD/ov/whitespace.so	(unusable" "$TMPD/out" &&
	[ "$(grep -c '^whitespace	' "$TMPD/out")" -eq 1 ]
ok $? "--list shows the user module in place of the standard step"

# attribute names libxml2 cannot read (Alpine's @click, Angular's
# (click) and [hidden]) are dropped before parsing: read as they are,
# a quoted "() => f()" ends the tag and the rest of the value is text
printf '%s\n' '<html><body><nav><ul @click.outside="x ? open = false : null"' \
	' @closemobile="open = false; $nextTick( () => $refs.b.focus() )"' \
	" x-init=\"menu = [{'title':'Plumbing'}]\" :class=\"open ? 'on' : null\"" \
	' (click)="go()" [hidden]="!shown"><li><a href="/">Home</a></li></ul>' \
	'</nav><p>Regular text.</p></body></html>' >"$TMPD/alpine.html"
winnow --steps= --to html "$TMPD/alpine.html" >"$TMPD/out" 2>"$TMPD/err" &&
	grep -q "<ul x-init=\"menu = \[{'title':'Plumbing'}\]\" :class=\"open ? 'on' : null\"><li>" "$TMPD/out" &&
	! grep -q 'focus' "$TMPD/out"
ok $? "attribute names the parser cannot read are dropped, their values not made text"

# the backends (gumbo, cmark-gfm, libpsl, Lua, libltdl) are loaded only
# by a run that needs them; LD_DEBUG=files is glibc's list of the objects
# loaded
ART="$top_srcdir/examples/article.html"
printf '<title>t</title><p>%s</p>\n' "$(cat "$SEED")" >"$TMPD/nourl.html"
LD_DEBUG=files winnow --to text "$TMPD/nourl.html" >"$TMPD/out" 2>"$TMPD/ld"
grep -q 'file=libxml2' "$TMPD/ld" &&
	! grep -qE 'file=[^ ]*(gumbo|cmark|psl|html5|markdown|lua|ltdl)' \
		"$TMPD/ld" &&
	[ -s "$TMPD/out" ]
ok $? "a text run loads no backend"
LD_DEBUG=files winnow --parser html5 --to markdown --skip headline "$ART" \
	>"$TMPD/out" 2>"$TMPD/ld"
grep -q 'file=libgumbo' "$TMPD/ld" && grep -q 'file=libcmark-gfm' "$TMPD/ld" &&
	grep -q '^# ' "$TMPD/out"
ok $? "--parser html5 --to markdown loads the html5 and markdown backends"
LD_DEBUG=files winnow --url https://www.example.co.uk/a "$TMPD/nourl.html" \
	>/dev/null 2>"$TMPD/ld"
grep -q 'file=libpsl' "$TMPD/ld" && grep -q 'file=liblua' "$TMPD/ld"
ok $? "a run with a URL loads the public suffix list and Lua for the site rules"
LD_DEBUG=files winnow --skip sites --url https://www.example.co.uk/a \
	"$TMPD/nourl.html" >/dev/null 2>"$TMPD/ld"
! grep -qE 'file=[^ ]*lua' "$TMPD/ld"
ok $? "a run with a URL and no site rules loads no Lua"

# a plugin built for another ABI is refused, and only --skip gets past it
mkdir -p "$TMPD/pl"
cp "$TP/abi_major.so" "$TMPD/pl/"
cp "$TP/t_mark.so" "$TMPD/pl/"
printf 'abi_major\nwhitespace\n' >"$TMPD/c.chain"
winnow -P "$TMPD/pl" --chain "$TMPD/c.chain" <"$SEED" >/dev/null 2>"$TMPD/err"
st=$?
[ $st -eq 3 ] && grep -q "$TMPD/pl/abi_major.so: refused: built for plugin ABI 2.1, but this winnow has ABI 1.1" "$TMPD/err" &&
	grep -q 'c.chain:1' "$TMPD/err"
ok $? "ABI mismatch: exit 3, names the file and both versions"
winnow -P "$TMPD/pl" --chain "$TMPD/c.chain" --skip abi_major <"$SEED" \
	>/dev/null 2>"$TMPD/err"
ok $? "--skip lets the run go on without it"
winnow --steps no_such_step <"$SEED" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q 'no_such_step: no such step' "$TMPD/err"
ok $? "unknown step: exit 3"

# --skip takes lists; a name the chain lacks is a typo, not a no-op
winnow --skip nosuchstep <"$SEED" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 1 ] && [ ! -s "$TMPD/out" ] &&
	grep -q -- '--skip nosuchstep: .*default.chain has no step of that name' "$TMPD/err"
ok $? "--skip of a step the chain lacks: usage error, no output"
winnow --steps whitespace,skiplinks --skip skiplinks,nav <"$SEED" \
	>/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q -- '--skip nav: --steps has no step' "$TMPD/err"
ok $? "--skip checks names against --steps too"
winnow --steps whitespace,skiplinks,nav --skip skiplinks,nav --profile \
	<"$SEED" 2>"$TMPD/err" >/dev/null
[ $? -eq 0 ] && grep -q '^  whitespace ' "$TMPD/err" &&
	! grep -q 'skiplinks\|nav' "$TMPD/err"
ok $? "--skip A,B leaves both out"
winnow --steps whitespace --no-sanitize <"$SEED" >/dev/null
ok $? "--no-sanitize with a chain without sanitize is no error"

# user plugin dirs: WINNOW_PLUGIN_PATH, XDG_DATA_HOME, never the cwd
echo 'x' >"$TMPD/x.txt"
WINNOW_PLUGIN_PATH="$TMPD/none:$TMPD/pl" winnow --steps t_mark "$TMPD/x.txt" \
	>"$TMPD/out" 2>&1
[ $? -eq 0 ] && grep -q mark "$TMPD/out"
ok $? "WINNOW_PLUGIN_PATH is searched"
WINNOW_PLUGIN_PATH="$TMPD/pl" LD_DEBUG=files winnow --steps t_mark \
	"$TMPD/x.txt" >"$TMPD/out" 2>"$TMPD/ld"
[ $? -eq 0 ] && grep -q 'file=libltdl' "$TMPD/ld"
ok $? "a run with a plugin module loads libltdl"
mkdir -p "$TMPD/xdg/winnow/plugins"
cp "$TP/t_mark.so" "$TMPD/xdg/winnow/plugins/"
XDG_DATA_HOME="$TMPD/xdg" winnow --steps t_mark "$TMPD/x.txt" >"$TMPD/out" 2>&1
[ $? -eq 0 ] && grep -q mark "$TMPD/out"
ok $? "\$XDG_DATA_HOME/winnow/plugins is searched"
mkdir -p "$TMPD/home/.local/share/winnow/plugins"
cp "$TP/t_mark.so" "$TMPD/home/.local/share/winnow/plugins/"
winnow --steps t_mark "$TMPD/x.txt" >"$TMPD/out" 2>&1
[ $? -eq 0 ] && grep -q mark "$TMPD/out"
ok $? "~/.local/share/winnow/plugins is the XDG default"
rm -r "$TMPD/home/.local"
(cd "$TMPD/pl" && winnow --steps t_mark "$TMPD/x.txt") >/dev/null 2>&1
[ $? -eq 3 ]
ok $? "the working directory is never searched"
XDG_DATA_HOME="$TMPD/xdg" winnow --print-plugin-path >"$TMPD/out"
head -n 1 "$TMPD/out" | grep -q "$TMPD/xdg/winnow/plugins" &&
	tail -n 1 "$TMPD/out" | grep -q 'plugins'
ok $? "--print-plugin-path: user dirs before the built-in one"

# --strict
printf 't_fail\nwhitespace\n' >"$TMPD/f.chain"
winnow -P "$TP" --chain "$TMPD/f.chain" --to text <"$SEED" >"$TMPD/out" \
	2>"$TMPD/err"
st=$?
winnow --steps whitespace --to text <"$SEED" >"$TMPD/exp"
[ $st -eq 0 ] && cmp -s "$TMPD/out" "$TMPD/exp" &&
	grep -q 't_fail: (stdin): failed' "$TMPD/err"
ok $? "a failing step is reported and undone"
winnow -P "$TP" --chain "$TMPD/f.chain" --strict <"$SEED" >/dev/null 2>&1
[ $? -eq 4 ]
ok $? "--strict: a failing step is fatal (exit 4)"
printf 'whitespace\nnot key value\n' >"$TMPD/bad.chain"
winnow --chain "$TMPD/bad.chain" <"$SEED" >/dev/null 2>"$TMPD/err"
[ $? -ne 0 ] && grep -q 'bad.chain:2' "$TMPD/err"
ok $? "a bad chain file names file:line"

# kinds and formats
printf '<p>Not <b>markup</b> here</p>\n' >"$TMPD/h.txt"
winnow --from text --steps '' "$TMPD/h.txt" >"$TMPD/out"
grep -q '<b>markup</b>' "$TMPD/out"
ok $? "--from text keeps markup-looking text as text"
winnow --from html --steps '' --to text "$TMPD/h.txt" >"$TMPD/out"
[ "$(cat "$TMPD/out")" = "Not markup here" ]
ok $? "--from html parses it"
printf '<p>caf\351</p>' | winnow --steps '' --to html >"$TMPD/out"
grep -q 'café' "$TMPD/out"
ok $? "output is UTF-8 whatever the input"
# --to json and --json-fields
winnow --to json --json-fields title,url,removed "$SEED" >"$TMPD/out" 2>"$TMPD/err"
st=$?
[ $st -eq 0 ] && [ "$(wc -l <"$TMPD/out")" -eq 1 ] &&
	grep -q '^{"title":"[^"]*","url":null,"removed":\[{"step":"noscript","count":0,"chars":0,"status":"ok"},{"step":"sites","count":0,"chars":0,"status":"ok"},{"step":"filters","count":0,"chars":0,"status":"ok"},{"step":"skiplinks","count":1,"chars":15,"status":"ok"},' "$TMPD/out"
ok $? "--json-fields: one line, the fields in the order asked"
winnow --to json --json-fields title,nope "$SEED" >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q "unknown field 'nope'" "$TMPD/err"
ok $? "--json-fields: an unknown field is a usage error"
printf '<p>a "quoted" \\ back\tslash and caf\351</p>' >"$TMPD/q.html"
winnow --steps= --to json --json-fields text "$TMPD/q.html" >"$TMPD/out"
[ "$(cat "$TMPD/out")" = '{"text":"a \"quoted\" \\ back slash and café\n"}' ]
ok $? "--to json escapes quotes, backslashes and newlines"
mkdir "$TMPD/oj"
winnow -o "$TMPD/oj" --to json "$TMPD/a.txt" && [ -s "$TMPD/oj/a.json" ]
ok $? "-o DIR --to json writes NAME.json"

printf 't_fail\nwhitespace\n' >"$TMPD/f2.chain"
winnow -P "$TP" --chain "$TMPD/f2.chain" --to json --json-fields removed \
	<"$SEED" >"$TMPD/out" 2>/dev/null
grep -q '"step":"t_fail","count":0,"chars":0,"status":"failed"' "$TMPD/out"
ok $? "--to json: a failed step removed nothing and says so"

# --mark
winnow --mark --to text "$SEED" >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q -- '--mark writes HTML' "$TMPD/err"
ok $? "--mark with --to text: usage error"
winnow --mark "$SEED" >"$TMPD/out"
[ $? -eq 0 ] && grep -q '<style id="winnow-mark">' "$TMPD/out" &&
	grep -q '<p data-winnow-step="skiplinks">Skip to content</p>' "$TMPD/out" &&
	[ "$(grep -o 'data-winnow-step="[a-z]*"' "$TMPD/out" | sort -u | wc -l)" -eq 4 ]
ok $? "--mark: a text page as HTML, removed blocks labelled by four steps"

# --to markdown
printf '<h1>T</h1><p>*x* <a href="b">l</a></p>' |
	winnow --steps= --url http://h.example/a/ --to markdown >"$TMPD/out"
[ "$(cat "$TMPD/out")" = "$(printf '# T\n\n\\*x\\* [l](http://h.example/a/b)')" ]
ok $? "--to markdown escapes and resolves links"
# winnow(1) documents every option of --help and every exit status:
# each long option (with its short one, when it has one) is an item of
# OPTIONS, each status an item of EXIT STATUS.
MAN="$top_srcdir/doc/winnow.1"
winnow --help >"$TMPD/help" 2>&1
sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z-]*\).*/\1\2/p' "$TMPD/help" |
	sort -u >"$TMPD/opts"
sed -n '/^\.SH OPTIONS/,/^\.SH /{/^\.TP/{n;p;}}' "$MAN" | sed 's/\\-/-/g' \
	>"$TMPD/items"
res=0
nopt=0
while IFS= read -r o; do
	nopt=$((nopt + 1))
	long=${o#-?, }
	short=
	[ "$long" = "$o" ] || short=${o%%,*}
	if [ -n "$short" ]; then
		grep -Eq "^\.BR? $short \", \" --$long( |=|$)" "$TMPD/items"
	else
		grep -Eq "^\.BR? --$long( |=|\"|$)" "$TMPD/items"
	fi || { res=1; echo "not in winnow(1): ${short:+$short, }--$long" | diag; }
done <"$TMPD/opts"
echo "options: $(tr "\n" " " <"$TMPD/opts")" | diag
[ "$nopt" -ge 25 ] || res=1
ok $res "winnow(1) documents each of the $nopt options of --help"
res=0
nst=0
for st in $(sed -n '/^Exit status:/,/^See /p' "$TMPD/help" |
	grep -o '[0-9] [a-z]' | cut -c1); do
	nst=$((nst + 1))
	sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$MAN" | grep -q "^\.B $st\$" ||
		{ res=1; echo "exit status $st not in winnow(1)" | diag; }
done
[ "$nst" -ge 6 ] || res=1
ok $res "winnow(1) documents each of the $nst exit statuses of --help"

# plugin safety: a plugin others could change is refused, saying why
mkdir -p "$TMPD/unsafe"
chmod 755 "$TMPD/unsafe"
cp "$TP/t_mark.so" "$TMPD/unsafe/"
chmod 644 "$TMPD/unsafe/t_mark.so"
winnow -P "$TMPD/unsafe" --steps t_mark --to text "$SEED" >/dev/null 2>"$TMPD/err"
ok $? "plugin safety: a plugin in a private dir loads"
chmod 775 "$TMPD/unsafe"
winnow -P "$TMPD/unsafe" --steps t_mark --to text "$SEED" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "$TMPD/unsafe/t_mark.so: refused: $TMPD/unsafe is group-writable" "$TMPD/err" &&
	grep -q "chmod go-w $TMPD/unsafe" "$TMPD/err"
ok $? "plugin safety: a group-writable dir is refused, with the fix"
winnow --unsafe-plugin-path -P "$TMPD/unsafe" --steps t_mark --to text \
	"$SEED" >/dev/null 2>"$TMPD/err"
ok $? "plugin safety: --unsafe-plugin-path loads it anyway"
chmod 755 "$TMPD/unsafe"
chmod 666 "$TMPD/unsafe/t_mark.so"
winnow -P "$TMPD/unsafe" --steps t_mark --to text "$SEED" >/dev/null 2>"$TMPD/err"
[ $? -eq 3 ] && grep -q "refused: $TMPD/unsafe/t_mark.so is world-writable" "$TMPD/err"
ok $? "plugin safety: a world-writable file is refused"
chmod 644 "$TMPD/unsafe/t_mark.so"
winnow -P "$TMPD/unsafe" --list >"$TMPD/out" 2>&1
grep -q "^t_mark	$TMPD/unsafe/t_mark.so	test" "$TMPD/out"
ok $? "plugin safety: --list shows it usable again"
if [ "$(id -u)" -eq 0 ]; then
	chown 12345 "$TMPD/unsafe/t_mark.so"
	winnow -P "$TMPD/unsafe" --steps t_mark --to text "$SEED" >/dev/null \
		2>"$TMPD/err"
	[ $? -eq 3 ] && grep -q "is owned by another user (uid 12345)" "$TMPD/err"
	ok $? "plugin safety: a file owned by another user is refused"
	chown 0 "$TMPD/unsafe/t_mark.so"
else
	echo "ok $((tap_n += 1)) - plugin safety: another owner # SKIP needs root to chown"
fi

# the guard: a step that removes the article is undone, and said so
GH="$top_srcdir/tests/cases/seed-ghost-html/input.html"
printf 't_greedy\nwhitespace\n' >"$TMPD/greedy.chain"
winnow -P "$TP" -c "$TMPD/greedy.chain" --to text "$GH" >"$TMPD/out" 2>"$TMPD/err"
st=$?
winnow -P "$TP" --steps whitespace --to text "$GH" >"$TMPD/exp" 2>/dev/null
[ $st -eq 0 ] && cmp -s "$TMPD/out" "$TMPD/exp" &&
	grep -q "input.html: the step 't_greedy' removed the article's text; cleaned again without it" "$TMPD/err"
ok $? "guard: a greedy step is undone, with a message"
winnow -P "$TP" -c "$TMPD/greedy.chain" --explain --to text "$GH" \
	>/dev/null 2>"$TMPD/err"
grep -q "explain: guard: t_greedy left [0-9]* bytes of text of [0-9]* bytes of prose" "$TMPD/err"
ok $? "guard: --explain names the step and what it left"
printf 't_greedy share=2\nwhitespace\n' >"$TMPD/half.chain"
winnow -P "$TP" -c "$TMPD/half.chain" --to text "$GH" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && ! grep -q "cleaned again" "$TMPD/err" &&
	[ "$(wc -c <"$TMPD/out")" -lt "$(wc -c <"$TMPD/exp")" ]
ok $? "guard: a step keeping half the prose stands"
printf 't_greedy claim=1\nwhitespace\n' >"$TMPD/claim.chain"
winnow -P "$TP" -c "$TMPD/claim.chain" --to text "$GH" >"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && ! grep -q "cleaned again" "$TMPD/err" &&
	[ "$(wc -c <"$TMPD/out")" -lt 100 ]
ok $? "guard: a step saying the page holds no article may remove it all"
# a long page (60 paragraphs of 500 bytes): a step keeping one in 12
# (2,500 bytes, a short story under a long thread) stands, one in 20
# (1,500 bytes) is undone
awk 'BEGIN { print "<html><body>"
	for (i = 0; i < 60; i++) {
		printf "<p>Paragraph %d says what it has to say, and", i
		for (k = 0; k < 22; k++) printf " then some more"
		print ", in a sentence or two of plain prose.</p>" }
	print "</body></html>" }' >"$TMPD/long.html"
printf 't_greedy share=12\nwhitespace\n' >"$TMPD/twelfth.chain"
winnow -P "$TP" -c "$TMPD/twelfth.chain" --to text "$TMPD/long.html" \
	>"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && ! grep -q "cleaned again" "$TMPD/err" &&
	[ "$(grep -c Paragraph "$TMPD/out")" -eq 5 ]
ok $? "guard: a step leaving 2,000 bytes or more of a long page stands"
printf 't_greedy share=20\nwhitespace\n' >"$TMPD/twentieth.chain"
winnow -P "$TP" -c "$TMPD/twentieth.chain" --to text "$TMPD/long.html" \
	>"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && grep -q "cleaned again" "$TMPD/err" &&
	[ "$(grep -c Paragraph "$TMPD/out")" -eq 60 ]
ok $? "guard: a step leaving under 2,000 bytes and a tenth is undone"
printf 'whitespace\nt_greedy\nt_greedy\n' >"$TMPD/two.chain"
winnow -P "$TP" -c "$TMPD/two.chain" --to json --json-fields removed "$GH" \
	>"$TMPD/out" 2>"$TMPD/err"
[ $? -eq 0 ] && [ "$(grep -c "cleaned again without it" "$TMPD/err")" -eq 2 ]
ok $? "guard: two greedy steps are both left out"

# --profile: the table on stderr after the run
WP="$top_srcdir/tests/cases/wordpress-html/input.html"
# rows NAME... of the table in $1: the first column, one line
rows() { sed -n '/^  step /,/^  total /p' "$1" | awk 'NR > 1 { print $1 }' |
	tr '\n' ' '; }
# col FILE NAME N: column N of row NAME of the table
col() { sed -n '/^  step /,/^  total /p' "$1" | awk -v n="$2" -v c="$3" \
	'NR > 1 && $1 == n { print $c }'; }
winnow --to text "$WP" >"$TMPD/plain" 2>"$TMPD/err"
[ $? -eq 0 ] && [ ! -s "$TMPD/err" ]
ok $? "without --profile nothing is printed on stderr"
winnow --profile --to text "$WP" >"$TMPD/out" 2>"$TMPD/prof"
[ $? -eq 0 ] && cmp -s "$TMPD/out" "$TMPD/plain"
ok $? "--profile: the output is the same"
steps=$(sed -e 's/#.*//' -e 's/[[:space:]].*//' \
	"$top_srcdir/data/default.chain" | grep -v '^$' | tr '\n' ' ')
[ "$(rows "$TMPD/prof")" = "(parse) $steps(chain) (output) total " ]
ok $? "--profile: parse, every step of the chain in order, chain, output"
grep -q '^winnow: profile: 1 page, .* one process$' "$TMPD/prof" &&
	[ "$(col "$TMPD/prof" total 2)" = 1 ] &&
	[ "$(col "$TMPD/prof" '(parse)' 2)" = 1 ] &&
	[ "$(col "$TMPD/prof" '(output)' 2)" = 1 ] &&
	[ "$(col "$TMPD/prof" content 2)" = 1 ]
ok $? "--profile: one page, one run of each row"
[ "$(col "$TMPD/prof" content 6)" -gt 0 ] &&
	[ "$(col "$TMPD/prof" content 7)" -gt 0 ]
ok $? "--profile: elements walked by a step that walks"
# the removals are those --explain reports, step by step
winnow --explain --to text "$WP" 2>&1 >/dev/null |
	sed -n 's/^winnow: explain: \([^:/]*\)[:/].*/\1/p' >"$TMPD/expl"
bad=
for st in $steps; do
	n=$(grep -c -x "$st" "$TMPD/expl")
	[ "$(col "$TMPD/prof" "$st" 7)" = "$n" ] || bad="$bad $st"
done
[ -z "$bad" ] && [ "$(col "$TMPD/prof" total 7)" = "$(wc -l <"$TMPD/expl")" ] &&
	[ "$(col "$TMPD/prof" total 7)" -gt 0 ]
ok $? "--profile: removals per step as --explain reports them${bad:+ (not:$bad)}"
winnow --profile --steps= --to text "$WP" >/dev/null 2>"$TMPD/prof"
[ $? -eq 0 ] && [ "$(rows "$TMPD/prof")" = "(parse) (chain) (output) total " ]
ok $? "--profile --steps=: only the parse, chain and output rows"
# a failing step: counted, said in the footer
winnow -P "$TP" --steps t_fail,t_mark --profile "$WP" >/dev/null \
	2>"$TMPD/prof"
[ "$(col "$TMPD/prof" t_fail 2)" = 1 ] &&
	[ "$(col "$TMPD/prof" t_fail 7)" = 0 ] &&
	grep -q '^  t_fail: failed runs: 1 (undone' "$TMPD/prof"
ok $? "--profile: a failed run counts, its removals do not, the footer says so"
done_testing
