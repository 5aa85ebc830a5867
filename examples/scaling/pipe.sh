#!/bin/sh
# SPDX-License-Identifier: MIT
# Clean a stream of JSON lines ({"url": ..., "html": ...} per line) with
# GNU parallel --pipe: the stream is cut into blocks of whole lines, each
# block goes through one winnow --jsonl, and --keep-order puts the
# blocks back in input order.  A bad line becomes an error object and
# does not fail its block.
#   examples/scaling/pipe.sh < in.jsonl > out.jsonl
set -eu
WINNOW=${WINNOW:-winnow}
parallel --will-cite --pipe --keep-order --block "${BLOCK:-10M}" \
	"$WINNOW --jsonl --jobs 1 --json-fields ${FIELDS:-title,text}"
