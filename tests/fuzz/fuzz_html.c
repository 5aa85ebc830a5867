/* SPDX-License-Identifier: MIT */
/* Fuzz: an HTML page through both parsers, the default chain and every
 * output format.  The first byte picks the parser.  On libxml2's path
 * the page is also read without winnow's fast paths (htmlparse.c: the
 * bodies and long values cut out of the parser's way, elements made with
 * its dictionary's names): the two trees must be the same. */
#include "common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The page as libxml2 reads it, written as HTML; NULL on a parse error. */
static char *tree_of(const uint8_t *data, size_t size, bool cuts)
{
	struct wn_parse_opts po = {.kind = WN_KIND_HTML,
				   .parser = WN_PARSER_LIBXML2};
	struct wn_doc *doc;
	struct wn_buf b = {0};

	wn_doc_cuts_ = cuts;
	if (wn_doc_parse((const char *)data, size, &po, &doc)) {
		wn_doc_cuts_ = true;
		return NULL;
	}
	wn_doc_cuts_ = true;
	wn_doc_write(doc, WN_FMT_HTML, &b);
	wn_doc_free(doc);
	wn_buf_append(&b, "", 1); /* NUL-terminated */
	return b.data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_setup(NULL);
	if (!size)
		return 0;
	if (data[0] & 1) {
		fz_clean(data + 1, size - 1, WN_KIND_HTML, WN_PARSER_HTML5);
		return 0;
	}
	fz_clean(data + 1, size - 1, WN_KIND_HTML, WN_PARSER_LIBXML2);
	char *cut = tree_of(data + 1, size - 1, true);
	char *whole = tree_of(data + 1, size - 1, false);

	if ((cut == NULL) != (whole == NULL) ||
	    (cut && strcmp(cut, whole))) {
		fprintf(stderr, "cuts change the tree:\n%s\n---\n%s\n",
			cut ? cut : "(error)", whole ? whole : "(error)");
		abort();
	}
	free(cut);
	free(whole);
	return 0;
}
