/* SPDX-License-Identifier: MIT */
/* Unit tests: the writers append to what the buffer already holds (the
 * JSON writer renders its text, HTML and Markdown members into its own
 * output), and the JSON writer's bytes are jansson's compact dump of
 * the same object, escapes included. */
#include "tap.h"
#include "common.h"

#include <jansson.h>

/* Quotes, backslashes, tabs, control characters, a stray byte and
 * non-ASCII text: every escape the JSON writer makes. */
static const struct {
	enum wn_kind kind;
	const char *s;
} pages[] = {
	{WN_KIND_HTML, "<html><head><title>A \"quoted\" title \\ slash</title></head><body>"
	"<h1>Caf\xc3\xa9 \"au\" lait</h1><p>One\ttab, a back\\slash, "
	"\"quotes\" and &#1; &#31; controls.</p><pre>line 1\n\tline 2\r\n"
	"</pre><p>Last <a href=\"/x?a=1&amp;b=\\\"\">link</a>.</p>"
	"</body></html>"},
	{WN_KIND_HTML, "<p>plain</p>"},
	{WN_KIND_HTML, "<p></p>"},
	{WN_KIND_HTML, "<p>a stray \xff byte</p>"},
	{WN_KIND_TEXT, "a\x01" "b\x1f" "c \"q\" \\ d\te\r\nnext line\n\n"
		       "A second paragraph.\n"},
};

static char *as(size_t page, enum wn_format f, const char *prefix)
{
	struct wn_parse_opts o = {.kind = pages[page].kind};
	struct wn_doc *d = NULL;
	struct wn_buf b = {0};

	if (wn_doc_parse(pages[page].s, strlen(pages[page].s), &o, &d))
		return strdup("(no document)");
	if (prefix)
		wn_buf_puts(&b, prefix);
	if (wn_doc_write(d, f, &b))
		wn_buf_puts(&b, "(write failed)");
	wn_doc_free(d);
	return b.data ? b.data : strdup("");
}

int main(void)
{
	static const char *const name[] = {"html", "text", "markdown", "json"};

	for (size_t p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
		for (int f = 0; f < WN_FMT_COUNT_; f++) {
			char *alone = as(p, (enum wn_format)f, NULL);
			char *after = as(p, (enum wn_format)f, "prefix\n");

			ok(!strncmp(after, "prefix\n", 7) &&
				   !strcmp(after + 7, alone),
			   "page %zu, %s: appended after what the buffer held "
			   "as written alone",
			   p, name[f]);
			free(alone);
			free(after);
		}
	}
	for (size_t p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
		char *out = as(p, WN_FMT_JSON, NULL);
		json_error_t err;
		json_t *o = json_loads(out, 0, &err);
		char *dump = o ? json_dumps(o, JSON_COMPACT) : NULL;
		char *text = as(p, WN_FMT_TEXT, NULL);
		const char *t = json_string_value(json_object_get(o, "text"));
		size_t n = dump ? strlen(dump) : 0;

		ok(dump && strlen(out) == n + 1 && !strncmp(out, dump, n) &&
			   out[n] == '\n',
		   "page %zu: the JSON object is jansson's compact dump", p);
		is_str(t ? t : "(none)", text,
		       "page %zu: its text member reads back as the text", p);
		free(dump);
		free(text);
		free(out);
		json_decref(o);
	}
	return done_testing();
}
