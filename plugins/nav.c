/* SPDX-License-Identifier: MIT */
/*
 * nav: remove the site's navigation: header, menus, breadcrumbs,
 * footers, sidebars, pagination and "Back to top" links.
 *
 * HTML: <nav>, <header>, <footer> and <aside> elements and the ARIA
 * roles navigation, banner, contentinfo and complementary; elements
 * whose class or id names a menu, navbar, breadcrumb, pagination,
 * sidebar, footer or masthead, as a whole word of the token ("nav" in
 * "main-nav", not in "canvas"; not a modifier like "has-sidebar" or
 * "nav-btns").  Never an element holding the title, <main> or half of
 * the page's text (but a <nav> of links alone, a shop's mega-menu on a
 * thin product page), nor one holding much of its prose: outside the
 * article a third of it, inside an <article> or <main> any paragraph
 * (footnotes, an info box) or a plain-text <aside> (a pull quote).  The
 * <header> of the article or of <main> stays whole, its menus go; the
 * <footer> of an article stays (its author and date on a listing).  A
 * class alone is trusted outside <main> and <article> only, and only on
 * links or a few words: a restaurant's "menu" is its content.  A short
 * line of links that all say rel=prev, rel=next ("Previous Post | Next
 * Post") or rel=tag (the post's tags) goes wherever it stands, and so
 * does a box of a shop's or a search's filters (class facets, filters:
 * "Color (12)", "Filter by size") that holds no prose.  A menu
 * goes with its label when a box holds the two alone ("<h2>Table of
 * Contents</h2><nav>...").  A table of contents goes wherever it
 * stands: a label ("Table of Contents", "In this article", "Sommaire")
 * followed by a list of links to places in the page, by an empty list
 * that a script fills, or by nothing, unless the list is most of the
 * page's prose (a manual's chapter page is its table of contents).
 *
 * Text: menus as dumpers render them, zones of bulleted link-like items
 * ("* Home", "* World") with the short section names between them, at
 * the top of the page before the article (its first paragraph of prose,
 * or the title lynx sets flush left above it), at the bottom after the
 * last prose, or anywhere when long and made of plain names (not
 * "England (Group A): 10th appearance"); runs of short lines there too
 * (footer links), unless the page has no prose at all and is made of
 * short lines (a schedule).  In HTML and text alike: breadcrumb lines
 * ("Home > News > World"), pagination lines ("1 2 3 Next", "Page 2 of
 * 5"), copyright lines at the bottom and "Back to top".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* Class or id words of navigation (whole words of a token). */
static const char *const hints[] = {
	"nav",          "navbar",        "navigation", "navlinks",
	"nav-links",    "subnav",        "topnav",     "mainnav",
	"menu",         "menubar",       "mainmenu",   "megamenu",
	"mega-menu",    "submenu",       "breadcrumb", "breadcrumbs",
	"pagination",   "pager",         "paging",     "sidebar",
	"side-bar",     "footer",        "masthead",   "site-header",
	"siteheader",   "global-header", "topbar",     "top-bar",
	"toolbar",      "widget-area",   "widgets",    "offcanvas",
	"off-canvas",   "back-to-top",   "backtotop",  "scroll-top",
	"scrolltop",    "to-top",        "colophon",   "site-info",
	"copyright",    "tagcloud",      "post-tags",  "entry-tags",
	"article-tags", "utility-bar",   NULL};

/* Modifiers that a container takes from the navigation it holds: a
 * carousel with "dark-nav-btns" is a list of products. */
static const char *const not_hints[] = {
	"nav-btns",      "nav-buttons", "nav-arrows",   "nav-dots",
	"has-nav",       "with-nav",    "nav-open",     "nav-closed",
	"has-sidebar",   "no-sidebar",  "with-sidebar", "sidebar-left",
	"sidebar-right", "has-menu",    "menu-open",    NULL};

/* Words that say navigation whatever the text around. */
static const char *const strong_hints[] = {
	"breadcrumb", "breadcrumbs", "pagination", "pager",  "back-to-top",
	"backtotop",  "scroll-top",  "scrolltop",  "to-top", NULL};

/* Class or id words of a shop's or a search's filters (whole words of
 * a token): "Filter by size", "Color (12)", checkboxes and ranges. */
static const char *const facet_hints[] = {"facet",  "facets",  "filters",
					  "refinements", "refinement",
					  "filter", NULL};

#define FACET_MAX 6000 /* bytes: a panel of filters, not a page */

static const char *const main_role[] = {"main", NULL};

