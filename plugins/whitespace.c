/* SPDX-License-Identifier: MIT */
/*
 * whitespace: collapse runs of white space in text, trim text blocks and
 * drop blocks left empty.  Preformatted content (pre, code, textarea) is
 * left alone, and so are empty elements that carry media.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Collapse white space runs of s into out (same size or smaller); with
 * trim, also drop leading and trailing space.  Returns true when the
 * result differs from s. */
static bool collapse(const char *s, struct wn_buf *out, bool trim)
{
	bool space = false, changed = false;

	out->len = 0;
	wn_buf_append(out, "", 0);
	for (const char *p = s; *p; p++) {
		if (is_ws(*p)) {
			if (space || *p != ' ' || (trim && out->len == 0))
				changed = true;
			space = true;
			continue;
		}
		if (space && !(trim && out->len == 0))
			wn_buf_append(out, " ", 1);
		space = false;
		wn_buf_append(out, p, 1);
	}
	if (space && trim)
		changed = true;
	else if (space)
		wn_buf_append(out, " ", 1);
	return changed;
}

static bool preserves_space(const xmlNode *n)
{
	static const char *const tags[] = {"pre", "code", "textarea",
					   "script", "style", "xmp",
					   "listing", "plaintext", NULL};

	for (const char *const *t = tags; *t; t++)
		if (xmlStrEqual(n->name, BAD_CAST *t))
			return true;
	return false;
}

/* Elements that mean something even with no text. */
static bool has_media(const xmlNode *node)
{
	static const char *const tags[] = {
		"img", "picture", "video", "audio", "iframe", "svg", "canvas",
		"object", "embed", "input", "hr", "table", "math", "source",
		NULL};
	const xmlNode *n = node;

	for (n = wn_next_element((xmlNodePtr)node, node, false); n;
	     n = wn_next_element((xmlNodePtr)n, node, false))
		for (const char *const *t = tags; *t; t++)
			if (xmlStrEqual(n->name, BAD_CAST *t))
				return true;
	for (const char *const *t = tags; *t; t++)
		if (xmlStrEqual(node->name, BAD_CAST *t))
			return true;
	return false;
}

static int clean_html_text(struct wn_run *run, xmlNodePtr root,
			   struct wn_buf *tmp)
{
	xmlNodePtr n = root->children;
	int rc = 0;

	while (n && !rc) {
		bool descend = false;

		if (n->type == XML_TEXT_NODE && n->content) {
			if (collapse((const char *)n->content, tmp, false))
				rc = wn_run_set_text(run, n, tmp->data);
		} else if (n->type == XML_ELEMENT_NODE && n->children &&
			   !preserves_space(n) && !wn_tag_is_hidden(n->name)) {
			descend = true;
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	return rc;
}

static int whitespace_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run);
	xmlNodePtr *blocks = NULL;
	size_t nb = 0;
	struct wn_buf tmp = {0};
	bool text = wn_run_kind(run) == WN_KIND_TEXT;
	int rc = 0;

	(void)inst;
	if (!text)
		rc = clean_html_text(run, body, &tmp);
	if (!rc)
		rc = wn_blocks(body, &blocks, &nb);
	for (size_t i = 0; i < nb && !rc; i++) {
		xmlNodePtr b = blocks[i];

		if (text) {
			/* a text block is one text node: collapse and trim */
			xmlNodePtr t = b->children;

			if (t && t->type == XML_TEXT_NODE && !t->next &&
			    t->content &&
			    collapse((const char *)t->content, &tmp, true))
				rc = wn_run_set_text(run, t, tmp.data);
			if (!rc && wn_node_text_len(b) == 0)
				rc = wn_run_remove(run, b);
		} else if (!preserves_space(b) && wn_node_text_len(b) == 0 &&
			   !has_media(b)) {
			/* take the highest block that holds nothing else */
			while (b->parent && b->parent != body &&
			       b->parent->type == XML_ELEMENT_NODE &&
			       wn_tag_is_block(b->parent->name) &&
			       wn_node_text_len(b->parent) == 0 &&
			       !has_media(b->parent))
				b = b->parent;
			rc = wn_run_remove(run, b);
		}
	}
	free(blocks);
	wn_buf_free(&tmp);
	return rc;
}

WN_PLUGIN_DEFINE(whitespace, .version = "1.0",
		 .summary = "collapse white space, trim blocks, drop empty "
			    "blocks",
		 .license = "MIT", .caps = WN_CAP_MUTATES,
		 .run = whitespace_run);
