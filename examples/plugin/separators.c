/* SPDX-License-Identifier: MIT */
/*
 * separators: an out-of-tree winnow plugin, built only with
 * `pkg-config --cflags --libs winnow`.  It removes decorative section
 * separators ("* * *", "***", "---", "• • •", "§") that survive as
 * blocks of their own, in HTML and in text.
 *
 * Build:   make            (uses pkg-config)
 * Install: make install   (into $XDG_DATA_HOME/winnow/plugins)
 * Use:     winnow --steps separators,whitespace page.html
 */
#include <stdlib.h>

#include <winnow/plugin.h>

/* True when the text holds no letter or digit and is short. */
static bool is_separator(const char *s, size_t n)
{
	if (n == 0 || n > 24)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return false;
	}
	return true;
}

static int separators_run(void *inst, struct wn_run *run)
{
	xmlNodePtr *blocks = NULL;
	size_t nb = 0;
	struct wn_buf text = {0};
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	(void)inst;
	for (size_t i = 0; i < nb && rc == 0; i++) {
		text.len = 0;
		rc = wn_node_text(blocks[i], &text);
		if (rc == 0 && is_separator(text.data, text.len))
			rc = wn_run_remove(run, blocks[i]);
	}
	wn_buf_free(&text);
	free(blocks);
	return rc;
}

WN_PLUGIN_DEFINE(separators, .version = "1.0",
		 .summary = "remove decorative separators such as * * *",
		 .license = "MIT", .caps = WN_CAP_MUTATES,
		 .run = separators_run);
