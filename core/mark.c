/* SPDX-License-Identifier: MIT */
/*
 * Marks (--mark): instead of freeing what a step removed, the journal
 * parks it on the document with where it was.  When the chain ends,
 * the subtrees go back in reverse order of removal, so each finds its
 * parent and siblings as they were when it left: a node removed from
 * inside a subtree a later step removed goes back inside it.  Steps
 * change the tree in between (an unwrapped wrapper is gone, a sibling
 * moved), so a node goes before its old next sibling wherever that is
 * now, else after its old previous one, else at the end of its old
 * parent; with none of them in the document it is dropped.  Every node
 * a step detaches stays allocated until then, so these pointers never
 * dangle.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MARK_ATTR "data-winnow-step"

static const char mark_css[] =
	"[" MARK_ATTR "]{text-decoration:line-through;background:#fde8e8;"
	"outline:1px dashed #c62828}"
	"[" MARK_ATTR "]::before{content:attr(" MARK_ATTR ");"
	"display:inline-block;font:bold 11px monospace;color:#fff;"
	"background:#c62828;padding:0 4px;margin-right:4px;"
	"text-decoration:none}";

void wn_mark_park_(struct wn_doc *doc, xmlNodePtr node, xmlNodePtr parent,
		   xmlNodePtr prev, xmlNodePtr next, const char *step,
		   bool show)
{
	struct wn_parked *p;

	if (doc->nparked == doc->capparked) {
		size_t nc = doc->capparked ? doc->capparked * 2 : 32;

		p = realloc(doc->parked, nc * sizeof(*p));
		if (!p) {
			/* out of memory: lose the mark; free the node only
			 * when no parked entry can point into it */
			if (!doc->nparked)
				xmlFreeNode(node);
			return;
		}
		doc->parked = p;
		doc->capparked = nc;
	}
	if (show && node->type == XML_ELEMENT_NODE) {
		xmlSetProp(node, BAD_CAST MARK_ATTR, BAD_CAST step);
	} else if (show && (node->type == XML_TEXT_NODE ||
			    node->type == XML_CDATA_SECTION_NODE)) {
		xmlNodePtr span =
			xmlNewDocNode(doc->xml, NULL, BAD_CAST "span", NULL);

		if (span) {
			xmlSetProp(span, BAD_CAST MARK_ATTR, BAD_CAST step);
			/* by hand: xmlAddChild may merge text nodes */
			span->children = span->last = node;
			node->parent = span;
			node = span;
		} else {
			show = false;
		}
	} else {
		show = false;
	}
	doc->parked[doc->nparked++] = (struct wn_parked){
		.node = node,
		.parent = parent,
		.prev = prev,
		.next = next,
		.show = show,
	};
}

static xmlNodePtr find_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST name))
			return c;
	return NULL;
}

static void add_stylesheet(struct wn_doc *doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->xml);
	xmlNodePtr head = find_child(root, "head"), style;

	if (!root)
		return;
	if (!head) {
		head = xmlNewDocNode(doc->xml, NULL, BAD_CAST "head", NULL);
		if (!head)
			return;
		wn_link_before_(root, root->children, head);
	}
	style = xmlNewDocNode(doc->xml, NULL, BAD_CAST "style",
			      BAD_CAST mark_css);
	if (style) {
		xmlSetProp(style, BAD_CAST "id", BAD_CAST "winnow-mark");
		wn_link_before_(head, NULL, style);
	}
}

void wn_mark_finish_(struct wn_doc *doc)
{
	bool any = false;

	for (size_t i = doc->nparked; i-- > 0;) {
		struct wn_parked *p = &doc->parked[i];

		if (!p->show || p->node->parent)
			continue;
		if (p->next && p->next->parent && wn_node_attached(p->next))
			wn_link_before_(p->next->parent, p->next, p->node);
		else if (p->prev && p->prev->parent && wn_node_attached(p->prev))
			wn_link_before_(p->prev->parent, p->prev->next, p->node);
		else if (wn_node_attached(p->parent) &&
			 p->parent->type == XML_ELEMENT_NODE)
			wn_link_before_(p->parent, NULL, p->node);
		else
			continue;
		any = true;
	}
	wn_mark_free_(doc);
	if (any)
		add_stylesheet(doc);
}

void wn_mark_free_(struct wn_doc *doc)
{
	/* what went back belongs to the tree; the rest is still detached,
	 * each its own root (nothing goes back into a dropped node) */
	for (size_t i = 0; i < doc->nparked; i++)
		if (!doc->parked[i].node->parent)
			xmlFreeNode(doc->parked[i].node);
	free(doc->parked);
	doc->parked = NULL;
	doc->nparked = doc->capparked = 0;
}
