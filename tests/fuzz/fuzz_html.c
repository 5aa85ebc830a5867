/* SPDX-License-Identifier: MIT */
/* Fuzz: an HTML page through both parsers, the default chain and every
 * output format.  The first byte picks the parser. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_setup(NULL);
	if (!size)
		return 0;
	fz_clean(data + 1, size - 1, WN_KIND_HTML,
		 (data[0] & 1) ? WN_PARSER_HTML5 : WN_PARSER_LIBXML2);
	return 0;
}
