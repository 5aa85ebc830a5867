/* SPDX-License-Identifier: MIT */
/*
 * The Markdown writer.  The cleaned libxml2 tree is converted into a
 * cmark-gfm node tree (headings, paragraphs, emphasis, links, images,
 * lists, block quotes, code blocks, GFM tables, line breaks) and
 * rendered with cmark-gfm's CommonMark renderer, which does all the
 * escaping: winnow never escapes Markdown by hand.  HTML white space is
 * collapsed while building the tree; a space at the edge of an emphasis
 * or a link is moved outside it, where CommonMark needs it.  Links and
 * images are made absolute against the page URL.  Built as the
 * "markdown" backend module (backend.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <libxml/uri.h>

#include "internal.h"

/* Node types of cmark-gfm's table extension: exported by the library,
 * registered by cmark_gfm_core_extensions_ensure_registered, but not
 * declared in its installed headers. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
	CMARK_NODE_TABLE_CELL;

#define MAX_COLUMNS 64 /* wider tables are clipped */
#define MAX_DEPTH   64 /* deeper nesting is flattened */

struct md {
	struct wn_doc *doc;
	cmark_syntax_extension *table;
	const char *base;   /* page URL, or NULL */
	struct wn_buf text; /* pending text for `tparent` */
	cmark_node *tparent;
	bool space;   /* a space is due before the next word */
	bool any;     /* the current inline block has content */
	bool in_cell; /* line breaks become spaces */
	int depth;
	int rc;
};

static bool is_tag(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       xmlStrcasecmp(n->name, BAD_CAST name) == 0;
}

static bool in_list(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (is_tag(n, *names))
			return true;
	return false;
}

/* A block in Markdown's sense: ends the paragraph being built. */
static bool is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && wn_node_is_block(n);
}

static void append(struct md *m, cmark_node *parent, cmark_node *child)
{
	if (!cmark_node_append_child(parent, child)) {
		cmark_node_free(child);
		m->rc = WN_EINVAL;
	}
}

/* ---- inline text ------------------------------------------------- */

static void flush_text(struct md *m)
{
	cmark_node *t;

	if (!m->text.len || !m->tparent) {
		m->text.len = 0;
		return;
	}
	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, m->text.data);
	append(m, m->tparent, t);
	m->text.len = 0;
	if (m->text.data)
		m->text.data[0] = '\0';
}

static bool is_delimited(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	return t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
	       t == CMARK_NODE_LINK;
}

/* Write the due space before a word going into `parent`: outside any
 * emphasis or link the word would open. */
static void put_space(struct md *m, cmark_node *parent)
{
	cmark_node *top = parent, *below = NULL, *sp;

	if (!m->space || !m->any) {
		m->space = false;
		return;
	}
	m->space = false;
	/* climb the chain of delimiters that hold nothing yet but the
	 * chain itself */
	while (is_delimited(top) && cmark_node_first_child(top) == below &&
	       !(m->tparent == top && m->text.len)) {
		below = top;
		top = cmark_node_parent(top);
	}
	if (!below) {
		if (m->tparent != parent)
			flush_text(m);
		m->tparent = parent;
		m->rc = m->rc ? m->rc : wn_buf_append(&m->text, " ", 1);
		return;
	}
	flush_text(m);
	sp = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(sp, " ");
	if (!cmark_node_insert_before(below, sp)) {
		cmark_node_free(sp);
		m->rc = WN_EINVAL;
	}
}

/* Append HTML text to `parent` with white space collapsed. */
static void add_text(struct md *m, cmark_node *parent, const char *s)
{
	while (*s && !m->rc) {
		const char *q = s;

		if (wn_space_(*s)) {
			m->space = true;
			s++;
			continue;
		}
		/* the space due after a word just put would go into the
		 * same text */
		q = wn_words_end_(q, false);
		put_space(m, parent);
		if (m->tparent != parent)
			flush_text(m);
		m->tparent = parent;
		m->rc = wn_buf_append(&m->text, s, (size_t)(q - s));
		m->any = true;
		s = q;
	}
}

/* Append a finished inline node (code, image, break). */
static void add_inline(struct md *m, cmark_node *parent, cmark_node *n)
{
	if (cmark_node_get_type(n) != CMARK_NODE_LINEBREAK)
		put_space(m, parent);
	flush_text(m);
	append(m, parent, n);
	m->any = true;
}

/* ---- URLs and attributes ----------------------------------------- */

