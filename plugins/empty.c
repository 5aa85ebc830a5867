/* SPDX-License-Identifier: MIT */
/*
 * empty: remove what earlier steps left hollow.  In HTML, containers
 * (div, section, li, span, figure ...) with no text and nothing that
 * shows without text (an image, a video, a frame, a table, a rule, a
 * form field) go, the highest such container at once: the wrappers of
 * a removed share bar or advertisement, list items emptied of their
 * links.  White space and no-break spaces are not text.  An empty
 * element that keeps two runs of text apart stays, since dropping it
 * would glue words together, and so does everything inside <pre>, where
 * a span of spaces is indentation.  In text documents, blocks made only of
 * punctuation, bullets, dashes and arrows ("•", "|", "* * *", "→")
 * go: separators whose neighbours are gone.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

/* Elements that hold others and mean nothing when empty; sorted for
 * bsearch. */
static const char *const containers[] = {
	"abbr",   "address",    "article",    "aside",   "b",      "bdi",
	"bdo",    "big",        "blockquote", "center",  "cite",   "dd",
	"del",    "details",    "dfn",        "div",     "dl",     "dt",
	"em",     "figcaption", "figure",     "font",    "footer", "h1",
	"h2",     "h3",         "h4",         "h5",      "h6",     "header",
	"hgroup", "i",          "ins",        "kbd",     "label",  "li",
	"main",   "mark",       "menu",       "nav",     "ol",     "p",
	"q",      "s",          "samp",       "section", "small",  "span",
	"strike", "strong",     "sub",        "summary", "sup",    "tt",
	"u",      "ul",         "var",
};

/* Elements that show something without text. */
static const char *const media[] = {
	"audio", "canvas", "embed",    "hr",      "iframe", "img",
	"input", "math",   "object",   "picture", "select", "source",
	"svg",   "table",  "textarea", "video",   NULL};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_container(const xmlChar *name)
{
	const char *key = (const char *)name;

	return bsearch(&key, containers,
		       sizeof(containers) / sizeof(*containers),
		       sizeof(*containers), cmp_str) != NULL;
}

static bool is_media(const xmlChar *name)
{
	for (const char *const *m = media; *m; m++)
		if (xmlStrEqual(name, (const xmlChar *)*m))
			return true;
	return false;
}

/* Length of the UTF-8 space at s (ASCII white space, no-break and
 * typographic spaces, zero-width characters), 0 when s is not one. */
static size_t space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' ||
	    *s == '\v')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2; /* U+00A0 */
	if (s[0] == 0xe2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8d) || s[2] == 0xaf))
		return 3; /* U+2000-U+200D, U+202F */
	if (s[0] == 0xe2 && s[1] == 0x81 && (s[2] == 0x9f || s[2] == 0xa0))
		return 3; /* U+205F, U+2060 */
	if ((s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf))
		return 3; /* U+3000, U+FEFF */
	return 0;
}

/* Length of the separator character at s: ASCII punctuation, bullets,
 * dashes, quotes, guillemets, arrows, box drawing and geometric shapes;
 * 0 when s is anything else (a letter, a digit, a star of a rating). */
static size_t mark_len(const unsigned char *s)
{
	if (*s < 0x80)
		return (*s > ' ' && *s < 0x7f &&
			!((*s >= '0' && *s <= '9') ||
			  ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')));
	if (s[0] == 0xc2 &&
	    (s[1] == 0xa6 || s[1] == 0xab || s[1] == 0xb7 || s[1] == 0xbb))
		return 2; /* ¦ « · » */
	if (s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0xbe)
		return 3; /* U+2010-U+203E: dashes, quotes, •, …, ‹ › */
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x83)
		return 3; /* U+2043 hyphen bullet */
	if (s[0] == 0xe2 && s[1] >= 0x86 && s[1] <= 0x87)
		return 3; /* U+2190-U+21FF arrows */
	if (s[0] == 0xe2 && s[1] == 0x88 && (s[2] == 0x99 || s[2] == 0x92))
		return 3; /* ∙ − */
	if (s[0] == 0xe2 && s[1] == 0x8b && s[2] == 0x85)
		return 3; /* ⋅ */
	if (s[0] == 0xe2 && s[1] >= 0x94 && s[1] <= 0x97)
		return 3; /* U+2500-U+25FF box drawing, blocks, shapes */
	if (s[0] == 0xe3 && s[1] == 0x83 && s[2] == 0xbb)
		return 3; /* U+30FB katakana middle dot */
	return 0;
}

/* Is s only spaces (and, with marks, separator characters)? */
static bool blank_text(const xmlChar *s, bool marks)
{
	const unsigned char *p = s;

	while (*p) {
		size_t k = space_len(p);

		if (!k && marks)
			k = mark_len(p);
		if (!k)
			return false;
		p += k;
	}
	return true;
}

/* Does n hold text or media?  Stops at the first. */
static bool holds_something(xmlNodePtr n)
{
	if (is_media(n->name))
		return true;
	for (xmlNodePtr c = n->children; c;) {
		bool descend = false;

		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content && !blank_text(c->content, false))
			return true;
		if (c->type == XML_ELEMENT_NODE) {
			if (is_media(c->name))
				return true;
			/* script, style, template: never shown */
			descend = c->children && !wn_node_is_hidden(c);
		}
		if (descend) {
			c = c->children;
			continue;
		}
		while (c != n && !c->next)
			c = c->parent;
		if (c == n)
			break;
		c = c->next;
	}
	return false;
}

