/* SPDX-License-Identifier: MIT */
/*
 * hidden: remove what a browser does not show.  Elements with the
 * `hidden` attribute and elements whose inline style says display:none
 * or visibility:hidden hold closed menus, dialogs, form steps and
 * templates that a text dump would otherwise print.  Not all of it is
 * clutter, though: tabs, accordion panels and "read more" parts are
 * hidden the same way until the reader opens them, and React streams
 * whole parts of a page in <div hidden> for a script to move in place;
 * so a hidden element holding a real paragraph, or marked as such a
 * panel, stays (a JSON object a script keeps its settings in is not a
 * paragraph, however long).  aria-hidden="true" hides from screen
 * readers only: sites put it on icons and decorations but also on
 * teaser links, drop caps and carousels, so only aria-hidden elements
 * without a line of text go.  Screen-reader-only text (class sr-only, visually-hidden,
 * screen-reader-text ...) is clipped out of sight by the style sheet:
 * labels such as "Regular price", "Opens in a new window" or a heading
 * for the menus, which no sighted reader sees.  Nothing that holds most
 * of the page is removed, nor the text of hidden parts that together
 * are most of it.  Text documents have no markup: nothing to do.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* An element holding more than this share of the page's text, and more
 * than MIN_PAGE bytes of it, is the page itself hidden until a script
 * shows it (anti-flicker snippets, splash screens): never removed. */
#define PAGE_SHARE 2 /* 1/2 */
#define MIN_PAGE   500

/* A hidden element with a paragraph this long outside links is text a
 * script reveals ("read more", a tab), not a menu or a dialog: kept. */
#define HIDDEN_PROSE 160 /* bytes */

/* aria-hidden hides from screen readers only: an element with a
 * paragraph this long, links included (a teaser's summary link), is
 * text shown to every other reader, not decoration. */
#define ARIA_TEXT 40 /* bytes */

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copy s into out without CSS comments, lower-cased and with white
 * space runs turned into one space.  out has strlen(s) + 1 bytes. */
static void css_clean(const char *s, char *out)
{
	char *o = out;

	while (*s) {
		if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");

			s = e ? e + 2 : s + strlen(s);
			continue;
		}
		if (is_space((unsigned char)*s)) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			s++;
			continue;
		}
		*o++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
		s++;
	}
	*o = '\0';
}

/* Trim spaces at both ends of [*a, *e). */
static void trim(const char **a, const char **e)
{
	while (*a < *e && **a == ' ')
		(*a)++;
	while (*e > *a && (*e)[-1] == ' ')
		(*e)--;
}

/*
 * Does the cleaned declaration list `css` give `prop` one of the values
 * in `vals`?  Later declarations win, except over an earlier !important
 * one, as in the cascade.  Semicolons inside quotes or parentheses
 * (url(data:...;base64,...)) do not end a declaration.
 */
static bool css_says(const char *css, const char *prop, const char *const *vals)
{
	const char *p = css;
	bool hit = false, important = false;
	size_t plen = strlen(prop);

	while (*p) {
		const char *d = p, *colon = NULL, *e, *a;
		char quote = 0;
		int depth = 0;
		bool imp = false;

		for (; *p; p++) {
			if (quote) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == '(') {
				depth++;
			} else if (*p == ')' && depth > 0) {
				depth--;
			} else if (*p == ':' && !colon && !depth) {
				colon = p;
			} else if (*p == ';' && !depth) {
				break;
			}
		}
		e = p;
		if (*p)
			p++;
		if (!colon)
			continue;
		a = d;
		{
			const char *ce = colon;

			trim(&a, &ce);
			if ((size_t)(ce - a) != plen || strncmp(a, prop, plen))
				continue;
		}
		a = colon + 1;
		trim(&a, &e);
		/* "none !important", "none!important", "none ! important" */
		if (e - a >= 9 && !strncmp(e - 9, "important", 9)) {
			const char *bang = e - 9;

			while (bang > a && bang[-1] == ' ')
				bang--;
			if (bang > a && bang[-1] == '!') {
				imp = true;
				e = bang - 1;
				trim(&a, &e);
			}
		}
		if (important && !imp)
			continue;
		important = imp;
		hit = false;
		for (const char *const *v = vals; *v; v++)
			if ((size_t)(e - a) == strlen(*v) &&
			    !strncmp(a, *v, (size_t)(e - a)))
				hit = true;
	}
	return hit;
}

/* What the inline style of n says. */
enum style_vis { VIS_DEFAULT, VIS_NONE, VIS_HIDDEN, VIS_VISIBLE };

