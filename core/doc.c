/* SPDX-License-Identifier: MIT */
/*
 * Documents: sniffing HTML from text, choosing the charset (BOM, the
 * caller's --encoding, <meta>, then a guess), converting to UTF-8,
 * parsing (htmlparse.c for libxml2's parser, html5.c for gumbo), taming
 * the tree, and finding the page URL.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/uri.h>

#include "internal.h"

/* The parser used when the caller does not choose: see README,
 * "Parser choice", for the measurements behind it. */
#define WN_DEFAULT_PARSER_HTML5 0

/* ---- sniffing ---------------------------------------------------- */

static bool has_ci(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, lit, k) == 0)
			return true;
	return false;
}

static enum wn_kind sniff(const char *s, size_t n)
{
	size_t i = 0, head = n < 1024 ? n : 1024;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			 s[i] == '\r' || s[i] == '\f'))
		i++;
	if (i + 1 < n && s[i] == '<' &&
	    (s[i + 1] == '!' || s[i + 1] == '?' ||
	     ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
		return WN_KIND_HTML;
	if (has_ci(s, head, "<html") || has_ci(s, head, "<!doctype html") ||
	    has_ci(s, head, "<body") || has_ci(s, head, "<head"))
		return WN_KIND_HTML;
	return WN_KIND_TEXT;
}

/* ---- documents --------------------------------------------------- */

int wn_doc_new_empty_(struct wn_doc **out, enum wn_kind kind)
{
	struct wn_doc *d = calloc(1, sizeof(*d));
	xmlNodePtr html, head;

	if (!d)
		return WN_ENOMEM;
	d->kind = kind;
	d->xml = htmlNewDocNoDtD(NULL, NULL);
	if (!d->xml || !xmlCreateIntSubset(d->xml, BAD_CAST "html", NULL, NULL))
		goto oom;
	html = xmlNewDocNode(d->xml, NULL, BAD_CAST "html", NULL);
	if (!html)
		goto oom;
	xmlDocSetRootElement(d->xml, html);
	head = xmlNewChild(html, NULL, BAD_CAST "head", NULL);
	d->body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
	if (!head || !d->body)
		goto oom;
	*out = d;
	return 0;
oom:
	wn_doc_free(d);
	return WN_ENOMEM;
}

void wn_doc_free(struct wn_doc *doc)
{
	if (!doc)
		return;
	wn_mark_free_(doc);
	if (doc->xml)
		xmlFreeDoc(doc->xml);
	free(doc->url);
	free(doc->host);
	free(doc->name);
	wn_meta_free_(doc->meta);
	free(doc);
}

xmlDocPtr wn_doc_xml(struct wn_doc *doc)
{
	return doc->xml;
}

xmlNodePtr wn_doc_body(struct wn_doc *doc)
{
	return doc->body;
}

enum wn_kind wn_doc_kind(const struct wn_doc *doc)
{
	return doc->kind;
}

const char *wn_doc_url_peek(const struct wn_doc *doc)
{
	return doc->url;
}

const char *wn_doc_host_peek(const struct wn_doc *doc)
{
	return doc->host;
}

const char *wn_doc_name_peek(const struct wn_doc *doc)
{
	return doc->name ? doc->name : "-";
}

void wn_doc_set_url_(struct wn_doc *doc, const char *url)
{
	xmlURIPtr uri;

	free(doc->url);
	free(doc->host);
	doc->url = doc->host = NULL;
	if (!url || !*url)
		return;
	doc->url = wn_strdup_(url);
	uri = xmlParseURI(url);
	if (uri && uri->server) {
		doc->host = wn_strdup_(uri->server);
		if (doc->host) {
			size_t k;

			for (char *p = doc->host; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p + 32);
			k = strlen(doc->host);
			if (k && doc->host[k - 1] == '.')
				doc->host[k - 1] = '\0';
		}
	}
	if (uri)
		xmlFreeURI(uri);
}

/* <link rel=canonical href> or <meta property=og:url content>. */
void wn_doc_find_url_(struct wn_doc *doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml), n;
	xmlChar *canon = NULL, *og = NULL;

	for (n = root ? wn_next_element(root, root, false) : NULL; n;
	     n = wn_next_element(n, root,
				 xmlStrEqual(n->name, BAD_CAST "body"))) {
		xmlChar *rel, *prop;

		if (!canon && xmlStrEqual(n->name, BAD_CAST "link")) {
			rel = xmlGetNoNsProp(n, BAD_CAST "rel");
			if (rel && !xmlStrcasecmp(rel, BAD_CAST "canonical"))
				canon = xmlGetNoNsProp(n, BAD_CAST "href");
			xmlFree(rel);
		} else if (!og && xmlStrEqual(n->name, BAD_CAST "meta")) {
			prop = xmlGetNoNsProp(n, BAD_CAST "property");
			if (prop && !xmlStrcasecmp(prop, BAD_CAST "og:url"))
				og = xmlGetNoNsProp(n, BAD_CAST "content");
			xmlFree(prop);
		}
	}
	if (canon && strstr((const char *)canon, "://"))
		wn_doc_set_url_(doc, (const char *)canon);
	else if (og && strstr((const char *)og, "://"))
		wn_doc_set_url_(doc, (const char *)og);
	xmlFree(canon);
	xmlFree(og);
}

