/* SPDX-License-Identifier: MIT */
/*
 * ads: remove ad slots, ad labels and sponsored blocks.  A block or an
 * inline label whose whole text is an ad label ("Advertisement",
 * "Sponsored", "Story continues below advertisement", "Anzeige",
 * "Publicité", "Реклама" ...) goes, and in HTML with it the wrapper that
 * held nothing but the label and the ad.  In HTML also containers whose
 * class or id names an ad slot or an ad network: "ad", "ads", "ad-slot",
 * "adsbygoogle", "dfp", "gpt-ad", "taboola", "outbrain", "sponsored",
 * "native-ad" ...  Hint tokens are matched as whole words of the token
 * ("ad" in "ad-slot", "top_ad" or "adSlot"), never inside a word:
 * "header", "shadow", "download", "badge" and "loading" hold no ad.  In
 * text, lynx's marks of ad slots: "[INS: :INS]" and frames from ad
 * servers.  A sponsored article is left alone: a box that holds most of
 * the page, or prose, is no ad slot.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* Whole-block ad labels (folded). */
static const char *const labels[] = {
	"ad", "ads", "advert", "adverts", "advertisement", "advertisements",
	"advertising", "advertorial", "sponsored", "sponsored content",
	"sponsored post", "sponsored article", "sponsored links",
	"sponsored link", "sponsored stories", "sponsored story",
	"paid content", "paid post", "paid partnership", "promoted",
	"promoted content", "promoted stories", "promoted links",
	"partner content", "ad content", "ads by google", "ad by google",
	"advertisement scroll to continue", "scroll to continue with content",
	"story continues below advertisement", "story continues below this ad",
	"article continues below advertisement",
	"article continues below this ad", "content continues below",
	"continue reading below", "article continues below",
	"the article continues after the ad",
	"the story continues after the ad",
	"advertisement continue reading below", "skip ad", "skip advert",
	"skip this ad", "report this ad", "report ad", "ad feedback",
	"why this ad", "adchoices", "ad choices", "remove ads", "hide ads",
	"ad loading", "loading ad", "close ad", "ad closed",
	"this ad will close in", "advertisement feature",
	/* German, French, Spanish, Italian, Dutch, Portuguese, Russian */
	"anzeige", "werbung", "gesponsert", "sponsored by",
	"weiter nach der anzeige", "artikel wird nach der anzeige fortgesetzt",
	"werbung schließen", "publicité", "publicite", "sponsorisé",
	"contenu sponsorisé", "la suite après cette publicité",
	"la suite après la publicité", "publicidad", "patrocinado",
	"contenido patrocinado", "sigue leyendo después del anuncio", "anuncio",
	"pubblicità", "pubblicita", "sponsorizzato", "contenuto sponsorizzato",
	"advertentie", "gesponsord", "publicidade", "conteúdo patrocinado",
	"реклама", "рекламa", "на правах рекламы", NULL};

/* Labels that open a short block before a colon or a dash: "Sponsored:
 * <title>", "Advertisement - continue reading below". */
static const char *const marks[] = {
	"sponsored", "advertisement", "ad",         "anzeige",
	"werbung",   "publicité",     "publicidad", "pubblicità",
	"promoted",  "paid content",  "реклама",    NULL};

/* Labels that open a short line naming the sponsor: "Sponsored by
 * <brand>". */
static const char *const bylines[] = {"sponsored by",
				      "promoted by",
				      "paid for by",
				      "gesponsert von",
				      "sponsorisé par",
				      "patrocinado por",
				      "sponsorizzato da",
				      "gesponsord door",
				      "patrocinado pela",
				      "patrocinado pelo",
				      NULL};

