/* SPDX-License-Identifier: MIT */
/*
 * skiplinks: remove skip/jump links ("Skip to content", "Zum Inhalt
 * springen", "Aller au contenu" ...).  In HTML: in-page anchors with such
 * text and elements whose class or id marks them as skip links; in text:
 * lines made only of such phrases.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

/* Folded (lower-case, no edge punctuation) phrases. */
static const char *const phrases[] = {
	/* English */
	"skip to content", "skip to main content", "skip to the content",
	"skip to the main content", "skip to main", "skip to navigation",
	"skip to main navigation", "skip to primary navigation",
	"skip to secondary navigation", "skip navigation", "skip nav",
	"skip to footer", "skip to search", "skip to sidebar",
	"skip to primary sidebar", "skip to article", "skip to menu",
	"skip to main menu", "skip to toolbar", "skip to links",
	"skip links", "skip to site navigation", "skip to section navigation",
	"skip to the navigation", "skip to footer navigation",
	"jump to navigation", "jump to content", "jump to main content",
	"jump to search", "jump to menu", "jump to footer",
	"go to main content", "go to content", "go to navigation",
	"skip to end of metadata", "skip past navigation",
	/* German */
	"zum inhalt springen", "zum hauptinhalt springen", "direkt zum inhalt",
	"direkt zum hauptinhalt", "zur navigation springen", "zum inhalt",
	"zum hauptinhalt", "springe zum inhalt", "springe zur navigation",
	"zur navigation", "zur suche springen", "zur suche",
	"navigation überspringen", "zum seitenanfang", "zur hauptnavigation",
	"springe zum hauptinhalt", "zum footer springen",
	/* French */
	"aller au contenu", "aller au contenu principal", "passer au contenu",
	"passer au contenu principal", "aller à la navigation",
	"aller au menu", "accéder au contenu principal", "accéder au contenu",
	"aller à la recherche", "passer la navigation",
	"aller au pied de page", "accéder à la navigation",
	"aller au menu principal", "contenu principal",
	/* Spanish */
	"ir al contenido", "saltar al contenido", "saltar al contenido principal",
	"ir al contenido principal", "saltar a la navegación",
	"ir a la navegación", "saltar navegación", "pasar al contenido principal",
	"saltar al menú", "ir al menú",
	/* Italian */
	"salta al contenuto", "vai al contenuto", "salta al contenuto principale",
	"vai al contenuto principale", "salta alla navigazione",
	"vai alla navigazione", "passa al contenuto principale", "vai al menu",
	"salta al menu",
	/* Dutch */
	"naar inhoud springen", "ga naar de inhoud", "naar de inhoud",
	"direct naar de inhoud", "spring naar inhoud", "ga naar inhoud",
	"naar hoofdinhoud", "ga direct naar de inhoud", "naar navigatie springen",
	"ga naar navigatie", "naar de hoofdinhoud", "spring naar de inhoud",
	"overslaan en naar de inhoud gaan", "naar het menu",
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
static const char *const hints[] = {
	"skip-link", "skiplink", "skip-to-content", "skip-content",
	"skip-nav", "skipnav", "skip-main", "skip_link", "skip-to-main",
	"screen-reader-shortcut", "jump-link", "skiptocontent", NULL};

/* True when folded text is one or more skip phrases and nothing else. */
static bool only_skip_phrases(const char *f)
{
	bool any = false;

	while (*f) {
		size_t k = wn_phrase_prefix(f, phrases);

		if (!k)
			return false;
		any = true;
		f += k;
		while (*f && !((*f >= 'a' && *f <= 'z') ||
			       (unsigned char)*f >= 0x80))
			f++; /* separators: space, '|', '/', '-' ... */
	}
	return any;
}

static bool in_page_href(const xmlNode *a)
{
	xmlChar *href = xmlGetNoNsProp(a, BAD_CAST "href");
	bool in_page = href && href[0] == '#';

	xmlFree(href);
	return in_page;
}

static int run_html(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	char f[256];
	int rc = 0;

	n = wn_next_element(body, body, false);
	while (n && !rc) {
		bool skip = false;

		if (wn_node_hint_any(n, hints) &&
		    wn_node_text_len(n) < 300) {
			skip = true;
		} else if (xmlStrEqual(n->name, BAD_CAST "a") &&
			   in_page_href(n)) {
			wn_node_fold(n, f, sizeof(f));
			skip = only_skip_phrases(f);
		}
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
		if (only_skip_phrases(f))
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