static const char *const nav_roles[] = {
	"navigation", "banner", "contentinfo", "complementary",
	"menubar",    "menu",   NULL};

/* "Back to top" links (folded). */
static const char *const top_links[] = {"back to top",
					"back to the top",
					"go to top",
					"go to the top",
					"scroll to top",
					"return to top",
					"to top",
					"top",
					"top of page",
					"jump to top",
					"nach oben",
					"zurück nach oben",
					"zum seitenanfang",
					"nach oben scrollen",
					"haut de page",
					"retour en haut",
					"retour en haut de page",
					"remonter",
					"volver arriba",
					"ir arriba",
					"subir",
					"torna su",
					"torna all'inizio",
					"naar boven",
					"terug naar boven",
					"voltar ao topo",
					"voltar para o topo",
					"topo",
					"наверх",
					"вернуться наверх",
					NULL};

/* First crumbs of a breadcrumb trail (folded). */
static const char *const homes[] = {"home",
				    "homepage",
				    "home page",
				    "start",
				    "startseite",
				    "accueil",
				    "inicio",
				    "portada",
				    "início",
				    "página inicial",
				    "pagina iniziale",
				    "главная",
				    "hjem",
				    "hem",
				    "etusivu",
				    "strona główna",
				    "anasayfa",
				    NULL};

/* Words that page through a list (folded). */
static const char *const pager_moves[] = {
	"next",        "previous",      "prev",          "older",
	"newer",       "next page",     "previous page", "older posts",
	"newer posts", "older entries", "newer entries", "weiter",
	"zurück",      "nächste",       "vorherige",     "suivant",
	"suivante",    "précédent",     "précédente",    "siguiente",
	"anterior",    "successivo",    "successiva",    "precedente",
	"volgende",    "vorige",        "próximo",       "próxima",
	"далее",       "назад",         "следующая",     "предыдущая",
	NULL};

/* Other words of a pagination line: "Page 2 of 5" (folded). */
static const char *const pager_fill[] = {
	"page",  "of",  "first",    "last",   "posts", "entries",
	"seite", "von", "sur",      "página", "de",    "pagina",
	"di",    "van", "страница", "из",     NULL};

#define PROSE    150 /* bytes: a block this long and mostly text */
#define SHORT    32  /* bytes: a menu item or a footer link */
#define ITEM_MAX 48  /* bytes: a bulleted menu item */
#define FOLD_CAP 512

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* ---- small DOM helpers --------------------------------------------- */

