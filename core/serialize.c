/* SPDX-License-Identifier: MIT */
/*
 * The HTML serializer.  Writes a libxml2 HTML tree, or one node of it,
 * as UTF-8 HTML straight into a wn_buf, byte for byte as libxml2's
 * htmlNodeDumpFormatOutput (format 0, UTF-8 out) writes it: void
 * elements without an end tag, boolean attributes bare, text escaped
 * (&amp; &lt; &gt;) except inside script and style, attribute values
 * escaped the same way and, for href, src, action and <a name>,
 * URI-escaped; a document gets its doctype line and a final newline.
 *
 * libxml2's writer goes through an output buffer and a UTF-8 to UTF-8
 * "conversion", looks each tag up in its element table, and allocates a
 * copy of every text node and attribute value to escape it; on a news
 * page it costs about a quarter of what parsing the page costs.  This
 * one walks the tree once, escapes in place and caches the element
 * table look-ups by name: same bytes, several times cheaper.
 * tests/unit/test_serialize.c holds the two writers to the same output.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "internal.h"

#define TAG_CACHE 128          /* element-table look-ups remembered, by name */
#define DOC_START (128 * 1024) /* room a whole document starts with */

struct tag {
	const xmlChar *name;
	size_t len;
	const htmlElemDesc *info;
};

struct ser {
	struct wn_buf *b;
	int rc;
	struct tag tags[TAG_CACHE];
};

/* Grow the buffer for n more bytes and the NUL; false when out of
 * memory. */