static char *attr_dup(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* The absolute form of an href or src; malloc'd, or NULL when unusable. */
static char *resolve_url(struct md *m, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name), *abs = NULL;
	const char *s;
	char *out;

	if (!v)
		return NULL;
	for (s = (const char *)v; wn_space_(*s); s++)
		;
	if (!*s || !strncasecmp(s, "javascript:", 11)) {
		xmlFree(v);
		return NULL;
	}
	if (m->base)
		abs = xmlBuildURI(BAD_CAST s, BAD_CAST m->base);
	out = strdup(abs ? (const char *)abs : s);
	xmlFree(abs);
	xmlFree(v);
	if (!out)
		m->rc = WN_ENOMEM;
	return out;
}

/* The collapsed text of an element, for code spans and alt texts. */
static char *flat_text(struct md *m, const xmlNode *n)
{
	struct wn_buf b = {0};
	char *s;

	if (wn_node_text(n, &b)) {
		m->rc = WN_ENOMEM;
		wn_buf_free(&b);
		return NULL;
	}
	s = b.data ? b.data : strdup("");
	if (!s)
		m->rc = WN_ENOMEM;
	return s;
}

/* ---- inlines ----------------------------------------------------- */

static void inlines(struct md *m, const xmlNode *n, cmark_node *parent);

static void image(struct md *m, const xmlNode *n, cmark_node *parent)
{
	char *src = resolve_url(m, n, "src");
	char *alt, *title;
	cmark_node *img, *t;

	if (!src)
		return;
	alt = attr_dup(n, "alt");
	title = attr_dup(n, "title");
	img = cmark_node_new(CMARK_NODE_IMAGE);
	cmark_node_set_url(img, src);
	if (title)
		cmark_node_set_title(img, title);
	if (alt && *alt) {
		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, alt);
		append(m, img, t);
	}
	add_inline(m, parent, img);
	free(src);
	free(alt);
	free(title);
}

static void code_span(struct md *m, const xmlNode *n, cmark_node *parent)
{
	char *s = flat_text(m, n);
	cmark_node *c;

	if (!s)
		return;
	if (*s) {
		c = cmark_node_new(CMARK_NODE_CODE);
		cmark_node_set_literal(c, s);
		add_inline(m, parent, c);
	}
	free(s);
}

/* An inline container (emphasis, link): dropped again when empty. */
static void wrapped(struct md *m, const xmlNode *n, cmark_node *parent,
		    cmark_node *w)
{
	flush_text(m);
	append(m, parent, w);
	if (m->rc)
		return;
	inlines(m, n, w);
	flush_text(m);
	if (!cmark_node_first_child(w)) {
		cmark_node_unlink(w);
		cmark_node_free(w);
	}
}

static void inline_node(struct md *m, const xmlNode *n, cmark_node *parent)
{
	static const char *const emph[] = {"em",  "i",   "cite",
					   "dfn", "var", NULL};
	static const char *const strong[] = {"strong", "b", NULL};
	static const char *const code[] = {"code", "kbd", "samp", "tt", NULL};

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			add_text(m, parent, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || wn_node_is_hidden(n))
		return;
	if (is_tag(n, "br")) {
		if (m->in_cell || !m->any ||
		    cmark_node_get_type(parent) == CMARK_NODE_HEADING) {
			m->space = true;
			return;
		}
		m->space = false;
		add_inline(m, parent, cmark_node_new(CMARK_NODE_LINEBREAK));
		m->any = false; /* no space, nor a second break, after it */
		return;
	}
	if (is_tag(n, "img")) {
		image(m, n, parent);
	} else if (in_list(n, code)) {
		code_span(m, n, parent);
	} else if (m->depth >= MAX_DEPTH) {
		inlines(m, n, parent);
	} else if (in_list(n, emph)) {
		wrapped(m, n, parent, cmark_node_new(CMARK_NODE_EMPH));
	} else if (in_list(n, strong)) {
		wrapped(m, n, parent, cmark_node_new(CMARK_NODE_STRONG));
	} else if (is_tag(n, "a")) {
		char *href = resolve_url(m, n, "href");

		if (href && href[0] != '#') {
			cmark_node *a = cmark_node_new(CMARK_NODE_LINK);
			char *title = attr_dup(n, "title");

			cmark_node_set_url(a, href);
			if (title)
				cmark_node_set_title(a, title);
			free(title);
			wrapped(m, n, parent, a);
		} else {
			inlines(m, n, parent);
		}
		free(href);
	} else {
		/* a block met inside a paragraph, a span, a sup ...: its
		 * content, set off by spaces when it is a block */
		if (is_block(n))
			m->space = true;
		inlines(m, n, parent);
		if (is_block(n))
			m->space = true;
	}
}