/*
 * Pick the charset and return the page as valid UTF-8: *out, of *outn
 * bytes, and *own, the malloc'd buffer behind it, or NULL when *out
 * points into buf: a page that already is valid UTF-8 is not copied.
 */
static int decode(const char *buf, size_t len, const struct wn_parse_opts *o,
		  bool html, const char **out, char **own, size_t *outn)
{
	size_t bomlen;
	const char *enc = wn_bom_(buf, len, &bomlen);
	char meta[64];
	bool valid;
	int rc;

	buf += bomlen;
	len -= bomlen;
	*out = buf;
	*own = NULL;
	*outn = len;
	if (enc && !strcmp(enc, "UTF-8") && wn_utf8_valid_(buf, len))
		return 0;
	if (!enc && o->encoding && *o->encoding)
		enc = o->encoding;
	if (!enc && html && wn_meta_charset_(buf, len, meta, sizeof(meta)))
		enc = meta;
	if (enc && strcasecmp(enc, "utf-8") && strcasecmp(enc, "utf8")) {
		rc = wn_to_utf8_(buf, len, enc, own, outn);
		*out = *own;
		if (rc == 0 || enc == o->encoding)
			return rc;
		enc = NULL; /* an unknown <meta> label: guess */
	}
	valid = wn_utf8_valid_(buf, len);
	if (!enc && !valid) {
		/* mostly UTF-8 with a few broken bytes is still UTF-8 (the
		 * bytes become U+FFFD); otherwise the browsers' default */
		size_t good, bad;

		wn_utf8_census_(buf, len, &good, &bad);
		rc = wn_to_utf8_(buf, len,
				 good > bad ? "UTF-8" : "WINDOWS-1252", own,
				 outn);
	} else if (valid) {
		*out = buf;
		*outn = len;
		return 0;
	} else {
		/* declared UTF-8 but broken: keep what is valid */
		rc = wn_to_utf8_(buf, len, "UTF-8", own, outn);
	}
	*out = *own;
	return rc;
}


/* Move n (unlinked) to the end of body, or, with `first`, before it. */
static void into_body(xmlNodePtr body, xmlNodePtr n, xmlNodePtr first)
{
	xmlUnlinkNode(n);
	if (first)
		xmlAddPrevSibling(first, n);
	else
		xmlAddChild(body, n);
}

/*
 * Put the whole page in one <body>.  libxml2 2.9 recovers from some
 * malformed pages by closing <body> or even <html> early: the rest of
 * the page then sits beside <body>, or in a second <html> root, where
 * no step and no writer looks.  Elements and text beside <body> move
 * into it, in document order, and so does the content of any later
 * root; a second <body> gives its children.
 */