static bool grow(struct ser *s, size_t n)
{
	struct wn_buf *b = s->b;
	size_t cap;
	char *p;

	if (s->rc)
		return false;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n + 1) {
		if (cap > SIZE_MAX / 2) {
			s->rc = WN_ENOMEM;
			return false;
		}
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (!p) {
		s->rc = WN_ENOMEM;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

static inline bool room(struct ser *s, size_t n)
{
	return s->b->len + n + 1 <= s->b->cap || grow(s, n);
}

static inline void put(struct ser *s, const void *p, size_t n)
{
	if (!room(s, n))
		return;
	memcpy(s->b->data + s->b->len, p, n);
	s->b->len += n;
}

static inline void puts_(struct ser *s, const xmlChar *str)
{
	put(s, str, strlen((const char *)str));
}

static inline void putc_(struct ser *s, char c)
{
	if (!room(s, 1))
		return;
	s->b->data[s->b->len++] = c;
}

/* Where n more bytes go, NULL when out of memory: one check for a
 * piece written in several parts; the caller adds n to b->len. */
static inline char *reserve(struct ser *s, size_t n)
{
	return room(s, n) ? s->b->data + s->b->len : NULL;
}

/* memcpy, returning d + n. */
static inline char *copy(char *d, const void *src, size_t n)
{
	memcpy(d, src, n);
	return d + n;
}

/* The length and element table entry (NULL for names the table does
 * not know) of an element name with no namespace.  Names are not shared
 * strings (libxml2's HTML parser copies each), so the cache compares
 * them. */
static const struct tag *tag_info(struct ser *s, const xmlChar *name)
{
	size_t n = strlen((const char *)name);
	struct tag *t = &s->tags[(unsigned)(name[0] * 31u +
					    name[n ? n - 1 : 0] * 7u + n) %
				 TAG_CACHE];

	if (!t->name || t->len != n || memcmp(t->name, name, n)) {
		t->name = name;
		t->len = n;
		t->info = htmlTagLookup(name);
	}
	return t;
}

/* Bytes the escaper leaves alone (non-zero): tab, LF, CR, every byte
 * from space up but & < > (" too: libxml2 quotes values instead of
 * escaping it), and so every byte of a multi-byte UTF-8 sequence.
 * VALUE_PLAIN marks those an attribute value is written with as they
 * are: the same but '"', so one look-up per byte finds the end of the
 * run (first_to_escape). */
#define VALUE_PLAIN 2
#define PLAIN_(c)                                                    \
	((((c) >= 0x20 && (c) != '&' && (c) != '<' && (c) != '>') || \
	  (c) == '\t' || (c) == '\n' || (c) == '\r'))
#define PLAIN(c) \
	(PLAIN_(c) ? ((c) == '"' ? 1 : 1 | VALUE_PLAIN) : 0)
#define P4(c)  PLAIN(c), PLAIN((c) + 1), PLAIN((c) + 2), PLAIN((c) + 3)
#define P16(c) P4(c), P4((c) + 4), P4((c) + 8), P4((c) + 12)
#define P64(c) P16(c), P16((c) + 16), P16((c) + 32), P16((c) + 48)
static const unsigned char plain[256] = {P64(0), P64(64), P64(128), P64(192)};
#undef P64
#undef P16
#undef P4
#undef PLAIN
#undef PLAIN_

/* The bytes that may stop a run, for mask (1: text, VALUE_PLAIN: an
 * attribute value): the high bit set for every control byte, & < > and
 * for a value ", and for no other byte.  Sums of 7-bit bytes: no carry
 * crosses into the next byte, so each byte is flagged alone. */
static inline uint64_t stops(const xmlChar *p, unsigned char mask)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint64_t w, low, amp, ltgt, keep;

	memcpy(&w, p, 8);
	low = w & ones * 0x7f;
	/* zero for & (and " as 0x22 | 0x04 == 0x26), for < and > */
	amp = ((mask & VALUE_PLAIN) ? low | ones * 0x04 : low) ^ ones * 0x26;
	ltgt = (low | ones * 0x02) ^ ones * 0x3e;
	/* high bit set: from 0x20 up, and not zero in amp nor in ltgt */
	keep = (low + ones * 0x60) & (amp + ones * 0x7f) & (ltgt + ones * 0x7f);
	/* bytes from 0x80 up always go on */
	return ~(keep | w) & ones * 0x80;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS 1
/* The first byte from p on, of the word at q, that plain[] does not
 * mark with mask; NULL when there is none. */
static inline const xmlChar *stop_in(const xmlChar *q, const xmlChar *p,
				     unsigned char mask)
{
	uint64_t t;

	for (t = stops(q, mask); t; t &= t - 1) {
		const xmlChar *r = q + __builtin_ctzll(t) / 8;

		if (r >= p && !(plain[*r] & mask))
			return r;
	}
	return NULL;
}
#endif

/* The first byte in [p, end) that plain[] does not mark with mask,
 * end when there is none, in a string of n bytes that ends at end.
 * Eight bytes at a time, only the bytes stops() flags looked up; the
 * last eight are read as one word, bytes before p included, so no byte
 * outside the string is. */
static inline const xmlChar *next_stop(const xmlChar *p, const xmlChar *end,
				       size_t n, unsigned char mask)
{
#ifdef WORDS
	if (n >= 8) {
		const xmlChar *r = NULL;

		for (; end - p >= 8 && !r; p += 8)
			r = stop_in(p, p, mask);
		if (!r && p < end)
			r = stop_in(end - 8, p, mask);
		return r ? r : end;
	}
#else
	(void)n;
#endif
	while (p < end && (plain[*p] & mask))
		p++;
	return p;
}

/* Append str escaped as libxml2 escapes HTML text (attr false) or an
 * attribute value (attr true: "&{...}" is kept, as HTML 4 asks). */
static void escape(struct ser *s, const xmlChar *str, bool attr)
{
	const xmlChar *p = str, *run = str;
	size_t n = strlen((const char *)str);
	const xmlChar *stop = str + n;

	for (;;) {
		p = next_stop(p, stop, n, 1);
		if (p > run)
			put(s, run, (size_t)(p - run));
		switch (*p) {
		case '\0': /* the end */
			return;
		case '<':
			/* a server-side include in a value stays as it is */
			if (attr && p[1] == '!' && p[2] == '-' && p[3] == '-') {
				const char *end =
					strstr((const char *)p, "-->");

				if (end) {
					end += 3;
					put(s, p,
					    (size_t)(end - (const char *)p));
					p = run = (const xmlChar *)end;
					continue;
				}
			}
			put(s, "&lt;", 4);
			break;
		case '>':
			put(s, "&gt;", 4);
			break;
		case '&':
			if (attr && p[1] == '{' &&
			    strchr((const char *)p, '}')) {
				const xmlChar *q = (const xmlChar *)strchr(
					(const char *)p, '}');
				put(s, p, (size_t)(q + 1 - p));
				p = run = q + 1;
				continue;
			}
			put(s, "&amp;", 5);
			break;
		default: /* another control byte: dropped, as libxml2 does */
			break;
		}
		run = ++p;
	}
}

/* Append str quoted as libxml2's xmlBufWriteQuotedString quotes it:
 * in "...", or '...' when it holds a " but no ', or "..." with &quot;
 * when it holds both. */
static void quoted(struct ser *s, const char *str, size_t n)
{
	const char *dq = memchr(str, '"', n), *p, *run;

	if (!dq) {
		putc_(s, '"');
		put(s, str, n);
		putc_(s, '"');
		return;
	}
	if (!memchr(str, '\'', n)) {
		putc_(s, '\'');
		put(s, str, n);
		putc_(s, '\'');
		return;
	}
	putc_(s, '"');
	for (run = p = str; p < str + n; p++)
		if (*p == '"') {
			put(s, run, (size_t)(p - run));
			put(s, "&quot;", 6);
			run = p + 1;
		}
	put(s, run, (size_t)(str + n - run));
	putc_(s, '"');
}

/* name equals lower, a lower-case ASCII word, in any case */
static bool word_is(const xmlChar *name, const char *lower)
{
	while (*lower)
		if ((*name++ | 0x20) != *lower++)
			return false;
	return !*name;
}

/* What an attribute name of length n asks of its value: written
 * bare (boolean attributes), %-escaped (a URI: href, src, action, and
 * name on <a>), or only escaped.  Any case; the length picks the
 * candidates. */
enum kind { PLAIN_VALUE, NO_VALUE, URI_VALUE, NAME_VALUE };

static enum kind attr_kind(const xmlChar *n, size_t len)
{
	switch (n[0] | 0x20) {
	case 'a':
		return len == 6 && word_is(n, "action") ? URI_VALUE
							: PLAIN_VALUE;
	case 'c':
		return len == 7 && (word_is(n, "checked") ||
				    word_is(n, "compact"))
			       ? NO_VALUE
			       : PLAIN_VALUE;
	case 'd':
		return (len == 5 && word_is(n, "defer")) ||
				       (len == 8 && word_is(n, "disabled")) ||
				       (len == 7 && word_is(n, "declare"))
			       ? NO_VALUE
			       : PLAIN_VALUE;
	case 'h':
		return len == 4 && word_is(n, "href") ? URI_VALUE : PLAIN_VALUE;
	case 'i':
		return len == 5 && word_is(n, "ismap") ? NO_VALUE : PLAIN_VALUE;
	case 'm':
		return len == 8 && word_is(n, "multiple") ? NO_VALUE
							  : PLAIN_VALUE;
	case 'n':
		if (len == 4)
			return word_is(n, "name") ? NAME_VALUE : PLAIN_VALUE;
		return (len == 6 &&
			(word_is(n, "nowrap") || word_is(n, "nohref"))) ||
				       (len == 8 && word_is(n, "noresize")) ||
				       (len == 7 && word_is(n, "noshade"))
			       ? NO_VALUE
			       : PLAIN_VALUE;
	case 'r':
		return len == 8 && word_is(n, "readonly") ? NO_VALUE
							  : PLAIN_VALUE;
	case 's':
		if (len == 3)
			return word_is(n, "src") ? URI_VALUE : PLAIN_VALUE;
		return len == 8 && word_is(n, "selected") ? NO_VALUE
							  : PLAIN_VALUE;
	default:
		return PLAIN_VALUE;
	}
}

/* Bytes a URI value keeps as they are (non-zero): letters, digits, the
 * marks -_.!~*'() and @/:=?;#%&,+<> (what xmlURIEscapeStr is given).
 * URI_PLAIN marks those a URI value is written with as they are: the
 * same but & < >, which the escaper changes first. */
#define URI_PLAIN 2
#define UK(c)                                                           \
	(UK_(c) ? ((c) == '&' || (c) == '<' || (c) == '>' ? 1 : 1 | URI_PLAIN) \
		: 0)
#define UK_(c)                                                                 \
	(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ||           \
	 ((c) >= '0' && (c) <= '9') || (c) == '-' || (c) == '_' ||             \
	 (c) == '.' || (c) == '!' || (c) == '~' || (c) == '*' ||               \
	 (c) == '\'' || (c) == '(' || (c) == ')' || (c) == '@' ||              \
	 (c) == '/' || (c) == ':' || (c) == '=' || (c) == '?' || (c) == ';' || \
	 (c) == '#' || (c) == '%' || (c) == '&' || (c) == ',' || (c) == '+' || \
	 (c) == '<' || (c) == '>')
#define UK4(c)  UK(c), UK((c) + 1), UK((c) + 2), UK((c) + 3)
#define UK16(c) UK4(c), UK4((c) + 4), UK4((c) + 8), UK4((c) + 12)
#define UK64(c) UK16(c), UK16((c) + 16), UK16((c) + 32), UK16((c) + 48)
static const unsigned char uri_keeps[256] = {UK64(0), UK64(64), UK64(128),
					     UK64(192)};
#undef UK64
#undef UK16
#undef UK4
#undef UK
#undef UK_

/* The escaped value of an attribute, as libxml2 builds it
 * (xmlNodeListGetString): its text escaped, its entity references as
 * written. */
static void attr_value(struct ser *s, const xmlAttr *a, struct wn_buf *v)
{
	struct wn_buf *keep = s->b;
	const xmlNode *c;

	s->b = v;
	for (c = a->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				escape(s, c->content, true);
		} else if (c->type == XML_ENTITY_REF_NODE) {
			putc_(s, '&');
			puts_(s, c->name);
			putc_(s, ';');
		}
	}
	s->b = keep;
}

/* The first byte of the value p that writing as is would get wrong: an
 * escape, a quote, or for a URI a blank to trim or a byte to %-escape;
 * the NUL when there is none. */
static const xmlChar *first_to_escape(const xmlChar *p, bool uri)
{
	if (!uri) {
		size_t n = strlen((const char *)p);

		return next_stop(p, p + n, n, VALUE_PLAIN);
	}
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return p;
	while (uri_keeps[*p] & URI_PLAIN)
		p++;
	return p;
}

/* The value of a, escaped, quoted and for a URI %-escaped, after the
 * name: what needs a copy (attribute does the rest). */
static void attribute_value(struct ser *s, const xmlAttr *a, bool uri,
			    struct wn_buf *v)
{
	const char *p, *end;

	v->len = 0;
	attr_value(s, a, v);
	if (s->rc)
		return;
	putc_(s, '=');
	p = v->data ? v->data : "";
	end = p + v->len;
	if (!uri) {
		quoted(s, p, v->len);
		return;
	}
	/* a URI: leading blanks trimmed, then %-escaped; a " is escaped
	 * too, so plain double quotes do */
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	putc_(s, '"');
	for (; p < end && !s->rc; p++) {
		unsigned char ch = (unsigned char)*p;

		if (uri_keeps[ch]) {
			putc_(s, (char)ch);
		} else {
			static const char hex[] = "0123456789ABCDEF";
			char e[3] = {'%', hex[ch >> 4], hex[ch & 15]};

			put(s, e, 3);
		}
	}
	putc_(s, '"');
}

static void attribute(struct ser *s, const xmlAttr *a, struct wn_buf *v)
{
	const xmlNode *c = a->children;
	const xmlChar *prefix = a->ns ? a->ns->prefix : NULL;
	size_t n = strlen((const char *)a->name), np = 0, nv = 0, all;
	enum kind k = attr_kind(a->name, n);
	const xmlChar *stop = NULL;
	bool uri = false;
	char *d;

	if (prefix)
		np = strlen((const char *)prefix) + 1;
	if (c && k != NO_VALUE) {
		uri = (k == URI_VALUE || (k == NAME_VALUE && a->parent &&
					  word_is(a->parent->name, "a"))) &&
		      !a->ns && a->parent && !a->parent->ns;
		/* the common case, one text child that neither escaping
		 * changes, is written from the tree, with the name */
		if (!c->next && c->type == XML_TEXT_NODE && c->content) {
			stop = first_to_escape(c->content, uri);
			if (*stop)
				stop = NULL;
			else
				nv = (size_t)(stop - c->content) + 3;
		}
	}
	all = 1 + np + n + nv;
	if (!(d = reserve(s, all)))
		return;
	*d++ = ' ';
	if (prefix) {
		d = copy(d, prefix, np - 1);
		*d++ = ':';
	}
	d = copy(d, a->name, n);
	if (nv) {
		*d++ = '=';
		*d++ = '"';
		d = copy(d, c->content, nv - 3);
		*d = '"';
	}
	s->b->len += all;
	if (c && k != NO_VALUE && !stop)
		attribute_value(s, a, uri, v);
}

static void ns_defs(struct ser *s, const xmlNs *ns)
{
	for (; ns; ns = ns->next) {
		if (ns->type != XML_NAMESPACE_DECL || !ns->href)
			continue;
		if (ns->prefix && xmlStrEqual(ns->prefix, BAD_CAST "xml"))
			continue;
		put(s, " xmlns", 6);
		if (ns->prefix) {
			putc_(s, ':');
			puts_(s, ns->prefix);
		}
		putc_(s, '=');
		quoted(s, (const char *)ns->href,
		       strlen((const char *)ns->href));
	}
}

/* Write "<name" of element n, or its end tag "</name>" (end), in one
 * piece; len is the length of its name. */
static inline void tag(struct ser *s, const xmlNode *n, size_t len,
			      bool end)
{
	const xmlChar *prefix = n->ns ? n->ns->prefix : NULL;
	size_t np = prefix ? strlen((const char *)prefix) + 1 : 0;
	size_t all = 1 + np + len + 2 * end;
	char *d;

	if (!(d = reserve(s, all)))
		return;
	*d++ = '<';
	if (end)
		*d++ = '/';
	if (prefix) {
		d = copy(d, prefix, np - 1);
		*d++ = ':';
	}
	d = copy(d, n->name, len);
	if (end)
		*d = '>';
	s->b->len += all;
}

static void doctype(struct ser *s, const xmlDtd *d)
{
	put(s, "<!DOCTYPE ", 10);
	puts_(s, d->name ? d->name : BAD_CAST "");
	if (d->ExternalID) {
		put(s, " PUBLIC ", 8);
		quoted(s, (const char *)d->ExternalID,
		       strlen((const char *)d->ExternalID));
		if (d->SystemID) {
			putc_(s, ' ');
			quoted(s, (const char *)d->SystemID,
			       strlen((const char *)d->SystemID));
		}
	} else if (d->SystemID &&
		   !xmlStrEqual(d->SystemID, BAD_CAST "about:legacy-compat")) {
		put(s, " SYSTEM ", 8);
		quoted(s, (const char *)d->SystemID,
		       strlen((const char *)d->SystemID));
	}
	put(s, ">\n", 2);
}

static bool raw_text_parent(const xmlNode *parent)
{
	return parent && parent->name && (parent->name[0] | 0x20) == 's' &&
	       (word_is(parent->name, "script") ||
		word_is(parent->name, "style"));
}

/* Walk from root without recursion (pages nest thousands deep). */
static void walk(struct ser *s, xmlNodePtr root, struct wn_buf *v)
{
	xmlNodePtr cur = root, parent = root->parent;

	while (cur && !s->rc) {
		switch (cur->type) {
		case XML_HTML_DOCUMENT_NODE:
		case XML_DOCUMENT_NODE: {
			xmlDocPtr d = (xmlDocPtr)cur;

			if (d->intSubset)
				doctype(s, d->intSubset);
			if (cur->children) {
				parent = cur;
				cur = cur->children;
				continue;
			}
			putc_(s, '\n');
			break;
		}
		case XML_ELEMENT_NODE: {
			const struct tag *t =
				cur->ns ? NULL : tag_info(s, cur->name);
			const htmlElemDesc *info = t ? t->info : NULL;
			size_t len =
				t ? t->len : strlen((const char *)cur->name);
			const xmlAttr *a;

			tag(s, cur, len, false);
			if (cur->nsDef)
				ns_defs(s, cur->nsDef);
			for (a = cur->properties; a; a = a->next)
				attribute(s, a, v);
			if (info && info->empty) {
				putc_(s, '>');
			} else if (!cur->children) {
				if (info && info->saveEndTag &&
				    strcmp(info->name, "html") &&
				    strcmp(info->name, "body")) {
					putc_(s, '>');
				} else {
					putc_(s, '>');
					tag(s, cur, len, true);
				}
			} else {
				putc_(s, '>');
				parent = cur;
				cur = cur->children;
				continue;
			}
			break;
		}
		case XML_TEXT_NODE:
			if (!cur->content)
				break;
			if (cur->name != xmlStringTextNoenc &&
			    !raw_text_parent(parent))
				escape(s, cur->content, false);
			else
				puts_(s, cur->content);
			break;
		case XML_COMMENT_NODE:
			if (cur->content) {
				put(s, "<!--", 4);
				puts_(s, cur->content);
				put(s, "-->", 3);
			}
			break;
		case XML_PI_NODE:
			if (cur->name) {
				put(s, "<?", 2);
				puts_(s, cur->name);
				if (cur->content) {
					putc_(s, ' ');
					puts_(s, cur->content);
				}
				putc_(s, '>');
			}
			break;
		case XML_ENTITY_REF_NODE:
			putc_(s, '&');
			puts_(s, cur->name);
			putc_(s, ';');
			break;
		case XML_CDATA_SECTION_NODE:
			if (cur->content)
				puts_(s, cur->content);
			break;
		case XML_ATTRIBUTE_NODE:
			attribute(s, (const xmlAttr *)cur, v);
			break;
		default:
			break;
		}
		/* up and on: close what is done */
		for (;;) {
			if (cur == root)
				return;
			if (cur->next) {
				cur = cur->next;
				break;
			}
			cur = parent;
			parent = cur->parent;
			if (cur->type == XML_HTML_DOCUMENT_NODE ||
			    cur->type == XML_DOCUMENT_NODE) {
				putc_(s, '\n');
			} else {
				tag(s, cur, strlen((const char *)cur->name),
				    true);
			}
		}
	}
}

int wn_html_write_(xmlNodePtr node, struct wn_buf *out)
{
	struct ser s;
	struct wn_buf v = {0};

	memset(&s, 0, sizeof(s));
	s.b = out;
	if (node->type == XML_DTD_NODE)
		return 0;
	/* a page's HTML seldom fits in less: each doubling up to it would
	 * copy all written so far.  Only a hint: without it, grow tries
	 * smaller steps. */
	if ((node->type == XML_HTML_DOCUMENT_NODE ||
	     node->type == XML_DOCUMENT_NODE) &&
	    out->cap - out->len < DOC_START) {
		char *p = realloc(out->data, out->len + DOC_START);

		if (p) {
			out->data = p;
			out->cap = out->len + DOC_START;
		}
	}
	walk(&s, node, &v);
	free(v.data);
	if (!s.rc && out->data)
		out->data[out->len] = '\0';
	return s.rc;
}