static bool name_is(const xmlNode *n, const char *name)
{
	/* the first letter rules most names out without a call */
	return n->name && n->name[0] == (xmlChar)name[0] &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

static bool attr_in(const xmlNode *n, const char *attr,
		    const char *const *values)
{
	xmlChar *v;
	bool hit = false;

	if (!(v = attr_get(n, attr)))
		return false;
	for (const char *const *s = values; *s && !hit; s++)
		hit = xmlStrcasecmp(v, BAD_CAST * s) == 0;
	xmlFree(v);
	return hit;
}

/* Does link a say rel="prev", rel="next" (HTML's link types for the
 * page or post before and after this one) or rel="tag" (a tag of this
 * post)? */
static bool rel_moves(const xmlNode *a)
{
	return wn_node_attr_has(a, "rel", "prev") ||
	       wn_node_attr_has(a, "rel", "next") ||
	       wn_node_attr_has(a, "rel", "tag");
}

/* Is n a post or page navigation line ("Previous Post | Next Post") or
 * a post's line of tags: short, two thirds links or more, every link
 * with text in it rel=prev, rel=next or rel=tag?  Such a line is
 * navigation wherever it stands, inside the article too. */
#define REL_PAGER_MAX 400 /* bytes of text, at most */

static bool rel_pager(xmlNodePtr n)
{
	size_t len = wn_node_text_len(n), moves = 0;

	if (!len || len > REL_PAGER_MAX ||
	    wn_node_link_text_len(n) * 3 < len * 2)
		return false;
	for (xmlNodePtr a = wn_next_element(n, n, false); a;
	     a = wn_next_element(a, n, false)) {
		if (!name_is(a, "a") || !wn_node_text_len(a))
			continue;
		if (!rel_moves(a))
			return false;
		moves++;
	}
	return moves > 0;
}

/* Is n inside an element with role=main? */
static bool in_main(const xmlNode *n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (attr_in(n, "role", main_role))
			return true;
	return false;
}

/* Does n hold an element with role=main? */
static bool holds_main(xmlNodePtr node)
{
	for (xmlNodePtr n = wn_next_element(node, node, false); n;
	     n = wn_next_element(n, node, false))
		if (attr_in(n, "role", main_role))
			return true;
	return false;
}

/* ---- HTML elements --------------------------------------------------- */

/* Is the link's target the site's home page ("/", "./", "https://host",
 * "https://host/index.html")? */
static bool home_href(const xmlNode *a)
{
	xmlChar *v = attr_get(a, "href");
	const char *p;
	bool home;

	if (!v)
		return false;
	p = (const char *)v;
	while (*p == ' ')
		p++;
	if (!strncasecmp(p, "https:", 6))
		p += 6;
	else if (!strncasecmp(p, "http:", 5))
		p += 5;
	if (p[0] == '/' && p[1] == '/') {
		/* past the host: its path */
		p = strchr(p + 2, '/');
		if (!p)
			p = "/";
	} else if (p[0] == '.' && (p[1] == '/' || !p[1])) {
		p = p[1] ? p + 1 : "/";
	}
	home = p[0] == '/' &&
	       (!p[1] || p[1] == '?' ||
		(!strncasecmp(p + 1, "index.", 6) && !strchr(p + 1, '/')));
	xmlFree(v);
	return home;
}

/* Is the heading h the site's name, a link to its home page (<h1><a
 * href="/">Site</a></h1>, <a href="/"><h1>Site</h1></a>), rather than
 * the title of the page? */
static bool site_title(xmlNodePtr h)
{
	size_t len = wn_node_text_len(h);
	const xmlNode *a = h->parent;

	if (!len)
		return false;
	for (int up = 0; up < 2 && a && a->type == XML_ELEMENT_NODE;
	     up++, a = a->parent)
		if (name_is(a, "a"))
			return home_href(a);
	for (xmlNodePtr c = wn_next_element(h, h, false); c;
	     c = wn_next_element(c, h, false))
		if (name_is(c, "a"))
			return home_href(c) && wn_node_text_len(c) == len;
	return false;
}

/* Does n hold one of the headings `tags` that is not the site's name? */
static bool holds_heading(xmlNodePtr n, const char *const *tags)
{
	for (xmlNodePtr c = wn_next_element(n, n, false); c;
	     c = wn_next_element(c, n, false))
		for (const char *const *t = tags; *t; t++)
			if (name_is(c, *t) && !site_title(c))
				return true;
	return false;
}

enum verdict { V_NO, V_DROP, V_KEEP };

/*
 * A <nav> (or role=navigation) of links and nothing else: a mega-menu
 * that may be most of a page's text when the page itself is thin (a
 * shop's product page whose department menu lists a thousand words).
 */
static bool menu_of_links(xmlNodePtr n, size_t len)
{
	static const char *const roles[] = {"navigation", "menubar", "menu",
					    NULL};

	if (!name_is(n, "nav") && !attr_in(n, "role", roles))
		return false;
	return !wn_node_prose_len(n) && wn_node_link_text_len(n) * 10 >= len * 9;
}

struct page {
	size_t text, prose;
};

/*
 * Is n navigation?  V_KEEP for a candidate that must stay whole but
 * may hold navigation (a <header> with the title, a sidebar wrapper
 * around the article).
 */
static enum verdict judge(xmlNodePtr n, const struct page *pg)
{
	static const char *const h1[] = {"h1", NULL};
	static const char *const mains[] = {"main", NULL};
	static const char *const content[] = {"article", "main", NULL};
	static const char *const heads[] = {"h1", "h2", NULL};
	static const char *const article[] = {"article", NULL};
	bool structural, strong, facet, inside;
	size_t len, prose;

	if (name_is(n, "body") || name_is(n, "html") || name_is(n, "main") ||
	    name_is(n, "article") || wn_tag_is_heading(n->name) ||
	    attr_in(n, "role", main_role))
		return V_NO;
	/* a prev/next or tag line goes wherever it stands */
	if (rel_pager(n))
		return V_DROP;
	structural = name_is(n, "nav") || name_is(n, "header") ||
		     name_is(n, "footer") || name_is(n, "aside") ||
		     attr_in(n, "role", nav_roles);
	strong = wn_node_hint(n, strong_hints, true);
	facet = !structural && !strong && wn_node_hint(n, facet_hints, true);
	if (!structural && !strong && !facet &&
	    (!wn_node_hint(n, hints, true) || wn_node_hint(n, not_hints, true)))
		return V_NO;
	if (wn_node_has_descendant_tag(n, mains) || holds_main(n) ||
	    holds_heading(n, h1))
		return V_KEEP;
	inside = wn_node_has_ancestor_tag(n, content) || in_main(n);
	/* the header of an article or of the main part: its title, byline
	 * and date (the menus in it still go); the footer of an article:
	 * its author and date on a listing of articles */
	if (name_is(n, "header") && (inside || holds_heading(n, heads)))
		return V_KEEP;
	if (name_is(n, "footer") && wn_node_has_ancestor_tag(n, article))
		return V_KEEP;
	len = wn_node_text_len(n);
	if (len * 2 > pg->text && !menu_of_links(n, len))
		return V_KEEP;
	/* filters are controls wherever they stand, but hold no prose */
	if (facet)
		return len <= FACET_MAX && !wn_node_prose_len(n) ? V_DROP
								 : V_NO;
	/* a pager or a trail is a line; a box so named holding more is a
	 * list it pages through */
	if (strong && len > 300)
		strong = false;
	prose = wn_node_prose_len(n);
	if (prose && inside)
		return V_KEEP;
	/* inside the article an <aside> of plain text is a pull quote or
	 * an info box; its navigation is made of links */
	if (inside && structural && len > 30 &&
	    wn_node_link_text_len(n) * 5 < len * 2)
		return V_KEEP;
	if (prose * 3 > pg->prose)
		return V_KEEP;
	/*
	 * A class alone ("menu", "sidebar") may name content: a
	 * restaurant's menu, a box of the article, the category links a
	 * shop's page is made of.  Inside <main> or an <article> it is not
	 * trusted at all, elsewhere on links or on a few words.
	 */
	if (!structural && !strong &&
	    (inside || (len > 100 && wn_node_link_text_len(n) * 5 < len * 2)))
		return V_NO;
	return V_DROP;
}

/* The only element child of n that is not a <summary>, or NULL. */
static xmlNodePtr only_other_child(const xmlNode *n)
{
	xmlNodePtr only = NULL;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && wn_node_text_len(c))
			return NULL;
		if (c->type != XML_ELEMENT_NODE ||
		    xmlStrEqual(c->name, BAD_CAST "summary"))
			continue;
		if (only)
			return NULL;
		only = c;
	}
	return only;
}

