/* SPDX-License-Identifier: MIT */
/*
 * Reading HTML with libxml2 2.9's parser.  The page is readied for it
 * first (neutralize): "</" inside script and style bodies rewritten so
 * they cannot end early, NUL bytes replaced, attributes it cannot read
 * dropped, and, with the fast paths, script and style bodies and long
 * attribute values cut out of its way (it reads them a byte at a time).
 * The SAX handlers then keep an element budget, put the cut bytes back
 * and make elements without libxml2's per-name copies.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "internal.h"

/* ---- readying the page ------------------------------------------- */

static bool tag_at(const char *s, const char *end, const char *name)
{
	size_t k = strlen(name);

	if ((size_t)(end - s) <= k || strncasecmp(s, name, k) != 0)
		return false;
	return s[k] == '>' || s[k] == '/' || s[k] == ' ' || s[k] == '\t' ||
	       s[k] == '\n' || s[k] == '\r' || s[k] == '\f';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Can libxml2's HTML parser read the attribute name s..e?  It takes a
 * letter, '_', ':' or '.' first, then letters, digits and ":-_.", up to
 * 100 bytes (htmlParseHTMLName).  On any other name (Alpine's
 * "@click.outside", Angular's "(click)" and "[value]") it skips to the
 * next blank and reads on from there as if between attributes: a quoted
 * value holding "() => f()" then ends the tag at its '>' and the rest
 * of the value, a script, becomes page text.
 */
static bool name_ok(const char *s, const char *e)
{
	if (e - s >= 100)
		return false;
	for (const char *p = s; p < e; p++) {
		char c = *p;
		bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

		if (!letter && c != '_' && c != ':' && c != '.' &&
		    (p == s || (c != '-' && !(c >= '0' && c <= '9'))))
			return false;
	}
	return true;
}

/* Is the '/' at s (before end) one the parser passes over after a name:
 * the tag's "/>" or a '/' alone before a blank ("<input disabled/>")? */
static bool slash_end(const unsigned char *s, const unsigned char *end)
{
	return *s == '/' &&
	       (s + 1 == end || s[1] == '>' || is_space((char)s[1]));
}

/* The end of the name of the start tag at lt ('<' and a letter). */
static const char *tag_name_end(const char *lt, const char *end)
{
	const char *s = lt + 1;

	while (s < end && !is_space(*s) && *s != '>' && *s != '/')
		s++;
	return s;
}

/*
 * The next attribute of a start tag from *sp, blanks and '/' passed
 * over: returns its name (ending at *name_end) with *sp after its
 * "=value" (quoted or not), or NULL with *sp at the '>' that ends the
 * tag (or end).
 */
static const char *next_attr(const char **sp, const char *end,
			     const char **name_end)
{
	const char *s = *sp, *name;

	while (s < end && (is_space(*s) || *s == '/'))
		s++;
	if (s >= end || *s == '>') {
		*sp = s;
		return NULL;
	}
	name = s;
	while (s < end && !is_space(*s) && *s != '>' && *s != '=' &&
	       !slash_end((const unsigned char *)s,
			  (const unsigned char *)end))
		s++;
	*name_end = s;
	while (s < end && is_space(*s))
		s++;
	if (s < end && *s == '=') {
		s++;
		while (s < end && is_space(*s))
			s++;
		if (s < end && (*s == '"' || *s == '\'')) {
			const char *q =
				memchr(s + 1, *s, (size_t)(end - s - 1));

			s = q ? q + 1 : end;
		} else {
			while (s < end && !is_space(*s) && *s != '>')
				s++;
		}
	}
	*sp = s;
	return name;
}

/* Byte classes of the start tag scan in attrs_bad. */
enum {
	B_SPACE = 1, /* a blank */
	B_STOP = 2,  /* ends an attribute name: a blank, '>' or '=' */
	B_FIRST = 4, /* may begin a name name_ok takes: letters, "_:." */
	B_NAME = 8,  /* may go on with it: the same, digits and '-' */
};

#define BL(c)                                                              \
	((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f')
#define LT(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define BC(c)                                                         \
	((BL(c) ? B_SPACE : 0) |                                      \
	 (BL(c) || (c) == '>' || (c) == '=' ? B_STOP : 0) |          \
	 (LT(c) || (c) == '_' || (c) == ':' || (c) == '.' ? B_FIRST : 0) | \
	 (LT(c) || (c) == '_' || (c) == ':' || (c) == '.' || (c) == '-' || \
			  ((c) >= '0' && (c) <= '9')                        \
		  ? B_NAME                                                 \
		  : 0))
#define BC4(c)  BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const unsigned char bclass[256] = {BC64(0), BC64(64), BC64(128),
					  BC64(192)};
#undef BC64
#undef BC16
#undef BC4
#undef BC
#undef LT
#undef BL

/*
 * Must attributes of the start tag at lt ('<' and a letter) go before
 * parsing?  Those after the first WN_MAX_ATTRS (the parser compares each
 * attribute with all before it, so a tag of 100,000 attributes would
 * cost minutes) and those whose name the parser cannot read (name_ok).
 * Every start tag of the page passes here, so this is next_attr and
 * name_ok folded into one scan of byte classes; drop_attrs, for the
 * rare tags that fail, reads them the same way.
 */
static bool attrs_bad(const char *lt, const char *end)
{
	const unsigned char *s = (const unsigned char *)tag_name_end(lt, end);
	const unsigned char *e = (const unsigned char *)end, *name;
	size_t n = 0;

	for (;;) {
		while (s < e && ((bclass[*s] & B_SPACE) || *s == '/'))
			s++;
		if (s == e || *s == '>')
			return false;
		if (++n > WN_MAX_ATTRS)
			return true;
		/* the name runs to the next stop byte; an empty one (a
		 * '=' here) passes name_ok */
		name = s;
		if (!(bclass[*s] & (B_FIRST | B_STOP)))
			return true;
		if (bclass[*s] & B_FIRST)
			for (s++; s < e && (bclass[*s] & B_NAME); s++)
				;
		if (s - name >= 100 ||
		    (s < e && !(bclass[*s] & B_STOP) && !slash_end(s, e)))
			return true;
		/* the value, if any */
		while (s < e && (bclass[*s] & B_SPACE))
			s++;
		if (s == e || *s != '=')
			continue;
		for (s++; s < e && (bclass[*s] & B_SPACE); s++)
			;
		if (s < e && (*s == '"' || *s == '\'')) {
			const unsigned char *q =
				memchr(s + 1, *s, (size_t)(e - s - 1));

			s = q ? q + 1 : e;
		} else {
			while (s < e && !(bclass[*s] & B_SPACE) && *s != '>')
				s++;
		}
	}
}

/*
 * The page with some of its bytes replaced.  The copy is made at the
 * first replacement: most pages need none and go to the parser as
 * they are.
 */
struct edit {
	struct wn_buf b; /* the copy, data NULL until a replacement */
	const char *run; /* the first byte of the page not yet in b */
	size_t size;     /* of the page */
};

/* Replace the bytes from a up to z (a <= z, both at or after the run)
 * with the plen bytes at piece. */
static int splice(struct edit *e, const char *a, const char *z,
		  const char *piece, size_t plen)
{
	if (!e->b.data) {
		/* sized for the page and a little growth ("<\\/",
		 * U+FFFD): no doubling of a big page */
		size_t cap = e->size + e->size / 64 + 64;

		e->b.data = malloc(cap);
		if (!e->b.data)
			return WN_ENOMEM;
		e->b.cap = cap;
		e->b.len = 0;
	}
	if (wn_buf_append(&e->b, e->run, (size_t)(a - e->run)) < 0 ||
	    wn_buf_append(&e->b, piece, plen) < 0)
		return WN_ENOMEM;
	e->run = z;
	return 0;
}

/* Drop the attributes of the start tag at lt that must go (attrs_bad),
 * and the blanks and '/' after the last one; returns the '>' that ends
 * the tag (or end), NULL when memory runs out. */
static const char *drop_attrs(const char *lt, const char *end,
			      struct edit *e)
{
	const char *s = tag_name_end(lt, end), *at = s, *name, *name_end;
	size_t n = 0;

	while ((name = next_attr(&s, end, &name_end))) {
		if ((++n > WN_MAX_ATTRS || !name_ok(name, name_end)) &&
		    splice(e, at, s, "", 0) < 0)
			return NULL;
		at = s;
	}
	return splice(e, at, s, "", 0) < 0 ? NULL : s;
}

/* A blank as libxml2 reads one (IS_BLANK_CH: no form feed). */
static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The quoted attribute values of a start tag, as scan_tag finds them,
 * and whether their attribute's name came before in the tag (the parser
 * keeps the first of those). */
#define TAG_VALUES 64
struct tag_values {
	const char *at[TAG_VALUES], *to[TAG_VALUES]; /* inside the quotes */
	bool again[TAG_VALUES];
	size_t n;
	const char *name[TAG_VALUES]; /* every attribute name, to compare */
	size_t name_len[TAG_VALUES], names;
};

/* Records the attribute name s..e in v: did one come before? (true
 * also when there are too many names to tell) */
static bool name_again(struct tag_values *v, const char *s, const char *e)
{
	size_t k = (size_t)(e - s);

	for (size_t i = 0; i < v->names; i++)
		if (v->name_len[i] == k && !strncasecmp(v->name[i], s, k))
			return true;
	if (v->names == TAG_VALUES)
		return true;
	v->name[v->names] = s;
	v->name_len[v->names++] = k;
	return false;
}

/*
 * The start tag at lt (a '<' and a letter) as libxml2 2.9 reads it
 * (htmlParseStartTag): the name runs over name bytes; then attributes,
 * each a name (a letter, '_', ':' or '.' first), '=' and a value,
 * quoted (to the same quote) or not (to a blank or '>', so it may take
 * a '/' or a quote); bytes that cannot start a name are skipped up to a
 * blank, '>' or "/>".  Returns the byte after the '>' or "/>" that ends
 * the tag (*empty tells "/>": an empty element, a script or style with
 * no body), or NULL when the page ends first.  The spans of the first
 * TAG_VALUES quoted values go to vals, when given.
 */
static const char *scan_tag(const char *lt, const char *end, bool *empty,
			    struct tag_values *vals)
{
	const char *s = lt + 1, *name;
	bool again;

	*empty = false;
	if (vals)
		vals->n = vals->names = 0;
	while (s < end && (bclass[(unsigned char)*s] & B_NAME))
		s++;
	for (;;) {
		while (s < end && blank(*s))
			s++;
		if (s >= end)
			return NULL;
		if (*s == '>')
			return s + 1;
		if (*s == '/' && s + 1 < end && s[1] == '>') {
			*empty = true;
			return s + 2;
		}
		if (!(bclass[(unsigned char)*s] & B_FIRST)) {
			while (s < end && !blank(*s) && *s != '>' &&
			       !(*s == '/' && s + 1 < end && s[1] == '>'))
				s++;
			continue;
		}
		name = s;
		while (s < end && (bclass[(unsigned char)*s] & B_NAME))
			s++;
		again = vals && name_again(vals, name, s);
		while (s < end && blank(*s))
			s++;
		if (s == end || *s != '=')
			continue;
		for (s++; s < end && blank(*s); s++)
			;
		if (s < end && (*s == '"' || *s == '\'')) {
			const char *q =
				memchr(s + 1, *s, (size_t)(end - s - 1));

			if (!q)
				return NULL;
			if (vals && vals->n < TAG_VALUES) {
				vals->at[vals->n] = s + 1;
				vals->to[vals->n] = q;
				vals->again[vals->n++] = again;
			}
			s = q + 1;
		} else {
			while (s < end && !blank(*s) && *s != '>')
				s++;
		}
	}
}

/*
 * Rewrite the script or style body from body on, up to the end tag
 * "<" close (whose name, "/script" or "/style", the parser will see),
 * found here: "</" as "<\/" (still valid JavaScript, JSON and CSS).
 * Returns the '<' of the end tag (or end), NULL when memory runs out.
 */
static const char *raw_body(const char *body, const char *end,
			    const char *close, struct edit *e)
{
	for (const char *q = body, *lt;; q = lt + 1) {
		if (!(lt = memchr(q, '<', (size_t)(end - q))))
			return end;
		if (tag_at(lt + 1, end, close))
			return lt;
		if (lt + 1 < end && lt[1] == '/' &&
		    splice(e, lt + 1, lt + 1, "\\", 1) < 0)
			return NULL;
	}
}

/*
 * Bytes taken out of the parser's way.  libxml2 2.9 reads a script or
 * style body, and an attribute value, a character at a time (a function
 * call, a validity test and a copy for each byte), and such bytes are
 * often two thirds of a page.  With cuts, neutralize() moves each body
 * and each long quoted value it can hand over verbatim into a side
 * buffer and leaves a marker in its place: U+FDD0, the cut's number in
 * decimal, U+FDD0.  The SAX handlers below give the parser's events the
 * stored bytes instead of the markers, so the tree is the one the whole
 * page would have made (but for the line numbers of its elements, which
 * winnow reads only of text input).  The markers check that the parser
 * saw each piece where neutralize() did: every marker must come, in
 * order, as the whole body of a script or style element or as the
 * whole value of an attribute; otherwise the page is put together again
 * and parsed as it was.
 */
#define MARK      "\xef\xb7\x90"
#define MARK_LEN  3
#define CUT_MIN   24 /* shorter bodies and values stay: a marker is
			 * 8 bytes, and costs the parser about as much */

struct cut {
	size_t text_at, len; /* the body, in cuts.text */
	size_t page_at;      /* the marker, in the page copy */
	size_t mark_len;
};

struct cuts {
	struct wn_buf text; /* the bodies, one after another */
	struct cut *v;
	size_t n, cap;
};

static void cuts_free(struct cuts *c)
{
	wn_buf_free(&c->text);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/*
 * Would the parser copy the body s..s+n as it is?  It drops control
 * characters other than tab, line feed and carriage return, and the
 * characters XML does not allow (U+FFFE, U+FFFF, surrogates); a body
 * with one of those, or with bytes that are not UTF-8 (passed on one
 * at a time), is left to the parser.  Eight ASCII bytes at a time.
 */
static bool body_verbatim(const unsigned char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = ones * 0x80;
	size_t i = 0, k;
	uint32_t cp;
	unsigned c;

	while (i < n) {
		if (n - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			/* no byte >= 0x80 and none < 0x20 (a borrow from
			 * one byte < 0x20 may flag the next: no harm) */
			if (!((w | (w - ones * 0x20)) & high)) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return false;
			i++;
			continue;
		}
		/* strict UTF-8, and none of the characters XML lacks */
		if (!(k = wn_utf8_seq_(s + i, n - i, &cp)) || cp == 0xfffe ||
		    cp == 0xffff)
			return false;
		i += k;
	}
	return true;
}

/* Room for n more bytes of cut text; the first call makes room for
 * most of the page (bodies and long values are often two thirds of it,
 * and unused room is never touched). */
static int text_room(struct cuts *cuts, size_t n, size_t page)
{
	struct wn_buf *t = &cuts->text;
	size_t cap;

	if (t->cap - t->len >= n)
		return 0;
	cap = t->data ? t->cap : page - page / 4 + 64;
	while (cap - t->len < n)
		cap *= 2;
	char *d = realloc(t->data, cap);

	if (!d)
		return WN_ENOMEM;
	t->data = d;
	t->cap = cap;
	return 0;
}

/* The page bytes a..z give way to a marker for the cut text of len
 * bytes at cuts->text + at. */
static int add_cut(struct edit *e, struct cuts *cuts, const char *a,
		   const char *z, size_t at, size_t len)
{
	char mark[2 * MARK_LEN + 24], *d = mark + sizeof(mark);
	size_t ml, k = cuts->n;

	if (cuts->n == cuts->cap) {
		size_t nc = cuts->cap ? 2 * cuts->cap : 256;
		struct cut *v = realloc(cuts->v, nc * sizeof(*v));

		if (!v)
			return WN_ENOMEM;
		cuts->v = v;
		cuts->cap = nc;
	}
	/* MARK, the number in decimal, MARK: written from the end */
	d -= MARK_LEN;
	memcpy(d, MARK, MARK_LEN);
	do
		*--d = (char)('0' + k % 10);
	while ((k /= 10));
	d -= MARK_LEN;
	memcpy(d, MARK, MARK_LEN);
	ml = (size_t)(mark + sizeof(mark) - d);
	if (splice(e, a, z, "", 0) < 0)
		return WN_ENOMEM;
	cuts->v[cuts->n++] = (struct cut){.text_at = at,
					  .len = len,
					  .page_at = e->b.len,
					  .mark_len = ml};
	return wn_buf_append(&e->b, d, ml) < 0 ? WN_ENOMEM : 0;
}

/*
 * The quoted values of the start tag at lt (scan_tag's vals) that the
 * parser would copy as they are: CUT_MIN bytes or more, no '&' (the
 * parser decodes references) and body_verbatim.  A <meta> keeps its
 * values: the parser reads them for a charset; so do <html>, <head>
 * and <body>, whose attributes a misplaced tag adds to the element the
 * parser has already made, without a start event.
 */
static int cut_values(const char *lt, const char *gt,
		      const struct tag_values *vals, struct edit *e,
		      struct cuts *cuts)
{
	switch (lt[1] | 0x20) {
	case 'm':
		if (tag_at(lt + 1, gt, "meta"))
			return 0;
		break;
	case 'h':
		if (tag_at(lt + 1, gt, "html") || tag_at(lt + 1, gt, "head"))
			return 0;
		break;
	case 'b':
		if (tag_at(lt + 1, gt, "body"))
			return 0;
		break;
	}
	for (size_t i = 0; i < vals->n; i++) {
		const char *a = vals->at[i], *z = vals->to[i];
		size_t len = (size_t)(z - a), at = cuts->text.len;

		if (len < CUT_MIN || vals->again[i] || memchr(a, '&', len) ||
		    !body_verbatim((const unsigned char *)a, len))
			continue;
		/* NUL-terminated: the parser's values are C strings */
		if (text_room(cuts, len + 1, e->size) < 0)
			return WN_ENOMEM;
		memcpy(cuts->text.data + at, a, len);
		cuts->text.data[at + len] = '\0';
		cuts->text.len = at + len + 1;
		if (add_cut(e, cuts, a, z, at, len) < 0)
			return WN_ENOMEM;
	}
	return 0;
}

/*
 * raw_body() for a page read with cuts: the rewritten body goes to
 * cuts->text, and the page copy gets a marker in its place, or the body
 * itself when the parser would not take it verbatim (body_verbatim), or
 * when it is short or has no end tag.
 */
static const char *cut_body(const char *body, const char *end,
			    const char *close, struct edit *e,
			    struct cuts *cuts)
{
	struct edit be = {.run = body};
	size_t at = cuts->text.len, len;
	const char *lt;

	if (text_room(cuts, 64, e->size) < 0)
		return NULL;
	be.b = cuts->text;
	lt = raw_body(body, end, close, &be);
	if (lt && wn_buf_append(&be.b, be.run, (size_t)(lt - be.run)) < 0)
		lt = NULL;
	cuts->text = be.b;
	if (!lt)
		return NULL;
	len = cuts->text.len - at;
	if (lt == end || len < CUT_MIN ||
	    !body_verbatim((const unsigned char *)cuts->text.data + at, len)) {
		/* the body stays in the page, rewritten */
		if (splice(e, body, lt, cuts->text.data + at, len) < 0)
			return NULL;
		cuts->text.len = at;
		return lt;
	}
	return add_cut(e, cuts, body, lt, at, len) < 0 ? NULL : lt;
}

/* The n bytes at s with each NUL byte as U+FFFD, in a malloc'd copy
 * (*outn bytes); NULL when memory runs out.  The parser takes a NUL for
 * the end of the page wherever it meets one. */
static char *without_nuls(const char *s, size_t n, size_t *outn)
{
	struct wn_buf b = {0};

	for (const char *p = s, *end = s + n, *z; p < end; p = z + 1) {
		if (!(z = memchr(p, '\0', (size_t)(end - p))))
			z = end;
		if (wn_buf_append(&b, p, (size_t)(z - p)) < 0 ||
		    (z < end && wn_buf_append(&b, "\xef\xbf\xbd", 3) < 0)) {
			wn_buf_free(&b);
			return NULL;
		}
	}
	*outn = b.len;
	return b.data;
}

/*
 * The page with NUL bytes as U+FFFD, "</" inside script and style
 * bodies rewritten as "<\/" so the parser cannot end or mis-nest them,
 * and attributes the parser cannot take dropped; with cuts, the bodies
 * and long values cut out (cut_body, cut_values): 0 and *out, a
 * malloc'd copy, or NULL when the page needs no change; WN_ENOMEM.
 */
static int neutralize(const char *s, size_t n, char **out, size_t *outn,
		      struct cuts *cuts)
{
	char *denul = NULL;
	const char *p, *end;
	struct edit e;

	*out = NULL;
	*outn = n;
	/* NUL bytes first, in a copy of their own: a page rarely has one,
	 * and then every scan below may pass over one */
	if (memchr(s, '\0', n)) {
		if (!(denul = without_nuls(s, n, &n)))
			return WN_ENOMEM;
		s = denul;
	}
	p = s;
	end = s + n;
	e = (struct edit){.run = s, .size = n};
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		const char *close = NULL, *gt;
		struct tag_values vals;
		bool bad, empty;
		char c;

		if (!lt || lt + 1 == end)
			break;
		p = lt + 1;
		if (*p == '!' && end - p >= 3 && p[1] == '-' && p[2] == '-') {
			/* a comment runs to the first "-->" after "<!--" */
			const char *z = memmem(p + 3, (size_t)(end - p - 3),
					       "-->", 3);

			if (z) {
				p = z + 3;
				continue;
			}
		}
		/* the first letter sorts out most tags */
		c = (char)(*p | 0x20);
		if (c < 'a' || c > 'z')
			continue;
		if (c == 's') {
			if (tag_at(p, end, "script"))
				close = "/script";
			else if (tag_at(p, end, "style"))
				close = "/style";
		}
		bad = attrs_bad(lt, end);
		if (!close && bad) {
			p = drop_attrs(lt, end, &e);
			if (!p)
				goto oom;
			continue;
		}
		/* a tag the page ends in (no '>', or a quote never closed):
		 * what follows is inside it for the parser too */
		gt = scan_tag(lt, end, &empty, cuts && !bad ? &vals : NULL);
		if (!gt)
			break;
		if (cuts && !bad && cut_values(lt, gt, &vals, &e, cuts) < 0)
			goto oom;
		p = gt;
		if (!close || empty) /* "<script ... />": no body */
			continue;
		p = cuts ? cut_body(gt, end, close, &e, cuts)
			 : raw_body(gt, end, close, &e);
		if (!p)
			goto oom;
		if (p < end)
			p += 2; /* "</": resume after the end tag */
	}
	if (e.b.data) {
		if (wn_buf_append(&e.b, e.run, (size_t)(end - e.run)) < 0)
			goto oom;
		free(denul);
		*out = e.b.data;
		*outn = e.b.len;
	} else {
		*out = denul;
		*outn = n;
	}
	return 0;
oom:
	wn_buf_free(&e.b);
	free(denul);
	return WN_ENOMEM;
}

static void quiet_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* ---- an element budget while parsing ------------------------------ */

/*
 * A parsed element costs about 150 bytes, its text as much again: a page
 * of a million tiny elements would take forty times its size.  Past a
 * budget of elements (generous: BUDGET_BASE, and one more per
 * BUDGET_BYTES of input), the parser's start and end events make no more
 * elements: their text joins the enclosing element, as the depth limit
 * below does for deep pages, and the text of hidden elements (script,
 * style ...) is dropped.  libxml2 pairs every start event with an end
 * event, so a stack of one byte per open element tells which were made.
 */
#define BUDGET_BASE  100000
#define BUDGET_BYTES 64

enum { MADE, SKIPPED, SKIPPED_HIDDEN };

struct budget {
	size_t left;          /* elements that may still be made */
	unsigned char *stack; /* MADE or SKIPPED* per open element */
	size_t depth, cap;
	size_t hidden; /* SKIPPED_HIDDEN entries on the stack */
	bool oom;
	/* with cuts: the next marker expected, and what came last */
	const struct cuts *cuts;
	const xmlChar **atts; /* a start tag's attributes, values taken */
	size_t atts_cap;
	size_t next;
	bool raw_open;      /* the last event opened a script or style */
	bool after_mark;    /* the last event was a marker */
	bool bad;           /* a marker out of place: parse again */
};

/* The parse running in this thread (the parser is synchronous). */
static _Thread_local struct budget *budget_now;

/*
 * Is s..s+n exactly the next marker the parse expects (MARK, the cut's
 * number in decimal, MARK)?  Then the marker is taken and its cut
 * returned; otherwise b->bad is set (parsed again) and NULL returned.
 */
static const struct cut *take_number(struct budget *b, const char *s,
				     size_t n)
{
	size_t i = MARK_LEN, k = 0;

	if (n < 2 * MARK_LEN + 1 || memcmp(s, MARK, MARK_LEN) ||
	    memcmp(s + n - MARK_LEN, MARK, MARK_LEN)) {
		b->bad = true;
		return NULL;
	}
	for (; i < n - MARK_LEN && s[i] >= '0' && s[i] <= '9' && k <= b->next;
	     i++)
		k = 10 * k + (size_t)(s[i] - '0');
	if (i != n - MARK_LEN || k != b->next || k >= b->cuts->n) {
		b->bad = true;
		return NULL;
	}
	b->next++;
	return &b->cuts->v[k];
}

/* Has the C string v a marker's first character? */
static bool has_mark(const xmlChar *v)
{
	for (const char *p = (const char *)v; (p = strchr(p, MARK[0])); p++)
		if (p[1] == MARK[1] && p[2] == MARK[2])
			return true;
	return false;
}

/*
 * The attributes of a start tag of a page read with cuts: a value that
 * is a marker gives way to its cut text in a copy of the array (the
 * parser frees its own values after the event).  A marker out of order
 * or inside a value sets b->bad.
 */
static const xmlChar **take_attr_marks(struct budget *b, const xmlChar **atts)
{
	size_t n = 0;
	bool any = false;

	for (; atts[n]; n += 2)
		if (atts[n + 1] && has_mark(atts[n + 1]))
			any = true;
	if (!any)
		return atts;
	/* the NULL name that ends the array and the value slot after it,
	 * which xmlSAX2StartElement reads too */
	if (n + 2 > b->atts_cap) {
		const xmlChar **t = realloc(b->atts, (n + 2) * sizeof(*t));

		if (!t) {
			b->bad = true; /* parsed again without cuts */
			return atts;
		}
		b->atts = t;
		b->atts_cap = n + 2;
	}
	memcpy(b->atts, atts, n * sizeof(*atts));
	b->atts[n] = b->atts[n + 1] = NULL;
	for (size_t i = 1; i < n; i += 2) {
		const char *v = (const char *)atts[i];
		const struct cut *c;

		if (v && has_mark(atts[i]) &&
		    (c = take_number(b, v, strlen(v))))
			b->atts[i] = (const xmlChar *)b->cuts->text.data +
				     c->text_at;
	}
	return b->atts;
}

/*
 * xmlSAX2StartElement for HTML, without its copies: libxml2 2.9 gives
 * each element and attribute a malloc'd copy of its name (xmlSplitQName,
 * xmlStrdup) and frees them with the tree; here they are the parser's
 * dictionary strings, which the document shares and never frees.  The
 * rest is done as libxml2 does it: linked under the open element (or as
 * the document's first child), pushed, line number, attributes in order
 * (a boolean one with no value takes its name), no ID registration (see
 * read_budgeted).  Names with a ':' and xmlns attributes (namespaces),
 * and pages read without winnow's fast paths, go to libxml2's handler.
 */
static void start_element(void *ctx, const xmlChar *name,
			  const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlDocPtr doc = ctxt->myDoc;
	const xmlChar *dn;
	xmlNodePtr parent = ctxt->node, el;

	if (!wn_doc_cuts_ || !doc || !ctxt->dict ||
	    (doc->dict && doc->dict != ctxt->dict) || xmlStrchr(name, ':')) {
		xmlSAX2StartElement(ctx, name, atts);
		return;
	}
	if (!doc->dict) {
		/* the document keeps the parser's dictionary, as libxml2's
		 * XML parser has it, and frees no name it holds */
		doc->dict = ctxt->dict;
		xmlDictReference(ctxt->dict);
	}
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (xmlStrchr(atts[i], ':') ||
		    !xmlStrncmp(atts[i], BAD_CAST "xmlns", 5)) {
			xmlSAX2StartElement(ctx, name, atts);
			return;
		}
	/* the parser's names are the dictionary's already, but for the
	 * elements it implies ("html", "body", "p") */
	if (!(dn = xmlDictOwns(ctxt->dict, name)
			   ? name
			   : xmlDictLookup(ctxt->dict, name, -1)) ||
	    !(el = xmlNewDocNodeEatName(doc, NULL, (xmlChar *)dn, NULL)))
		goto oom;
	if (!doc->children)
		xmlAddChild((xmlNodePtr)doc, el);
	else if (!parent)
		parent = doc->children;
	ctxt->nodemem = -1;
	if (ctxt->linenumbers && ctxt->input)
		el->line = ctxt->input->line < 65535
				   ? (unsigned short)ctxt->input->line
				   : 65535;
	if (nodePush(ctxt, el) < 0) {
		xmlUnlinkNode(el);
		xmlFreeNode(el);
		return;
	}
	if (parent) {
		if (parent->type == XML_ELEMENT_NODE)
			xmlAddChild(parent, el);
		else
			xmlAddSibling(parent, el);
	}
	for (size_t i = 0; atts && atts[i]; i += 2) {
		const xmlChar *an = xmlDictOwns(ctxt->dict, atts[i])
					    ? atts[i]
					    : xmlDictLookup(ctxt->dict, atts[i],
							    -1);
		const xmlChar *v = atts[i + 1];
		xmlAttrPtr a;

		if (!v && htmlIsBooleanAttr(atts[i]))
			v = atts[i];
		if (!an || !(a = xmlNewNsPropEatName(el, NULL, (xmlChar *)an,
						     NULL)))
			goto oom;
		if (v) {
			a->children = xmlNewDocText(doc, v);
			if (!a->children)
				goto oom;
			a->last = a->children;
			a->children->parent = (xmlNodePtr)a;
		}
	}
	return;
oom:
	/* as libxml2's handler says it: the parse stops */
	ctxt->errNo = XML_ERR_NO_MEMORY;
	ctxt->instate = XML_PARSER_EOF;
	ctxt->disableSAX = 1;
}

static void budget_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct budget *b = budget_now;
	unsigned char what = MADE;

	b->raw_open = b->cuts && (xmlStrEqual(name, BAD_CAST "script") ||
				  xmlStrEqual(name, BAD_CAST "style"));
	b->after_mark = false;
	if (b->cuts && atts)
		atts = take_attr_marks(b, atts);

	if (b->depth == b->cap) {
		size_t nc = b->cap ? 2 * b->cap : 256;
		unsigned char *t = realloc(b->stack, nc);

		if (!t) {
			/* no stack: make the element, count it no more */
			b->oom = true;
			start_element(ctx, name, atts);
			return;
		}
		b->stack = t;
		b->cap = nc;
	}
	if (b->left)
		b->left--;
	else
		what = wn_tag_is_hidden(name) ? SKIPPED_HIDDEN : SKIPPED;
	b->stack[b->depth++] = what;
	b->hidden += what == SKIPPED_HIDDEN;
	if (what == MADE)
		start_element(ctx, name, atts);
}

static void budget_end(void *ctx, const xmlChar *name)
{
	struct budget *b = budget_now;
	unsigned char what = MADE;

	b->raw_open = b->after_mark = false;
	if (b->oom || !b->depth) {
		xmlSAX2EndElement(ctx, name);
		return;
	}
	what = b->stack[--b->depth];
	b->hidden -= what == SKIPPED_HIDDEN;
	if (what == MADE)
		xmlSAX2EndElement(ctx, name);
}

static void budget_text(void *ctx, const xmlChar *ch, int len)
{
	budget_now->raw_open = budget_now->after_mark = false;
	if (!budget_now->hidden)
		xmlSAX2Characters(ctx, ch, len);
}

/*
 * A body event of a page read with cuts: 1 and the stored body for the
 * marker that is the whole of ch..ch+len, 0 for a body with no marker;
 * a marker out of place, out of order or followed by more body sets
 * b->bad.
 */
static int take_mark(struct budget *b, const xmlChar *ch, int len,
		     const char **body, size_t *blen)
{
	const char *s = (const char *)ch, *m;
	size_t n = (size_t)len;
	bool open = b->raw_open;
	const struct cut *c;

	b->raw_open = false;
	if (b->after_mark) {
		b->bad = true; /* more body after a marker */
		return 0;
	}
	if (!(m = memmem(s, n, MARK, MARK_LEN)))
		return 0;
	/* the whole of a body just opened */
	if (m != s || !open) {
		b->bad = true;
		return 0;
	}
	if (!(c = take_number(b, s, n)))
		return 0;
	b->after_mark = true;
	*body = b->cuts->text.data + c->text_at;
	*blen = c->len;
	return 1;
}

static void budget_cdata(void *ctx, const xmlChar *ch, int len)
{
	struct budget *b = budget_now;
	const char *body;
	size_t blen;

	if (b->cuts && take_mark(b, ch, len, &body, &blen)) {
		ch = (const xmlChar *)body;
		len = (int)blen;
	}
	if (!b->hidden)
		xmlSAX2CDataBlock(ctx, ch, len);
}

/* htmlReadMemory, with the element budget: 0 and *out (NULL when the
 * parser made no document of it: an empty page), or WN_ENOMEM.  With
 * cuts (NULL for none), buf holds their markers; *bad tells that they
 * were not all taken in order, and the tree is not the page's. */
static int read_budgeted(const char *buf, int n, const char *url, int opts,
			 const struct cuts *cuts, xmlDocPtr *out, bool *bad)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	struct budget b = {.left = BUDGET_BASE + (size_t)n / BUDGET_BYTES,
			   .cuts = cuts};
	bool oom;

	*out = NULL;
	*bad = false;
	if (!ctxt)
		return WN_ENOMEM;
	ctxt->sax->startElement = budget_start;
	ctxt->sax->endElement = budget_end;
	ctxt->sax->characters = budget_text;
	ctxt->sax->cdataBlock = budget_cdata;
	/* no ID table: registering each id (and <a name>) and dropping it
	 * again when its node goes cost 2.5% of a default run, and nothing
	 * of winnow reads it (select.c answers XPath's id() from the tree) */
	ctxt->loadsubset |= XML_SKIP_IDS;
	budget_now = &b;
	*out = htmlCtxtReadMemory(ctxt, buf, n, url, "UTF-8", opts);
	budget_now = NULL;
	/* out of memory is an error, not an empty page */
	oom = ctxt->errNo == XML_ERR_NO_MEMORY;
	htmlFreeParserCtxt(ctxt);
	free(b.stack);
	free(b.atts);
	if (oom) {
		xmlFreeDoc(*out);
		*out = NULL;
		return WN_ENOMEM;
	}
	*bad = cuts && (b.bad || b.next != cuts->n);
	return 0;
}