static void gather_body(xmlNodePtr html, xmlNodePtr body)
{
	xmlNodePtr first = body->children, c, next;
	bool before = true;

	for (c = html->children; c; c = next) {
		next = c->next;
		if (c == body) {
			before = false;
			continue;
		}
		if (c->type != XML_ELEMENT_NODE &&
		    !(c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)))
			continue;
		if (xmlStrEqual(c->name, BAD_CAST "head"))
			continue;
		into_body(body, c, before ? first : NULL);
	}
	for (xmlNodePtr r = html->next; r; r = next) {
		next = r->next;
		if (r->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrEqual(r->name, BAD_CAST "html")) {
			into_body(body, r, NULL);
			continue;
		}
		for (c = r->children; c; c = r->children) {
			if (c->type == XML_ELEMENT_NODE &&
			    (xmlStrEqual(c->name, BAD_CAST "head") ||
			     xmlStrEqual(c->name, BAD_CAST "body"))) {
				xmlNodePtr g;

				while (xmlStrEqual(c->name, BAD_CAST "body") &&
				       (g = c->children))
					into_body(body, g, NULL);
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			} else {
				into_body(body, c, NULL);
			}
		}
		xmlUnlinkNode(r);
		xmlFreeNode(r);
	}
}

/* Deeper elements are flattened: as in browsers, which stop nesting at
 * 512 levels, what lies below that depth becomes a flat run of
 * siblings, text in the same order.  Walks of the tree (ancestor
 * checks, recursive text) would otherwise cost depth squared. */
#define MAX_DEPTH 512

/* Make every descendant of n a child of n, in document order. */
static void flatten(xmlNodePtr n)
{
	for (xmlNodePtr cur = n->children; cur; cur = cur->next) {
		xmlNodePtr first = cur->children, last = cur->last;

		if (!first || cur->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNodePtr c = first; c; c = c->next)
			c->parent = n;
		cur->children = cur->last = NULL;
		last->next = cur->next;
		if (cur->next)
			cur->next->prev = last;
		else
			n->last = last;
		cur->next = first;
		first->prev = cur;
	}
}

static void cap_attrs(xmlNodePtr n)
{
	xmlAttrPtr a = n->properties;

	for (size_t k = 1; a && k < WN_MAX_ATTRS; k++)
		a = a->next;
	if (a && a->next) {
		xmlAttrPtr rest = a->next;

		a->next = NULL;
		rest->prev = NULL;
		xmlFreePropList(rest);
	}
}

/* Bound the depth and the attributes of the tree below root, in one
 * pass without recursion. */
static void tame_tree(xmlNodePtr root)
{
	xmlNodePtr n = root;
	size_t depth = 0;

	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			cap_attrs(n);
			if (depth >= MAX_DEPTH)
				flatten(n);
			if (n->children) {
				n = n->children;
				depth++;
				continue;
			}
		}
		while (n != root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* Parse the n bytes of UTF-8 at utf8 into d; *own, the malloc'd buffer
 * behind them or NULL, is freed, and set to NULL, when a neutralized
 * copy replaces them (htmlparse.c). */
static int parse_html(struct wn_doc *d, const char *utf8, char **own,
		      size_t n, const struct wn_parse_opts *o)
{
	xmlNodePtr root, body = NULL, html;
	int rc = 0;

	if ((o->parser == WN_PARSER_HTML5 ||
	     (o->parser == WN_PARSER_DEFAULT && WN_DEFAULT_PARSER_HTML5)) &&
	    n > 0) {
		const struct wn_html5_ops *h5 = wn_backend_("html5");

		rc = h5 ? h5->parse(utf8, n, &d->xml) : WN_ELOAD;
		if (rc)
			return rc;
		goto built;
	}
	rc = wn_html_read_(utf8, n, own, o->url, o->verbose, &d->xml);
	if (rc)
		return rc;
	if (!d->xml) {
		/* empty: an empty page, not an error */
		struct wn_doc *e;

		rc = wn_doc_new_empty_(&e, WN_KIND_HTML);
		if (rc < 0)
			return rc;
		d->xml = e->xml;
		d->body = e->body;
		e->xml = NULL;
		wn_doc_free(e);
		return 0;
	}
built:
	/* libxml2 invents an HTML 4.0 doctype; winnow writes HTML5 */
	if (d->xml->intSubset) {
		xmlDtdPtr dtd = d->xml->intSubset;

		xmlUnlinkNode((xmlNodePtr)dtd);
		xmlFreeDtd(dtd);
	}
	xmlCreateIntSubset(d->xml, BAD_CAST "html", NULL, NULL);
	root = xmlDocGetRootElement(d->xml);
	if (!root) {
		root = xmlNewDocNode(d->xml, NULL, BAD_CAST "html", NULL);
		if (!root)
			return WN_ENOMEM;
		xmlDocSetRootElement(d->xml, root);
	}
	html = root;
	for (xmlNodePtr c = html->children; c && !body; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST "body"))
			body = c;
	if (!body) {
		body = xmlNewChild(html, NULL, BAD_CAST "body", NULL);
		if (!body)
			return WN_ENOMEM;
	}
	d->body = body;
	gather_body(html, body);
	tame_tree(html);
	return 0;
}