/*
 * A menu folded in a <details> ("<details><summary>Table of
 * Contents</summary><div><nav>...</nav></div></details>") goes with
 * it: removing the menu alone would leave its summary as a stray line.
 * Climbs through wrappers holding nothing but the menu to a <details>
 * holding nothing else but its summary; n itself otherwise.
 */
static xmlNodePtr folded_in(xmlNodePtr n)
{
	for (xmlNodePtr c = n, p = n->parent; p && p->type == XML_ELEMENT_NODE;
	     c = p, p = p->parent) {
		if (only_other_child(p) != c)
			break;
		if (xmlStrEqual(p->name, BAD_CAST "details"))
			return p;
	}
	return n;
}

#define LABEL_MAX 60 /* bytes: "Table of Contents", "In this article" */

/*
 * A menu under its label ("<div class=toc><h2>Table of Contents</h2>
 * <nav>...</nav></div>") goes with the label: the box holding the two
 * and nothing else goes instead of the menu alone, which would leave
 * the label as a stray heading above the article.  The label is a line
 * of a few words without links, before the menu.
 */
static xmlNodePtr labelled_in(xmlNodePtr n)
{
	xmlNodePtr p = n->parent, label = NULL;
	size_t len;

	if (!p || p->type != XML_ELEMENT_NODE || is_frame_of(p, true))
		return n;
	for (xmlNodePtr c = p->children; c && c != n; c = c->next) {
		if (c->type == XML_TEXT_NODE && wn_node_text_len(c))
			return n;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (label)
			return n;
		label = c;
	}
	if (!label || xmlStrEqual(label->name, BAD_CAST "h1"))
		return n;
	for (xmlNodePtr c = n->next; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE ||
		    (c->type == XML_TEXT_NODE && wn_node_text_len(c)))
			return n;
	len = wn_node_text_len(label);
	if (len == 0 || len > LABEL_MAX || wn_node_link_text_len(label))
		return n;
	return p;
}