/* The page of n bytes at buf with its markers replaced by their bodies
 * again: a malloc'd copy in *out (*outn bytes), or WN_ENOMEM. */
static int paste_back(const char *buf, size_t n, const struct cuts *c,
		      char **out, size_t *outn)
{
	struct wn_buf b = {0};
	size_t at = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (wn_buf_append(&b, buf + at, c->v[i].page_at - at) < 0 ||
		    wn_buf_append(&b, c->text.data + c->v[i].text_at,
				  c->v[i].len) < 0) {
			wn_buf_free(&b);
			return WN_ENOMEM;
		}
		at = c->v[i].page_at + c->v[i].mark_len;
	}
	if (wn_buf_append(&b, buf + at, n - at) < 0) {
		wn_buf_free(&b);
		return WN_ENOMEM;
	}
	*out = b.data;
	*outn = b.len;
	return 0;
}

/* Parse the page (neutralized, with the markers of cuts, NULL for none):
 * when the parser did not take the markers as neutralize() set them, the
 * page is pasted together again and parsed as it is. */
static int parse_cut(const char *buf, size_t n, const char *url, int opts,
		     const struct cuts *cuts, xmlDocPtr *out)
{
	char *whole;
	size_t wn;
	bool bad;
	int rc;

	if (n > INT_MAX)
		return WN_EPARSE;
	rc = read_budgeted(buf, (int)n, url, opts, cuts, out, &bad);
	wn_doc_cut_pages_ += cuts != NULL;
	if (rc || !bad)
		return rc;
	wn_doc_cut_again_++;
	xmlFreeDoc(*out);
	*out = NULL;
	if ((rc = paste_back(buf, n, cuts, &whole, &wn)))
		return rc;
	rc = wn > INT_MAX ? WN_EPARSE
			  : read_budgeted(whole, (int)wn, url, opts, NULL, out,
					  &bad);
	free(whole);
	return rc;
}