static void inlines(struct md *m, const xmlNode *n, cmark_node *parent)
{
	m->depth++;
	for (const xmlNode *c = n->children; c && !m->rc; c = c->next)
		inline_node(m, c, parent);
	m->depth--;
}

/* Start an inline block (paragraph, heading, cell). */
static void inline_begin(struct md *m)
{
	flush_text(m);
	m->tparent = NULL;
	m->space = false;
	m->any = false;
}

/* End it: drop it when it holds nothing. */
static void inline_end(struct md *m, cmark_node *block)
{
	cmark_node *last;

	flush_text(m);
	m->tparent = NULL;
	m->space = false;
	while ((last = cmark_node_last_child(block)) &&
	       cmark_node_get_type(last) == CMARK_NODE_LINEBREAK) {
		cmark_node_unlink(last);
		cmark_node_free(last);
	}
	if (!cmark_node_first_child(block) &&
	    cmark_node_get_type(block) != CMARK_NODE_TABLE_CELL) {
		cmark_node_unlink(block);
		cmark_node_free(block);
	}
}

/* ---- blocks ------------------------------------------------------ */

static void blocks(struct md *m, const xmlNode *n, cmark_node *parent);

static void leaf(struct md *m, const xmlNode *n, cmark_node *parent,
		 cmark_node *block)
{
	append(m, parent, block);
	if (m->rc)
		return;
	inline_begin(m);
	inlines(m, n, block);
	inline_end(m, block);
}

/* The language of a code block: class="language-x" or "lang-x" on the
 * <pre> or its <code>. */
static char *code_lang(const xmlNode *pre)
{
	const xmlNode *cands[2] = {pre, NULL};

	for (const xmlNode *c = pre->children; c; c = c->next)
		if (is_tag(c, "code")) {
			cands[1] = c;
			break;
		}
	for (int i = 1; i >= 0; i--) {
		xmlChar *cls;
		const char *p;

		if (!cands[i])
			continue;
		cls = xmlGetProp(cands[i], BAD_CAST "class");
		for (p = cls ? (const char *)cls : ""; *p;) {
			const char *q = p;
			size_t k = 0;

			while (*q && !wn_space_(*q))
				q++;
			if (!strncmp(p, "language-", 9))
				k = 9;
			else if (!strncmp(p, "lang-", 5))
				k = 5;
			if (k && q > p + k) {
				char *lang =
					strndup(p + k, (size_t)(q - p - k));

				xmlFree(cls);
				return lang;
			}
			p = q;
			while (wn_space_(*p))
				p++;
		}
		xmlFree(cls);
	}
	return NULL;
}

/* The raw text of a <pre>, line breaks from <br> included. */
static void pre_text(const xmlNode *n, struct wn_buf *b, int *rc)
{
	for (const xmlNode *c = n->children; c && !*rc; c = c->next) {
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			*rc = wn_buf_puts(b, (const char *)c->content);
		else if (is_tag(c, "br"))
			*rc = wn_buf_append(b, "\n", 1);
		else if (c->type == XML_ELEMENT_NODE &&
			 !wn_node_is_hidden(c))
			pre_text(c, b, rc);
	}
}

static void code_block(struct md *m, const xmlNode *n, cmark_node *parent)
{
	struct wn_buf b = {0};
	char *lang;
	cmark_node *cb;
	size_t start = 0;

	pre_text(n, &b, &m->rc);
	if (m->rc || !b.len) {
		wn_buf_free(&b);
		return;
	}
	/* HTML drops a newline right after <pre>; so does Markdown's fence */
	if (b.data[0] == '\n')
		start = 1;
	while (b.len > start && b.data[b.len - 1] == '\n')
		b.len--;
	if (b.len == start) {
		wn_buf_free(&b);
		return;
	}
	m->rc = wn_buf_append(&b, "\n", 1);
	lang = code_lang(n);
	cb = cmark_node_new(CMARK_NODE_CODE_BLOCK);
	cmark_node_set_fenced(cb, 1, 3, 0, '`');
	cmark_node_set_fence_info(cb, lang ? lang : "");
	cmark_node_set_literal(cb, b.data + start);
	append(m, parent, cb);
	free(lang);
	wn_buf_free(&b);
}