static int by_markup(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct wn_nodes hits = {0};
	struct page pg = {wn_node_text_len(body), wn_node_prose_len(body)};
	int rc = 0;

	n = wn_next_element(body, body, false);
	while (n) {
		enum verdict v = V_NO;

		if (!wn_node_is_hidden(n))
			v = judge(n, &pg);
		if (v == V_DROP && wn_nodes_push(&hits, n)) {
			wn_nodes_free(&hits);
			return WN_ENOMEM;
		}
		n = wn_next_element(n, body,
				    v == V_DROP || wn_node_is_hidden(n));
	}
	for (size_t i = 0; i < hits.n && !rc; i++)
		rc = wn_run_remove(run, labelled_in(folded_in(hits.v[i])));
	wn_nodes_free(&hits);
	return rc;
}

/* ---- tables of contents --------------------------------------------- */

/* Labels of a table of contents (folded). */
static const char *const toc_labels[] = {
	"table of contents", "contents",        "in this article",
	"on this page",      "in this post",    "in this guide",
	"jump to",           "jump to section", "quick links",
	"inhaltsverzeichnis", "inhalt",         "sommaire",
	"table des matières", "índice",         "indice",
	"contenido",         "contenidos",      "inhoud",
	"inhoudsopgave",     "содержание",      "sumário",
	NULL};

/* Class or id words of a table of contents (whole words of a token). */
static const char *const toc_hints[] = {"toc", "table-of-contents",
					"tableofcontents", NULL};

#define TOC_LABEL_MAX 40 /* bytes */

/* The next element after n among its siblings that is shown, or NULL;
 * NULL too when text stands between. */
static xmlNodePtr next_shown(const xmlNode *n)
{
	for (xmlNodePtr c = n->next; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && wn_node_text_len(c))
			return NULL;
		if (c->type == XML_ELEMENT_NODE && !wn_tag_is_hidden(c->name))
			return c;
	}
	return NULL;
}

/* Can n be a label: a heading, a paragraph or a line of text? */
static bool label_tag(const xmlNode *n)
{
	static const char *const tags[] = {"h2",  "h3", "h4",   "h5",
					   "h6",  "p",  "div",  "span",
					   "strong", "b", "summary", NULL};

	for (const char *const *t = tags; *t; t++)
		if (xmlStrEqual(n->name, BAD_CAST *t))
			return true;
	return false;
}

/*
 * Is n the list of a table of contents: links to places in the page
 * ("#methods") and little else, a list that a script fills (empty), or
 * a box named so?
 */
static bool toc_list(xmlNodePtr n)
{
	size_t len = wn_node_text_len(n), links = 0, inpage = 0;

	if (len == 0 || wn_node_hint(n, toc_hints, true))
		return true;
	for (xmlNodePtr a = wn_next_element(n, n, false); a;
	     a = wn_next_element(a, n, false)) {
		xmlChar *href;

		if (!xmlStrEqual(a->name, BAD_CAST "a"))
			continue;
		links++;
		href = attr_get(a, "href");
		inpage += href && href[0] == '#' && href[1];
		xmlFree(href);
	}
	return links >= 2 && inpage == links &&
	       wn_node_link_text_len(n) * 10 >= len * 6;
}

/*
 * A table of contents at the head of an article: its label ("Table of
 * Contents", "In this article") and the list of links to the article's
 * own sections after it, or the label alone once the list has gone
 * (a menu) or was never filled (a script builds it).  A heading so
 * named over anything else (a paragraph) is the article's.
 */
static int drop_tocs(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run);
	struct wn_nodes hits = {0};
	char f[TOC_LABEL_MAX + 8];
	size_t prose = wn_node_prose_len(body);
	int rc = 0;

	for (xmlNodePtr n = wn_next_element(body, body, false); n && !rc;) {
		size_t len;
		xmlNodePtr list, at = n;

		if (wn_tag_is_hidden(n->name) || !label_tag(n)) {
			n = wn_next_element(n, body, wn_tag_is_hidden(n->name));
			continue;
		}
		len = wn_node_text_len(n);
		if (len == 0 || len > TOC_LABEL_MAX || wn_node_link_text_len(n)) {
			n = wn_next_element(n, body, false);
			continue;
		}
		wn_node_fold(n, f, sizeof(f));
		if (!wn_phrase_is(f, toc_labels)) {
			n = wn_next_element(n, body, false);
			continue;
		}
		/* the label may sit in a title box of its own */
		while (!(list = next_shown(at)) && !at->next && at->parent &&
		       at->parent != body && at->parent->type == XML_ELEMENT_NODE &&
		       wn_node_text_len(at->parent) == len)
			at = at->parent;
		if (list && (!toc_list(list) ||
			     wn_node_text_len(list) * 2 > prose)) {
			n = wn_next_element(n, body, true);
			continue;
		}
		rc = wn_nodes_push(&hits, at);
		if (!rc && list)
			rc = wn_nodes_push(&hits, list);
		n = wn_next_element(list ? list : at, body, true);
	}
	for (size_t i = 0; i < hits.n && !rc; i++)
		rc = wn_run_remove(run, hits.v[i]);
	wn_nodes_free(&hits);
	return rc;
}

