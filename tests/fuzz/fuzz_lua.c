/* SPDX-License-Identifier: MIT */
/* Fuzz: the Lua API surface, a fixed script (api.lua beside this file,
 * path in WN_FUZZ_SCRIPT) over fuzzed pages. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = getenv("WN_FUZZ_SCRIPT");

	fz_setup(s ? s : "./tests/fuzz/api.lua");
	fz_clean(data, size, WN_KIND_HTML, WN_PARSER_LIBXML2);
	return 0;
}
