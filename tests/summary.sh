#!/bin/sh
# SPDX-License-Identifier: MIT
# `make test`: run the whole suite (make check), then print one line
# "N passed, N failed[, N skipped]" counted over every TAP test point.
# Run from the build directory; extra arguments go to make.
make check "$@"
status=$?
set -- $(find tests -name '*.trs' -exec cat {} + 2>/dev/null |
	awk '/^:test-result: (PASS|XFAIL)/ { p++ }
	     /^:test-result: (FAIL|XPASS|ERROR)/ { f++ }
	     /^:test-result: SKIP/ { s++ }
	     END { print p + 0, f + 0, s + 0 }')
passed=$1 failed=$2 skipped=$3
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1 # the build or the harness failed before any test ran
fi
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
exit "$status"