/* ---- lines of HTML and text -------------------------------------------- */

/* Split folded text at separators standing alone between spaces: ">",
 * "/", "»", "›", "|".  Returns the number of crumbs, 0 when one is too
 * long to be a crumb; *first_end gets the end of the first. */
static size_t crumbs(const char *f, const char **first_end)
{
	static const char *const seps[] = {
		" > ", " / ", " \xc2\xbb ", " \xe2\x80\xba ", " | ", NULL};
	const char *sep = NULL, *p = f;
	size_t n = 0;

	for (const char *const *s = seps; *s && !sep; s++)
		if (strstr(f, *s))
			sep = *s;
	if (!sep)
		return 0;
	while (p) {
		const char *q = strstr(p, sep);
		size_t len = q ? (size_t)(q - p) : strlen(p), words = 1;

		if (len == 0 || len > 40)
			return 0;
		for (size_t i = 0; i < len; i++) {
			words += p[i] == ' ';
			/* a sentence inside: no crumb */
			if ((p[i] == '.' || p[i] == ',' || p[i] == ';') &&
			    i + 1 < len && p[i + 1] == ' ')
				return 0;
		}
		if (words > 6)
			return 0;
		if (!n)
			*first_end = p + len;
		n++;
		p = q ? q + strlen(sep) : NULL;
	}
	return n;
}

/* "Home > News > World", "Home / Blog", "News › World › Asia".  In
 * HTML, where a trail has its markup, only one starting at home: a
 * card's "Running / Shoes" is a label of the page. */
static bool is_breadcrumb(const char *f, bool html)
{
	const char *end = f;
	size_t n = crumbs(f, &end);
	char first[64];
	size_t k = (size_t)(end - f);

	if (n < 2)
		return false;
	if (k < sizeof(first)) {
		memcpy(first, f, k);
		first[k] = '\0';
		if (wn_phrase_is(first, homes))
			return true;
	}
	return !html && n >= 3;
}

/* Length of the punctuation opening p[0..n): ASCII marks and the
 * two- and three-byte ones ("«", "…", "›", "→"). */
static size_t punct_head(const char *p, size_t n)
{
	unsigned char c = (unsigned char)p[0];

	if (c < 0x80)
		return is_alnum(p[0]) ? 0 : 1;
	if (c == 0xc2 && n >= 2)
		return 2;
	if (c == 0xe2 && n >= 3)
		return 3;
	return 0;
}

static size_t punct_tail(const char *p, size_t n)
{
	if ((unsigned char)p[n - 1] < 0x80)
		return is_alnum(p[n - 1]) ? 0 : 1;
	if (n >= 2 && (unsigned char)p[n - 2] == 0xc2)
		return 2;
	if (n >= 3 && (unsigned char)p[n - 3] == 0xe2)
		return 3;
	return 0;
}

/* "1 2 3 … 10 Next", "« Previous Page 2 of 5 Next »", "Next", "Older
 * posts": numbers in rising order and paging words, nothing else. */
static bool is_pager(const char *f)
{
	size_t nums = 0, moves = 0, fills = 0;
	long prev = -1;
	bool rising = true;
	const char *p = f;

	while (*p) {
		const char *q;
		char w[32];
		size_t n, k;

		while (*p == ' ')
			p++;
		for (q = p; *q && *q != ' '; q++)
			;
		n = (size_t)(q - p);
		while (n && (k = punct_head(p, n))) {
			p += k;
			n -= k;
		}
		while (n && (k = punct_tail(p, n)))
			n -= k;
		if (n) {
			size_t d = 0;

			while (d < n && p[d] >= '0' && p[d] <= '9')
				d++;
			if (n >= sizeof(w))
				return false;
			memcpy(w, p, n);
			w[n] = '\0';
			if (d == n) {
				long v = strtol(w, NULL, 10);

				rising = rising && v > prev;
				prev = v;
				nums++;
			} else if (wn_phrase_is(w, pager_moves)) {
				moves++;
			} else if (wn_phrase_is(w, pager_fill)) {
				fills++;
			} else {
				return false;
			}
		}
		p = q;
	}
	if (moves)
		return true;
	if (fills)
		return nums > 0;
	return nums >= 2 && rising;
}

