/* SPDX-License-Identifier: MIT */
/*
 * skiplinks: remove skip/jump links ("Skip to content", "Zum Inhalt
 * springen", "Aller au contenu" ...).  In HTML: in-page anchors and
 * buttons with such text and elements whose class or id marks them as
 * skip links; in text: lines made only of such phrases.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#include "steps.h"


/* Folded (lower-case, no edge punctuation) phrases. */
static const char *const phrases[] = {
	/* English */
	"skip to content", "skip to main content", "skip to the content",
	"skip to the main content", "skip to main", "skip to navigation",
	"skip to main navigation", "skip to primary navigation",
	"skip to secondary navigation", "skip navigation", "skip nav",
	"skip to footer", "skip to search", "skip to sidebar",
	"skip to primary sidebar", "skip to article", "skip to menu",
	"skip to main menu", "skip to toolbar", "skip to links", "skip links",
	"skip to site navigation", "skip to section navigation",
	"skip to the navigation", "skip to footer navigation",
	"jump to navigation", "jump to content", "jump to main content",
	"jump to search", "jump to menu", "jump to footer",
	"go to main content", "go to content", "go to navigation",
	"skip to end of metadata", "skip past navigation", "skip to site index",
	"skip to search results", "skip to site footer",
	"skip to footer content", "skip to main site navigation",
	"skip directly to content", "skip directly to site content",
	"skip directly to search", "skip to the main content area",
	"skip to main content area", "to the page content",
	/* German */
	"zum inhalt springen", "zum hauptinhalt springen", "direkt zum inhalt",
	"direkt zum hauptinhalt", "zur navigation springen", "zum inhalt",
	"zum hauptinhalt", "springe zum inhalt", "springe zur navigation",
	"zur navigation", "zur suche springen", "zur suche",
	"navigation überspringen", "zum seitenanfang", "zur hauptnavigation",
	"springe zum hauptinhalt", "zum footer springen",
	/* French */
	"aller au contenu", "aller au contenu principal", "passer au contenu",
	"passer au contenu principal", "aller à la navigation", "aller au menu",
	"accéder au contenu principal", "accéder au contenu",
	"aller à la recherche", "passer la navigation", "aller au pied de page",
	"accéder à la navigation", "aller au menu principal",
	"contenu principal",
	/* Spanish */
	"ir al contenido", "saltar al contenido",
	"saltar al contenido principal", "ir al contenido principal",
	"saltar a la navegación", "ir a la navegación", "saltar navegación",
	"pasar al contenido principal", "saltar al menú", "ir al menú",
	/* Italian */
	"salta al contenuto", "vai al contenuto",
	"salta al contenuto principale", "vai al contenuto principale",
	"salta alla navigazione", "vai alla navigazione",
	"passa al contenuto principale", "vai al menu", "salta al menu",
	/* Dutch */
	"naar inhoud springen", "ga naar de inhoud", "naar de inhoud",
	"direct naar de inhoud", "spring naar inhoud", "ga naar inhoud",
	"naar hoofdinhoud", "ga direct naar de inhoud",
	"naar navigatie springen", "ga naar navigatie", "naar de hoofdinhoud",
	"spring naar de inhoud", "overslaan en naar de inhoud gaan",
	"naar het menu",
	/* Portuguese */
	"pular para o conteúdo", "ir para o conteúdo", "saltar para o conteúdo",
	"pular para o conteúdo principal", "ir para o conteúdo principal",
	"saltar para o conteúdo principal", "pular para a navegação",
	"ir para a navegação", "saltar para a navegação", "ir para o menu",
	/* Russian */
	"перейти к содержимому", "перейти к содержанию",
	"перейти к основному содержанию", "к основному содержанию",
	"перейти к навигации", NULL};

/* Class or id fragments of skip-link containers. */
static const char *const hints[] = {"skip-link",
				    "skiplink",
				    "skip-to-content",
				    "skip-content",
				    "skip-nav",
				    "skipnav",
				    "skip-main",
				    "skip_link",
				    "skip-to-main",
				    "screen-reader-shortcut",
				    "mw-jump-link",
				    "skiptocontent",
				    NULL};

/* True when folded text is one or more skip phrases and nothing else.
 * Links set side by side without space fold to "skip to contentskip to
 * site index": a phrase may end mid-word when another one follows. */
static bool only_skip_phrases(const char *f)
{
	size_t k;

	if (!*f)
		return false;
	k = wn_phrase_prefix(f, phrases);
	if (!k) {
		for (const char *const *p = phrases; *p; p++) {
			size_t n = strlen(*p);

			if (!strncmp(f, *p, n) && f[n] &&
			    wn_phrase_prefix(f + n, phrases))
				return only_skip_phrases(f + n);
		}
		return false;
	}
	f += k;
	while (*f && !((*f >= 'a' && *f <= 'z') || (unsigned char)*f >= 0x80))
		f++; /* separators: space, '|', '/', '-' ... */
	return !*f || only_skip_phrases(f);
}