/* Class or id words of ad slots (matched as whole words of a token). */
static const char *const hints[] = {"ad",
				    "ads",
				    "advert",
				    "adverts",
				    "advertisement",
				    "advertising",
				    "advertorial",
				    "adslot",
				    "adunit",
				    "adbox",
				    "adbanner",
				    "adblock",
				    "adsense",
				    "adsbygoogle",
				    "adsbox",
				    "adzone",
				    "adspot",
				    "adwrap",
				    "adwrapper",
				    "adcontainer",
				    "adcontent",
				    "admarker",
				    "adlabel",
				    "adplaceholder",
				    "dfp",
				    "gpt-ad",
				    "google-ad",
				    "googlead",
				    "googleads",
				    "doubleclick",
				    "sponsored",
				    "sponsor",
				    "promoted",
				    "native-ad",
				    "nativead",
				    "taboola",
				    "outbrain",
				    "ezoic",
				    "mgid",
				    "revcontent",
				    "zergnet",
				    "adthrive",
				    "mediavine",
				    "dianomi",
				    "teads",
				    "skyscraper",
				    "mpu",
				    "dmpu",
				    "banner-ad",
				    "werbung",
				    "anzeige",
				    "publicidad",
				    "pubblicita",
				    "reklama",
				    "adngin",
				    "adhesion",
				    "admanager",
				    "ad-manager",
				    "prebid",
				    "plista",
				    "ligatus",
				    "yieldlove",
				    "adform",
				    "smartad",
				    NULL};

/* Ad servers a text dump names in its frame lines. */
static const char *const servers[] = {"doubleclick",
				      "googlesyndication",
				      "googleadservices",
				      "adservice",
				      "amazon-adsystem",
				      "advertising.com",
				      "adnxs",
				      "taboola",
				      "outbrain",
				      "adsafeprotected",
				      "moatads",
				      "criteo",
				      "pubmatic",
				      "rubiconproject",
				      "openx",
				      "adform",
				      "smartadserver",
				      "teads",
				      "adsrvr",
				      "/ads/",
				      "/adserver",
				      "adtech",
				      NULL};

#define MAX_LABEL 120 /* bytes: a label is a few words */
#define MAX_SLOT  600 /* bytes: an ad slot holds a label and a line */
#define FOLD_CAP  256

/* ---- small DOM helpers --------------------------------------------- */

static bool is_frame(const xmlNode *n)
{
	return is_frame_of(n, true);
}

/* ---- what is an ad -------------------------------------------------- */

/* Folded text f (len bytes of text) is an ad label.  A sentence that
 * opens with "Advertisement" or "Anzeige" is none: a label opening a
 * longer line is set off by a colon or a dash. */
static bool is_label_text(const char *f, size_t len)
{
	size_t k;

	if (wn_phrase_is(f, labels))
		return true;
	if (len > MAX_LABEL)
		return false;
	if ((k = wn_phrase_prefix(f, marks))) {
		const char *p = f + k + (f[k] == ' ');

		return *p == ':' || *p == '-' || *p == '|' ||
		       !strncmp(p, "\xe2\x80\x93", 3) ||
		       !strncmp(p, "\xe2\x80\x94", 3);
	}
	return len <= 60 && wn_phrase_prefix(f, bylines) &&
	       strlen(f) > wn_phrase_prefix(f, bylines);
}

/* The nearest ancestor of n that renders as a block. */
static xmlNodePtr block_of(xmlNodePtr n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (wn_node_is_block(n))
			return n;
	return NULL;
}

/* An inline label: "<span>Advertisement</span>" beside its slot.  Only
 * when it is all the text of its line: "<em>ad</em> hoc" is a word of
 * a sentence. */
static bool is_label(xmlNodePtr n, char *f)
{
	size_t len = wn_node_text_len(n);
	xmlNodePtr b;

	if (len == 0 || len > MAX_LABEL ||
	    !is_label_text(f, wn_node_fold(n, f, FOLD_CAP)))
		return false;
	b = block_of(n);
	return !b || wn_node_text_len(b) <= len + 2;
}

/*
 * A slot by its markup: not a frame of the page, nothing that holds the
 * title or a big part of the text, no paragraphs of prose (a sponsored
 * article is an article), and little text or mostly links (a row of
 * sponsored teasers).
 */
