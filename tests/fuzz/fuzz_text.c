/* SPDX-License-Identifier: MIT */
/* Fuzz: a text dump through the default chain and every format. */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_setup(NULL);
	fz_clean(data, size, WN_KIND_TEXT, WN_PARSER_DEFAULT);
	return 0;
}
