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
#include <string.h>

#include <libxml/tree.h>

#include <winnow/plugin.h>

/* Is n's name `name`? */
static inline bool tag_is(const xmlNode *n, const char *name)
{
	return n->name && n->name[0] == (xmlChar)name[0] &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

/* Has element n an attribute `name`, in any namespace?  As xmlHasProp,
 * without its look-up of the document type's attribute defaults, which
 * costs a hash look-up on every element without the attribute: neither
 * parser keeps attribute declarations, so it never finds one. */
static inline bool has_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && a->name[0] == (xmlChar)name[0] &&
		    xmlStrEqual(a->name, BAD_CAST name))
			return true;
	return false;
}

/* The value of n's attribute `name` in no namespace, a copy to free, or
 * NULL: as xmlGetNoNsProp, without its look-up of attribute defaults
 * (has_attr), which every element without the attribute paid. */
static inline xmlChar *attr_get(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const xmlNode *t = a->children;
		xmlChar *v;

		if (a->ns || !a->name || a->name[0] != (xmlChar)name[0] ||
		    !xmlStrEqual(a->name, BAD_CAST name))
			continue;
		if (t && !t->next &&
		    (t->type == XML_TEXT_NODE ||
		     t->type == XML_CDATA_SECTION_NODE))
			return xmlStrdup(t->content);
		v = xmlNodeListGetString(a->doc, a->children, 1);
		return v ? v : xmlStrdup(BAD_CAST "");
	}
	return NULL;
}

/* Does n's own markup hide it: the hidden attribute, or an inline
 * display:none (with visibility, visibility:hidden too)?  The style is
 * read as CSS reads it, white space and case aside ("Display : None"). */
static inline bool hidden_by_markup(const xmlNode *n, bool visibility)
{
	xmlChar *st;
	size_t k = 0;
	bool hid;

	if (has_attr(n, "hidden"))
		return true;
	if (!(st = attr_get(n, "style")))
		return false;
	/* our copy, folded in place */
	for (const xmlChar *q = st; *q; q++)
		if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
			st[k++] = *q >= 'A' && *q <= 'Z' ? *q + 32 : *q;
	st[k] = 0;
	hid = strstr((const char *)st, "display:none") ||
	      (visibility && strstr((const char *)st, "visibility:hidden"));
	xmlFree(st);
	return hid;
}

/* The node after n in document order below root; with skip, n's
 * subtree is not entered.  No recursion: the tree may be very deep. */
static inline xmlNodePtr next_node(xmlNodePtr n, const xmlNode *root,
				   bool skip)
{
	if (!skip && n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	while (n != root && !n->next)
		n = n->parent;
	return n == root ? NULL : n->next;
}

/* The link (<a>) that holds the first words under box, or NULL: the
 * first text with a word in it, in document order, hidden elements
 * left out (a linked title leading a teaser; a linked picture has no
 * words, so what follows it decides). */
static inline const xmlNode *first_words_link(const xmlNode *box)
{
	xmlNodePtr t = box->children;

	while (t && !(t->type == XML_TEXT_NODE && t->content &&
		      !xmlIsBlankNode(t)))
		t = next_node(t, box,
			      t->type != XML_ELEMENT_NODE ||
				      wn_node_is_hidden(t));
	for (; t && t != box; t = t->parent)
		if (t->type == XML_ELEMENT_NODE && tag_is(t, "a"))
			return t;
	return NULL;
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

/*
 * A closed modal dialog: a dialog by its role whose class or id names a
 * modal ("modal fade", "modal-refund-policy") and no class says it is
 * open, or one marked modal (aria-modal="true") and hidden by its own
 * markup (a lightbox explaining why an ad is shown).  A CSS framework's
 * or a script's modal (Bootstrap, Foundation, Vue, Alpine ...) sits in
 * the page hidden until a script opens it: sign-in forms, "remove this
 * item?", store pickers, a shop's refund policy and terms.  (Not a <dialog> by its tag alone: libxml2 2.9 does
 * not know the element and may nest the page's text in it, as it does
 * glossary pop-ups written as <dialog>s inside an article.)
 */
static inline bool closed_modal(const xmlNode *n)
{
	static const char *const modal[] = {"modal", NULL};
	static const char *const open_classes[] = {
		"show", "in", "open", "is-open", "active", "is-active",
		"visible", "is-visible", NULL};

	if (!wn_node_attr_is(n, "role", "dialog") &&
	    !wn_node_attr_is(n, "role", "alertdialog"))
		return false;
	if (wn_node_attr_is(n, "aria-modal", "true") &&
	    hidden_by_markup(n, false))
		return true;
	if (!wn_node_hint(n, modal, true))
		return false;
	for (const char *const *c = open_classes; *c; c++)
		if (wn_node_has_class(n, *c))
			return false;
	return true;
}

#endif