/* Does white space or a line break render inside n? */
static bool holds_space(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content && *c->content)
			return true;
		if (c->type == XML_ELEMENT_NODE &&
		    (xmlStrEqual(c->name, BAD_CAST "br") ||
		     wn_node_is_block(c) || holds_space(c)))
			return true;
	}
	return false;
}

/* Does rendered text touch n on the given side, with no space or block
 * edge between? */
static bool text_touches(const xmlNode *n, bool before)
{
	const xmlNode *s;

	for (;;) {
		for (s = before ? n->prev : n->next;
		     s && s->type == XML_COMMENT_NODE;
		     s = before ? s->prev : s->next)
			;
		if (s)
			break;
		/* first or last in an inline parent: look past it */
		n = n->parent;
		if (!n || n->type != XML_ELEMENT_NODE ||
		    wn_node_is_block(n) ||
		    xmlStrEqual(n->name, BAD_CAST "td") ||
		    xmlStrEqual(n->name, BAD_CAST "th"))
			return false;
	}
	if (s->type == XML_TEXT_NODE) {
		const xmlChar *t = s->content;
		size_t len = t ? strlen((const char *)t) : 0;
		unsigned char c;

		if (!len)
			return false;
		c = before ? t[len - 1] : t[0];
		return c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
		       c != '\f';
	}
	if (s->type != XML_ELEMENT_NODE || wn_node_is_hidden(s))
		return false;
	return !wn_node_is_block(s) &&
	       !xmlStrEqual(s->name, BAD_CAST "br") && wn_node_text_len(s) > 0;
}

/* Would removing the empty element n change the text around it: does it
 * stand as the space or the line break between two words? */
static bool separates(const xmlNode *n)
{
	if (!wn_node_is_block(n) && !holds_space(n))
		return false;
	return text_touches(n, true) && text_touches(n, false);
}

static bool preformatted(const xmlChar *name)
{
	static const char *const tags[] = {"pre",     "textarea",  "xmp",
					   "listing", "plaintext", NULL};

	for (const char *const *t = tags; *t; t++)
		if (xmlStrEqual(name, (const xmlChar *)*t))
			return true;
	return false;
}

static int run_html(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	int rc = 0;

	/* preorder: the first empty container met is the highest one */
	n = wn_next_element(body, body, false);
	while (n && !rc) {
		if (preformatted(n->name)) {
			/* a span of spaces is indentation there */
			n = wn_next_element(n, body, true);
			continue;
		}
		if (is_container(n->name) && !holds_something(n) &&
		    !separates(n)) {
			xmlNodePtr next = wn_next_element(n, body, true);

			rc = wn_run_remove(run, n);
			if (!n->parent) {
				n = next;
				continue;
			}
			/* protected: its children may still go */
		}
		n = wn_next_element(n, body, false);
	}
	return rc;
}

static int run_text(struct wn_run *run)
{
	xmlNodePtr *blocks;
	size_t nb;
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	for (size_t i = 0; i < nb && !rc; i++) {
		bool hollow = true;

		for (xmlNodePtr t = blocks[i]->children; t && hollow;
		     t = t->next)
			hollow = t->type == XML_TEXT_NODE &&
				 (!t->content || blank_text(t->content, true));
		if (hollow)
			rc = wn_run_remove(run, blocks[i]);
	}
	free(blocks);
	return rc;
}

static int empty_run(void *inst, struct wn_run *run)
{
	(void)inst;
	return wn_run_kind(run) == WN_KIND_TEXT ? run_text(run) : run_html(run);
}

WN_PLUGIN_DEFINE(empty, .version = "1.0",
		 .summary = "remove containers left with no text or media, "
			    "and separator-only text blocks",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = empty_run);
