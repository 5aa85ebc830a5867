/* SPDX-License-Identifier: MIT */
/*
 * The text model: a plain-text page becomes <body> with one <p> per
 * paragraph, so every step works on text and HTML alike.  A paragraph is
 * a non-blank line, except in hard-wrapped dumps (lynx -dump, w3m -dump),
 * where the lines the dumper broke at its width are joined back (lynx
 * counts that width in code points, w3m in screen columns, two for an
 * East Asian wide character; a break between two wide characters may
 * be inside a word, so such lines join without a space).  A
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
	size_t width;  /* code points, or columns when `wide` */
	size_t cols;   /* columns */
	bool wide;     /* the dump counts columns, not code points */
	size_t indent; /* leading spaces (tabs count 8) */
	size_t lineno;
};

/* Is the code point drawn two columns wide (East Asian wide: Hangul,
 * kana, CJK ideographs, their punctuation, full-width forms)? */
static bool is_wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	       (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) ||
	       (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) ||
	       (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) ||
	       (cp >= 0x20000 && cp <= 0x3fffd);
}

/* The code point at s (n bytes on), 0 when none is there. */
static unsigned cp_at(const char *s, size_t n)
{
	unsigned cp = 0;

	if (n)
		wn_utf8_dec_((const unsigned char *)s, n, &cp);
	return cp;
}

/* Width of s: a code point a column, or, with `cols`, two for a wide
 * one (w3m counts screen columns, lynx code points). */
static size_t cp_count(const char *s, size_t n, bool cols)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) == 0x80)
			continue;
		w++;
		if (cols && c >= 0xe0)
			w += is_wide(cp_at(s + i, n - i));
	}
	return w;
}

static bool is_blank(const struct line *l)
{
	return l->n == l->indent;
}

/* Width of the first word of a line, as its line's width counts. */
static size_t first_word(const struct line *l)
{
	const char *p = l->s + l->indent, *e = l->s + l->n, *q = p;

	while (q < e && *q != ' ' && *q != '\t')
		q++;
	return cp_count(p, (size_t)(q - p), l->wide);
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
static size_t wrap_width(const struct line *ls, size_t n, bool cols,
			 size_t *hitsp)
{
	size_t total = 0, best = 0, best_hits = 0;
	size_t hist[256] = {0}, over = 0;

	*hitsp = 0;
	for (size_t i = 0; i < n; i++) {
		size_t w = cols ? ls[i].cols : ls[i].width;

		if (is_blank(&ls[i]))
			continue;
		total++;
		if (w < 256)
			hist[w]++;
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
	for (size_t k = best - WRAP_SLACK; k <= best; k++)
		*hitsp += hist[k];
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

/* The last code point of a line's text. */
static unsigned last_cp(const struct line *l)
{
	size_t k = l->n;

	while (k > l->indent && ((unsigned char)l->s[k - 1] & 0xc0) == 0x80)
		k--;
	return k > l->indent ? cp_at(l->s + k - 1, l->n - k + 1) : 0;
}

/*
 * Is a line break between two wide characters inside a word?  Japanese
 * and Chinese leave no space between words, so a dumper breaks their
 * lines anywhere; Korean does, and lynx breaks it there, but w3m
 * (counting columns) breaks it anywhere too.
 */
static bool breaks_word(const struct line *prev, const struct line *l)
{
	unsigned a = last_cp(prev);
	unsigned b = cp_at(l->s + l->indent, l->n - l->indent);
	bool hangul =
		(a >= 0xac00 && a <= 0xd7a3) || (b >= 0xac00 && b <= 0xd7a3);

	return is_wide(a) && is_wide(b) && (l->wide || !hangul);
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
		else if (breaks_word(&ls[i - 1], l))
			rc = wn_buf_append(&t, l->s + l->indent,
					   l->n - l->indent);
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
	size_t nl = 0, cap = 0, width, cwidth, hits, chits, i;
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
		l.width = cp_count(p, l.n, false);
		l.cols = cp_count(p, l.n, true);
		l.wide = false;
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
	/* lynx wraps at a count of code points, w3m at screen columns,
	 * where wide characters take two: the count that finds more
	 * lines at an edge is the dumper's (narrow text counts the same
	 * both ways) */
	width = wrap_width(ls, nl, false, &hits);
	cwidth = wrap_width(ls, nl, true, &chits);
	if (cwidth && chits >= hits) {
		width = cwidth;
		for (i = 0; i < nl; i++)
			ls[i].width = ls[i].cols, ls[i].wide = true;
	}
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
