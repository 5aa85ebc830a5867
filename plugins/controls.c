/* SPDX-License-Identifier: MIT */
/*
 * controls: remove the page's working parts, which a reader clicks but
 * does not read: buttons ("Add to cart", "Filter and sort", "Copy",
 * "Send feedback", "Upvote"), elements playing a button (role=button),
 * drop-down lists and text boxes.  Their labels are commands, not
 * sentences of the article.
 *
 * A button that carries content stays: one inside a heading or holding a
 * heading or a paragraph ("<h3><button>Eligibility</button></h3>"), one
 * worded as a question (an FAQ whose questions open their answers), a
 * tab (its label names its panel), one with a long text (more than a
 * label), and a link or a <summary> playing a button.  A link styled as
 * a button (class "button", "btn", "cta") with a short command for its
 * label, alone on its line ("Start free trial", "Shop now", "Book a
 * call"), is a call to action and goes; so is a link alone on its line
 * whose label only a shop's command has ("Add to cart", "Quick view",
 * "Get a quote") or a teaser's ("Learn more", "Read more", "Continue
 * reading"), whatever it looks like; inside a sentence such a link is
 * words of the sentence and stays.  Text documents have no controls.
 *
 * The label of a radio button or a check box goes with it: a
 * product's colours and sizes, a form's options.
 *
 * A feedback widget goes too: a line asking "Was this page helpful?"
 * with the small box it opens (its Yes/No buttons and the thanks); and
 * a rating drawn over a list of its steps ("1 2 3 4 5").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#include "steps.h"

#define MAX_LABEL 240 /* bytes: a button with more text is more than a label */

static const char *const content_tags[] = {
	"h1", "h2", "h3",    "h4",         "h5",  "h6", "p",
	"ul", "ol", "table", "blockquote", "pre", NULL};

/* content_tags but the paragraph: a button whose label sits in a <p>
 * ("<button><p>Add to bag</p></button>") is a button still when the
 * label is a short command alone on its line */
static const char *const block_tags[] = {"h1",    "h2",         "h3",  "h4",
					 "h5",    "h6",         "ul",  "ol",
					 "table", "blockquote", "pre", NULL};

static const char *const heading_tags[] = {"h1", "h2", "h3", "h4",
					   "h5", "h6", "dt", NULL};

/* Is n inside a heading, by tag or by role ("<p role=heading>")? */
static bool in_heading(const xmlNode *n)
{
	if (wn_node_has_ancestor_tag(n, heading_tags))
		return true;
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (wn_node_attr_is(n, "role", "heading"))
			return true;
	return false;
}

/* Is the control's label a question?  An FAQ built of disclosure
 * buttons ("Who is this program for?") shows its questions as buttons;
 * a command never asks. */
static bool asks(const xmlNode *n)
{
	struct wn_buf b = {0};
	bool q;

	if (wn_node_text(n, &b))
		return true; /* out of memory: keep the control */
	q = b.len && memchr(b.data, '?', b.len) != NULL;
	wn_buf_free(&b);
	return q;
}

#define MAX_CTA   40 /* bytes: "Book your free consultation" */
#define CTA_WORDS 5

/* Class words of a link drawn as a button (whole words of a token). */
static const char *const button_hints[] = {"button", "btn", "cta", NULL};

/* Is n's label a short command: a few words, at most MAX_CTA bytes? */
static bool short_command(const xmlNode *n)
{
	struct wn_buf b = {0};
	size_t len = wn_node_text_len(n), words = 1;

	if (len == 0 || len > MAX_CTA || wn_node_text(n, &b))
		return false;
	for (size_t i = 1; i < b.len; i++)
		words += b.data[i] == ' ' && b.data[i - 1] != ' ';
	wn_buf_free(&b);
	return words <= CTA_WORDS;
}

/* Labels that only a shop's or a sales page's command has, or a
 * teaser's link to the rest, whatever its markup (folded). */