static void list(struct md *m, const xmlNode *n, cmark_node *parent)
{
	bool ordered = is_tag(n, "ol");
	cmark_node *l = cmark_node_new(CMARK_NODE_LIST);

	cmark_node_set_list_type(l, ordered ? CMARK_ORDERED_LIST
					    : CMARK_BULLET_LIST);
	cmark_node_set_list_tight(l, 1);
	if (ordered) {
		xmlChar *st = xmlGetProp(n, BAD_CAST "start");
		long v = st ? strtol((const char *)st, NULL, 10) : 1;

		xmlFree(st);
		cmark_node_set_list_start(l,
					  v >= 0 && v < 1000000 ? (int)v : 1);
		cmark_node_set_list_delim(l, CMARK_PERIOD_DELIM);
	}
	append(m, parent, l);
	for (const xmlNode *c = n->children; c && !m->rc; c = c->next) {
		cmark_node *item;

		if (c->type != XML_ELEMENT_NODE || wn_node_is_hidden(c))
			continue;
		item = cmark_node_new(CMARK_NODE_ITEM);
		append(m, l, item);
		if (m->rc)
			break;
		if (is_block(c)) {
			blocks(m, c, item);
		} else {
			/* an inline element straight inside the list */
			cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);

			append(m, item, p);
			inline_begin(m);
			inline_node(m, c, p);
			inline_end(m, p);
		}
		if (!cmark_node_first_child(item)) {
			cmark_node_unlink(item);
			cmark_node_free(item);
		}
	}
	if (!cmark_node_first_child(l)) {
		cmark_node_unlink(l);
		cmark_node_free(l);
		return;
	}
	/* tight unless an item holds more than a paragraph and lists */
	for (cmark_node *it = cmark_node_first_child(l); it;
	     it = cmark_node_next(it))
		for (cmark_node *b = cmark_node_first_child(it); b;
		     b = cmark_node_next(b))
			if (b != cmark_node_first_child(it) &&
			    cmark_node_get_type(b) != CMARK_NODE_LIST)
				cmark_node_set_list_tight(l, 0);
}

/* Rows of a table in order: its own <tr> and those of thead, tbody and
 * tfoot (not of nested tables). */
static size_t table_rows(const xmlNode *t, const xmlNode **rows, size_t cap)
{
	size_t n = 0;

	for (const xmlNode *c = t->children; c; c = c->next) {
		if (is_tag(c, "tr")) {
			if (n < cap)
				rows[n] = c;
			n++;
		} else if (is_tag(c, "thead") || is_tag(c, "tbody") ||
			   is_tag(c, "tfoot")) {
			for (const xmlNode *r = c->children; r; r = r->next)
				if (is_tag(r, "tr")) {
					if (n < cap)
						rows[n] = r;
					n++;
				}
		}
	}
	return n;
}

static bool is_cell(const xmlNode *n)
{
	return is_tag(n, "td") || is_tag(n, "th");
}

static void table(struct md *m, const xmlNode *n, cmark_node *parent)
{
	const xmlNode **rows;
	size_t nrows = table_rows(n, NULL, 0), ncols = 0;
	uint8_t align[MAX_COLUMNS] = {0};
	cmark_node *t;

	if (!nrows)
		return;
	rows = calloc(nrows, sizeof(*rows));
	if (!rows) {
		m->rc = WN_ENOMEM;
		return;
	}
	table_rows(n, rows, nrows);
	for (size_t i = 0; i < nrows; i++) {
		size_t k = 0;

		for (const xmlNode *c = rows[i]->children; c; c = c->next)
			k += is_cell(c);
		if (k > ncols)
			ncols = k;
	}
	if (ncols > MAX_COLUMNS)
		ncols = MAX_COLUMNS;
	if (!ncols) {
		free(rows);
		return;
	}
	t = cmark_node_new_with_ext(CMARK_NODE_TABLE, m->table);
	cmark_gfm_extensions_set_table_columns(t, (uint16_t)ncols);
	cmark_gfm_extensions_set_table_alignments(t, (uint16_t)ncols, align);
	append(m, parent, t);
	for (size_t i = 0; i < nrows && !m->rc; i++) {
		cmark_node *row =
			cmark_node_new_with_ext(CMARK_NODE_TABLE_ROW, m->table);
		const xmlNode *c = rows[i]->children;

		/* GFM tables always have a header row: the first one */
		cmark_gfm_extensions_set_table_row_is_header(row, i == 0);
		append(m, t, row);
		for (size_t k = 0; k < ncols && !m->rc; k++) {
			/* cells carry no extension data of their own */
			cmark_node *cell =
				cmark_node_new(CMARK_NODE_TABLE_CELL);

			cmark_node_set_syntax_extension(cell, m->table);
			append(m, row, cell);
			while (c && !is_cell(c))
				c = c->next;
			if (!c || m->rc)
				continue;
			inline_begin(m);
			m->in_cell = true;
			inlines(m, c, cell);
			m->in_cell = false;
			inline_end(m, cell);
			c = c->next;
		}
	}
	free(rows);
}