static bool is_copyright(const char *f)
{
	return !strncmp(f, "copyright", 9) || !strncmp(f, "\xc2\xa9", 2) ||
	       !strncmp(f, "(c) ", 4) || strstr(f, "all rights reserved") ||
	       strstr(f, "alle rechte vorbehalten") ||
	       strstr(f, "tous droits réservés") ||
	       strstr(f, "todos los derechos reservados") ||
	       strstr(f, "tutti i diritti riservati") ||
	       strstr(f, "alle rechten voorbehouden") ||
	       strstr(f, "todos os direitos reservados") ||
	       strstr(f, "все права защищены");
}

/* A line that is navigation wherever it stands. */
static bool is_nav_line(const char *f, bool html)
{
	return wn_phrase_is(f, top_links) || is_breadcrumb(f, html) ||
	       is_pager(f);
}

/* ---- text: menus and footers ------------------------------------------ */

struct line {
	xmlNodePtr node;
	size_t len;  /* bytes of text */
	bool bullet; /* "* Home", "+ World", "o News" */
	bool item;   /* a bulleted menu item */
	bool shortl; /* a short title-like line */
	bool mark;   /* a list mark alone: "*" */
	bool prose;
	bool copyright;
	bool flush; /* starts at column 0: lynx's headings */
	size_t words, stops;
	bool colon; /* "England (Group A): 10th appearance" */
};

/* The dumpers' list marks: lynx "*", "+", "o", "#", w3m "•", "-". */
static size_t bullet_mark(const char *t)
{
	if ((t[0] == '*' || t[0] == '+' || t[0] == 'o' || t[0] == '#' ||
	     t[0] == '-') &&
	    t[1] == ' ')
		return 2;
	if (!strncmp(t, "\xe2\x80\xa2 ", 4))
		return 4;
	return 0;
}

/* Words of a menu item or a footer link: few, no sentence in them, no
 * code ("player.setav health *"). */
static bool link_like(const char *t, size_t n, size_t max)
{
	size_t words = 1;

	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];

		if (c == ' ')
			words++;
		else if (c == ',' || c == ';' || c == '*' || c == '=' ||
			 c == '{' || c == '}' || c == '<' || c == '>' ||
			 c == '"')
			return false;
		else if ((c == '.' || c == '!' || c == '?') &&
			 (i + 1 == n || t[i + 1] == ' ') && i >= 2 &&
			 is_lower(t[i - 1]) && is_lower(t[i - 2]))
			return false; /* a sentence end, not "U.S." or "A." */
	}
	return words <= 6;
}

/* Count the words and the sentence marks of a line; true when it is a
 * paragraph of prose on its own. */
static bool is_prose_text(const char *t, size_t n, struct line *l)
{
	size_t words = 1, stops = 0;

	for (size_t i = 0; i < n; i++) {
		words += t[i] == ' ';
		stops += (t[i] == '.' || t[i] == '!' || t[i] == '?' ||
			  t[i] == ',') &&
			 (i + 1 == n || t[i + 1] == ' ');
	}
	l->words = words;
	l->stops = stops;
	return n >= 100 && words >= 12 && stops >= 1;
}

/*
 * A dump whose lines were not joined back (no wrap width found) has one
 * block a line: a paragraph of prose is a group of lines that follow
 * each other without a blank, none a list item, long on average.
 */
static void join_prose(struct line *ls, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1, len = ls[i].len, words = 0, stops = 0;
		bool items = ls[i].bullet;

		while (j < n && ls[j].len &&
		       ls[j].node->line == ls[j - 1].node->line + 1) {
			len += ls[j].len;
			items = items || ls[j].bullet;
			j++;
		}
		if (j - i > 1 && !items && len >= 100 && len / (j - i) >= 40) {
			for (size_t k = i; k < j; k++) {
				words += ls[k].words;
				stops += ls[k].stops;
			}
			for (size_t k = i; k < j; k++)
				ls[k].prose = words >= 12 && stops >= 1;
		}
		i = j;
	}
}

/*
 * Menus in a text dump: zones of bulleted menu items and the short
 * section names between them ("World" then "* Africa", "* Asia").  A
 * zone goes at the top (before the first prose) or the bottom (after
 * the last) when it has three items or more; elsewhere when it has
 * eight or more.  Runs of four short lines and more go at the top and
 * bottom too, as do copyright lines at the bottom.
 */
