/* SPDX-License-Identifier: MIT */
/*
 * captions: remove the captions and credits of pictures ("Photo: NAME,
 * AP", "Image copyright Getty Images", the line under a photo saying
 * what it shows).  They describe a picture, not the article's text, and
 * read as stray lines once it is gone (in text output).  In HTML,
 * <figcaption> elements, the text beside the picture in a <figure>, and
 * small elements whose class or id names a caption or a credit
 * ("wp-caption-text", "image-credit", "imageEmbedCaption"), though not
 * a byline "credit" around its author's picture nor who said a quote,
 * and short lines worded as a credit ("(Credit: Joseph Maldonado)",
 * "Photo: Ben Hasty/Getty Images"), outside code ("image: postgres:18"
 * in a compose file).  The pictures stay; so do figures of text (a
 * quotation, a table, code) and anything holding a heading, a list or
 * much of the page; so do the figures of a grid of cards (three or more
 * figures linking to other pages: products, stories), whose text is a
 * title and a price.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

/* Whole words of a class or id naming a caption, a credit, a quote. */
static const char *const caption_hints[] = {"caption", "captions", NULL};
static const char *const credit_hints[] = {"credit", "credits", NULL};
static const char *const quote_hints[] = {"quote", "testimonial", NULL};

/* Lines that credit a picture (folded; the colon is part of the
 * phrase, so "Photo: ..." is a credit and "Photo booths ..." is not). */
static const char *const credit_lines[] = {
	"credit:", "credits:", "photo credit:", "photo credits:",
	"image credit:", "image credits:", "picture credit:", "photo courtesy:",
	"image courtesy:", "photo:", "photos:", "photograph:", "photographer:",
	"illustration:", "photo illustration:", "image source:",
	"featured image:", "feature image:", "header image:", "cover image:",
	"lead image:", "top image:", "image: ©", "photo by", "photos by",
	"photograph by", "image by", "illustration by", "photo courtesy of",
	"image courtesy of", "photo ©", "image ©",
	/* German, French, Spanish, Italian, Portuguese, Dutch */
	"foto:", "fotos:", "bild:", "bildquelle:", "bildnachweis:",
	"crédit photo", "crédits photo", "crédit:", "crédits:", "fotografía:",
	"crédito:", "créditos:", "crediti:", "credito:", "foto di",
	"créditos da foto", "beeld:", NULL};

static const char *const code_tags[] = {"pre", "code", "kbd", "samp", NULL};

/* Pictures, whose captions these are. */
static const char *const media[] = {"img",   "picture", "video",  "audio",
				    "svg",   "canvas",  "iframe", "object",
				    "embed", NULL};

/* Text a figure may hold for its own sake, not as a caption. */
static const char *const text_blocks[] = {
	"blockquote", "table", "pre", "code", "ul", "ol", "dl",
	"h1",         "h2",    "h3",  "h4",   "h5", "h6", NULL};

#define MAX_CAPTION 800 /* bytes: a caption is a sentence or three */
#define MAX_CREDIT  160 /* bytes: a credit names a person or two, an agency */
#define CARDS_MIN   3   /* figures linking out: a grid of cards */

static bool is_media(const xmlNode *n)
{
	for (const char *const *t = media; *t; t++)
		if (xmlStrEqual(n->name, BAD_CAST * t))
			return true;
	return false;
}

static bool has_media(const xmlNode *n)
{
	return is_media(n) || wn_node_has_descendant_tag(n, media);
}

/* Is n small text that may be a caption: not much of the page, no
 * heading, list, table or quotation in it? */
static bool captionlike(const xmlNode *n, size_t page)
{
	size_t len = wn_node_text_len(n);

	if (len == 0 || len > MAX_CAPTION || len * 4 > page)
		return false;
	for (const char *const *t = text_blocks; *t; t++)
		if (xmlStrEqual(n->name, BAD_CAST * t))
			return false;
	return !wn_node_has_descendant_tag(n, text_blocks);
}

/* A <figcaption>, unless its figure is one of text (the title of a
 * table, a listing, a quotation). */
static bool is_figcaption(const xmlNode *n)
{
	return xmlStrEqual(n->name, BAD_CAST "figcaption") &&
	       !(n->parent && n->parent->type == XML_ELEMENT_NODE &&
		 xmlStrEqual(n->parent->name, BAD_CAST "figure") &&
		 wn_node_has_descendant_tag(n->parent, text_blocks));
}

/* Marked as a credit by its class or id, and not a byline around its
 * author's picture (an avatar) nor who said a quote. */
static bool is_marked_credit(const xmlNode *n)
{
	return wn_node_hint(n, credit_hints, true) && !has_media(n) &&
	       !wn_node_hint_any(n, quote_hints);
}

/* Does n hold nothing but one element (<p><small>Photo: ...</small></p>)?
 * Then the line is read on that element, once, and not again on every
 * wrapper around it. */
static bool wraps_one(const xmlNode *n)
{
	const xmlNode *only = NULL;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (only)
				return false;
			only = c;
		} else if (c->type == XML_TEXT_NODE && wn_node_text_len(c)) {
			return false;
		}
	}
	return only != NULL;
}

