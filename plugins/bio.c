/* SPDX-License-Identifier: MIT */
/*
 * bio: remove author bio boxes: the "About the author" card under an
 * article (a photo, a name, a line or two about the writer and links to
 * follow them).  In HTML, small containers whose class or id names an
 * author box ("author-bio", "about_author", "author-box"), the smallest
 * section a heading such as "About the author" or "Written by NAME"
 * opens, and a lone "Written by NAME" line whose name is a link.
 * (The credit lines of pictures are the captions step's.)
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
	/* the expert who checked a health or money page */
	"about the reviewer", "about the reviewers", "about the expert",
	"about the experts", "about the editor",
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

#define MAX_BOX  1500 /* bytes: a bio is a short paragraph or two */
#define MAX_NAME 60   /* bytes: "Written by" and a name */

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

	if (len == 0 || len >= MAX_NAME || !wn_node_is_block(n))
		return false;
	wn_node_fold(n, f, sizeof(f));
	pre = wn_phrase_prefix(f, written);
	return pre > 0 && wn_node_link_text_len(n) + pre + 4 >= len;
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

		if (wn_node_is_hidden(n)) {
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
		} else if (is_written_by(n)) {
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
