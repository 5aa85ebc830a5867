/* SPDX-License-Identifier: MIT */
/*
 * The text model: a plain-text page becomes <body> with one <p> per
 * paragraph, so every step works on text and HTML alike.  A paragraph is
 * a non-blank line, except in hard-wrapped dumps (lynx -dump, w3m -dump),
 * where the lines the dumper broke at its width are joined back.  A
 * paragraph that followed the previous one without a blank line is
 * flagged "tight" so the text writer can give the input back unchanged.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Dumpers do not always fill a line to the last column (lynx keeps a
 * few columns free before some punctuation), so a line this close to the
 * width still counts as broken by the dumper. */
#define WRAP_SLACK 3

struct line {
	const char *s;
	size_t n;      /* bytes, without the line end and trailing space */
	size_t width;  /* code points */
	size_t indent; /* leading spaces (tabs count 8) */
	size_t lineno;
};

static size_t cp_count(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

static bool is_blank(const struct line *l)
{
	return l->n == l->indent;
}

/* Width in code points of the first word of a line. */
static size_t first_word(const struct line *l)
{
	const char *p = l->s + l->indent, *e = l->s + l->n, *q = p;

	while (q < e && *q != ' ' && *q != '\t')
		q++;
	return cp_count(p, (size_t)(q - p));
}

/* Length of a list marker at the start of the line's text ("* ", "- ",
 * "1. ", "[3]"), 0 when none. */
static size_t bullet_len(const struct line *l)
{
	const char *p = l->s + l->indent, *e = l->s + l->n;
	size_t k = 0;

	if (p >= e)
		return 0;
	if ((*p == '*' || *p == '-' || *p == '+') && p + 1 < e && p[1] == ' ')
		return 2;
	if (e - p >= 4 && !memcmp(p, "\xe2\x80\xa2 ", 4)) /* bullet */
		return 4;
	while (p + k < e && k < 4 && p[k] >= '0' && p[k] <= '9')
		k++;
	if (k && p + k + 1 < e && (p[k] == '.' || p[k] == ')') &&
	    p[k + 1] == ' ')
		return k + 2;
	if (*p == '[') {
		k = 1;
		while (p + k < e && p[k] >= '0' && p[k] <= '9')
			k++;
		if (k > 1 && p + k < e && p[k] == ']')
			return k + 1;
	}
	return 0;
}

/*
 * The wrap width of a hard-wrapped dump, or 0 when the text is not
 * wrapped: the width below which most long lines end, with hardly any
 * line beyond it.  A news page's dump may be nine tenths menu entries,
 * so a few lines at the edge (one in forty) are enough.
 */
static size_t wrap_width(const struct line *ls, size_t n)
{
	size_t total = 0, best = 0, best_hits = 0;
	size_t hist[256] = {0}, over = 0;

	for (size_t i = 0; i < n; i++) {
		if (is_blank(&ls[i]))
			continue;
		total++;
		if (ls[i].width < 256)
			hist[ls[i].width]++;
		else
			over++;
	}
	if (total < 4)
		return 0;
	for (size_t w = 40; w <= 160; w++) {
		size_t hits = 0, beyond = over;

		for (size_t k = w > 12 ? w - 11 : 0; k <= w; k++)
			hits += hist[k];
		for (size_t k = w + 1; k < 256; k++)
			beyond += hist[k];
		if (beyond * 50 > total + 50)
			continue; /* more than ~2% longer: not the width */
		if (hits > best_hits) {
			best_hits = hits;
			best = w;
		}
	}
	if (best_hits < 3 || best_hits * 40 < total)
		return 0;
	/* the real edge is the longest line within the window */
	while (best > 0 && hist[best] == 0)
		best--;
	return best;
}

/* May `next` continue the paragraph whose last line is `prev` and first
 * line `first`? */
static bool continues(const struct line *first, const struct line *prev,
		      const struct line *next, size_t width)
{
	size_t fb = bullet_len(first);

	if (!width || is_blank(next) || bullet_len(next))
		return false;
	if (prev->width + 1 + first_word(next) + WRAP_SLACK <= width)
		return false; /* the word would have fit: a real line break */
	if (next->indent == first->indent)
		return true;
	return fb && next->indent == first->indent + fb;
}

static int add_block(struct wn_doc *doc, const struct line *ls, size_t a,
		     size_t b, bool tight)
{
	struct wn_buf t = {0};
	xmlNodePtr p, txt;
	int rc = 0;

	for (size_t i = a; i < b && !rc; i++) {
		const struct line *l = &ls[i];

		if (i == a)
			rc = wn_buf_append(&t, l->s, l->n);
		else if (!(rc = wn_buf_append(&t, " ", 1)))
			rc = wn_buf_append(&t, l->s + l->indent,
					   l->n - l->indent);
	}
	if (rc)
		goto out;
	p = xmlNewDocNode(doc->xml, NULL, BAD_CAST "p", NULL);
	txt = xmlNewDocText(doc->xml, BAD_CAST(t.data ? t.data : ""));
	if (!p || !txt) {
		xmlFreeNode(p);
		xmlFreeNode(txt);
		rc = WN_ENOMEM;
		goto out;
	}
	xmlAddChild(p, txt);
	p->line = ls[a].lineno > 65535 ? 65535 : (unsigned short)ls[a].lineno;
	if (tight)
		p->extra |= WN_NODE_TIGHT;
	xmlAddChild(doc->body, p);
out:
	wn_buf_free(&t);
	return rc;
}

int wn_text_build_(struct wn_doc *doc, const char *s, size_t n)
{
	struct line *ls = NULL;
	size_t nl = 0, cap = 0, width, i;
	const char *p = s, *e = s + n;
	int rc = 0;

	while (p < e) {
		const char *q = p;
		struct line l;

		while (q < e && *q != '\n' && *q != '\r')
			q++;
		l.s = p;
		l.n = (size_t)(q - p);
		while (l.n && (p[l.n - 1] == ' ' || p[l.n - 1] == '\t' ||
			       p[l.n - 1] == '\f' || p[l.n - 1] == '\v'))
			l.n--;
		l.indent = 0;
		while (l.indent < l.n &&
		       (p[l.indent] == ' ' || p[l.indent] == '\t'))
			l.indent++;
		l.width = cp_count(p, l.n);
		l.lineno = nl + 1;
		if (nl == cap) {
			size_t nc = cap ? cap * 2 : 256;
			struct line *np = realloc(ls, nc * sizeof(*np));

			if (!np) {
				free(ls);
				return WN_ENOMEM;
			}
			ls = np;
			cap = nc;
		}
		ls[nl++] = l;
		if (q < e && *q == '\r' && q + 1 < e && q[1] == '\n')
			q++;
		p = q < e ? q + 1 : q;
	}
	width = wrap_width(ls, nl);
	i = 0;
	while (i < nl && !rc) {
		size_t a;
		bool tight;

		if (is_blank(&ls[i])) {
			i++;
			continue;
		}
		tight = i > 0 && !is_blank(&ls[i - 1]);
		a = i++;
		while (i < nl && continues(&ls[a], &ls[i - 1], &ls[i], width))
			i++;
		rc = add_block(doc, ls, a, i, tight);
	}
	free(ls);
	return rc;
}
