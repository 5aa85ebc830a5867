/* SPDX-License-Identifier: MIT */
/*
 * Small element tests shared by the built-in steps (not installed: a
 * plugin built elsewhere has winnow/plugin.h alone).  The walks ask them
 * of most elements, so each compares the first letter before calling
 * xmlStrEqual: it rules most names out without a call.
 */
#ifndef WN_STEPS_H
#define WN_STEPS_H

#include <stdbool.h>

#include <libxml/tree.h>

#include <winnow/plugin.h>

/* Is n's name `name`? */
static inline bool tag_is(const xmlNode *n, const char *name)
{
	return n->name && n->name[0] == (xmlChar)name[0] &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

/* Is n the frame of the page (html, body, main, and with `article` an
 * <article>), which no clutter box is? */
static inline bool is_frame_of(const xmlNode *n, bool article)
{
	switch (n->name ? n->name[0] : 0) {
	case 'a':
		return article && xmlStrEqual(n->name, BAD_CAST "article");
	case 'b':
		return xmlStrEqual(n->name, BAD_CAST "body");
	case 'h':
		return xmlStrEqual(n->name, BAD_CAST "html");
	case 'm':
		return xmlStrEqual(n->name, BAD_CAST "main");
	default:
		return false;
	}
}

/* Is n the page's main region (<main>, role=main)? */
static inline bool is_main_region(const xmlNode *n)
{
	return tag_is(n, "main") || wn_node_attr_is(n, "role", "main");
}

/* The first main region under root, in document order, or NULL. */
static inline xmlNodePtr first_main_region(xmlNodePtr root)
{
	for (xmlNodePtr e = wn_next_element(root, root, false); e;
	     e = wn_next_element(e, root, false))
		if (is_main_region(e))
			return e;
	return NULL;
}

#endif
