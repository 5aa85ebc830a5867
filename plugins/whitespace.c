/* SPDX-License-Identifier: MIT */
/*
 * whitespace: collapse runs of white space in text, trim text blocks and
 * drop blocks left empty.  Preformatted content (pre, code, textarea) is
 * left alone, and so are empty elements that carry media.
 *
 * Editors pad with Unicode spaces as much as with ASCII ones: a
 * paragraph of one &nbsp; is the usual empty line of a WordPress post,
 * and zero-width spaces and BOMs turn up in pasted text.  These count as
 * white space at the edges of a block, in runs and in empty blocks; a
 * single one between two words is kept ("10&nbsp;km").
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

/* Bytes of the white space character at p, 0 when there is none: ASCII
 * space and controls, no-break space, the U+2000 spaces up to the
 * zero-width space, the zero-width (non-)joiners and the word joiner,
 * narrow no-break, medium mathematical and ideographic space, and the
 * zero-width no-break space (BOM).  A joiner alone between two
 * characters is kept like any single one (an emoji sequence); a block
 * of nothing else is empty. */
static size_t ws_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
	    *p == '\v')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8d) || p[2] == 0xaf))
		return 3;
	if ((p[0] == 0xe2 && p[1] == 0x81 &&
	     (p[2] == 0x9f || p[2] == 0xa0)) ||
	    (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) ||
	    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf))
		return 3;
	return 0;
}

/* Is the byte at s in a word: neither white space nor the end?  Most
 * bytes are ASCII or start no white space, one test. */
static inline bool in_word(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return (c > ' ' && c < 0xc2) || (c && !ws_len(s));
}

/* Collapse white space runs of s into out (same size or smaller): a run
 * becomes one space, except that a lone Unicode space stays as it is.
 * With trim, leading and trailing runs go.  Returns true when the
 * result differs from s. */