/* Short English jump-link wording not in the list: "Skip to search
 * results", "Skip listing", "Jump to Review".  Only trusted on an
 * in-page link or a button, which is what a skip link is. */
static bool skip_wording(const char *f)
{
	size_t words = 1;

	if (strncmp(f, "skip ", 5) && strncmp(f, "jump to ", 8))
		return false;
	for (const char *p = f; *p; p++)
		words += *p == ' ';
	return words <= 6;
}

/* An <a> whose target is on the page ("#content", "/post/#main"), or a
 * <button>: the forms skip links take. */
static bool in_page_control(const xmlNode *n)
{
	xmlChar *href;
	bool in_page;

	if (tag_is(n, "button"))
		return true;
	if (!tag_is(n, "a"))
		return false;
	href = attr_get(n, "href");
	in_page = href && strchr((const char *)href, '#');
	xmlFree(href);
	return in_page;
}

/* Is the control n worded as a skip link? */
static bool skip_control(const xmlNode *n)
{
	char f[256];

	if (!in_page_control(n) || wn_node_text_len(n) >= sizeof(f) - 8)
		return false;
	wn_node_fold(n, f, sizeof(f));
	return only_skip_phrases(f) || skip_wording(f);
}

/* Does n hold a control worded as a skip link? */
static bool has_skip_control(xmlNodePtr n)
{
	for (xmlNodePtr c = wn_next_element(n, n, false); c;
	     c = wn_next_element(c, n, false))
		if (skip_control(c))
			return true;
	return false;
}

/* Bytes of text in n that is not link text. */
/* Is n a link in running text ("you can <a href="#tools">skip ahead</a>
 * to the section on ...")?  A skip link never sits in a sentence: the
 * line around it holds links and little else. */
static bool in_prose(const xmlNode *n)
{
	return wn_node_line_text_upto(n, 40) >= 40;
}

/*
 * An element whose class or id names a skip link.  The same names mark
 * the target of the link too (<main id="skip-content">) and now and then
 * a whole page header, so the element must be the link itself, be made
 * of skip phrases, or be a few links among which a skip link.
 */
static bool hinted_skip(xmlNodePtr n)
{
	char f[320];
	size_t len;

	if (!wn_node_hint_any(n, hints))
		return false;
	len = wn_node_text_len(n);
	if (len >= 300)
		return false;
	if (tag_is(n, "a") ||
	    tag_is(n, "button"))
		return !in_prose(n);
	wn_node_fold(n, f, sizeof(f));
	if (only_skip_phrases(f))
		return true;
	return len == 0 ||
	       (wn_node_link_text_len(n) * 2 >= len && has_skip_control(n));
}

static int run_html(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	int rc = 0;

	n = wn_next_element(body, body, false);
	while (n && !rc) {
		bool skip = false;

		if (wn_node_is_hidden(n)) {
			/* a script named "skip-link-focus-fix" is no link */
			n = wn_next_element(n, body, true);
			continue;
		}
		if (hinted_skip(n))
			skip = true;
		else if (skip_control(n))
			skip = !in_prose(n);
		if (skip) {
			xmlNodePtr next = wn_next_element(n, body, true);

			rc = wn_run_remove(run, n);
			n = next;
		} else {
			n = wn_next_element(n, body, false);
		}
	}
	return rc;
}

static int run_text(struct wn_run *run)
{
	xmlNodePtr *blocks;
	size_t nb;
	char f[256];
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	for (size_t i = 0; i < nb && !rc; i++) {
		if (wn_node_text_len(blocks[i]) >= sizeof(f) - 8)
			continue;
		wn_node_fold(blocks[i], f, sizeof(f));
		/* a line of its own saying "Skip to <somewhere>" is a skip
		 * link in any dump; other wording needs the list */
		if (only_skip_phrases(f) ||
		    (!strncmp(f, "skip to ", 8) && skip_wording(f)))
			rc = wn_run_remove(run, blocks[i]);
	}
	free(blocks);
	return rc;
}

static int skiplinks_run(void *inst, struct wn_run *run)
{
	(void)inst;
	return wn_run_kind(run) == WN_KIND_TEXT ? run_text(run) : run_html(run);
}

WN_PLUGIN_DEFINE(skiplinks, .version = "1.0",
		 .summary = "remove skip-to-content and jump links",
		 .license = "MIT", .caps = WN_CAP_MUTATES,
		 .run = skiplinks_run);
