#!/bin/sh
# SPDX-License-Identifier: MIT
# Clean a directory of saved pages with GNU parallel: one winnow process
# per page, as many at a time as there are processors, the tree of IN
# mirrored under OUT as Markdown.  (winnow -r IN -o OUT --jobs N does
# the same in one command; this is the shape for a cluster of machines:
# add --sshloginfile to spread the pages over them.)
#   examples/scaling/dir.sh IN OUT
set -eu
in=$1 out=$2
WINNOW=${WINNOW:-winnow}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$in"
find . -type f \( -name '*.html' -o -name '*.htm' -o -name '*.html.gz' \) |
	sed 's|^\./||' |
	parallel --will-cite --halt never \
		"mkdir -p '$out'/{//} && $WINNOW --to markdown {} > '$out'/{.}.md"
