/* SPDX-License-Identifier: MIT */
/* Helpers shared by the unit tests: parse a string, render it, capture
 * the context's diagnostics in memory. */
#ifndef WINNOW_TEST_COMMON_H
#define WINNOW_TEST_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#define WN_TEST_UNUSED __attribute__((unused))

/* Parse html as an HTML document; NULL on a parse error. */
WN_TEST_UNUSED static struct wn_doc *html_doc(const char *html)
{
	struct wn_parse_opts o = {.kind = WN_KIND_HTML};
	struct wn_doc *d = NULL;

	wn_doc_parse(html, strlen(html), &o, &d);
	return d;
}

/* Parse s as `kind` and render it as `fmt`; returns malloc'd output or
 * NULL on a parse error (then *rc holds it). */
WN_TEST_UNUSED static char *render(const char *s, size_t n, enum wn_kind kind,
				   const char *enc, enum wn_format fmt, int *rc)
{
	struct wn_parse_opts o = {.kind = kind, .encoding = enc};
	struct wn_doc *d = NULL;
	struct wn_buf b = {0};
	int r = wn_doc_parse(s, n, &o, &d);

	if (rc)
		*rc = r;
	if (r)
		return NULL;
	r = wn_doc_write(d, fmt, &b);
	wn_doc_free(d);
	if (rc)
		*rc = r;
	if (!b.data)
		return strdup("");
	return b.data;
}

/* The file rel (a path below the source tree, $top_srcdir) whole, or
 * "" when it cannot be read; the caller frees it. */
WN_TEST_UNUSED static char *slurp(const char *rel)
{
	char path[4096];
	const char *top = getenv("top_srcdir");
	FILE *f;
	char *s;
	long n;

	if (snprintf(path, sizeof(path), "%s/%s", top ? top : ".", rel) >=
	    (int)sizeof(path))
		return strdup("");
	f = fopen(path, "rb");
	if (!f)
		return strdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

/* A log stream in memory. */
struct memlog {
	FILE *f;
	char *buf;
	size_t len;
};

WN_TEST_UNUSED static FILE *memlog_open(struct memlog *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	return m->f;
}

/* The text logged so far (valid until the next memlog call). */
WN_TEST_UNUSED static const char *memlog_text(struct memlog *m)
{
	fflush(m->f);
	return m->buf ? m->buf : "";
}

WN_TEST_UNUSED static void memlog_reset(struct memlog *m)
{
	fflush(m->f);
	rewind(m->f);
	if (m->buf)
		m->buf[0] = '\0';
	fflush(m->f);
}

WN_TEST_UNUSED static void memlog_close(struct memlog *m)
{
	fclose(m->f);
	free(m->buf);
}

/* The directory of the test plugins in the build tree. */
WN_TEST_UNUSED static const char *test_plugin_dir(void)
{
	static char dir[4096];
	const char *top = getenv("abs_top_builddir");

	snprintf(dir, sizeof(dir), "%s/tests/abi/.libs", top ? top : ".");
	return dir;
}

#endif