static const char *const commands[] = {
	"quick shop",   "quick view",   "quick add",     "add to cart",
	"add to bag",   "add to basket", "add to trolley", "buy now",
	"shop now",     "get a quote",  "request a quote", "get a free quote",
	"book a demo",  "request a demo", "get a demo",  "schedule a demo",
	"start free trial", "start your free trial", "learn more",
	"read more",    "read full article", "read the full article",
	"read full story", "read the full story", "continue reading",
	"see more",     "view more",    "show more",     NULL};

static bool command_label(const xmlNode *n)
{
	char f[MAX_CTA + 8];
	size_t len = wn_node_text_len(n);

	if (len == 0 || len > MAX_CTA)
		return false;
	wn_node_fold(n, f, sizeof(f));
	return wn_phrase_is(f, commands);
}

/* Is the link n a call to action: drawn as a button, labelled with a
 * few words, alone on its line ("Questions? <a class=btn>Write to
 * us</a>" is a line of the page)?  A command only a shop has ("Add to
 * cart", "Get a quote") needs no button's look. */
static bool is_cta_link(const xmlNode *n)
{
	if (!wn_node_hint(n, button_hints, true) && !command_label(n))
		return false;
	if (in_heading(n) || wn_node_has_descendant_tag(n, content_tags) ||
	    wn_node_line_text_upto(n, 1) > 0)
		return false;
	return short_command(n) && !asks(n);
}

/* Is n a control whose text is no part of the article? */
static bool is_control(const xmlNode *n)
{
	bool button = xmlStrEqual(n->name, BAD_CAST "button");
	size_t len;

	if (xmlStrEqual(n->name, BAD_CAST "select") ||
	    xmlStrEqual(n->name, BAD_CAST "textarea"))
		return true;
	if (!button) {
		/* a link or a summary playing a button is still a link or
		 * a summary; a <div role=button> is a button */
		if (xmlStrEqual(n->name, BAD_CAST "a"))
			return is_cta_link(n);
		if (xmlStrEqual(n->name, BAD_CAST "summary") ||
		    !wn_node_attr_is(n, "role", "button"))
			return false;
	}
	len = wn_node_text_len(n);
	if (len == 0 || len >= MAX_LABEL)
		return false; /* an icon; or more than a label */
	/* a tab's label names the panel it shows */
	if (wn_node_attr_is(n, "role", "tab") || has_attr(n, "aria-selected"))
		return false;
	if (in_heading(n) || wn_node_has_descendant_tag(n, block_tags))
		return false;
	if (wn_node_has_descendant_tag(n, content_tags) &&
	    (!short_command(n) || wn_node_line_text_upto(n, 1) > 0))
		return false;
	return !asks(n);
}

/* Questions of a feedback widget (folded). */
static const char *const feedback[] = {
	"was this helpful", "was this page helpful", "was this article helpful",
	"was this information helpful", "was this answer helpful",
	"was this content helpful", "was this post helpful",
	"did you find this helpful", "did you find this page helpful",
	"did you find this article helpful", "is this page helpful",
	"did this page help you", "did this article help you",
	"did this answer your question", "how helpful was this page",
	"how helpful was this article",
	"how helpful do you find the information on this page",
	/* German, French, Spanish, Italian, Portuguese, Dutch */
	"war diese seite hilfreich", "war dieser artikel hilfreich",
	"war das hilfreich", "cette page vous a-t-elle été utile",
	"cet article vous a-t-il été utile", "cette réponse vous a-t-elle aidé",
	"¿te ha resultado útil", "¿fue útil esta página", "¿te resultó útil",
	"¿le resultó útil este artículo", "questa pagina ti è stata utile",
	"questo articolo ti è stato utile", "esta página foi útil",
	"este artigo foi útil", "was deze pagina nuttig",
	"was dit artikel nuttig", "was dit nuttig", NULL};

#define MAX_ASK    80  /* bytes: the question is one line */
#define MAX_WIDGET 400 /* bytes: the question, Yes/No and a thank-you */
#define MAX_BEFORE 40  /* bytes: a "Feedback" heading above the question */

