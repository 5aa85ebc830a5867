# SPDX-License-Identifier: MIT
# Shared by the shell tests: TAP output and running winnow (under
# valgrind memcheck when VALGRIND is set).

: "${top_srcdir:=.}" "${top_builddir:=.}"
abs_top_builddir=${abs_top_builddir:-$(cd "$top_builddir" && pwd)}
WINNOW="$abs_top_builddir/winnow"
LIBTOOL="$abs_top_builddir/libtool"
SUPP="$(cd "$top_srcdir" && pwd)/tests/valgrind.supp"
tap_n=0
tap_failed=0

ok() { # ok CONDITION-STATUS NAME
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

diag() { sed 's/^/# /'; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# winnow ARGS...: run the built winnow, under valgrind when asked; a
# valgrind error or leak makes the exit status 99.
winnow() {
	if [ -n "${VALGRIND:-}" ] && [ -n "${VALGRIND_BIN:-}" ]; then
		"$LIBTOOL" --mode=execute "$VALGRIND_BIN" -q \
			--leak-check=full --show-leak-kinds=definite,indirect \
			--errors-for-leak-kinds=definite,indirect \
			--error-exitcode=99 --suppressions="$SUPP" \
			--soname-synonyms=somalloc='*jemalloc*' \
			"$WINNOW" "$@"
	else
		"$WINNOW" "$@"
	fi
}

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/winnow-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