static enum style_vis style_of(const xmlNode *n)
{
	static const char *const none[] = {"none", NULL};
	static const char *const hidden[] = {"hidden", "collapse", NULL};
	static const char *const visible[] = {"visible", NULL};
	xmlChar *style = attr_get(n, "style");
	enum style_vis v = VIS_DEFAULT;
	char *css;

	if (!style)
		return v;
	css = malloc(strlen((const char *)style) + 1);
	if (css) {
		css_clean((const char *)style, css);
		if (css_says(css, "display", none))
			v = VIS_NONE;
		else if (css_says(css, "visibility", hidden))
			v = VIS_HIDDEN;
		else if (css_says(css, "visibility", visible))
			v = VIS_VISIBLE;
		free(css);
	}
	xmlFree(style);
	return v;
}

/* A descendant with visibility:visible shows through a hidden parent;
 * only display:none hides a whole subtree. */
static bool shows_through(xmlNodePtr n)
{
	for (xmlNodePtr c = wn_next_element(n, n, false); c;
	     c = wn_next_element(c, n, false))
		if (style_of(c) == VIS_VISIBLE)
			return true;
	return false;
}

/* Is the text of n a JSON object or array ('{"a":1}', '[{"id":2}]')?  A
 * page's script keeps its settings so in a hidden element: data, not a
 * paragraph, however long.  Not in a <pre> or <code>: a code sample in
 * a closed tab. */
static bool json_text(xmlNodePtr n)
{
	static const char *const code[] = {"pre", "code", NULL};
	struct wn_buf t = {0};
	const char *s, *e;
	bool json = false;

	/* collapsed and trimmed: '{', '[' or a space up to the first quote */
	if (wn_node_text(n, &t) == 0 && t.len >= 4 &&
	    (t.data[0] == '{' || t.data[0] == '[')) {
		e = t.data + t.len;
		for (s = t.data + 1;
		     s < e && (*s == '{' || *s == '[' || *s == ' '); s++)
			;
		json = s < e && *s == '"' && (e[-1] == '}' || e[-1] == ']');
	}
	wn_buf_free(&t);
	return json && !xmlStrEqual(n->name, BAD_CAST "pre") &&
	       !xmlStrEqual(n->name, BAD_CAST "code") &&
	       !wn_node_has_ancestor_tag(n, code) &&
	       !wn_node_has_descendant_tag(n, code);
}

/* The longest paragraph under n: the most text outside links in one
 * block (n itself when it holds no block).  With links, text inside
 * links counts as well. */
static size_t longest_block(xmlNodePtr n, bool links)
{
	xmlNodePtr *blocks;
	size_t nb, longest = 0;

	if (wn_blocks(n, &blocks, &nb))
		return SIZE_MAX; /* out of memory: keep, the safe side */
	for (size_t i = 0; i < nb; i++) {
		size_t t = wn_node_text_len(blocks[i]);

		if (!links)
			t -= wn_node_link_text_len(blocks[i]);
		if (t > longest && !json_text(blocks[i]))
			longest = t;
	}
	free(blocks);
	if (!nb) {
		longest = wn_node_text_len(n) -
			  (links ? 0 : wn_node_link_text_len(n));
		if (longest && json_text(n))
			longest = 0;
	}
	return longest;
}

/* The text just outside n, on the side given: does a letter or digit
 * touch n there?  A drop cap (<span aria-hidden>O</span>nce) is part of
 * a word; dropping it would maim the word. */
