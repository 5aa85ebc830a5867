/* SPDX-License-Identifier: MIT */
/* Fuzz: the chain-file parser (steps are loaded as named). */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct wn_ctx *ctx;
	struct wn_chain *chain;
	char *text = malloc(size + 1);
	const char *const skip[] = {"content", NULL};

	if (!text)
		return 0;
	if (!ctx) {
		struct wn_ctx_opts o = {.log = fopen("/dev/null", "w")};

		if (wn_ctx_new(&o, &ctx))
			abort();
	}
	memcpy(text, data, size);
	text[size] = '\0';
	if (!wn_chain_new(ctx, &chain)) {
		wn_chain_parse(chain, text, "fuzz.chain", skip);
		wn_chain_free(chain);
	}
	free(text);
	return 0;
}
