/* SPDX-License-Identifier: MIT */
/*
 * bio: remove author bio boxes: the "About the author" card under an
 * article (a photo, a name, a line or two about the writer and links to
 * follow them).  In HTML, small containers whose class or id names an
 * author box ("author-bio", "about_author", "author-box"), the smallest
 * section a heading such as "About the author" or "Written by NAME"
 * opens, and a lone "Written by NAME" line whose name is a link.
 *
 * Also the credit line of a picture, which names its photographer or
 * agency rather than saying anything of the article: a short line that
 * opens with "Credit:", "Photo:", "Image credit:", "Photo by" and the
 * like ("(Credit: Joseph Maldonado)", "Photo: Ben Hasty/Getty Images"),
 * and a short element whose class or id names a credit
 * (<span class="photo-credit">) after a caption.  Code is left alone
 * ("image: postgres:18" in a compose file).
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

/* Class or id fragments of author boxes. */
static const char *const hints[] = {"author-bio",
				    "author_bio",
				    "authorbio",
				    "author--bio",
				    "author__bio",
				    "about-author",
				    "about_author",
				    "aboutauthor",
				    "about-the-author",
				    "author-about",
				    "author_about",
				    "author__about",
				    "author-box",
				    "author_box",
				    "authorbox",
				    "author-description",
				    "author_description",
				    "follow-the-author",
				    NULL};

/* Headings that open an author box (folded). */
static const char *const headings[] = {
	"about the author", "about the authors", "about author",
	"about this author", "about the writer", "about the contributor",
	"meet the author", "follow the author", "more about the author",
	/* German, French, Spanish, Italian, Portuguese, Dutch */
	"über den autor", "über die autorin", "über die autoren", "zum autor",
	"zur autorin", "à propos de l'auteur", "a propos de l'auteur",
	"à propos de l'autrice", "sobre el autor", "sobre la autora",
	"acerca del autor", "sull'autore", "l'autore", "sobre o autor",
	"sobre a autora", "over de auteur", "over de schrijver", NULL};

/* A byline heading or line: "Written by NAME" (folded). */
static const char *const written[] = {
	"written by", "geschrieben von", "écrit par", "escrito por",
	"scritto da", "geschreven door", NULL};

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

/* Class or id words of a credit line (as whole words of a token:
 * "photo-credit", "caption__credit"; not "creditcard"). */
static const char *const credit_hints[] = {"credit", "credits", NULL};

#define MAX_BOX    1500 /* bytes: a bio is a short paragraph or two */
#define MAX_NAME   60   /* bytes: "Written by" and a name */
#define MAX_CREDIT 160  /* bytes: a credit names a person or two, an agency */
#define MAX_MARKED 80   /* bytes: a credit marked by its class, no caption */

static bool is_root(const xmlNode *n)
{
	return xmlStrEqual(n->name, BAD_CAST "body") ||
	       xmlStrEqual(n->name, BAD_CAST "article") ||
	       xmlStrEqual(n->name, BAD_CAST "main") ||
	       xmlStrEqual(n->name, BAD_CAST "html");
}

static bool is_box_heading(const xmlNode *n)
{
	char f[MAX_NAME + 64];
	size_t len = wn_node_text_len(n);

	if (len == 0 || len >= MAX_NAME)
		return false;
	wn_node_fold(n, f, sizeof(f));
	return wn_phrase_is(f, headings) || wn_phrase_prefix(f, written) > 0;
}

/* A "Written by NAME" block whose name is a link. */
static bool is_written_by(const xmlNode *n)
{
	char f[MAX_NAME + 64];
	size_t len = wn_node_text_len(n), pre;

	if (len == 0 || len >= MAX_NAME || !wn_tag_is_block(n->name))
		return false;
	wn_node_fold(n, f, sizeof(f));
	pre = wn_phrase_prefix(f, written);
	return pre > 0 && wn_node_link_text_len(n) + pre + 4 >= len;
}

static const char *const code_tags[] = {"pre", "code", "kbd", "samp", NULL};

/* Class or id words of a quote, whose credit names who said it. */
static const char *const quote_hints[] = {"quote", "testimonial", NULL};

/* Is n in a figure or its caption, or beside a picture, without one of
 * its own?  A "credit" class elsewhere may mark a byline or a caption. */
static bool near_picture(const xmlNode *n)
{
	static const char *const figure[] = {"figure", "figcaption", NULL};
	static const char *const pictures[] = {"img", "picture", "video", NULL};

	if (wn_node_has_descendant_tag(n, pictures))
		return false; /* an avatar in a byline */
	return wn_node_has_ancestor_tag(n, figure) ||
	       (n->parent && n->parent->type == XML_ELEMENT_NODE &&
		wn_node_has_descendant_tag(n->parent, pictures));
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

/* A picture's credit line: short, and worded as one or marked as one.
 * The walks up and down the tree come last, for the few candidates:
 * asked of every element of a deep tree they would take quadratic
 * time. */
static bool is_credit(const xmlNode *n)
{
	char f[MAX_CREDIT + 64];
	size_t len = wn_node_text_len(n), pre;
	bool credit;

	if (len == 0 || len >= MAX_CREDIT || wn_tag_is_heading(n->name) ||
	    xmlStrEqual(n->name, BAD_CAST "blockquote"))
		return false;
	credit = len < MAX_MARKED && wn_node_hint(n, credit_hints, true) &&
		 !wn_node_hint_any(n, quote_hints) && near_picture(n);
	if (!credit && !wraps_one(n)) {
		wn_node_fold(n, f, sizeof(f));
		pre = wn_phrase_prefix(f, credit_lines);
		/* the credit and a name after it, not a bare "Photos:" */
		credit = pre > 0 && f[pre] != '\0';
	}
	return credit && !wn_node_has_ancestor_tag(n, code_tags) &&
	       !wn_node_has_descendant_tag(n, code_tags);
}

static int bio_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body, n;
	size_t page;
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	body = wn_run_body(run);
	page = wn_node_text_len(body);
	n = wn_next_element(body, body, false);
	while (n && !rc) {
		xmlNodePtr drop = NULL;

		if (wn_tag_is_hidden(n->name)) {
			n = wn_next_element(n, body, true);
			continue;
		}
		if (!is_root(n) && !wn_tag_is_heading(n->name) &&
		    wn_node_hint_any(n, hints)) {
			size_t len = wn_node_text_len(n);

			if (len < MAX_BOX && len * 4 < page + 400)
				drop = n;
		} else if (wn_tag_is_heading(n->name) && is_box_heading(n)) {
			/* the section it opens, with nothing before it */
			drop = wn_node_box_of(n, MAX_BOX, 1);
		} else if (is_written_by(n) || is_credit(n)) {
			drop = n;
		}
		if (drop) {
			xmlNodePtr next = wn_next_element(drop, body, true);

			rc = wn_run_remove(run, drop);
			n = next;
		} else {
			n = wn_next_element(n, body, false);
		}
	}
	return rc;
}

WN_PLUGIN_DEFINE(bio, .version = "1.0", .summary = "remove author bio boxes",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = bio_run);