/* A short line worded as a picture's credit: the credit and a name
 * after it (not a bare "Photos:"), not in code.  The walks up and down
 * the tree come last, for the few candidates. */
static bool is_credit_line(const xmlNode *n)
{
	char f[MAX_CREDIT + 64];
	size_t len = wn_node_text_len(n), pre;

	if (len == 0 || len >= MAX_CREDIT || wn_tag_is_heading(n->name) ||
	    xmlStrEqual(n->name, BAD_CAST "blockquote") || wraps_one(n))
		return false;
	wn_node_fold(n, f, sizeof(f));
	pre = wn_phrase_prefix(f, credit_lines);
	return pre > 0 && f[pre] != '\0' &&
	       !wn_node_has_ancestor_tag(n, code_tags) &&
	       !wn_node_has_descendant_tag(n, code_tags);
}

/* Collect the text of n that is not a picture: n itself when it holds
 * none, else its children, recursively.  Loose text beside a picture
 * ("Image copyright" in a span is an element; a bare text node is
 * taken too). */
static int take_text(xmlNodePtr n, struct wn_nodes *drop)
{
	int rc = 0;

	if (!has_media(n))
		return wn_node_text_len(n) > 0 ? wn_nodes_push(drop, n) : 0;
	if (is_media(n))
		return 0;
	for (xmlNodePtr c = n->children; c && !rc; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (c->content && !xmlIsBlankNode(c))
				rc = wn_nodes_push(drop, c);
		} else if (c->type == XML_ELEMENT_NODE &&
			   !wn_node_is_hidden(c)) {
			rc = take_text(c, drop);
		}
	}
	return rc;
}

/* Does n hold a link to another page (not to a picture, not to a spot
 * of this one)? */
static bool links_out(const xmlNode *n)
{
	static const char *const pics[] = {".jpg",  ".jpeg", ".png", ".gif",
					   ".webp", ".avif", ".svg", NULL};

	for (const xmlNode *c = n->children; c; c = c->next) {
		xmlChar *href;
		bool out = false;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(c->name, BAD_CAST "a") &&
		    (href = xmlGetNoNsProp(c, BAD_CAST "href"))) {
			const char *h = (const char *)href;
			size_t k = strcspn(h, "?#");

			out = k > 0;
			for (const char *const *e = pics; out && *e; e++) {
				size_t m = strlen(*e);

				out = !(k >= m &&
					!strncasecmp(h + k - m, *e, m));
			}
			xmlFree(href);
		}
		if (out || links_out(c))
			return true;
	}
	return false;
}

/* Figures with pictures that link to other pages. */
static size_t count_cards(xmlNodePtr body)
{
	size_t n = 0;

	for (xmlNodePtr e = wn_next_element(body, body, false); e;
	     e = wn_next_element(e, body, false))
		if (xmlStrEqual(e->name, BAD_CAST "figure") && has_media(e) &&
		    links_out(e))
			n++;
	return n;
}

/* A figure that links to another page is a card (a product, a story in
 * a grid) when the page has CARDS_MIN of them: its text is the card's
 * title and price, not a caption.  *cards: the page's count of such
 * figures, SIZE_MAX until a figure first asks (a page without figures
 * is not walked for it). */
static bool is_card(const xmlNode *fig, xmlNodePtr body, size_t *cards)
{
	if (!links_out(fig))
		return false;
	if (*cards == SIZE_MAX)
		*cards = count_cards(body);
	return *cards >= CARDS_MIN;
}

static int captions_run(void *inst, struct wn_run *run)
{
	struct wn_nodes drop = {0};
	xmlNodePtr body, n;
	size_t page, cards;
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	body = wn_run_body(run);
	page = wn_node_text_len(body);
	cards = SIZE_MAX;
	n = wn_next_element(body, body, false);
	while (n && !rc) {
		bool figure =
			xmlStrEqual(n->name, BAD_CAST "figure") && has_media(n);
		bool hit = false;

		if (wn_node_is_hidden(n)) {
			hit = true; /* not shown: skipped with what it holds */
		} else if (xmlStrEqual(n->name, BAD_CAST "figure") &&
			   is_card(n, body, &cards)) {
			hit = true; /* a card, with its captions */
		} else if ((figure || is_figcaption(n) ||
			    wn_node_hint(n, caption_hints, true) ||
			    is_marked_credit(n)) &&
			   captionlike(n, page)) {
			rc = take_text(n, &drop);
			hit = true;
		} else if (is_credit_line(n)) {
			rc = wn_nodes_push(&drop, n);
			hit = true;
		}
		n = wn_next_element(n, body, hit);
	}
	for (size_t i = 0; i < drop.n && !rc; i++)
		rc = wn_run_remove(run, drop.v[i]);
	wn_nodes_free(&drop);
	return rc;
}

WN_PLUGIN_DEFINE(captions, .version = "1.0",
		 .summary = "remove the captions and credits of pictures",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = captions_run);
