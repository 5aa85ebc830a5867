/* SPDX-License-Identifier: MIT */
/*
 * headline: take the page's title out of the article body.  The title is
 * metadata (the "title" field of the JSON output, <title> of the HTML
 * output); the body is the article's text, as Readability's content and
 * trafilatura's text are.  Left in, the headline is read twice by
 * whatever takes both, and it is no part of the article text that
 * evaluation sets mark.
 *
 * Only an article's title is taken: a page whose metadata names an author
 * or a published date.  A product page's <h1> is the product's name,
 * which its text needs, and a text dump has no such metadata: its title
 * stays (a dump's cleaned text begins with its headline).  The headline
 * is the first h1 or h2 that repeats the metadata title, standing before
 * most of the text.  Without a title the page keeps its headings.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#define MAX_TITLE 512 /* bytes of folded text compared */
#define MAX_WORDS 64  /* words of a title compared */

struct words {
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t n, bytes; /* words, their bytes */
};

/* A byte of a word: ASCII letters and digits, and every byte of a
 * non-ASCII character (letters mostly; a stray dash only makes a word
 * that matches nothing). */
static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Split folded text into words. */
static void split(const char *s, struct words *out)
{
	out->n = out->bytes = 0;
	while (*s && out->n < MAX_WORDS) {
		const char *b;

		while (*s && !word_byte((unsigned char)*s))
			s++;
		b = s;
		while (*s && word_byte((unsigned char)*s))
			s++;
		if (s > b) {
			out->w[out->n] = b;
			out->len[out->n++] = (size_t)(s - b);
			out->bytes += (size_t)(s - b);
		}
	}
}

/* The share of a's word bytes that are words of b. */
static double covered(const struct words *a, const struct words *b)
{
	size_t hit = 0;

	if (!a->bytes)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->len[i] == b->len[j] &&
			    !memcmp(a->w[i], b->w[j], a->len[i])) {
				hit += a->len[i];
				break;
			}
	return (double)hit / (double)a->bytes;
}

/* Does the folded text of n repeat the title?  Most of the heading's
 * words are the title's and most of the title's are the heading's (a
 * one-word heading "News" is no headline for a long title), or, for an
 * h1, the heading holds the whole title of three words or more and
 * adds to it ("Live updates: Storm Ciarán - thousands without power as
 * winds hit 100mph" for "Storm Ciarán: thousands without power"). */
static bool repeats(const xmlNode *n, const struct words *title)
{
	char f[MAX_TITLE];
	struct words h;
	double in_title, of_title;

	if (wn_node_text_len(n) >= sizeof(f) - 1)
		return false;
	wn_node_fold(n, f, sizeof(f));
	split(f, &h);
	if (!h.n)
		return false;
	in_title = covered(&h, title);
	of_title = covered(title, &h);
	return (in_title >= 0.75 && of_title >= 0.6) ||
	       (xmlStrEqual(n->name, BAD_CAST "h1") && title->n >= 3 &&
		of_title >= 0.95);
}

static int headline_run(void *inst, struct wn_run *run)
{
	const char *t = wn_doc_meta_get(wn_run_doc(run), "title");
	xmlNodePtr body = wn_run_body(run), *blocks = NULL, hit = NULL;
	char tf[MAX_TITLE];
	struct words title;
	size_t all, before = 0, nb = 0;
	int rc;

	(void)inst;
	if (!t || !body)
		return 0;
	if (!wn_doc_meta_get(wn_run_doc(run), "date") &&
	    !wn_doc_meta_get(wn_run_doc(run), "author"))
		return 0; /* not known to be an article */
	wn_text_fold(t, strlen(t), tf, sizeof(tf));
	split(tf, &title);
	if (!title.n)
		return 0;
	all = wn_node_text_len(body);
	rc = wn_blocks(body, &blocks, &nb);
	/* the blocks in order, up to half the text: the headline stands
	 * above the article, not in it */
	for (size_t i = 0; i < nb && !rc && !hit && before * 2 < all; i++) {
		xmlNodePtr b = blocks[i];

		if (wn_run_kind(run) == WN_KIND_HTML) {
			/* a block inside a heading is the heading's text */
			for (xmlNodePtr a = b; a && a != body; a = a->parent)
				if (a->type == XML_ELEMENT_NODE &&
				    (xmlStrEqual(a->name, BAD_CAST "h1") ||
				     xmlStrEqual(a->name, BAD_CAST "h2"))) {
					b = a;
					break;
				}
			if (!xmlStrEqual(b->name, BAD_CAST "h1") &&
			    !xmlStrEqual(b->name, BAD_CAST "h2")) {
				before += wn_node_text_len(b);
				continue;
			}
		}
		if (repeats(b, &title))
			hit = b;
		before += wn_node_text_len(b);
	}
	free(blocks);
	if (hit && !rc) {
		wn_run_log(run, WN_LOG_INFO,
			   "the headline is the title: removed");
		rc = wn_run_remove(run, hit);
	}
	return rc;
}

WN_PLUGIN_DEFINE(headline, .version = "1.0",
		 .summary = "take the page title out of the article body",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = headline_run);