static void mark_menus(struct line *ls, size_t n, bool *drop)
{
	size_t first = n, last = 0, i = 0, indented = 0;
	bool prose;

	for (size_t k = 0; k < n; k++) {
		indented += ls[k].len && !ls[k].flush;
		if (ls[k].prose) {
			if (first == n)
				first = k;
			last = k;
		}
	}
	prose = first < n;
	if (!prose)
		last = 0; /* no prose: all of the page is "top" */
	/*
	 * lynx sets headings flush left and the rest indented: the last
	 * heading before the first prose is the article's title, and a
	 * list between it and the prose is the article's ("What's new:
	 * * New tasks * Bugs fixed").
	 */
	if (indented * 2 > n && first < n)
		for (size_t k = first; k-- > 0;)
			if (ls[k].flush && ls[k].len && !ls[k].item) {
				first = k;
				break;
			}
	while (i < n) {
		size_t j = i, items = 0, shorts = 0, labelled = 0;
		bool top, bottom;

		while (j < n && (ls[j].item || ls[j].shortl || ls[j].mark ||
				 !ls[j].len)) {
			items += ls[j].item;
			labelled += ls[j].item && ls[j].colon;
			shorts += ls[j].shortl && !ls[j].item;
			j++;
		}
		if (j == i) {
			i++;
			continue;
		}
		top = j <= first;
		bottom = first < n && i > last;
		/* without prose the page may be made of short lines (a
		 * schedule, a list of dates): only bulleted menus go */
		if ((items >= 3 && (top || bottom) && items * 2 >= shorts) ||
		    (items >= 8 && items >= shorts * 2 && !labelled) ||
		    (prose && (top || bottom) && items + shorts >= 4))
			for (size_t k = i; k < j; k++)
				drop[k] = true;
		i = j;
	}
	for (size_t k = 0; k < n && first < n; k++)
		if (k > last && ls[k].copyright)
			drop[k] = true;
}

static int by_lines(struct wn_run *run)
{
	xmlNodePtr *nodes;
	struct line *ls;
	bool *drop, text = wn_run_kind(run) == WN_KIND_TEXT;
	size_t nb;
	struct wn_buf t = {0};
	char f[FOLD_CAP];
	int rc = wn_blocks(wn_run_body(run), &nodes, &nb);

	if (rc)
		return rc;
	ls = calloc(nb ? nb : 1, sizeof(*ls));
	drop = calloc(nb ? nb : 1, sizeof(*drop));
	if (!ls || !drop) {
		rc = WN_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < nb && !rc; i++) {
		const char *s;
		size_t k;

		t.len = 0;
		if ((rc = wn_node_text(nodes[i], &t)))
			break;
		s = t.data ? t.data : "";
		ls[i].node = nodes[i];
		ls[i].len = t.len;
		if (!t.len)
			continue;
		/* the fold of the same text, kept from an earlier step */
		wn_node_fold(nodes[i], f, sizeof(f));
		if (t.len < FOLD_CAP / 2 && is_nav_line(f, !text)) {
			drop[i] = true;
			continue;
		}
		ls[i].mark = t.len == 1 && strchr("*+#-", s[0]);
		k = bullet_mark(s);
		ls[i].bullet = k > 0;
		ls[i].item = k && link_like(s + k, t.len - k, ITEM_MAX);
		ls[i].colon = memchr(s, ':', t.len) != NULL;
		ls[i].shortl = !k && link_like(s, t.len, SHORT);
		ls[i].prose = is_prose_text(s, t.len, &ls[i]);
		ls[i].copyright = t.len < 300 && is_copyright(f);
		ls[i].flush = nodes[i]->children &&
			      nodes[i]->children->type == XML_TEXT_NODE &&
			      nodes[i]->children->content &&
			      nodes[i]->children->content[0] != ' ';
	}
	if (!rc && text) {
		join_prose(ls, nb);
		mark_menus(ls, nb, drop);
	}
	for (size_t i = 0; i < nb && !rc; i++)
		if (drop[i])
			rc = wn_run_remove(run, nodes[i]);
out:
	wn_buf_free(&t);
	free(drop);
	free(ls);
	free(nodes);
	return rc;
}

static int nav_run(void *inst, struct wn_run *run)
{
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) == WN_KIND_HTML)
		rc = by_markup(run);
	if (!rc && wn_run_kind(run) == WN_KIND_HTML)
		rc = drop_tocs(run);
	return rc ? rc : by_lines(run);
}

WN_PLUGIN_DEFINE(nav, .version = "1.0",
		 .summary = "remove site headers, menus, breadcrumbs, "
			    "footers, sidebars and pagination",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = nav_run);
