/* SPDX-License-Identifier: MIT */
/* Fuzz: the CSS selector compiler, and the XPath it makes. */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *css = malloc(size + 1);
	struct wn_buf xp = {0};
	size_t pos;
	const char *msg;

	if (!css)
		return 0;
	memcpy(css, data, size);
	css[size] = '\0';
	wn_css_to_xpath(css, &xp, &pos, &msg);
	wn_buf_free(&xp);
	free(css);
	return 0;
}
