#!/bin/sh
# SPDX-License-Identifier: MIT
# `make test`: run the whole suite (make check), then print one line
# "N passed, N failed[, N skipped]" counted over every TAP test point.
# Run from the build directory; extra arguments go to make.
make check "$@"
status=$?
set -- $(find tests -name '*.trs' -exec awk '
	FNR == 1 { if (file_err && !file_fail) f++; file_err = file_fail = 0 }
	/^:test-result: (PASS|XFAIL)/ { p++ }
	/^:test-result: (FAIL|XPASS)/ { f++; file_fail = 1 }
	/^:test-result: ERROR/ { file_err = 1 } # counted unless a FAIL says why
	/^:test-result: SKIP/ { s++ }
	END { if (file_err && !file_fail) f++; print p + 0, f + 0, s + 0 }
	' {} + 2>/dev/null)
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