static bool touches_word(const xmlNode *n, bool before)
{
	const xmlNode *s = before ? n->prev : n->next;
	const xmlChar *t;
	unsigned char c;

	if (!s || s->type != XML_TEXT_NODE || !s->content || !*s->content)
		return false;
	t = s->content;
	c = before ? t[strlen((const char *)t) - 1] : t[0];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static bool aria_decoration(xmlNodePtr n)
{
	if (!wn_node_attr_is(n, "aria-hidden", "true"))
		return false;
	if (wn_node_text_len(n) == 0)
		return true;
	if (!wn_node_is_block(n) &&
	    (touches_word(n, true) || touches_word(n, false)))
		return false;
	return longest_block(n, true) < ARIA_TEXT;
}

/* Class names of text kept for screen readers only and clipped out of
 * sight by the page's style sheet (Bootstrap, WordPress, Foundation,
 * Shopify, Drupal, jQuery UI ...). */
static const char *const sr_classes[] = {"sr-only",
					 "sr_only",
					 "visually-hidden",
					 "visuallyhidden",
					 "screen-reader-text",
					 "screen-reader-only",
					 "screenreader-only",
					 "screenreader-text",
					 "screenreader",
					 "show-for-sr",
					 "element-invisible",
					 "hidden-accessible",
					 "hidden-visually",
					 "a11y-hidden",
					 NULL};

/* Is the class token [p, p + k) one of sr_classes, bare or with a short
 * prefix ("u-sr-only", "is-screenreader-only", "ui-helper-hidden-
 * accessible") or a variant suffix ("sr-only-focusable", "visually-
 * hidden--inline")?  A field whose label is hidden
 * ("field--label-visually-hidden") holds content: not one. */
static bool sr_token(const char *p, size_t k)
{
	static const char *const suffixes[] = {"", "-focusable", "--inline",
					       NULL};

	for (size_t i = 0; i <= k && i <= 10; i++) {
		if (i && p[i - 1] != '-')
			continue;
		if (i && (memchr(p, '_', i) ||
			  (i >= 6 && !strncmp(p + i - 6, "label-", 6))))
			break;
		for (const char *const *c = sr_classes; *c; c++) {
			size_t n = strlen(*c);

			if (i + n > k || strncasecmp(p + i, *c, n))
				continue;
			for (const char *const *s = suffixes; *s; s++)
				if (k - i - n == strlen(*s) &&
				    !strncasecmp(p + i + n, *s, k - i - n))
					return true;
		}
	}
	return false;
}

/* Is the element next to n, on the side given, hidden from screen
 * readers but shown, with text ("<del aria-hidden=true>$30</del><span
 * class=screen-reader-text>Original price was: $30.</span>")? */
static bool shown_twin(const xmlNode *n, bool before)
{
	const xmlNode *s = before ? n->prev : n->next;

	while (s && s->type != XML_ELEMENT_NODE) {
		if (s->type == XML_TEXT_NODE && wn_node_text_len(s))
			return false;
		s = before ? s->prev : s->next;
	}
	return s && wn_node_attr_is(s, "aria-hidden", "true") &&
	       wn_node_text_len(s);
}

/* Is n text for screen readers only, by its class?  Text that stands
 * for a shown twin hidden from screen readers is the one copy that
 * stays, as that twin goes with the aria-hidden decorations. */
static bool screen_reader_only(const xmlNode *n)
{
	xmlChar *cls;
	const char *p;
	bool yes = false;

	/* most elements name none of the classes anywhere: told by the
	 * indexed hint test, without a copy of the attribute */
	if (!wn_node_hint_any(n, sr_classes) ||
	    !(cls = attr_get(n, "class")))
		return false;
	p = (const char *)cls;
	while (*p && !yes) {
		size_t k;

		while (is_space((unsigned char)*p))
			p++;
		for (k = 0; p[k] && !is_space((unsigned char)p[k]); k++)
			;
		yes = k && sr_token(p, k);
		p += k;
	}
	xmlFree(cls);
	return yes && !shown_twin(n, true) && !shown_twin(n, false);
}

/*
 * React streams server-rendered parts of a page (Next.js and others) as
 * <div hidden id="S:1f"> at the end of <body>, for a script to move into
 * the <template id="B:1f"> that marks their place: the content itself,
 * not a hidden extra.
 */
static bool streamed(const xmlNode *n)
{
	xmlChar *id = attr_get(n, "id");
	const char *p;
	bool yes;

	if (!id)
		return false;
	p = (const char *)id;
	yes = p[0] == 'S' && p[1] == ':' && p[2];
	for (p += 2; yes && *p; p++)
		yes = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
	xmlFree(id);
	return yes;
}

/* Class or id fragments of collapsed parts of the text: tabs, accordion
 * panels, FAQ answers, "read more" continuations, product details. */
static const char *const panel_hints[] = {
	"tab-",      "tab_",      "tabs",  "tabpanel", "panel",
	"accordion", "collapse",  "faq",   "answer",   "expand",
	"readmore",  "read-more", "read_", "more-",    "spoiler",
	"toggle",    "details",   "descr", "spec",     NULL};

/* ... and of page chrome that opens on demand: menus, dialogs, forms. */
static const char *const chrome_hints[] = {
	"modal",  "dropdown",     "drop-down",  "menu",   "popup",    "pop-up",
	"dialog", "overlay",      "cookie",     "gdpr",   "consent",  "sign-in",
	"signin", "login",        "newsletter", "nav",    "drawer",   "search",
	"cart",   "notification", "fly-out",    "flyout", "lightbox", NULL};

/*
 * A tab, accordion panel or "read more" part hidden until the reader
 * opens it: text of the page, for all the inline style says.  Marked by
 * its role or class, and made of words rather than links; menus and
 * dialogs open the same way but say so.
 */
static bool collapsed_panel(xmlNodePtr n)
{
	static const char *const chrome_tags[] = {"nav",  "header", "footer",
						  "form", "dialog", NULL};
	static const char *const chrome_roles[] = {
		"menu", "dialog", "alertdialog", "navigation", "listbox", NULL};
	size_t len;
	bool role_panel;

	for (const char *const *t = chrome_tags; *t; t++)
		if (xmlStrEqual(n->name, (const xmlChar *)*t))
			return false;
	for (const char *const *r = chrome_roles; *r; r++)
		if (wn_node_attr_is(n, "role", *r))
			return false;
	if (wn_node_hint_any(n, chrome_hints))
		return false;
	role_panel = wn_node_attr_is(n, "role", "tabpanel") ||
		     wn_node_attr_is(n, "role", "region");
	if (!role_panel && !wn_node_hint_any(n, panel_hints))
		return false;
	len = wn_node_text_len(n);
	return wn_node_link_text_len(n) * 2 < len;
}

/* Is n hidden from every reader? */
static bool invisible(xmlNodePtr n)
{
	xmlChar *h = attr_get(n, "hidden");
	enum style_vis v;

	if (h) {
		/* hidden=until-found: collapsed text the browser's find
		 * reveals, part of the page */
		bool until = !strncasecmp((const char *)h, "until-found", 11);

		xmlFree(h);
		if (!until && !streamed(n))
			return true;
	}
	v = style_of(n);
	if (v == VIS_NONE)
		return true;
	return v == VIS_HIDDEN && !shows_through(n);
}

static bool inv_drop(xmlNodePtr n)
{
	return invisible(n) && longest_block(n, false) < HIDDEN_PROSE &&
	       !collapsed_panel(n);
}

/* An element to remove; sure: whatever the page (screen-reader text,
 * a closed modal, an empty element), else not when hidden text is most
 * of the page. */
struct drop {
	xmlNodePtr n;
	bool sure;
};

static int hidden_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct drop *drops = NULL;
	size_t page, gone = 0, modals = 0, nd = 0, cap = 0;
	bool spare_text;
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	page = wn_node_text_len(body);
	n = wn_next_element(body, body, false);
	while (n && !rc) {
		bool modal = closed_modal(n);
		bool shown = !modal && !inv_drop(n) && !aria_decoration(n);
		bool sr = shown && screen_reader_only(n);
		bool drop = !shown || sr;

		if (drop) {
			size_t len = wn_node_text_len(n);

			if (len > MIN_PAGE && len * PAGE_SHARE > page &&
			    !modal) {
				wn_run_log(run, WN_LOG_INFO,
					   "kept a hidden <%s> holding most "
					   "of the page",
					   (const char *)n->name);
				drop = false;
			}
			if (drop && nd == cap) {
				size_t nc = cap ? cap * 2 : 32;
				struct drop *q = realloc(drops, nc * sizeof(*q));

				if (!q) {
					rc = WN_ENOMEM;
					break;
				}
				drops = q;
				cap = nc;
			}
			if (drop) {
				drops[nd++] = (struct drop){
					n, modal || len == 0 || sr ||
						   screen_reader_only(n)};
				if (modal)
					modals += len;
				else if (!sr)
					gone += len;
			}
		}
		n = wn_next_element(n, body, drop);
	}
	/* a page shown whole by a script, in several hidden parts: what
	 * is hidden is all there is, so its text stays; screen-reader text
	 * is never shown, and goes all the same, and so do closed modal
	 * dialogs (a shop's policies in the footer), which do not count */
	page -= modals < page ? modals : page;
	spare_text = page > 0 && (page - gone) * 4 < page;
	if (spare_text)
		wn_run_log(run, WN_LOG_INFO,
			   "kept hidden text: it is most of the page");
	for (size_t i = 0; i < nd && !rc; i++)
		if (!spare_text || drops[i].sure)
			rc = wn_run_remove(run, drops[i].n);
	free(drops);
	return rc;
}

WN_PLUGIN_DEFINE(hidden, .version = "1.0",
		 .summary = "remove hidden elements (hidden, display:none, "
			    "decorative aria-hidden)",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = hidden_run);
