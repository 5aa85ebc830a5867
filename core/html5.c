/* SPDX-License-Identifier: MIT */
/*
 * The HTML5 parser path: gumbo tokenizes and builds the tree as a browser
 * would (figure and aside are not pushed out of p, stray table text is
 * fostered out, every HTML5 entity is known, no depth limit), and the
 * result is copied into the same libxml2 tree the rest of winnow works
 * on.  The copy is iterative, so nesting depth cannot exhaust the stack.
 * Built as the "html5" backend module (backend.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gumbo.h>
#include <libxml/HTMLtree.h>

#include "internal.h"

/* The lower-case name of an element (unknown tags keep their own). */
static const char *tag_name(const GumboElement *e, char *buf, size_t cap)
{
	GumboStringPiece p;
	size_t n;

	if (e->tag != GUMBO_TAG_UNKNOWN)
		return gumbo_normalized_tagname(e->tag);
	p = e->original_tag;
	gumbo_tag_from_original_text(&p);
	n = p.length < cap - 1 ? p.length : cap - 1;
	for (size_t i = 0; i < n; i++) {
		char c = p.data[i];

		buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[n] = '\0';
	return n ? buf : "unknown";
}

static xmlNodePtr make_node(xmlDocPtr doc, const GumboNode *g)
{
	char buf[64];
	xmlNodePtr n = NULL;

	switch (g->type) {
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE: {
		const GumboElement *e = &g->v.element;

		n = xmlNewDocNode(doc, NULL,
				  BAD_CAST tag_name(e, buf, sizeof(buf)), NULL);
		if (!n)
			return NULL;
		n->line = e->start_pos.line > 65535
				  ? 65535
				  : (unsigned short)e->start_pos.line;
		for (unsigned i = 0; i < e->attributes.length; i++) {
			const GumboAttribute *a = e->attributes.data[i];

			if (!xmlHasProp(n, BAD_CAST a->name) &&
			    !xmlNewProp(n, BAD_CAST a->name,
					BAD_CAST a->value)) {
				xmlFreeNode(n);
				return NULL;
			}
		}
		break;
	}
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
		n = xmlNewDocText(doc, BAD_CAST g->v.text.text);
		break;
	case GUMBO_NODE_CDATA:
		n = xmlNewCDataBlock(doc, BAD_CAST g->v.text.text,
				     (int)strlen(g->v.text.text));
		break;
	case GUMBO_NODE_COMMENT:
		n = xmlNewDocComment(doc, BAD_CAST g->v.text.text);
		break;
	default:
		break;
	}
	return n;
}

static const GumboVector *kids(const GumboNode *g)
{
	if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
		return &g->v.element.children;
	if (g->type == GUMBO_NODE_DOCUMENT)
		return &g->v.document.children;
	return NULL;
}

struct frame {
	const GumboNode *g;
	xmlNodePtr x;
	unsigned next; /* index of the next child to copy */
};

/* Copy the gumbo tree under `root` into a new libxml2 document. */
static int copy_tree(const GumboNode *root, xmlDocPtr doc)
{
	struct frame *st = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	xmlNodePtr top = (xmlNodePtr)doc;

	cap = 256;
	st = malloc(cap * sizeof(*st));
	if (!st)
		return WN_ENOMEM;
	st[n++] = (struct frame){root, top, 0};
	while (n && !rc) {
		struct frame *f = &st[n - 1];
		const GumboVector *v = kids(f->g);
		const GumboNode *c;
		xmlNodePtr x;

		if (!v || f->next >= v->length) {
			n--;
			continue;
		}
		c = v->data[f->next++];
		x = make_node(doc, c);
		if (!x) {
			if (c->type == GUMBO_NODE_ELEMENT ||
			    c->type == GUMBO_NODE_TEMPLATE ||
			    c->type == GUMBO_NODE_TEXT ||
			    c->type == GUMBO_NODE_WHITESPACE)
				rc = WN_ENOMEM;
			continue;
		}
		if (f->x == top && x->type == XML_ELEMENT_NODE)
			xmlDocSetRootElement(doc, x);
		else if (f->x == top)
			xmlAddChild(top, x);
		else
			xmlAddChild(f->x, x);
		if (kids(c) && kids(c)->length) {
			if (n == cap) {
				struct frame *p =
					realloc(st, 2 * cap * sizeof(*p));

				if (!p) {
					rc = WN_ENOMEM;
					break;
				}
				st = p;
				cap *= 2;
			}
			st[n++] = (struct frame){c, x, 0};
		}
	}
	free(st);
	return rc;
}

static int parse(const char *utf8, size_t n, xmlDocPtr *out)
{
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *g;
	xmlDocPtr doc;
	int rc;

	opts.max_errors = 0; /* winnow does not report them; stop counting */
	g = gumbo_parse_with_options(&opts, utf8, n);
	if (!g)
		return WN_EPARSE;
	doc = htmlNewDocNoDtD(NULL, NULL);
	if (!doc) {
		gumbo_destroy_output(&opts, g);
		return WN_ENOMEM;
	}
	rc = copy_tree(g->document, doc);
	gumbo_destroy_output(&opts, g);
	if (rc) {
		xmlFreeDoc(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

WN_API const struct wn_html5_ops wn_html5_ops_ = {parse};
