#!/bin/sh
# SPDX-License-Identifier: MIT
# LOG_COMPILER for the C test programs: runs one under valgrind memcheck
# when VALGRIND is set (make check VALGRIND=1), else as it is.
prog=$1
shift
if [ -n "${VALGRIND:-}" ] && [ -n "${VALGRIND_BIN:-}" ]; then
	exec "${abs_top_builddir:-.}/libtool" --mode=execute "$VALGRIND_BIN" -q \
		--leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--suppressions="${top_srcdir:-.}/tests/valgrind.supp" \
		"$prog" "$@"
fi
exec "$prog" "$@"
