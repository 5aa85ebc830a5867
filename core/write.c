/* SPDX-License-Identifier: MIT */
/*
 * Writers.  Each output format is one function behind a table.  HTML is
 * the cleaned tree serialized as UTF-8; text is one paragraph per block,
 * separated by a blank line, headings on their own line; Markdown lives
 * in markdown.c and JSON in json.c.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>

#include "internal.h"

typedef int (*writer_fn)(struct wn_doc *doc, struct wn_buf *out);

/* ---- HTML -------------------------------------------------------- */

/* Make sure there is a <head>, so the charset can be declared. */
static void ensure_head(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), c, head;

	if (!root)
		return;
	for (c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, BAD_CAST "head"))
			return;
	head = xmlNewDocNode(doc, NULL, BAD_CAST "head", NULL);
	if (!head)
		return;
	if (root->children)
		xmlAddPrevSibling(root->children, head);
	else
		xmlAddChild(root, head);
}

static int write_html(struct wn_doc *doc, struct wn_buf *out)
{
	ensure_head(doc->xml);
	htmlSetMetaEncoding(doc->xml, BAD_CAST "UTF-8");
	return wn_html_write_((xmlNodePtr)doc->xml, out);
}

int wn_node_html(xmlNodePtr node, struct wn_buf *out)
{
	if (!node || !out)
		return WN_EINVAL;
	return wn_html_write_(node, out);
}

/* ---- text -------------------------------------------------------- */

struct tw {
	struct wn_buf *out;
	size_t start; /* out's length before the text (appended to it) */
	struct wn_buf para;
	bool space; /* a space is due before the next word */
	bool tight; /* the paragraph being built is tight */
	int pre;    /* depth inside <pre> */
	int rc;
};

static void tw_flush(struct tw *w)
{
	size_t n = w->para.len;

	while (n && (w->para.data[n - 1] == ' ' || w->para.data[n - 1] == '\n'))
		n--;
	if (n && !w->rc) {
		if (w->out->len > w->start)
			w->rc = wn_buf_append(w->out, w->tight ? "\n" : "\n\n",
					      w->tight ? 1 : 2);
		if (!w->rc)
			w->rc = wn_buf_append(w->out, w->para.data, n);
	}
	w->para.len = 0;
	w->space = false;
	w->tight = false;
}

static void tw_text(struct tw *w, const char *s)
{
	if (w->pre) {
		if (!w->rc)
			w->rc = wn_buf_puts(&w->para, s);
		return;
	}
	while (*s && !w->rc) {
		const char *q = s;

		if (wn_space_(*s)) {
			w->space = w->para.len > 0;
			s++;
			continue;
		}
		/* the space due after a word is the ' ' after it */
		q = wn_words_end_(q, false);
		if (w->space && w->para.len &&
		    w->para.data[w->para.len - 1] != '\n')
			w->rc = wn_buf_append(&w->para, " ", 1);
		w->space = false;
		if (!w->rc)
			w->rc = wn_buf_append(&w->para, s, (size_t)(q - s));
		s = q;
	}
}

static bool is_cell(const xmlNode *n)
{
	return xmlStrEqual(n->name, BAD_CAST "td") ||
	       xmlStrEqual(n->name, BAD_CAST "th");
}

static void tw_enter(struct tw *w, xmlNodePtr n)
{
	if (wn_node_is_block(n)) {
		tw_flush(w);
		w->tight = (n->extra & WN_NODE_TIGHT) != 0;
	} else if (xmlStrEqual(n->name, BAD_CAST "br")) {
		while (w->para.len && w->para.data[w->para.len - 1] == ' ')
			w->para.len--;
		if (w->para.len && !w->rc)
			w->rc = wn_buf_append(&w->para, "\n", 1);
		w->space = false;
	} else if (is_cell(n)) {
		w->space = w->para.len > 0;
	}
	if (xmlStrEqual(n->name, BAD_CAST "pre"))
		w->pre++;
}

static void tw_leave(struct tw *w, xmlNodePtr n)
{
	if (xmlStrEqual(n->name, BAD_CAST "pre"))
		w->pre--;
	if (wn_node_is_block(n))
		tw_flush(w);
	else if (is_cell(n))
		w->space = w->para.len > 0;
}

/* Text documents keep each block's text as it was (no collapsing), so an
 * empty chain gives the input back. */
static void tw_raw_text(struct tw *w, xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE && n->content && !w->rc)
		w->rc = wn_buf_puts(&w->para, (const char *)n->content);
}

static int write_text(struct wn_doc *doc, struct wn_buf *out)
{
	struct tw w = {.out = out, .start = out->len};
	xmlNodePtr root = doc->body, n;
	bool raw = doc->kind == WN_KIND_TEXT;

	if (!root)
		return 0;
	if (raw)
		w.pre = 1;
	n = root->children;
	while (n && !w.rc) {
		bool descend = false;

		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (raw)
				tw_raw_text(&w, n);
			else if (n->content)
				tw_text(&w, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE &&
			   !wn_node_is_hidden(n)) {
			tw_enter(&w, n);
			if (n->children)
				descend = true;
			else
				tw_leave(&w, n);
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next) {
			n = n->parent;
			if (n != root)
				tw_leave(&w, n);
		}
		if (n == root)
			break;
		n = n->next;
	}
	w.pre = 0;
	tw_flush(&w);
	if (!w.rc && out->len > w.start)
		w.rc = wn_buf_append(out, "\n", 1);
	wn_buf_free(&w.para);
	return w.rc;
}

/* Markdown: the "markdown" backend (cmark-gfm) */
static int write_markdown(struct wn_doc *doc, struct wn_buf *out)
{
	const struct wn_markdown_ops *md = wn_backend_("markdown");

	return md ? md->write(doc, out) : WN_ELOAD;
}

/* ---- the table --------------------------------------------------- */

static const struct {
	const char *name, *alias, *ext;
	writer_fn fn;
} formats[WN_FMT_COUNT_] = {
	[WN_FMT_HTML] = {"html", "htm", "html", write_html},
	[WN_FMT_TEXT] = {"text", "txt", "txt", write_text},
	[WN_FMT_MARKDOWN] = {"markdown", "md", "md", write_markdown},
	[WN_FMT_JSON] = {"json", "jsonl", "json", wn_write_json_},
};

int wn_format_from_name(const char *name)
{
	for (int i = 0; i < WN_FMT_COUNT_; i++)
		if (!strcasecmp(name, formats[i].name) ||
		    !strcasecmp(name, formats[i].alias))
			return i;
	return WN_EINVAL;
}

const char *wn_format_ext(enum wn_format fmt)
{
	return (unsigned)fmt < WN_FMT_COUNT_ ? formats[fmt].ext : "out";
}

int wn_doc_write(struct wn_doc *doc, enum wn_format fmt, struct wn_buf *out)
{
	if ((unsigned)fmt >= WN_FMT_COUNT_)
		return WN_EINVAL;
	return formats[fmt].fn(doc, out);
}
