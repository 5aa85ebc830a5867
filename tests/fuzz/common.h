/* SPDX-License-Identifier: MIT */
/*
 * Shared by the libFuzzer harnesses: one context and chain for the
 * whole run, built once from the build tree's default chain (or from
 * the steps given).
 */
#ifndef WINNOW_FUZZ_COMMON_H
#define WINNOW_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/winnow.h>

static struct wn_ctx *fz_ctx;
static struct wn_chain *fz_chain;

/* The default chain (script: also a Lua script first), or abort. */
static void fz_setup(const char *script)
{
	char path[4096];
	FILE *f;
	char *text;
	long n;
	struct wn_ctx_opts o = {.use_env = false, .log = NULL};

	if (fz_ctx)
		return;
	o.log = fopen("/dev/null", "w");
	if (wn_ctx_new(&o, &fz_ctx) || wn_chain_new(fz_ctx, &fz_chain))
		abort();
	if (script && wn_chain_add_script(fz_chain, script))
		abort();
	snprintf(path, sizeof(path), "%s/default.chain",
		 wn_ctx_datadir_peek(fz_ctx));
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0)
		abort();
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (!text || fread(text, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	if (wn_chain_parse(fz_chain, text, path, NULL))
		abort();
	free(text);
}

/* Parse, clean and write in every format. */
static void fz_clean(const uint8_t *data, size_t size, enum wn_kind kind,
		     enum wn_parser parser)
{
	struct wn_parse_opts po = {.kind = kind,
				   .parser = parser,
				   .url = "https://fuzz.example/a/b",
				   .name = "fuzz"};
	struct wn_doc *doc;

	if (wn_doc_parse((const char *)data, size, &po, &doc))
		return;
	wn_chain_run(fz_chain, doc);
	for (int f = 0; f < WN_FMT_COUNT_; f++) {
		struct wn_buf b = {0};

		if (f == WN_FMT_JSON) {
			struct wn_json_opts jo = {.chain = fz_chain};

			wn_doc_write_json(doc, &jo, &b);
		} else {
			wn_doc_write(doc, (enum wn_format)f, &b);
		}
		wn_buf_free(&b);
	}
	wn_doc_free(doc);
}

#endif