static bool collapse(const char *s, struct wn_buf *out, bool trim)
{
	bool changed = false;
	const char *p = s;

	out->len = 0;
	wn_buf_append(out, "", 0);
	while (*p) {
		const char *q = p;
		size_t k, n = 0;

		while ((k = ws_len(q))) {
			q += k;
			n++;
		}
		if (!n) {
			/* up to the next space at once, not a byte a call,
			 * and on past a single ' ' before a word: it stays
			 * as it is, so words so parted go out in one append */
			for (;;) {
				while (in_word(++q))
					;
				if (*q != ' ' || !in_word(q + 1))
					break;
				q++;
			}
			wn_buf_append(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (trim && (out->len == 0 || !*q)) {
			changed = true; /* an edge run */
		} else if (n == 1 && (*p == ' ' || q - p > 1)) {
			wn_buf_append(out, p, (size_t)(q - p));
		} else {
			wn_buf_append(out, " ", 1);
			changed = true;
		}
		p = q;
	}
	return changed;
}

static bool preserves_space(const xmlNode *n)
{
	static const char *const tags[] = {"pre",     "code",      "textarea",
					   "script",  "style",     "xmp",
					   "listing", "plaintext", NULL};

	/* the first letter rules most tags out without a call */
	for (const char *const *t = tags; *t; t++)
		if (n->name && n->name[0] == (xmlChar)(*t)[0] &&
		    xmlStrEqual(n->name, BAD_CAST * t))
			return true;
	return false;
}

/* Elements that mean something even with no text. */
static bool is_media(const xmlNode *n)
{
	static const char *const tags[] = {
		"img", "picture", "video",  "audio",  "iframe",
		"svg", "canvas",  "object", "embed",  "input",
		"hr",  "table",   "math",   "source", NULL};

	/* the first letter rules most tags out without a call */
	for (const char *const *t = tags; *t; t++)
		if (n->name && n->name[0] == (xmlChar)(*t)[0] &&
		    xmlStrEqual(n->name, BAD_CAST * t))
			return true;
	return false;
}

/* Is s all white space, Unicode spaces included? */
static bool all_space(const char *s)
{
	size_t k;

	while ((k = ws_len(s)))
		s += k;
	return *s == '\0';
}

/* Add n and its ancestors up to (not including) top to the set; stop at
 * the first already there, whose ancestors are there too. */
static int add_up(struct wn_nodeset *set, xmlNodePtr n, const xmlNode *top)
{
	for (; n && n != top; n = n->parent) {
		int r = wn_nodeset_add(set, n);

		if (r <= 0)
			return r;
	}
	return 0;
}

/*
 * The elements under root worth keeping when they look empty: those
 * holding text that is not all white space (outside hidden elements, as
 * the text is read) or a media element (anywhere).  One walk of the
 * page, so the test per block costs nothing, however deep the page.
 */
static int meaningful(xmlNodePtr root, struct wn_nodeset *set)
{
	xmlNodePtr n = root->children;
	size_t hidden = 0; /* hidden elements around n */
	int rc = 0;

	while (n && !rc) {
		if ((n->type == XML_TEXT_NODE ||
		     n->type == XML_CDATA_SECTION_NODE) &&
		    !hidden && n->content &&
		    !all_space((const char *)n->content))
			rc = add_up(set, n->parent, root);
		if (n->type == XML_ELEMENT_NODE) {
			if (is_media(n))
				rc = add_up(set, n, root);
			if (n->children && !rc) {
				hidden += wn_node_is_hidden(n);
				n = n->children;
				continue;
			}
		}
		while (n != root && !n->next) {
			n = n->parent;
			if (n != root && n->type == XML_ELEMENT_NODE)
				hidden -= wn_node_is_hidden(n);
		}
		if (n == root)
			break;
		n = n->next;
	}
	return rc;
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
			   !preserves_space(n) && !wn_node_is_hidden(n)) {
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

/* Bytes of white space at the end of s (n bytes). */
static size_t trailing_ws(const char *s, size_t n)
{
	size_t end = 0; /* end of the last non-space character */

	for (size_t i = 0; i < n;) {
		if (in_word(s + i)) {
			/* a word at once: no white space starts on a byte
			 * inside a character, and s[n] is the end */
			while (in_word(s + ++i))
				;
			end = i;
		} else {
			i += ws_len(s + i);
		}
	}
	return n - end;
}

/* The next node after n within b in document order, forward or
 * backward, its subtree skipped; NULL at the end of b. */
static xmlNodePtr after(xmlNodePtr b, xmlNodePtr n, bool fwd)
{
	while (n != b && !(fwd ? n->next : n->prev))
		n = n->parent;
	return n == b ? NULL : fwd ? n->next : n->prev;
}

/* From n on (within b, forward or backward), the first text node outside
 * preformatted and hidden elements, or NULL. */
static xmlNodePtr edge_text(xmlNodePtr b, xmlNodePtr n, bool fwd)
{
	while (n) {
		if (n->type == XML_TEXT_NODE && n->content)
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children &&
		    !preserves_space(n) && !wn_node_is_hidden(n))
			n = fwd ? n->children : n->last;
		else
			n = after(b, n, fwd);
	}
	return NULL;
}

/* Replace the text of t by the len bytes at s. */
static int set_text(struct wn_run *run, xmlNodePtr t, const char *s,
		    size_t len, struct wn_buf *tmp)
{
	int rc;

	/* copied first: s points into the text being replaced */
	tmp->len = 0;
	rc = wn_buf_append(tmp, s, len);
	if (!rc)
		rc = wn_buf_append(tmp, "", 0);
	if (!rc)
		rc = wn_run_set_text(run, t, tmp->data);
	return rc;
}

/* Trim the white space at the two edges of block b.  ASCII space there
 * is dropped by the writers anyway; a no-break space is not.  Only the
 * texts at the edges are visited. */
static int trim_edges(struct wn_run *run, xmlNodePtr b, struct wn_buf *tmp)
{
	xmlNodePtr t;
	int rc = 0;

	for (t = edge_text(b, b->children, true); t && !rc;
	     t = edge_text(b, after(b, t, true), true)) {
		const char *c = (const char *)t->content, *p = c;
		size_t k;
		bool more;

		while ((k = ws_len(p)))
			p += k;
		more = *p != '\0'; /* asked first: set_text frees c */
		if (p != c)
			rc = set_text(run, t, p, strlen(p), tmp);
		if (more)
			break;
	}
	for (t = edge_text(b, b->last, false); t && !rc;
	     t = edge_text(b, after(b, t, false), false)) {
		/* a text emptied above has no content left */
		const char *c = t->content ? (const char *)t->content : "";
		size_t len = strlen(c), k = trailing_ws(c, len);

		if (k)
			rc = set_text(run, t, c, len - k, tmp);
		if (k < len)
			break;
	}
	return rc;
}

static int whitespace_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run);
	xmlNodePtr *blocks = NULL;
	size_t nb = 0;
	struct wn_buf tmp = {0};
	struct wn_nodeset keep = {0};
	bool text = wn_run_kind(run) == WN_KIND_TEXT;
	int rc = 0;

	(void)inst;
	if (!text)
		rc = clean_html_text(run, body, &tmp);
	if (!rc && !text)
		rc = meaningful(body, &keep);
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
		} else if (preserves_space(b)) {
			continue;
		} else if (!wn_nodeset_has(&keep, b)) {
			/* take the highest block that holds nothing else */
			while (b->parent && b->parent != body &&
			       b->parent->type == XML_ELEMENT_NODE &&
			       wn_node_is_block(b->parent) &&
			       !wn_nodeset_has(&keep, b->parent))
				b = b->parent;
			rc = wn_run_remove(run, b);
		} else {
			rc = trim_edges(run, b, &tmp);
		}
	}
	free(blocks);
	wn_nodeset_free(&keep);
	wn_buf_free(&tmp);
	return rc;
}

WN_PLUGIN_DEFINE(whitespace, .version = "1.0",
		 .summary = "collapse white space, trim blocks, drop empty "
			    "blocks",
		 .license = "MIT", .caps = WN_CAP_MUTATES,
		 .run = whitespace_run);