int wn_doc_parse(const char *buf, size_t len, const struct wn_parse_opts *o,
		 struct wn_doc **out)
{
	static const struct wn_parse_opts defaults = {0};
	struct wn_doc *d = NULL;
	enum wn_kind kind;
	const char *utf8;
	char *own = NULL; /* behind utf8, or NULL: utf8 is in buf */
	size_t n = 0;
	int rc;

	if (!o)
		o = &defaults;
	if (!len)
		buf = ""; /* the page is read in place: never a NULL pointer */
	if (o->kind != WN_KIND_AUTO) {
		kind = o->kind;
	} else {
		/* sniff after a byte-order mark, on UTF-8 */
		size_t bomlen;
		const char *bom = wn_bom_(buf, len, &bomlen);

		if (bom && strcmp(bom, "UTF-8") &&
		    wn_to_utf8_(buf + bomlen, len - bomlen, bom, &own, &n) ==
			    0) {
			kind = sniff(own, n);
			free(own);
			own = NULL;
		} else {
			kind = sniff(buf + bomlen, len - bomlen);
		}
	}
	rc = decode(buf, len, o, kind == WN_KIND_HTML, &utf8, &own, &n);
	if (rc < 0)
		return rc;
	if (kind == WN_KIND_TEXT && memchr(utf8, '\0', n)) {
		/* NUL would end libxml2 strings early: never lose text */
		struct wn_buf b = {0};

		for (size_t i = 0; i < n && !rc; i++)
			rc = utf8[i] ? wn_buf_append(&b, utf8 + i, 1)
				     : wn_buf_append(&b, "\xef\xbf\xbd", 3);
		free(own);
		utf8 = own = b.data;
		n = b.len;
		if (rc) {
			free(own);
			return rc;
		}
	}
	if (kind == WN_KIND_TEXT) {
		rc = wn_doc_new_empty_(&d, WN_KIND_TEXT);
		if (rc == 0)
			rc = wn_text_build_(d, utf8, n);
	} else {
		d = calloc(1, sizeof(*d));
		rc = d ? 0 : WN_ENOMEM;
		if (d) {
			d->kind = WN_KIND_HTML;
			rc = parse_html(d, utf8, &own, n, o);
		}
	}
	free(own);
	if (rc == 0 && o->name)
		rc = (d->name = wn_strdup_(o->name)) ? 0 : WN_ENOMEM;
	if (rc < 0) {
		wn_doc_free(d);
		return rc;
	}
	if (o->url && *o->url)
		wn_doc_set_url_(d, o->url);
	else if (kind == WN_KIND_HTML)
		wn_doc_find_url_(d);
	/* the metadata is read on first use: an empty chain writing HTML
	 * never needs it */
	d->meta_due = true;
	*out = d;
	return 0;
}