static bool is_slot(xmlNodePtr n, size_t page)
{
	static const char *const frame[] = {"main", "article", "h1", NULL};
	size_t len;

	if (is_frame(n) || wn_tag_is_heading(n->name) ||
	    !wn_node_hint(n, hints, true))
		return false;
	len = wn_node_text_len(n);
	if (len * 4 > page + 200 || wn_node_has_descendant_tag(n, frame))
		return false;
	if (len <= MAX_SLOT && wn_node_prose_len(n) == 0)
		return true;
	return len <= 4000 && wn_node_prose_len(n) == 0 &&
	       wn_node_link_text_len(n) * 2 >= len;
}

/* An ad label went: remove the highest of a few ancestors left with no
 * text, the wrapper of the label and its ad.  Not one holding a
 * picture: that may be the article's. */
static int drop_leftovers(struct wn_run *run, xmlNodePtr p)
{
	static const char *const media[] = {"img", "picture", "figure", "video",
					    NULL};
	xmlNodePtr body = wn_run_body(run), top = NULL;

	if (!wn_node_within(p, body))
		return 0;
	for (int k = 0; p && p != body && p->type == XML_ELEMENT_NODE && k < 3;
	     p = p->parent, k++) {
		if (is_frame(p) || wn_node_text_len(p) > 0 ||
		    wn_node_has_descendant_tag(p, media))
			break;
		top = p;
	}
	return top ? wn_run_remove(run, top) : 0;
}

/* ---- HTML ----------------------------------------------------------- */

static int by_markup(struct wn_run *run, char *f)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct wn_nodes hits = {0};
	size_t page = wn_node_text_len(body);
	int rc = 0;

	/* find first, remove after: the wrapper of a label may hold the
	 * element the walk would go on from */
	n = wn_next_element(body, body, false);
	while (n) {
		bool hit = false;

		if (!wn_node_is_hidden(n))
			hit = is_slot(n, page) ||
			      (!wn_node_is_block(n) && is_label(n, f));
		if (hit && wn_nodes_push(&hits, n)) {
			wn_nodes_free(&hits);
			return WN_ENOMEM;
		}
		n = wn_next_element(n, body, hit || wn_node_is_hidden(n));
	}
	for (size_t i = 0; i < hits.n && !rc; i++) {
		xmlNodePtr parent = hits.v[i]->parent;

		if (!wn_node_within(hits.v[i], body))
			continue;
		rc = wn_run_remove(run, hits.v[i]);
		if (!rc)
			rc = drop_leftovers(run, parent);
	}
	wn_nodes_free(&hits);
	return rc;
}

/* ---- blocks of HTML and text ---------------------------------------- */

/* lynx's mark of an ad slot: an empty <ins> ("[INS: :INS]", as Google
 * writes its slots) or a frame from an ad server. */
static bool is_dump_mark(const char *f)
{
	if (!strcmp(f, "ins: :ins") || !strcmp(f, "ins:  :ins"))
		return true;
	if (strncmp(f, "iframe:", 7))
		return false;
	for (const char *const *s = servers; *s; s++)
		if (strstr(f, *s))
			return true;
	return false;
}

static int by_blocks(struct wn_run *run, char *f)
{
	xmlNodePtr *bs;
	size_t nb;
	bool html = wn_run_kind(run) == WN_KIND_HTML;
	int rc = wn_blocks(wn_run_body(run), &bs, &nb);

	for (size_t i = 0; i < nb && !rc; i++) {
		xmlNodePtr parent = bs[i]->parent;
		size_t len = wn_node_text_len(bs[i]);

		if (len == 0 || len > MAX_LABEL + 200)
			continue;
		wn_node_fold(bs[i], f, FOLD_CAP);
		if (!is_label_text(f, len) && (html || !is_dump_mark(f)))
			continue;
		rc = wn_run_remove(run, bs[i]);
		if (!rc && html)
			rc = drop_leftovers(run, parent);
	}
	free(bs);
	return rc;
}

static int ads_run(void *inst, struct wn_run *run)
{
	char f[FOLD_CAP];
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) == WN_KIND_HTML)
		rc = by_markup(run, f);
	return rc ? rc : by_blocks(run, f);
}

WN_PLUGIN_DEFINE(ads, .version = "1.0",
		 .summary = "remove ad slots, ad labels and sponsored blocks",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = ads_run);