/* Whether HTML pages are read with cuts (tests turn it off to compare),
 * and how many pages of this thread were, and parsed again. */
WN_INTERNAL bool wn_doc_cuts_ = true;
WN_INTERNAL _Thread_local size_t wn_doc_cut_pages_, wn_doc_cut_again_;

/*
 * Parse the n bytes of UTF-8 at utf8 (n > 0 or not) with libxml2's HTML
 * parser: 0 and *out (NULL for an empty page), WN_ENOMEM, WN_EPARSE.
 * *own, the malloc'd buffer behind utf8 or NULL, is freed and set to
 * NULL when a readied copy replaces it.  `verbose` lets the parser's
 * messages through and reads the page without the fast paths (markers
 * would show in the messages' lines).
 */
int wn_html_read_(const char *utf8, size_t n, char **own, const char *url,
		  bool verbose, xmlDocPtr *out)
{
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_COMPACT |
		   XML_PARSE_HUGE;
	size_t nn;
	char *clean;
	struct cuts cuts = {0};
	int rc;

	*out = NULL;
	rc = neutralize(utf8, n, &clean, &nn,
			wn_doc_cuts_ && !verbose ? &cuts : NULL);
	if (rc) {
		cuts_free(&cuts);
		return rc;
	}
	if (clean) {
		/* the page is in memory once more in the parser's input
		 * buffer, and again as a tree: drop this copy first */
		free(*own);
		*own = NULL;
		utf8 = clean;
	}
	if (!verbose) {
		opts |= HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
		xmlSetGenericErrorFunc(NULL, quiet_error);
	}
	if (nn > 0)
		rc = parse_cut(utf8, nn, url, opts, cuts.n ? &cuts : NULL, out);
	if (!verbose)
		xmlSetGenericErrorFunc(NULL, NULL);
	free(clean);
	cuts_free(&cuts);
	return rc;
}