static void block_node(struct md *m, const xmlNode *n, cmark_node *parent)
{
	static const char *const lists[] = {"ul", "ol", "menu", "dir", NULL};

	if (wn_tag_is_heading(n->name)) {
		cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);

		cmark_node_set_heading_level(h, n->name[1] - '0');
		leaf(m, n, parent, h);
	} else if (is_tag(n, "p")) {
		leaf(m, n, parent, cmark_node_new(CMARK_NODE_PARAGRAPH));
	} else if (is_tag(n, "pre")) {
		code_block(m, n, parent);
	} else if (is_tag(n, "hr")) {
		append(m, parent, cmark_node_new(CMARK_NODE_THEMATIC_BREAK));
	} else if (m->depth >= MAX_DEPTH) {
		blocks(m, n, parent);
	} else if (in_list(n, lists)) {
		m->depth++;
		list(m, n, parent);
		m->depth--;
	} else if (is_tag(n, "blockquote")) {
		cmark_node *q = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);

		append(m, parent, q);
		if (m->rc)
			return;
		m->depth++;
		blocks(m, n, q);
		m->depth--;
		if (!cmark_node_first_child(q)) {
			cmark_node_unlink(q);
			cmark_node_free(q);
		}
	} else if (is_tag(n, "table")) {
		table(m, n, parent);
	} else {
		/* div, section, li, figure ...: a container of blocks */
		m->depth++;
		blocks(m, n, parent);
		m->depth--;
	}
}

/* The children of n as blocks of `parent`; runs of inline content
 * between blocks become paragraphs. */
static void blocks(struct md *m, const xmlNode *n, cmark_node *parent)
{
	cmark_node *para = NULL;

	for (const xmlNode *c = n->children; c && !m->rc; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && wn_node_is_hidden(c))
			continue;
		if (is_block(c)) {
			if (para)
				inline_end(m, para);
			para = NULL;
			block_node(m, c, parent);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE &&
		    c->type != XML_CDATA_SECTION_NODE)
			continue;
		if (!para) {
			para = cmark_node_new(CMARK_NODE_PARAGRAPH);
			append(m, parent, para);
			if (m->rc)
				break;
			inline_begin(m);
		}
		inline_node(m, c, para);
	}
	if (para)
		inline_end(m, para);
}

/* Text documents: one paragraph per block. */
static void text_blocks(struct md *m, const xmlNode *body, cmark_node *root)
{
	for (const xmlNode *c = body->children; c && !m->rc; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			leaf(m, c, root, cmark_node_new(CMARK_NODE_PARAGRAPH));
}

static int write_markdown(struct wn_doc *doc, struct wn_buf *out)
{
	struct md m = {.doc = doc, .base = wn_doc_url_peek(doc)};
	cmark_mem *mem = cmark_get_default_mem_allocator();
	cmark_node *root;
	char *s;
	size_t n;

	cmark_gfm_core_extensions_ensure_registered();
	m.table = cmark_find_syntax_extension("table");
	if (!m.table)
		return WN_ENOTFOUND;
	root = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (doc->body) {
		if (doc->kind == WN_KIND_TEXT)
			text_blocks(&m, doc->body, root);
		else
			blocks(&m, doc->body, root);
	}
	flush_text(&m);
	wn_buf_free(&m.text);
	if (m.rc) {
		cmark_node_free(root);
		return m.rc;
	}
	/* the table nodes carry the extension that renders them */
	s = cmark_render_commonmark_with_mem(root, CMARK_OPT_UNSAFE, 0, mem);
	cmark_node_free(root);
	n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	m.rc = wn_buf_append(out, s, n);
	if (!m.rc && n)
		m.rc = wn_buf_append(out, "\n", 1);
	mem->free(s);
	return m.rc;
}

WN_API const struct wn_markdown_ops wn_markdown_ops_ = {write_markdown};