/* The feedback widget that the block n, a question, opens: its
 * largest short ancestor with little before the question. */
static xmlNodePtr feedback_box(xmlNodePtr n)
{
	char f[MAX_ASK + 64];
	size_t len = wn_node_text_len(n);
	xmlNodePtr box;

	if (len == 0 || len >= MAX_ASK || !wn_node_is_block(n))
		return NULL;
	wn_node_fold(n, f, sizeof(f));
	if (!wn_phrase_is(f, feedback))
		return NULL;
	box = wn_node_box_of(n, MAX_WIDGET, MAX_BEFORE);
	return box ? box : n;
}

#define MAX_CHOICE 80 /* bytes: a choice's label is a few words */

/* Is n an <input> of type radio or checkbox, with the id `id` when
 * that is not NULL? */
static bool is_choice(const xmlNode *n, const xmlChar *id)
{
	xmlChar *t, *i = NULL;
	bool yes;

	if (n->type != XML_ELEMENT_NODE || !tag_is(n, "input"))
		return false;
	t = attr_get(n, "type");
	yes = t && (!xmlStrcasecmp(t, BAD_CAST "radio") ||
		    !xmlStrcasecmp(t, BAD_CAST "checkbox"));
	if (yes && id) {
		i = attr_get(n, "id");
		yes = i && xmlStrEqual(i, id);
	}
	xmlFree(t);
	xmlFree(i);
	return yes;
}

/*
 * Is n a choice's label: a short <label> around a radio button or a
 * check box, or naming one just before it (<input type=radio id=c1>
 * <label for=c1>)?  A product's colours and sizes, a form's options,
 * a filter's values: things to click, not sentences.
 */
static bool choice_label(xmlNodePtr n)
{
	xmlChar *f;
	bool yes = false;

	if (!tag_is(n, "label") ||
	    wn_node_text_len(n) > MAX_CHOICE)
		return false;
	for (xmlNodePtr e = wn_next_element(n, n, false); e && !yes;
	     e = wn_next_element(e, n, false))
		yes = is_choice(e, NULL);
	if (yes || !(f = attr_get(n, "for")))
		return yes;
	for (xmlNodePtr s = n->prev; s && !yes; s = s->prev)
		yes = is_choice(s, f);
	xmlFree(f);
	return yes;
}

/* Is the text of element n, white space aside, the number k? */
static bool says_number(const xmlNode *n, unsigned k)
{
	char f[16], want[16];

	if (wn_node_text_len(n) >= sizeof(f) - 8)
		return false;
	wn_node_fold(n, f, sizeof(f));
	snprintf(want, sizeof(want), "%u", k);
	return !strcmp(f, want);
}

/*
 * A rating drawn by the style sheet over a list of its steps, <ul
 * class="rating"><li>1</li><li>2</li>...<li>5</li></ul>: the stars are
 * pictures, the numbers under them no text of the page.  Three to ten
 * items, each the next number from 1 and nothing else, no link among
 * them (a pager's "1 2 3" links are the nav step's).
 */
static bool number_scale(const xmlNode *n)
{
	unsigned k = 0;

	if (!tag_is(n, "ul") && !tag_is(n, "ol"))
		return false;
	if (wn_node_link_text_len(n))
		return false;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
			return false;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!tag_is(c, "li") || k == 10 || !says_number(c, ++k))
			return false;
	}
	return k >= 3;
}

static int controls_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body, n;
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	body = wn_run_body(run);
	n = wn_next_element(body, body, false);
	while (n && !rc) {
		xmlNodePtr drop = is_control(n) ? n : feedback_box(n);

		if (!drop && (choice_label(n) || number_scale(n)))
			drop = n;

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

WN_PLUGIN_DEFINE(controls, .version = "1.0",
		 .summary = "remove buttons, drop-down lists and text boxes",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = controls_run);
