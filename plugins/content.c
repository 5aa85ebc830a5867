/* SPDX-License-Identifier: MIT */
/*
 * content: keep the main article and drop the rest of the page.
 *
 * HTML: paragraphs score their ancestors (text length, commas, low link
 * density), containers carry a prior from their tag and class/id hints,
 * and the best container wins, joined by siblings that look like part of
 * the same text.  schema.org articleBody markup is taken when it holds
 * most of the prose.  The pick is widened while it holds much less than
 * the page's obvious prose, and when even the whole body would be needed
 * nothing is removed: never lose the article.  Inside the pick, boxes
 * without prose go when their class or id names them (share, related,
 * newsletter ...), when they are mostly links (unless the pick itself
 * is a page of links, a listing) or mostly form fields.
 *
 * Text: each block is classed good, near-good, short or bad from its
 * length and stop-word density (per language; on a page in a language
 * with no list, from whether it ends as a sentence), then short and
 * near-good blocks take the class of their neighbours (the jusText
 * scheme).  The
 * article is then taken as one run of blocks: each block weighs its
 * length times how much it reads like prose (stop words, a sentence's
 * end, not a list item, not legal small print) less a cut, and the run
 * of largest weight wins (one pass), joined by the short sentences at
 * its edges.  In it, the blocks that read like
 * neither the article nor a heading go, and so does a block that copies
 * the article kept before it (the whole text again in one block).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include <winnow/plugin.h>

#include "steps.h"


/* ---- a pointer-keyed map of per-element facts ---------------------- */

/* What a subtree holds, summed bottom-up in one pass (tally()). */
struct tally {
	size_t text, links, commas; /* bytes of text, of link text */
	size_t prose; /* bytes in paragraphs of prose (PROSE_MIN, few links) */
	unsigned p, input, h1; /* paragraphs, form fields, titles */
};

struct fact {
	const xmlNode *node;
	double score;
	size_t text, links; /* lazily computed; SIZE_MAX = unknown */
	bool scored;
	bool leaf;        /* a leaf block (collect_paras) */
	signed char list; /* a list of teasers: 1 yes, -1 no, 0 unknown */
	struct tally t;   /* filled by tally() */
};

/* The facts, in the order they were added, and an open-addressing
 * index of them by node (1 + the fact's place; 0: an empty slot).  A
 * fact is 120 bytes and the index keeps half its slots empty: in the
 * index itself a page of 100,000 elements took 34 MB, and each growth
 * left the last table's 17 MB for the allocator to keep or give back. */
struct facts {
	struct fact *fact;
	uint32_t *slot;
	size_t n, room, cap; /* facts, room for them, slots (2^k) */
};

static void facts_free(struct facts *f)
{
	free(f->fact);
	free(f->slot);
	*f = (struct facts){0};
}

static size_t phash(const void *p, size_t m)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (size_t)x & m;
}

/* The free slot of the index for n, or the slot holding it. */
static size_t slot_of(const struct facts *f, const xmlNode *n)
{
	size_t at = phash(n, f->cap - 1);

	while (f->slot[at] && f->fact[f->slot[at] - 1].node != n)
		at = (at + 1) & (f->cap - 1);
	return at;
}

/* The fact of n; with add, a new one when n has none.  Only adding one
 * may move the others (a pointer to one from before is stale then).
 * The map starts small: a small page touches no more of it than it
 * needs (score_pick() clears it all, twice). */
static struct fact *fact_get(struct facts *f, const xmlNode *n, bool add)
{
	size_t at = 0;

	if (f->cap) {
		at = slot_of(f, n);
		if (f->slot[at])
			return &f->fact[f->slot[at] - 1];
	}
	if (!add || f->n >= UINT32_MAX - 1)
		return NULL;
	if (f->n == f->room) {
		size_t room = f->room ? f->room * 2 : 32;
		struct fact *p = realloc(f->fact, room * sizeof(*p));

		if (!p)
			return NULL;
		f->fact = p;
		f->room = room;
	}
	if ((f->n + 1) * 2 > f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		uint32_t *s = calloc(cap, sizeof(*s));

		if (!s)
			return NULL;
		free(f->slot);
		f->slot = s;
		f->cap = cap;
		for (size_t i = 0; i < f->n; i++)
			f->slot[slot_of(f, f->fact[i].node)] = (uint32_t)i + 1;
		at = slot_of(f, n);
	}
	f->fact[f->n] = (struct fact){
		.node = n, .text = SIZE_MAX, .links = SIZE_MAX};
	f->slot[at] = (uint32_t)++f->n;
	return &f->fact[f->n - 1];
}

static size_t text_of(struct facts *f, const xmlNode *n)
{
	struct fact *x = fact_get(f, n, true);

	if (!x)
		return wn_node_text_len(n);
	if (x->text == SIZE_MAX)
		x->text = wn_node_text_len(n);
	return x->text;
}

static double link_density(struct facts *f, const xmlNode *n)
{
	struct fact *x = fact_get(f, n, true);
	size_t t = text_of(f, n);

	if (!t)
		return 0;
	if (!x)
		return (double)wn_node_link_text_len(n) / (double)t;
	if (x->links == SIZE_MAX)
		x->links = wn_node_link_text_len(n);
	return (double)x->links / (double)t;
}

/* ---- priors ------------------------------------------------------- */

static const char *const positive[] = {
	"article", "body",      "content",  "entry",    "hentry", "h-entry",
	"main",    "page",      "post",     "text",     "blog",   "story",
	"prose",   "rich-text", "richtext", "markdown", NULL};
static const char *const negative[] = {
	"banner",    "combx",      "comment",   "com-",       "contact",
	"foot",      "footer",     "footnote",  "gdpr",       "masthead",
	"media",     "meta",       "outbrain",  "promo",      "related",
	"share",     "shoutbox",   "sidebar",   "skyscraper", "sponsor",
	"shopping",  "tags",       "tool",      "widget",     "nav",
	"menu",      "breadcrumb", "cookie",    "consent",    "popup",
	"modal",     "newsletter", "subscribe", "social",     "teaser",
	"recommend", "byline",     "author",    "caption",    "ad-",
	"advert",    NULL};

static double class_weight(const xmlNode *n)
{
	double w = 0;

	if (wn_node_hint_any(n, negative))
		w -= 25;
	if (wn_node_hint_any(n, positive))
		w += 25;
	return w;
}

static double tag_weight(const xmlNode *n)
{
	const char *t = (const char *)n->name;

	if (!strcmp(t, "article") || !strcmp(t, "main"))
		return 10;
	if (!strcmp(t, "div") || !strcmp(t, "section"))
		return 5;
	if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote"))
		return 3;
	if (!strcmp(t, "address") || !strcmp(t, "ol") || !strcmp(t, "ul") ||
	    !strcmp(t, "dl") || !strcmp(t, "dd") || !strcmp(t, "dt") ||
	    !strcmp(t, "li") || !strcmp(t, "form") || !strcmp(t, "aside") ||
	    !strcmp(t, "nav") || !strcmp(t, "footer") || !strcmp(t, "header"))
		return -3;
	if (wn_tag_is_heading(n->name) || !strcmp(t, "th"))
		return -5;
	return 0;
}

static bool is_body_or_root(const xmlNode *n, const xmlNode *body)
{
	return n == body || !n->parent || n->parent->type != XML_ELEMENT_NODE;
}

/* The commas (ASCII and U+FF0C) in n's text, the text wn_node_text()
 * gives (hidden elements left out), counted where it lies: building
 * that text for each paragraph cost a copy of it, twice a run. */
static size_t commas(const xmlNode *n)
{
	size_t c = 0;

	if (n->type == XML_ELEMENT_NODE && wn_node_is_hidden(n))
		return 0;
	for (xmlNodePtr e = (xmlNodePtr)n; e;) {
		bool skip = false;

		if ((e->type == XML_TEXT_NODE ||
		     e->type == XML_CDATA_SECTION_NODE) &&
		    e->content) {
			const char *t = (const char *)e->content;

			for (const char *p = t; (p = strchr(p, ',')); p++)
				c++;
			for (const char *p = t;
			     (p = strstr(p, "\xef\xbc\x8c")); p += 3)
				c++;
		} else if (e->type == XML_ELEMENT_NODE && e != n) {
			skip = wn_node_is_hidden(e);
		}
		e = next_node(e, n, skip);
	}
	return c;
}

#define MIN_PARA    25  /* bytes of text for a paragraph to score */
#define LISTING_MAX 300 /* bytes: a pick this short may be no article */
#define LISTING_SHARE 10 /* ... out of a page this many times its text */
#define LISTING_SHARE_BARE 5 /* ... or, on a page without prose, this */
#define NO_PROSE    200 /* bytes of prose: under this, a page has none */
#define PROSE_MIN   120 /* bytes: a block of obvious prose */
#define BARE_STOPS  6  /* a list of names: under one stop word in this many
			     words, and no mark of punctuation (bare()) */

static bool inside_any(const xmlNode *n, const struct wn_nodes *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (wn_node_within(n, p->v[i]))
			return true;
	return false;
}

/* Regions whose prose is not the article's: comments, sidebars,
 * footers, related lists.  Their text does not count as page prose, so
 * a short article above a long discussion is not widened into it. */
static const char *const aside_regions[] = {
	"comment", "disqus",     "respond", "sidebar", "footer",
	"related", "discussion", "replies", "reply",   NULL};

/* Is n inside such a region that does not also hold the best candidate
 * (a page whose wrapper is "content-with-sidebar" is not a sidebar)?
 * Nor is a region holding the page's <main> one: a theme names the
 * column beside its sidebar "content-area ... has-sidebar". */
static bool in_aside_region(const xmlNode *n, const xmlNode *stop,
			    const xmlNode *top)
{
	for (; n && n != stop && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (is_main_region(n))
			return false;
		if ((tag_is(n, "aside") ||
		     tag_is(n, "footer") ||
		     wn_node_hint_any(n, aside_regions)) &&
		    !(top && wn_node_within(top, n)))
			return true;
	}
	return false;
}

/* Is n text nobody sees unasked: inside hidden schema.org markup
 * (itemscope, itemprop: the page's metadata for machines, often a plain
 * copy of the article), or inside a closed modal dialog (a shop's
 * refund policy and terms at the foot of every page)?  Other hidden
 * boxes (tabs, accordions, "read more") do hold the page's text. */
static bool in_unseen(const xmlNode *n, const xmlNode *stop)
{
	for (; n && n != stop && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (((has_attr(n, "itemscope") || has_attr(n, "itemprop")) &&
		     hidden_by_markup(n, false)) ||
		    closed_modal(n))
			return true;
	return false;
}

/* A paragraph: a leaf block, or the text an element holds itself
 * beside its child blocks (libxml2 2.9 splits a <p> around a <div>, and
 * many pages put text straight into a <div> between <br>s). */
struct para {
	xmlNodePtr node;
	size_t len;
	double ld;   /* link density */
	size_t runs; /* paragraphs in it, set apart by two <br>s */
	bool teaser; /* the summary of a link to another page */
	bool listed; /* an item of a list of teasers */
	bool again;  /* a leaf block's own text: in the list twice */
	bool bare;   /* no mark of punctuation: a list of names (bare()) */
};

/* Runs of at least MIN_PARA bytes of n's own inline content set apart
 * by two or more <br>s: the paragraphs of a page that writes them so
 * (at least 1).  Such a block scores as that many paragraphs, not as
 * one long one beside a comment thread of many short ones. */
static size_t br_runs(const xmlNode *n)
{
	size_t runs = 0, len = 0, brs = 0;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    tag_is(c, "br")) {
			brs++;
			continue;
		}
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
			continue;
		if (brs >= 2) {
			runs += len >= MIN_PARA;
			len = 0;
		}
		brs = 0;
		if (c->type == XML_TEXT_NODE && c->content)
			len += (size_t)xmlStrlen(c->content);
		else if (c->type == XML_ELEMENT_NODE &&
			 !wn_node_is_block(c) &&
			 !wn_node_is_hidden(c))
			len += wn_node_text_len(c);
	}
	runs += len >= MIN_PARA;
	return runs ? runs : 1;
}

/* Is paragraph q obvious prose by its own measure: long, few links, no
 * heading, not a list of names?  (Teasers and listed items are ruled
 * out by the callers that have marked them.) */
static bool prose_block(const struct para *q)
{
	return q->len >= PROSE_MIN && q->ld < 0.3 && !q->bare &&
	       !wn_tag_is_heading(q->node->name);
}

/* Bytes of obvious prose among blocks: all of it, or inside the pick. */
static size_t prose(const struct para *ps, size_t np, const struct wn_nodes *p,
		    const xmlNode *body, const xmlNode *top)
{
	size_t sum = 0;

	for (size_t i = 0; i < np; i++) {
		if (prose_block(&ps[i]) && !ps[i].teaser && !ps[i].listed &&
		    (p ? inside_any(ps[i].node, p)
		       : !in_aside_region(ps[i].node, body, top)))
			sum += ps[i].len;
	}
	return sum;
}

/* Text bytes of n's own inline content, and of the links in it. */
static void own_text(const xmlNode *n, size_t *text, size_t *links)
{
	*text = *links = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			bool sp = false;

			for (const xmlChar *q = c->content; *q; q++) {
				bool ws = *q == ' ' || *q == '\n' ||
					  *q == '\t' || *q == '\r';

				if (!ws)
					*text += 1 + sp, sp = false;
				else
					sp = *text > 0;
			}
		} else if (c->type == XML_ELEMENT_NODE &&
			   !wn_node_is_block(c) &&
			   !wn_node_is_hidden(c)) {
			size_t t = wn_node_text_len(c);

			*text += t;
			*links += tag_is(c, "a")
					  ? t
					  : wn_node_link_text_len(c);
		}
	}
}

/* Does text hold a mark that ends or parts a sentence (ASCII, CJK's
 * full-width ones, Arabic, Devanagari)? */
static bool has_marks(const xmlChar *q)
{
	for (; *q; q++) {
		switch (*q) {
		case '.': case ',': case ';': case ':': case '!': case '?':
			return true;
		case 0xe3: /* 、 。 */
			if (q[1] == 0x80 && (q[2] == 0x81 || q[2] == 0x82))
				return true;
			break;
		case 0xef: /* ， ！ ？ ； ： */
			if (q[1] == 0xbc && (q[2] == 0x8c || q[2] == 0x81 ||
					     q[2] == 0x9f || q[2] == 0x9b ||
					     q[2] == 0x9a))
				return true;
			break;
		case 0xd8: /* ، ؛ */
			if (q[1] == 0x8c || q[1] == 0x9b)
				return true;
			break;
		case 0xd9: /* ؟ */
			if (q[1] == 0x9f)
				return true;
			break;
		case 0xdb: /* ۔ */
			if (q[1] == 0x94)
				return true;
			break;
		case 0xe0: /* । */
			if (q[1] == 0xa5 && q[2] == 0xa4)
				return true;
			break;
		}
	}
	return false;
}

static bool bare(const xmlNode *n, bool own);

/* Class and id names of a CMS's article body (WordPress's
 * entry-content and the like): the article itself, not a wrapper. */
static const char *const body_hints[] = {
	"entry-content", "post-content",  "article-content", "article-body",
	"articlebody",   "article__body", "post-body",       "postbody",
	"story-body",    "entry-body",    "single-content",  "blog-content",
	NULL};

/* Is there an article body (body_hints) above top, below body? */
static bool body_above(const xmlNode *top, const xmlNode *body)
{
	for (const xmlNode *a = top->parent;
	     a && a != body && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (wn_node_hint_any(a, body_hints))
			return true;
	return false;
}

/* Is n one of the leaf blocks, in the paragraphs already whole? */
static bool is_leaf(struct facts *f, const xmlNode *n)
{
	struct fact *x = fact_get(f, n, false);

	return x && x->leaf;
}

static int collect_paras(struct facts *f, xmlNodePtr body, xmlNodePtr *blocks,
			 size_t nb, struct para **out, size_t *nout)
{
	size_t cap = nb + 64, n = 0;
	struct para *ps = malloc(cap * sizeof(*ps));

	if (!ps)
		return WN_ENOMEM;
	for (size_t i = 0; i < nb; i++) {
		struct fact *x = fact_get(f, blocks[i], true);

		if (!x) {
			free(ps);
			return WN_ENOMEM;
		}
		x->leaf = true;
		ps[n].node = blocks[i];
		ps[n].len = text_of(f, blocks[i]);
		ps[n].ld = link_density(f, blocks[i]);
		ps[n].runs = br_runs(blocks[i]);
		ps[n].again = false;
		ps[n].bare = ps[n].len >= PROSE_MIN && bare(blocks[i], false);
		n++;
	}
	for (xmlNodePtr e = wn_next_element(body, body, false); e;) {
		size_t t, l;

		if (wn_node_is_hidden(e)) {
			e = wn_next_element(e, body, true);
			continue;
		}
		if (wn_node_is_block(e)) {
			own_text(e, &t, &l);
			/* leaf blocks are in already: their own text is all */
			if (t >= MIN_PARA && t < text_of(f, e)) {
				if (wn_grow(&ps, n, &cap, sizeof(*ps), 64)) {
					free(ps);
					return WN_ENOMEM;
				}
				ps[n].node = e;
				ps[n].len = t;
				ps[n].ld = (double)l / (double)t;
				ps[n].runs = br_runs(e);
				ps[n].again = is_leaf(f, e);
				ps[n].bare = t >= PROSE_MIN && bare(e, true);
				n++;
			}
		}
		e = wn_next_element(e, body, false);
	}
	/* the prose of hidden metadata and of closed modal dialogs is no
	 * paragraph of the page */
	for (size_t i = nb = 0; i < n; i++)
		if (!in_unseen(ps[i].node, body))
			ps[nb++] = ps[i];
	*out = ps;
	*nout = nb;
	return 0;
}

/* Does an element beside n have n's tag and class: is n one of a
 * run of boxes built alike (the cards of a list)? */
static bool has_twin(const xmlNode *n)
{
	xmlChar *c = attr_get(n, "class");
	bool twin = false;

	for (int dir = 0; dir < 2 && !twin; dir++) {
		const xmlNode *s = dir ? n->next : n->prev;

		for (; s && !twin; s = dir ? s->next : s->prev) {
			xmlChar *sc;

			if (s->type != XML_ELEMENT_NODE)
				continue;
			if (!xmlStrEqual(s->name, n->name))
				break;
			sc = attr_get(s, "class");
			twin = xmlStrEqual(sc, c) || (!sc && !c);
			xmlFree(sc);
			break;
		}
	}
	xmlFree(c);
	return twin;
}

static bool is_teaser_list(struct facts *f, const xmlNode *n);

/* Is a heading inside box a link (holds one, or sits in one)? */
static bool linked_heading_in(struct facts *f, xmlNodePtr box,
			      const xmlNode *skip)
{
	for (xmlNodePtr n = wn_next_element(box, box, false); n;) {
		if (n == skip) {
			n = wn_next_element(n, box, true);
			continue;
		}
		if (wn_tag_is_heading(n->name) && text_of(f, n) > 0) {
			size_t l = wn_node_link_text_len(n);

			if (l * 2 > text_of(f, n))
				return true;
			for (const xmlNode *a = n->parent; a && a != box;
			     a = a->parent)
				if (tag_is(a, "a"))
					return true;
		}
		n = wn_next_element(n, box, false);
	}
	return false;
}

/*
 * Is paragraph b (len bytes) the summary of a link to another page: a
 * card that is one link, or a small box headed by a linked title and
 * built like its neighbours (a list of teasers)?  Such text reads like
 * prose but is not the article's: it must not make the pick look short
 * of the page's prose and be widened into the lists around it.
 */
static bool is_teaser(struct facts *f, xmlNodePtr b, size_t len,
		      const xmlNode *body)
{
	xmlNodePtr box = b;

	for (xmlNodePtr a = b->parent;
	     a && a != body && a->type == XML_ELEMENT_NODE; a = a->parent) {
		if (tag_is(a, "a"))
			return true;
		if (text_of(f, a) > 2 * len + 150)
			break;
		box = a;
	}
	if (box == b)
		return false;
	for (xmlNodePtr a = b; a; a = a->parent) {
		if (has_twin(a))
			return linked_heading_in(f, box, b);
		if (a == box)
			break;
	}
	return false;
}

/* Is b an item of a list of teasers, or inside one (a few levels
 * down)?  Each list is judged once. */
static bool in_teaser_list(struct facts *f, const xmlNode *b,
			   const xmlNode *body)
{
	int level = 0;

	for (const xmlNode *a = b->parent;
	     a && a != body && level < 3 && a->type == XML_ELEMENT_NODE;
	     a = a->parent, level++) {
		struct fact *x = fact_get(f, a, true);
		bool yes;

		if (x && x->list) {
			if (x->list > 0)
				return true;
			continue;
		}
		yes = is_teaser_list(f, a);
		/* that may have grown the map: look the fact up again */
		x = fact_get(f, a, true);
		if (x)
			x->list = yes ? 1 : -1;
		if (yes)
			return true;
	}
	return false;
}

/* Flag the teasers' summaries among the paragraphs, unless they are
 * most of the page's prose: a page of teasers is a listing, and they
 * are its content.  Apart from that, flag the items of lists of
 * teasers long enough to score, so that they neither score a container
 * nor count as prose the pick should reach ("Breaking News" above the
 * article), unless such lists hold most of the prose outside comment,
 * sidebar and footer regions: then they are the page's listing.  Each
 * block is counted once there (see again). */
static void mark_teasers(struct facts *f, struct para *ps, size_t np,
			 const xmlNode *body)
{
	size_t teasers = 0, other = 0, listed = 0, rest = 0;

	for (size_t i = 0; i < np; i++) {
		bool prose = prose_block(&ps[i]);

		ps[i].teaser =
			prose && is_teaser(f, ps[i].node, ps[i].len, body);
		ps[i].listed = ps[i].len >= PROSE_MIN && ps[i].ld <= 0.5 &&
			       !ps[i].teaser &&
			       in_teaser_list(f, ps[i].node, body);
		if (prose)
			*(ps[i].teaser ? &teasers : &other) += ps[i].len;
		if (ps[i].listed && !ps[i].again)
			listed += ps[i].len;
	}
	if (listed) {
		listed = 0;
		for (size_t i = 0; i < np; i++) {
			bool prose = prose_block(&ps[i]) && !ps[i].teaser;

			if (ps[i].again || (!ps[i].listed && !prose) ||
			    in_aside_region(ps[i].node, body, NULL))
				continue;
			*(ps[i].listed ? &listed : &rest) += ps[i].len;
		}
		if (rest * 2 < listed)
			for (size_t i = 0; i < np; i++)
				ps[i].listed = false;
	}
	if (other * 2 < teasers)
		for (size_t i = 0; i < np; i++)
			ps[i].teaser = false;
}

static double final_score(struct facts *f, const xmlNode *n)
{
	struct fact *x = fact_get(f, n, false);

	if (!x || !x->scored)
		return 0;
	return x->score * (1 - link_density(f, n));
}

/* The container and the siblings that belong with it (not a list of
 * teasers beside it). */
static int pick_around(struct facts *f, xmlNodePtr top, struct wn_nodes *p)
{
	double best = final_score(f, top);
	double bar = best * 0.2 > 10 ? best * 0.2 : 10;
	int rc = 0;

	p->n = 0;
	if (!top->parent)
		return wn_nodes_push(p, top);
	for (xmlNodePtr s = top->parent->children; s && !rc; s = s->next) {
		bool take = s == top;

		if (!take && s->type == XML_ELEMENT_NODE &&
		    !wn_node_is_hidden(s)) {
			size_t t = text_of(f, s);
			double ld = link_density(f, s);

			if (final_score(f, s) >= bar)
				take = !is_teaser_list(f, s);
			else if (tag_is(s, "p") ||
				 wn_tag_is_heading(s->name) ||
				 tag_is(s, "figure") ||
				 tag_is(s, "blockquote"))
				take = t >= 80 ? ld < 0.25 : (t > 0 && ld == 0);
		}
		if (take)
			rc = wn_nodes_push(p, s);
	}
	return rc;
}

/* The first h1 before the pick, when the pick does not hold one. */
static xmlNodePtr title_for(xmlNodePtr body, const struct wn_nodes *p)
{
	xmlNodePtr n, h1 = NULL;

	for (n = wn_next_element(body, body, false); n;
	     n = wn_next_element(n, body, false)) {
		if (inside_any(n, p))
			return tag_is(n, "h1") ? NULL : h1;
		if (!h1 && tag_is(n, "h1") &&
		    wn_node_text_len(n) > 0)
			h1 = n;
	}
	return NULL;
}

/* Remove everything that is neither kept nor an ancestor of a kept
 * node. */
static int apply(struct wn_run *run, xmlNodePtr body, const struct wn_nodes *p)
{
	xmlNodePtr n = body->children;
	int rc = 0;

	while (n && !rc) {
		xmlNodePtr parent = n->parent, next = n->next;
		bool kept = false, anc = false;

		for (size_t i = 0; i < p->n && !kept; i++) {
			kept = n == p->v[i];
			anc = anc || wn_node_within(p->v[i], n);
		}
		if (!kept && anc && n->children) {
			n = n->children;
			continue;
		}
		if (!kept &&
		    (n->type == XML_ELEMENT_NODE || n->type == XML_TEXT_NODE ||
		     n->type == XML_COMMENT_NODE))
			rc = wn_run_remove(run, n);
		/* on in preorder, without entering n */
		while (!next && parent && parent != body) {
			next = parent->next;
			parent = parent->parent;
		}
		n = next;
	}
	return rc;
}

/* Elements marked as the article body by schema.org, but not those in
 * a hidden box: that is the metadata's plain-text copy of the article,
 * which the page shows elsewhere with its headings and figures. */
static int by_schema(struct facts *f, xmlNodePtr body, struct wn_nodes *p)
{
	int rc = 0;

	for (xmlNodePtr n = wn_next_element(body, body, false); n && !rc;) {
		xmlChar *ip;
		bool hit;

		if (hidden_by_markup(n, false)) {
			n = wn_next_element(n, body, true);
			continue;
		}
		ip = attr_get(n, "itemprop");
		hit = ip && !xmlStrcmp(ip, BAD_CAST "articleBody");
		xmlFree(ip);
		if (hit && text_of(f, n) > 0) {
			rc = wn_nodes_push(p, n);
			n = wn_next_element(n, body, true);
		} else {
			n = wn_next_element(n, body, false);
		}
	}
	return rc;
}

/* ---- a run of alike siblings ------------------------------------- */

#define ALIKE_UP   5   /* levels above the pick looked at */
#define ALIKE_MIN  3   /* siblings alike, the pick's own box counted */
#define ALIKE_GAIN 500 /* bytes of prose the run must add */

/* The first class token of n into out ("" when none), split at white
 * space as CSS splits a class list; a longer token is cut to fit. */
static void first_class(const xmlNode *n, char *out, size_t cap)
{
	xmlChar *c = attr_get(n, "class");
	const char *p = c ? (const char *)c : "";
	size_t k;

	p += strspn(p, " \t\n\r\f");
	k = strcspn(p, " \t\n\r\f");
	if (k >= cap)
		k = cap - 1;
	memcpy(out, p, k);
	out[k] = '\0';
	xmlFree(c);
}

static bool alike(const xmlNode *s, const xmlNode *a, const char *cls)
{
	char c[64];

	if (s->type != XML_ELEMENT_NODE || !xmlStrEqual(s->name, a->name))
		return false;
	first_class(s, c, sizeof(c));
	return !strcmp(c, cls);
}

/*
 * Is the pick one of a run of alike boxes: the posts of a thread, the
 * sections of a long page, the cards of a listing?  The box is the pick
 * or one of its nearest ancestors (up to ALIKE_UP levels, not past
 * <main>, not a child of <body>: the page's own frame) with a class,
 * that has ALIKE_MIN or more siblings of its tag and first class token,
 * which hold twice its text between them.  Returns the box (its run is
 * the article), or NULL.
 */
static xmlNodePtr alike_box(struct facts *f, xmlNodePtr top, xmlNodePtr body)
{
	xmlNodePtr a = top;

	for (int up = 0;
	     up <= ALIKE_UP && a && a != body && a->parent &&
	     a->parent != body && a->type == XML_ELEMENT_NODE && !is_main_region(a);
	     up++, a = a->parent) {
		char cls[64];
		size_t n = 0, text = 0;

		first_class(a, cls, sizeof(cls));
		if (!*cls)
			continue;
		for (xmlNodePtr s = a->parent->children; s; s = s->next)
			if (alike(s, a, cls) && text_of(f, s) > 0) {
				n++;
				text += text_of(f, s);
			}
		if (n >= ALIKE_MIN && text >= 2 * text_of(f, a))
			return a;
	}
	return NULL;
}

/* The run of boxes alike a, in document order. */
static int alike_run(struct facts *f, xmlNodePtr a, struct wn_nodes *p)
{
	char cls[64];
	int rc = 0;

	first_class(a, cls, sizeof(cls));
	p->n = 0;
	for (xmlNodePtr s = a->parent->children; s && !rc; s = s->next)
		if (alike(s, a, cls) && text_of(f, s) > 0)
			rc = wn_nodes_push(p, s);
	return rc;
}

/* ---- boilerplate inside the pick ----------------------------------- */

/* Text bytes and commas of a text node, white space runs counted as
 * one byte (as wn_node_text_len counts them, near enough). */
static void tally_text(const xmlChar *s, struct tally *t)
{
	bool sp = true;

	for (; s && *s; s++) {
		bool ws = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';

		if (!ws) {
			t->text++;
			t->commas += *s == ',';
		} else if (!sp) {
			t->text++;
		}
		sp = ws;
	}
}

static void tally_add(struct tally *to, const struct tally *t)
{
	to->text += t->text;
	to->links += t->links;
	to->commas += t->commas;
	to->prose += t->prose;
	to->p += t->p;
	to->input += t->input;
	to->h1 += t->h1;
}

/* A form field to type into: a search box, a sign-up form (not a
 * checkbox in a recipe's list, nor a button). */
static bool is_field(const xmlNode *n)
{
	xmlChar *type;
	bool yes;

	if (tag_is(n, "textarea"))
		return true;
	if (!tag_is(n, "input"))
		return false;
	type = attr_get(n, "type");
	yes = !type || !xmlStrcasecmp(type, BAD_CAST "text") ||
	      !xmlStrcasecmp(type, BAD_CAST "email") ||
	      !xmlStrcasecmp(type, BAD_CAST "search") ||
	      !xmlStrcasecmp(type, BAD_CAST "password") ||
	      !xmlStrcasecmp(type, BAD_CAST "tel");
	xmlFree(type);
	return yes;
}

/* Finish element n, whose children are summed in already: count n
 * itself and add it all into its parent (unless n is the root). */
static int tally_close(struct facts *f, xmlNodePtr n, xmlNodePtr root)
{
	struct fact *x = fact_get(f, n, true);
	struct tally t;
	const char *tag = (const char *)n->name;

	if (!x)
		return WN_ENOMEM;
	if (!strcmp(tag, "a"))
		x->t.links = x->t.text, x->t.prose = 0;
	else if (!strcmp(tag, "p"))
		x->t.p++;
	if (x->t.prose == 0 && x->t.text >= PROSE_MIN &&
	    x->t.links * 3 < x->t.text &&
	    (!strcmp(tag, "p") || !strcmp(tag, "li") || !strcmp(tag, "dd") ||
	     !strcmp(tag, "td") || !strcmp(tag, "blockquote") ||
	     !strcmp(tag, "pre")))
		x->t.prose = x->t.text;
	else if (is_field(n))
		x->t.input++;
	else if (!strcmp(tag, "h1"))
		x->t.h1++;
	t = x->t;
	if (n == root)
		return 0;
	x = fact_get(f, n->parent, true);
	if (!x)
		return WN_ENOMEM;
	tally_add(&x->t, &t);
	return 0;
}

/* Sum what every element under root holds, in one post-order walk. */
static int tally(struct facts *f, xmlNodePtr root)
{
	xmlNodePtr n = root;
	int rc;

	for (;;) {
		if (n->type == XML_ELEMENT_NODE && !wn_node_is_hidden(n) &&
		    n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_TEXT_NODE && n != root) {
				struct fact *x = fact_get(f, n->parent, true);

				if (!x)
					return WN_ENOMEM;
				tally_text(n->content, &x->t);
			} else if (n->type == XML_ELEMENT_NODE &&
				   !wn_node_is_hidden(n)) {
				rc = tally_close(f, n, root);
				if (rc)
					return rc;
			}
			if (n == root)
				return 0;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

static const struct tally *tally_of(struct facts *f, const xmlNode *n)
{
	static const struct tally none;
	struct fact *x = fact_get(f, n, false);

	return x ? &x->t : &none;
}

/* Containers that may be boilerplate inside an article. */
static bool is_conditional(const xmlNode *n)
{
	static const char *const tags[] = {
		"div",    "section", "ul",  "ol", "table",  "aside", "form",
		"header", "footer",  "nav", "dl", "center", NULL};

	for (const char *const *t = tags; *t; t++)
		if (xmlStrEqual(n->name, BAD_CAST * t))
			return true;
	return false;
}

/* Words of a class or id that name a box beside the text, not in it
 * (whole words only: class names such as "overflow-hidden",
 * "theme-pad-24" or "metadata-list" say nothing of the kind). */
static const char *const clutter[] = {
	"share",      "sharing",     "social",  "related",    "recommended",
	"newsletter", "subscribe",   "sidebar", "comment",    "comments",
	"sponsor",    "sponsored",   "advert",  "ad",         "ads",
	"breadcrumb", "breadcrumbs", "nav",     "navigation", "menu",
	"footer",     "cookie",      "consent", "popup",      "modal",
	"outbrain",   "taboola",     "tags",    NULL};

/*
 * Is n, inside the picked article, boilerplate: a box of links, a form,
 * a box the class says is not content?  The readability rules, with
 * guards: never the title or a box holding much of the article, and
 * no link rule on a page of links (a listing, where the links are the
 * content).
 */
/* Do the first words under n sit in a link to another page (a linked
 * title leading a teaser), not a toggle ("#", "javascript:")? */
static bool first_words_linked(const xmlNode *n)
{
	const xmlNode *a = first_words_link(n);
	xmlChar *h;
	bool to;

	if (!a)
		return false;
	h = attr_get(a, "href");
	to = h && h[0] && h[0] != '#' &&
	     xmlStrncasecmp(h, BAD_CAST "javascript:", 11);
	xmlFree(h);
	return to;
}

/* Is there a word under n (not only white space)? */
static bool has_words(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content &&
		    !xmlIsBlankNode(c))
			return true;
		if (c->type == XML_ELEMENT_NODE && !wn_node_is_hidden(c) &&
		    has_words(c))
			return true;
	}
	return false;
}

/*
 * Is n a list of teasers: three or more items alike, each led by a
 * linked title and most with a summary after it?  The summaries read
 * like prose, so neither the prose rule nor the share of the pick
 * protects such a box ("Breaking News" inside the article container).
 */
static bool is_teaser_list(struct facts *f, const xmlNode *n)
{
	const xmlNode *list = n;
	size_t items = 0, summed = 0;

	for (;;) { /* down through wrappers of one child (div > ul), the
		    * box's title before it let be ("Latest news") */
		const xmlNode *only = NULL, *first = NULL;
		size_t k = 0;

		for (const xmlNode *c = list->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    !wn_node_is_hidden(c) &&
			    has_words(c)) { /* not the " " of a control */
				only = c, k++;
				if (!first)
					first = c;
			}
		if (k == 2 && text_of(f, first) <= 40 &&
		    wn_node_link_text_len(first) == 0)
			k = 1;
		if (k != 1)
			break;
		list = only;
	}
	for (const xmlNode *c = list->children; c; c = c->next) {
		size_t t;

		if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
			return false;
		if (c->type != XML_ELEMENT_NODE || wn_node_is_hidden(c))
			continue;
		t = text_of(f, c);
		if (t == 0)
			continue;
		if (wn_tag_is_heading(c->name) || !first_words_linked(c) ||
		    !has_twin(c))
			return false;
		items++;
		if (t > wn_node_link_text_len(c) + 400)
			return false; /* more than a summary: a review */
		summed += wn_node_link_text_len(c) + 40 < t;
	}
	return items >= 3 && summed * 2 >= items;
}

/* Bytes of prose in the pick k before n (after, with after). */
static size_t edge_prose(struct facts *f, const xmlNode *n, const xmlNode *k,
			 bool after)
{
	size_t sum = 0;

	for (const xmlNode *a = n; a && a != k; a = a->parent)
		for (const xmlNode *s = after ? a->next : a->prev; s;
		     s = after ? s->next : s->prev)
			if (s->type == XML_ELEMENT_NODE &&
			    !wn_node_is_hidden(s))
				sum += tally_of(f, s)->prose;
	return sum;
}

static bool is_clutter(struct facts *f, const xmlNode *n, const xmlNode *k,
		       const struct tally *all, bool links_ok)
{
	const struct tally *t = tally_of(f, n);
	double ld, w = class_weight(n);

	if (t->text == 0 || t->h1)
		return false;
	/* teasers before or after the article's own prose, however long
	 * (a list of them amid the prose is the article's: a listicle) */
	if (links_ok && t->links * 8 >= t->text &&
	    !edge_prose(f, n, k, false) != !edge_prose(f, n, k, true) &&
	    all->prose >= t->prose + 800 && is_teaser_list(f, n))
		return true;
	if (t->text * 3 > all->text)
		return false;
	ld = (double)t->links / (double)t->text;
	if (links_ok && ld > 0.6 && t->prose * 4 < t->text)
		return true;
	if (t->prose > 0 || t->commas >= 10)
		return false;
	if (wn_node_hint(n, clutter, true))
		return true;
	if (t->input > t->p / 3)
		return true;
	if (links_ok && w <= 0 && ld > 0.4)
		return true;
	return false;
}

static int clean_inside(struct facts *f, struct wn_run *run, xmlNodePtr k)
{
	const struct tally *all;
	struct tally whole;
	bool links_ok;
	struct wn_nodes drop = {0};
	xmlNodePtr n;
	int rc = tally(f, k);

	if (rc)
		return rc;
	whole = *tally_of(f, k);
	all = &whole;
	links_ok = all->text > 0 && (all->links * 10 < all->text * 3 ||
				     all->prose * 3 >= all->text);
	for (n = wn_next_element(k, k, false); n && !rc;) {
		bool hit = !wn_node_is_hidden(n) && is_conditional(n) &&
			   is_clutter(f, n, k, all, links_ok);

		if (hit)
			rc = wn_nodes_push(&drop, n);
		n = wn_next_element(n, k, hit || wn_node_is_hidden(n));
	}
	for (size_t i = 0; i < drop.n && !rc; i++)
		rc = wn_run_remove(run, drop.v[i]);
	wn_nodes_free(&drop);
	return rc;
}

/* Score the paragraphs into their ancestors and return the best one
 * (NULL: none), its score in *best; with skip_aside, paragraphs inside
 * comment, sidebar, footer and related regions are left out. */
static xmlNodePtr score_pick(struct facts *f, const struct para *ps, size_t np,
			     xmlNodePtr body, bool skip_aside, double *best,
			     int *rcp)
{
	xmlNodePtr top = NULL;
	int rc = 0;

	*best = 0;
	for (size_t i = 0; i < f->n; i++) {
		f->fact[i].scored = false;
		f->fact[i].score = 0;
	}
	for (size_t i = 0; i < np && !rc; i++) {
		xmlNodePtr b = ps[i].node, a;
		size_t t = ps[i].len;
		double s;
		int level = 0;

		if (t < MIN_PARA || wn_tag_is_heading(b->name) ||
		    ps[i].ld > 0.5 || ps[i].listed || ps[i].bare ||
		    (skip_aside && in_aside_region(b, body, NULL)))
			continue;
		/* each paragraph: 1, its commas, a point per 100 bytes up
		 * to 3 */
		s = (double)ps[i].runs + (double)commas(b) +
		    (t / 100 < 3 * ps[i].runs ? (double)(t / 100)
					      : 3.0 * (double)ps[i].runs);
		for (a = b; a && level < 5 && !is_body_or_root(a, body);
		     a = a->parent, level++) {
			struct fact *x = fact_get(f, a, true);

			if (!x) {
				rc = WN_ENOMEM;
				break;
			}
			if (!x->scored) {
				x->scored = true;
				x->score = tag_weight(a) + class_weight(a);
			}
			x->score += level == 0   ? s
				    : level == 1 ? s / 2
						 : s / (level * 3);
		}
	}
	/* the best candidate; visited in the order the paragraphs were
	 * scored (document order), never in hash-table order, so a tie
	 * goes to the earlier container and every run picks the same */
	for (size_t i = 0; i < np && !rc; i++) {
		xmlNodePtr a = ps[i].node;

		if (skip_aside && in_aside_region(a, body, NULL))
			continue;
		for (int level = 0; a && level < 5 && !is_body_or_root(a, body);
		     a = a->parent, level++) {
			double fs = final_score(f, a);

			/* a byline or a date line whose class says "post"
			 * has the prior of an article but no text: not one */
			if (fs > *best && text_of(f, a) >= 2 * MIN_PARA) {
				*best = fs;
				top = a;
			}
		}
	}
	*rcp = rc;
	return top;
}

/* Bytes of obvious prose inside n. */
static size_t prose_in(const struct para *ps, size_t np, const xmlNode *n)
{
	size_t sum = 0;

	for (size_t i = 0; i < np; i++)
		if (prose_block(&ps[i]) && !ps[i].teaser && !ps[i].listed &&
		    wn_node_within(ps[i].node, n))
			sum += ps[i].len;
	return sum;
}

/*
 * A pick of a line or two (under LISTING_MAX bytes) out of a page ten
 * times its size (five times, when the page has no prose) is no
 * article: the page is a listing (a chart, a
 * category, a job board, a front page) whose text is its lists, which
 * no paragraph scores.  Its <main> is kept then, or, without one (or
 * with one hardly bigger than the pick), the whole page.  On a page
 * with no prose at all (under NO_PROSE bytes) the pick is whatever
 * scored best among lines and cards, whatever its size: there too a
 * <main> three times its size is kept instead.
 */
static int listing(struct wn_run *run, xmlNodePtr body, struct wn_nodes *p,
		   size_t page_prose)
{
	size_t kept = 0;
	xmlNodePtr m = NULL;
	bool small;

	for (size_t i = 0; i < p->n; i++)
		kept += wn_node_text_len(p->v[i]);
	small = kept < LISTING_MAX &&
		kept * (page_prose < NO_PROSE ? LISTING_SHARE_BARE
					      : LISTING_SHARE) <
			wn_node_text_len(body);
	if (!small && page_prose >= NO_PROSE)
		return 0;
	m = first_main_region(body);
	if (m && wn_node_text_len(m) >= kept * 3) {
		p->n = 0;
		wn_run_log(run, WN_LOG_INFO,
			   "a listing (%zu bytes picked): kept <main>", kept);
		return wn_nodes_push(p, m);
	}
	if (!small)
		return 0;
	p->n = 0;
	wn_run_log(run, WN_LOG_INFO, "a listing (%zu bytes picked): page kept",
		   kept);
	return 0;
}

/* Is every node of the pick p inside anc?  Then *kept is their text. */
static bool picked_within(const struct wn_nodes *p, const xmlNode *anc,
			  size_t *kept)
{
	*kept = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (!wn_node_within(p->v[i], anc))
			return false;
		*kept += wn_node_text_len(p->v[i]);
	}
	return true;
}

/*
 * The pick inside the page's <main> may be its one block of prose (the
 * intro of a category, a product's description, the first post) while
 * <main> holds two and a half times as much text outside links: the
 * cards, specifications and entries the page is made of, which no
 * paragraph scores.  <main> is what the page offers then.  Links are
 * left out of the count, so a list of related headlines does not widen
 * an article.
 */
#define MAIN_WIDEN 5    /* halves of the pick's text: 2.5 times it */
#define MAIN_GAIN  300 /* bytes the widening must add at least */

/* Does anc outweigh a pick of kept bytes of text: its text outside
 * links at least `halves` halves of it, and MAIN_GAIN bytes more?
 * *text gets that text. */
static bool weighs(const xmlNode *anc, size_t kept, size_t halves,
		   size_t *text)
{
	*text = wn_node_text_len(anc) - wn_node_link_text_len(anc);
	return 2 * *text >= halves * kept && *text >= kept + MAIN_GAIN;
}

/* Does anc, which holds every node of the pick p, outweigh it? */
static bool outweighs(const struct wn_nodes *p, const xmlNode *anc,
		      size_t halves, size_t *text)
{
	size_t kept;

	return picked_within(p, anc, &kept) && weighs(anc, kept, halves, text);
}

/* Does <main> m, which holds none of the pick p, outweigh it so? */
static bool outweighs_beside(const struct wn_nodes *p, const xmlNode *m,
			     size_t *text)
{
	size_t kept = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (wn_node_within(p->v[i], m) || wn_node_within(m, p->v[i]))
			return false;
		kept += wn_node_text_len(p->v[i]);
	}
	return weighs(m, kept, MAIN_WIDEN, text);
}

/*
 * A question-and-answer page marks its question as the page's main
 * entity (schema.org QAPage: itemprop="mainEntity" of type Question,
 * holding the question and its answers).  The answers are most of the
 * prose, and a pick of them leaves the question out, the reason the
 * page exists.  The pick widens to the nearest box holding both it and
 * the question's first paragraph of prose, inside the main entity (the
 * question and the answers, not the sidebar the entity may hold too).
 */
static void widen_to_question(struct wn_run *run, struct wn_nodes *p,
			      const struct para *ps, size_t np)
{
	xmlNodePtr q, a = NULL;
	xmlChar *type;
	bool question;

	if (p->n != 1)
		return;
	for (q = p->v[0]->parent; q && q->type == XML_ELEMENT_NODE;
	     q = q->parent)
		if (wn_node_attr_is(q, "itemprop", "mainEntity"))
			break;
	if (!q || q->type != XML_ELEMENT_NODE)
		return;
	type = attr_get(q, "itemtype");
	question = type && strstr((const char *)type, "schema.org/Question");
	xmlFree(type);
	if (!question)
		return;
	for (size_t i = 0; i < np && !a; i++)
		if (prose_block(&ps[i]) && wn_node_within(ps[i].node, q) &&
		    !wn_node_within(ps[i].node, p->v[0]))
			a = ps[i].node;
	while (a && !wn_node_within(p->v[0], a))
		a = a->parent;
	if (!a || a == p->v[0] || !wn_node_within(a, q))
		return;
	wn_run_log(run, WN_LOG_INFO,
		   "the pick answers the page's question: kept the question "
		   "with it");
	p->v[0] = a;
}

/* A pick outside the page's <main> (a category's blurb below its
 * grid, a footer's "about us") gives way to <main> as well, on the
 * same measure. */
static int widen_to_main(struct wn_run *run, struct wn_nodes *p)
{
	size_t text;
	xmlNodePtr m = p->v[0]->parent;

	while (m && m->type == XML_ELEMENT_NODE && !is_main_region(m))
		m = m->parent;
	if (!m || m->type != XML_ELEMENT_NODE) {
		m = first_main_region(wn_run_body(run));
		if (!m || !outweighs_beside(p, m, &text))
			return 0;
	} else if (!outweighs(p, m, MAIN_WIDEN, &text)) {
		return 0;
	}
	wn_run_log(run, WN_LOG_INFO,
		   "<main> holds %zu bytes outside links: kept <main>", text);
	p->n = 0;
	return wn_nodes_push(p, m);
}

/*
 * A landing page is a stack of <section>s, a service or a product told
 * in panels (what it does, how it works, prices, what clients say),
 * and the scorer picks the panel with the most prose.  When the pick
 * lies in one of three or more sibling sections whose parent holds,
 * outside links, twice the pick's text and 300 bytes more (one and a
 * half times, from four sections: the more panels, the surer the page
 * is a stack of them), the parent is kept: the whole page when the
 * sections are the body's own.
 */
#define SECTIONS_MIN   3 /* sibling <section>s with text */
#define SECTIONS_WIDEN 4 /* halves of the pick's text: twice it */
#define SECTIONS_MANY  4 /* sections: from this many, a landing page ... */
#define SECTIONS_WIDEN_MANY 3 /* ... widens at one and a half times */

static int widen_to_sections(struct wn_run *run, struct wn_nodes *p,
			     xmlNodePtr body)
{
	size_t text, n = 0;
	xmlNodePtr s = p->v[0], par;

	while (s && s != body && s->type == XML_ELEMENT_NODE &&
	       !tag_is(s, "section"))
		s = s->parent;
	if (!s || s == body || s->type != XML_ELEMENT_NODE)
		return 0;
	par = s->parent;
	for (xmlNodePtr c = par->children; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE &&
		     tag_is(c, "section") &&
		     wn_node_text_len(c) > 0;
	if (n < SECTIONS_MIN ||
	    !outweighs(p, par,
		       n >= SECTIONS_MANY ? SECTIONS_WIDEN_MANY : SECTIONS_WIDEN,
		       &text))
		return 0;
	wn_run_log(run, WN_LOG_INFO,
		   "the pick is one of %zu sections holding %zu bytes "
		   "outside links: kept them all",
		   n, text);
	p->n = 0;
	return par == body ? 0 : wn_nodes_push(p, par);
}

static int run_html(struct wn_run *run, const char *by)
{
	xmlNodePtr body = wn_run_body(run), *blocks = NULL, top = NULL;
	struct facts f = {0};
	struct wn_nodes p = {0};
	struct para *ps = NULL;
	size_t nb = 0, np = 0, page_prose;
	double best = 0;
	bool by_markup;
	int rc = wn_blocks(body, &blocks, &nb);

	if (!rc)
		rc = collect_paras(&f, body, blocks, nb, &ps, &np);
	if (!rc)
		mark_teasers(&f, ps, np, body);
	if (rc) {
		free(blocks);
		facts_free(&f);
		return rc;
	}
	/* score without the paragraphs of comment threads, sidebars and
	 * the like (Readability's "unlikely candidates"); when what that
	 * finds holds under an eighth of all the prose, the page may be
	 * one of those (a forum thread): score everything */
	top = score_pick(&f, ps, np, body, true, &best, &rc);
	if (!rc && (!top || 8 * prose_in(ps, np, top) < prose_in(ps, np, body)))
		top = score_pick(&f, ps, np, body, false, &best, &rc);
	/* a list of teasers after the article's start may be the page's
	 * list of what it offers: only those before it are left out */
	for (size_t i = 0; i < np && top; i++)
		if (ps[i].listed && xmlXPathCmpNodes(ps[i].node, top) != 1)
			ps[i].listed = false;
	page_prose = prose(ps, np, NULL, body, top);
	if (!rc)
		rc = by_schema(&f, body, &p);
	if (!rc && p.n && prose(ps, np, &p, body, NULL) * 10 < page_prose * 6)
		p.n = 0; /* the markup names too little: score instead */
	by_markup = p.n > 0;
	if (!rc && !p.n && top) {
		/* widen while the pick holds much less than the prose */
		for (;;) {
			size_t pp;

			rc = pick_around(&f, top, &p);
			if (rc)
				break;
			pp = prose(ps, np, &p, body, NULL);
			if (pp * 10 >= page_prose * 6 &&
			    (pp * 10 >= page_prose * 8 ||
			     !body_above(top, body)))
				break;
			if (!top->parent || top->parent == body ||
			    top->parent->type != XML_ELEMENT_NODE) {
				p.n = 0; /* it would take the page */
				break;
			}
			top = top->parent;
		}
	}
	/* the pick may be one of a run of alike boxes (the posts of a
	 * thread, where the replies are "comments" to the scorer, the
	 * sections of a manual, the entries of a list): the run is the
	 * article when it adds ALIKE_GAIN bytes of prose to the pick */
	if (!rc && top && !by_markup) {
		xmlNodePtr a = alike_box(&f, top, body);
		struct wn_nodes r = {0};

		if (a && !(rc = alike_run(&f, a, &r))) {
			size_t was = p.n ? prose(ps, np, &p, body, NULL) : 0;
			size_t now = prose(ps, np, &r, body, NULL);

			if (now >= was + ALIKE_GAIN) {
				wn_run_log(run, WN_LOG_INFO,
					   "the pick is one of %zu alike "
					   "boxes: kept them all",
					   r.n);
				wn_nodes_free(&p);
				p = r;
				r = (struct wn_nodes){0};
				top = a;
			}
		}
		wn_nodes_free(&r);
	}
	if (!rc && p.n && by) {
		/* a site rule picked the article: trim clutter inside it, but
		 * never re-pick a part of it (a table, one post) */
		size_t kept = 0, all = wn_node_text_len(body);

		for (size_t i = 0; i < p.n; i++)
			kept += wn_node_text_len(p.v[i]);
		if (kept * 10 < all * 8) {
			wn_run_log(run, WN_LOG_INFO,
				   "the article was picked by %s; kept whole",
				   by);
			p.n = 0;
			top = NULL;
			wn_nodes_free(&p);
			free(ps);
			facts_free(&f);
			free(blocks);
			return 0;
		}
	}
	if (!rc && p.n && !by_markup)
		widen_to_question(run, &p, ps, np);
	if (!rc && p.n)
		rc = listing(run, body, &p, page_prose);
	if (!rc && p.n && !by_markup)
		rc = widen_to_main(run, &p);
	if (!rc && p.n && !by_markup)
		rc = widen_to_sections(run, &p, body);
	if (!rc && p.n) {
		xmlNodePtr h1 = title_for(body, &p);
		xmlChar *path = xmlGetNodePath(p.v[0]);

		wn_run_log(run, WN_LOG_INFO,
			   "kept %s and %zu more (score %.1f, %zu of %zu "
			   "bytes of prose)",
			   path ? (const char *)path : "?", p.n - 1, best,
			   prose(ps, np, &p, body, NULL), page_prose);
		xmlFree(path);

		if (h1)
			rc = wn_nodes_push(&p, h1);
		if (!rc)
			rc = apply(run, body, &p);
		for (size_t i = 0; i < p.n && !rc; i++)
			rc = clean_inside(&f, run, p.v[i]);
	} else if (!rc)
		wn_run_log(run, WN_LOG_INFO, "no article found; page kept");
	wn_nodes_free(&p);
	free(ps);
	facts_free(&f);
	free(blocks);
	return rc;
}

/* ---- text --------------------------------------------------------- */

/* Stop words, folded (lower case); one list a language. */
static const char *const stop_en[] = {
	"the",     "of",     "and",    "to",    "a",       "in",      "is",
	"that",    "for",    "it",     "as",    "was",     "with",    "be",
	"by",      "on",     "not",    "he",    "she",     "this",    "are",
	"or",      "his",    "her",    "from",  "at",      "which",   "but",
	"have",    "an",     "had",    "they",  "you",     "were",    "their",
	"has",     "been",   "we",     "its",   "will",    "would",   "there",
	"can",     "all",    "more",   "when",  "who",     "also",    "than",
	"into",    "after",  "about",  "said",  "could",   "if",      "what",
	"so",      "one",    "may",    "other", "against", "any",     "some",
	"these",   "those",  "them",   "then",  "out",     "up",      "do",
	"does",    "did",    "no",     "our",   "us",      "my",      "your",
	"how",     "over",   "such",   "only",  "most",    "just",    "being",
	"where",   "while",  "should", "must",  "very",    "because", "through",
	"between", "before", "under",  "each",  "both",    "why",     "now",
	"here",    "i",      "me",     "him",   "there",   "our",     "out",
	"new",     "said",   "like",   "many",  "even",    "still",   "much",
	NULL};
static const char *const stop_de[] = {
	"der",   "die",  "und",  "in",   "den",   "von",  "zu",    "das",
	"mit",   "sich", "des",  "auf",  "für",   "ist",  "im",    "dem",
	"nicht", "ein",  "eine", "als",  "auch",  "es",   "an",    "werden",
	"aus",   "er",   "hat",  "dass", "sie",   "nach", "wird",  "bei",
	"einer", "um",   "am",   "sind", "noch",  "wie",  "einem", "über",
	"einen", "so",   "zum",  "war",  "haben", "nur",  "oder",  "aber",
	"vor",   "zur",  "bis",  "mehr", "durch", "man",  NULL};
static const char *const stop_fr[] = {
	"de",   "la",   "le",   "et",    "les",   "des",   "en",
	"un",   "du",   "une",  "que",   "est",   "pour",  "qui",
	"dans", "a",    "par",  "plus",  "pas",   "au",    "sur",
	"ne",   "se",   "ce",   "il",    "sont",  "la",    "aux",
	"avec", "son",  "sa",   "ont",   "ou",    "mais",  "elle",
	"nous", "vous", "leur", "été",   "cette", "comme", "ses",
	"on",   "y",    "été",  "entre", "aussi", "fait",  NULL};
static const char *const stop_es[] = {
	"de",    "la",    "que",     "el",   "en",    "y",      "a",
	"los",   "del",   "se",      "las",  "por",   "un",     "para",
	"con",   "no",    "una",     "su",   "al",    "lo",     "como",
	"más",   "pero",  "sus",     "le",   "ya",    "o",      "este",
	"ha",    "sí",    "porque",  "esta", "entre", "cuando", "muy",
	"sin",   "sobre", "también", "me",   "hasta", "hay",    "donde",
	"quien", "desde", "todo",    "nos",  "es",    "fue",    "son",
	NULL};
static const char *const stop_it[] = {
	"di",    "e",      "il",    "la",  "che",   "a",   "per",   "in",
	"un",    "è",      "del",   "non", "una",   "da",  "sono",  "le",
	"si",    "con",    "i",     "al",  "della", "dei", "gli",   "come",
	"più",   "ma",     "anche", "nel", "alla",  "lo",  "delle", "ha",
	"nella", "questo", "o",     "se",  "tra",   "sul", "stato", "essere",
	"dal",   "loro",   "era",   "suo", "sua",   NULL};
static const char *const stop_pt[] = {
	"de",    "a",    "o",    "que",  "e",    "do",     "da",
	"em",    "um",   "para", "é",    "com",  "não",    "uma",
	"os",    "no",   "se",   "na",   "por",  "mais",   "as",
	"dos",   "como", "mas",  "foi",  "ao",   "ele",    "das",
	"tem",   "à",    "seu",  "sua",  "ou",   "ser",    "quando",
	"muito", "há",   "nos",  "já",   "está", "também", "só",
	"pelo",  "pela", "até",  "isso", "ela",  "entre",  NULL};
static const char *const stop_nl[] = {
	"de",  "en",   "van",   "ik",     "te",   "dat",   "die",
	"in",  "een",  "hij",   "het",    "niet", "zijn",  "is",
	"was", "op",   "aan",   "met",    "als",  "voor",  "had",
	"er",  "maar", "om",    "hem",    "dan",  "zou",   "of",
	"wat", "mijn", "men",   "dit",    "zo",   "door",  "over",
	"ze",  "zich", "bij",   "ook",    "tot",  "je",    "naar",
	"kan", "nog",  "wordt", "worden", "werd", "heeft", NULL};
static const char *const stop_ru[] = {
	"и",     "в",     "во",    "не",      "что",     "он",      "на",
	"я",     "с",     "со",    "как",     "а",       "то",      "все",
	"она",   "так",   "его",   "но",      "да",      "ты",      "к",
	"у",     "же",    "вы",    "за",      "бы",      "по",      "только",
	"ее",    "мне",   "было",  "вот",     "от",      "меня",    "еще",
	"нет",   "о",     "из",    "ему",     "для",     "это",     "при",
	"также", "был",   "была",  "были",    "который", "которые", "их",
	"они",   "мы",    "этот",  "эта",     "эти",     "этого",   "этой",
	"том",   "тем",   "чем",   "если",    "или",     "когда",   "уже",
	"даже",  "ли",    "ни",    "до",      "после",   "под",     "без",
	"через", "более", "очень", "себя",    "есть",    "будет",   "быть",
	"того",  "чтобы", "где",   "которая", "которое", "которых", "всех",
	"всего", "него",  "них",   "об",      "тоже",    "лишь",    "между",
	"можно", "может", NULL};

static const char *const stop_id[] = {
	"yang",      "dan",     "di",     "ini",      "itu",     "dengan",
	"untuk",     "dari",    "dalam",  "tidak",    "akan",    "pada",
	"juga",      "ke",      "karena", "atau",     "ada",     "oleh",
	"adalah",    "bisa",    "kita",   "saya",     "mereka",  "sudah",
	"telah",     "hanya",   "lebih",  "seperti",  "jika",    "kami",
	"agar",      "kepada",  "bahwa",  "tersebut", "dapat",   "para",
	"antara",    "saat",    "namun",  "secara",   "sebagai", "masih",
	"harus",     "ia",      "dia",    "kamu",     "sangat",  "setelah",
	"belum",     "bagi",    "tetapi", "apa",      "pun",     "lagi",
	"sendiri",   "jangan",  "sampai", "hal",      "tak",     "semua",
	"sebuah",    "seorang", "yaitu",  "kalau",    "maka",    "kemudian",
	"sejak",     "tentang", "banyak", "menjadi",  "bahkan",  "hingga",
	"sebelum",   "tanpa",   "selalu", "sama",     "mana",    "siapa",
	"bagaimana", "mengapa", "kalian", "ketika",   "bukan",   "orang",
	NULL};

/* Japanese and Chinese leave no spaces between words: their "stop
 * words" are the particles and function characters, counted one by one,
 * and their words are counted as two characters each. */
static const char *const stop_ja[] = {"の", "に", "は", "を", "が", "で", "と",
				      "も", "て", "た", "へ", "な", NULL};
static const char *const stop_zh[] = {"的", "了", "是", "在", "和", "有",
				      "不", "这", "也", "就", "都", "我",
				      "他", "们", "个", NULL};

static const char *const *const stop_lists[] = {
	stop_en, stop_de, stop_fr, stop_es, stop_it, stop_pt,
	stop_nl, stop_ru, stop_id, stop_ja, stop_zh};
#define NLANG (sizeof(stop_lists) / sizeof(*stop_lists))

static bool is_stop(const char *w, size_t k, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == k && !memcmp(*list, w, k))
			return true;
	return false;
}

/* Is the three-byte UTF-8 sequence at p kana or a CJK ideograph? */
static bool is_cjk3(const unsigned char *p)
{
	unsigned cp =
		((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);

	return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff);
}

/* A run of text with CJK characters in [a, b): count its words (two
 * characters a word, and one for any other letters in it) and its
 * particles; false when it has none. */
static bool count_cjk(const char *a, const char *b, size_t *stops,
		      size_t *words)
{
	size_t cjk = 0;
	bool other = false;

	for (const unsigned char *p = (const unsigned char *)a;
	     p < (const unsigned char *)b;) {
		if ((p[0] & 0xf0) == 0xe0 && (const char *)p + 3 <= b &&
		    is_cjk3(p)) {
			cjk++;
			for (size_t l = 0; l < NLANG; l++)
				stops[l] += is_stop((const char *)p, 3,
						    stop_lists[l]);
			p += 3;
			continue;
		}
		other |=
			*p < 0x80 && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
		p++;
	}
	if (!cjk)
		return false;
	*words += (cjk + 1) / 2 + other;
	return true;
}

/* Count words and stop words of folded text for every language. */
static size_t count_words(const char *f, size_t *stops)
{
	size_t words = 0;
	const char *p = f;

	memset(stops, 0, NLANG * sizeof(*stops));
	while (*p) {
		const char *q = p;

		while (*q && *q != ' ')
			q++;
		if (q > p) {
			/* strip punctuation at the word's edges */
			const char *a = p, *b = q;

			while (a < b && (unsigned char)*a < 0x80 &&
			       !((*a | 0x20) >= 'a' && (*a | 0x20) <= 'z') &&
			       !(*a >= '0' && *a <= '9'))
				a++;
			while (b > a && (unsigned char)b[-1] < 0x80 &&
			       !((b[-1] | 0x20) >= 'a' &&
				 (b[-1] | 0x20) <= 'z') &&
			       !(b[-1] >= '0' && b[-1] <= '9'))
				b--;
			if (b > a && count_cjk(a, b, stops, &words))
				;
			else if (b > a) {
				words++;
				for (size_t l = 0; l < NLANG; l++)
					stops[l] += is_stop(a, (size_t)(b - a),
							    stop_lists[l]);
			}
		}
		p = *q ? q + 1 : q;
	}
	return words;
}

/* The text of n, or with own only that of its own inline content,
 * appended to t. */
static int text_for(const xmlNode *n, bool own, struct wn_buf *t)
{
	int rc = 0;

	if (!own)
		return wn_node_text(n, t);
	for (const xmlNode *c = n->children; c && !rc; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content)
			rc = wn_buf_append(t, (const char *)c->content,
					   strlen((const char *)c->content));
		else if (c->type == XML_ELEMENT_NODE &&
			 !wn_node_is_block(c) && !wn_node_is_hidden(c))
			rc = wn_node_text(c, t);
		if (!rc)
			rc = wn_buf_append(t, " ", 1);
	}
	return rc;
}

/* Is most of t ASCII?  Scripts written without marks between
 * sentences (Thai) and without a list of stop words here stay out of
 * bare(). */
static bool mostly_ascii(const struct wn_buf *t)
{
	size_t high = 0;

	for (size_t i = 0; i < t->len; i++)
		high += (unsigned char)t->data[i] >= 0x80;
	return high * 2 < t->len;
}

/*
 * A block of Latin script without one mark of punctuation whose words
 * are hardly ever stop words (under one in BARE_STOPS, in every
 * language) is a list of names set as text: the towns and zip codes a
 * business serves, a menu's categories, tags.  It neither scores nor
 * counts as prose.  A headline-like sentence without a mark still reads
 * as words ("is looking for tutors to assist students in ...").  With
 * own, only n's own inline content is read.
 */
static bool bare(const xmlNode *n, bool own)
{
	struct wn_buf t = {0};
	size_t stops[NLANG], words, best = 0;
	char *f;

	if (text_for(n, own, &t) < 0 || !t.data || !mostly_ascii(&t) ||
	    has_marks((const xmlChar *)t.data)) {
		wn_buf_free(&t);
		return false;
	}
	f = malloc(t.len + 8);
	if (!f) {
		wn_buf_free(&t);
		return false;
	}
	wn_text_fold(t.data, t.len, f, t.len + 8);
	words = count_words(f, stops);
	for (size_t l = 0; l < NLANG; l++)
		if (stops[l] > best)
			best = stops[l];
	free(f);
	wn_buf_free(&t);
	return words > 0 && best * BARE_STOPS < words;
}

enum cls { BAD, SHORT, NEARGOOD, GOOD };

#define LEN_LOW   70
#define LEN_HIGH  200
#define STOP_LOW  0.30
#define STOP_HIGH 0.32
/* A page whose words are stop words of its best list fewer than once
 * in this many is in a language with no list. */
#define NOLANG_RATIO 100

struct tblk {
	xmlNodePtr node;
	size_t len, words;
	size_t stops[NLANG];
	enum cls cls;
	bool bullet;   /* a list item ("* ", "+ ", "o ", "- ") */
	bool sentence; /* ends as a sentence does */
	bool legal;    /* copyright lines, legal links */
	bool after;    /* heads what follows the article */
	bool widget;   /* an image's name, a form field, a button */
	bool teaser;   /* a headline run into its teaser */
	bool figure;   /* has a digit */
	bool rule;     /* a horizontal rule: "_____" (lynx), "-----" (w3m) */
	double c;      /* how much it reads like the article, 0..1 */
	bool keep;
	char *fold; /* its folded text */
};

/* The class of the nearest block before (dir -1) or after (+1) i that is
 * not short (and not near-good, unless `neargood`); the document's edges
 * count as bad. */
static enum cls neighbour(const struct tblk *b, size_t n, size_t i, int dir,
			  bool neargood)
{
	for (size_t j = i; dir < 0 ? j-- > 0 : ++j < n;) {
		if (b[j].cls == SHORT)
			continue;
		if (b[j].cls == NEARGOOD && !neargood)
			continue;
		return b[j].cls;
	}
	return BAD;
}

/* Phrases of a page's footer and legal small print (folded). */
static const char *const small_print[] = {"©",
					  "(c) 20",
					  "copyright",
					  "all rights reserved",
					  "registered trademark",
					  "privacy policy",
					  "terms of use",
					  "terms of service",
					  "terms and conditions",
					  "cookie policy",
					  "alle rechte vorbehalten",
					  "datenschutz",
					  "tous droits réservés",
					  "mentions légales",
					  "todos los derechos reservados",
					  "política de privacidad",
					  "tutti i diritti riservati",
					  "todos os direitos reservados",
					  "alle rechten voorbehouden",
					  "все права защищены",
					  NULL};

static bool is_small_print(const char *folded)
{
	for (const char *const *p = small_print; *p; p++)
		if (strstr(folded, *p))
			return true;
	return false;
}

static bool has_bytes(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, lit, k))
			return true;
	return false;
}

/* "[photo_2019-1.jpg]", w3m's "[photo_2019]": an image drawn by its file
 * name (a word in brackets, "[Reuters]", is text); "[     ]": a text
 * field. */
static bool is_image_name(const char *s, size_t n)
{
	bool file = false, blank = true;

	if (n < 2 || s[0] != '[' || s[n - 1] != ']')
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		blank &= s[i] == ' ';
		if (s[i] == '[' || s[i] == ']')
			return false;
		file |= strchr("._/?=-:", s[i]) || (s[i] >= '0' && s[i] <= '9');
	}
	if (blank)
		return true; /* a text field, w3m's way */
	return file && !memchr(s, ' ', n);
}

/*
 * "Ten Tomatoes To TryFrom the small cherry kinds...": a dumper runs a
 * teaser's headline into its text when nothing parted them in the page.
 * A capital letter straight after a few small ones or a "?", early on,
 * after a few words that are mostly capitalised, as headlines are.
 */
static bool is_run_in_teaser(const char *s, size_t n)
{
	size_t words = 0, caps = 0, low = 0;
	bool start = true;

	for (size_t i = 0; i + 1 < n && i < 160; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == ' ') {
			start = true;
			low = 0;
			continue;
		}
		if (start) {
			words++;
			caps += (ch >= 'A' && ch <= 'Z') ||
				(ch >= '0' && ch <= '9');
			start = false;
			continue;
		}
		/* "MacBook", "McDonald": a name's capital comes sooner */
		if (ch >= 'A' && ch <= 'Z' && s[i + 1] >= 'a' &&
		    s[i + 1] <= 'z' && (low >= 4 || s[i - 1] == '?'))
			return words >= 4 && caps * 4 >= words * 3;
		low = ch >= 'a' && ch <= 'z' ? low + 1 : 0;
	}
	return false;
}

/* Bullets and sentence ends, from the block's text. */
static void mark_shape(struct tblk *b, const char *s, size_t n)
{
	const unsigned char *e = (const unsigned char *)s + n;

	b->bullet = n > 2 && strchr("*+o-#", s[0]) && s[1] == ' ';
	/* how dumpers draw what is not text: an image's file name,
	 * "(BUTTON)", "____" for a text field */
	b->teaser = is_run_in_teaser(s, n);
	b->widget = is_image_name(s, n) || has_bytes(s, n, "(BUTTON)") ||
		    has_bytes(s, n, "_____");
	while (e > (const unsigned char *)s &&
	       (e[-1] == '"' || e[-1] == '\'' || e[-1] == ')' || e[-1] == ' '))
		e--;
	/* closing quotes: U+201D, U+2019, U+00BB */
	while (e - (const unsigned char *)s >= 3 && e[-3] == 0xe2 &&
	       e[-2] == 0x80 && (e[-1] == 0x9d || e[-1] == 0x99))
		e -= 3;
	b->sentence =
		e > (const unsigned char *)s &&
		(e[-1] == '.' || e[-1] == '!' || e[-1] == '?' || e[-1] == ':' ||
		 (e - (const unsigned char *)s >= 3 && e[-3] == 0xe3 &&
		  e[-2] == 0x80 && e[-1] == 0x82) ||
		 (e - (const unsigned char *)s >= 3 && e[-3] == 0xe2 &&
		  e[-2] == 0x80 && e[-1] == 0xa6));
}

/* Stop-word density from which a block starts to read like prose, and
 * at which it reads fully so; words at which its length stops
 * counting against it. */
#define SD_NONE    0.12
#define SD_FULL    0.30
#define WORDS_FULL 25.0
/* Below this a block weighs against the span it is in. */
#define SPAN_CUT 0.55
/* A block that weighs against the span does so as one this long at
 * least: a run of menu entries is as much a break as a paragraph. */
#ifndef SPAN_MINLEN
#define SPAN_MINLEN 70.0
#endif
#ifndef SPAN_RUN
#define SPAN_RUN 3
#endif
/* Bytes of prose in the span that make a short article even when no
 * block of it is long enough to be good. */
#define SHORT_ARTICLE 200
/* In the span, a block reading less like the article than this goes,
 * unless the first classes called it good or it is short. */
#define KEEP_MIN 0.2

/*
 * How much a block reads like the article, 0..1: its stop-word density
 * in the page's language, scaled down for a few words, up for a
 * sentence's end, down for a list item; legal small print not at all.
 */
/* A block's stop-word density in the page's language; with none known
 * (lang NLANG), as full as prose's when the block ends as a sentence
 * does, as low as a menu's when not. */
static double stop_density(const struct tblk *b, size_t lang)
{
	if (lang == NLANG)
		return b->sentence ? SD_FULL : SD_NONE;
	return b->words ? (double)b->stops[lang] / (double)b->words : 0;
}

static double reads_like_text(const struct tblk *b, size_t lang)
{
	double sd = stop_density(b, lang);
	double c = (sd - SD_NONE) / (SD_FULL - SD_NONE);
	double lenf = (double)b->words / WORDS_FULL;

	if (b->legal || b->widget || b->teaser)
		return 0;
	c = c < 0 ? 0 : c > 1 ? 1 : c;
	c *= lenf > 1 ? 1 : lenf;
	c = b->sentence ? c + 0.2 : c * 0.6;
	if (b->bullet)
		c *= 0.7;
	return c > 1 ? 1 : c;
}

/* Headings of what follows an article on the page: teasers of other
 * articles, the author's box, comments (folded; the whole block). */
static const char *const after_heads[] = {"related",
					  "related articles",
					  "related posts",
					  "related stories",
					  "related content",
					  "related news",
					  "related topics",
					  "related links",
					  "you may also like",
					  "you might also like",
					  "you may like",
					  "you might like",
					  "you may be interested in",
					  "you might be interested in",
					  "recommended",
					  "recommended for you",
					  "recommended articles",
					  "more stories",
					  "more news",
					  "more articles",
					  "more like this",
					  "read next",
					  "up next",
					  "what to read next",
					  "most popular",
					  "most read",
					  "popular posts",
					  "trending now",
					  "editor's picks",
					  "top stories",
					  "latest news",
					  "latest stories",
					  "don't miss",
					  "around the web",
					  "from the web",
					  "sponsored stories",
					  "comments",
					  "leave a comment",
					  "leave a reply",
					  "tags",
					  "about the author",
					  "share this article",
					  "share this story",
					  "das könnte sie auch interessieren",
					  "mehr zum thema",
					  "weitere artikel",
					  "ähnliche artikel",
					  "verwandte artikel",
					  "kommentare",
					  "meistgelesen",
					  "über den autor",
					  "über die autorin",
					  "articles similaires",
					  "articles liés",
					  "sur le même sujet",
					  "vous aimerez aussi",
					  "les plus lus",
					  "commentaires",
					  "à propos de l'auteur",
					  "artículos relacionados",
					  "noticias relacionadas",
					  "te puede interesar",
					  "también te puede interesar",
					  "lo más leído",
					  "comentarios",
					  "sobre el autor",
					  "articoli correlati",
					  "potrebbe interessarti",
					  "ti potrebbe interessare",
					  "i più letti",
					  "commenti",
					  "artigos relacionados",
					  "notícias relacionadas",
					  "posts relacionados",
					  "você pode gostar",
					  "você também pode gostar",
					  "mais lidas",
					  "comentários",
					  "sobre o autor",
					  "gerelateerde artikelen",
					  "meest gelezen",
					  "reacties",
					  "похожие статьи",
					  "похожие записи",
					  "комментарии",
					  "関連記事",
					  "関連ニュース",
					  "おすすめ記事",
					  "人気記事",
					  "관련기사",
					  "관련 기사",
					  "相关文章",
					  "相关阅读",
					  "推荐阅读",
					  NULL};

/* Openings of such headings that go on with a name ("More from The
 * Times"); folded. */
static const char *const after_named[] = {
	"more from", "more in",  "more by", "next up in", "mehr von", "plus de",
	"más de",    "altro da", "mais de", "meer van",   NULL};

/* Does block i open what follows the article: a short heading, no
 * sentence, naming one of those sections? */
static bool after_head(const struct tblk *b, const char *folded)
{
	if (b->words == 0 || b->words > 6 || b->len >= LEN_LOW)
		return false;
	if (wn_phrase_is(folded, after_heads))
		return true;
	return !b->sentence && b->words <= 4 &&
	       wn_phrase_prefix(folded, after_named) > 0;
}

/* Is s a horizontal rule as a dumper draws one, a line of ten or more
 * "_" or "-"? */
static bool is_rule(const char *s)
{
	size_t n = 0;

	while (*s == ' ')
		s++;
	for (; *s == '_' || *s == '-'; s++)
		n++;
	while (*s == ' ')
		s++;
	return !*s && n >= 10;
}

/* Does a paragraph of the article come just after block i (a box of
 * links inside the article rather than after it)? */
static bool prose_near(const struct tblk *b, size_t n, size_t i)
{
	for (size_t j = i + 1; j < n && j <= i + 3; j++)
		if (b[j].len >= LEN_LOW && b[j].c >= 0.8 && b[j].sentence &&
		    !b[j].bullet)
			return true;
	return false;
}

/* A table row as a dumper draws it: a line of a few words with a figure
 * in it, shorter than this, one of at least ROW_RUN such lines in a row
 * (a schedule, results, a price list).  Rows read like prose no more
 * than a menu does, but a table is the article's as often as not: they
 * weigh for the span as short prose does, so a table inside the article
 * or at its edge stays with it, and a page that is one table is found. */
#define ROW_LEN 140
#define ROW_RUN 3
#define ROW_C   (SPAN_CUT + 0.3)

static bool row_like(const struct tblk *b)
{
	return b->figure && b->len < ROW_LEN && b->words >= 2 && !b->bullet &&
	       !b->widget && !b->legal;
}

static void mark_rows(struct tblk *b, size_t n)
{
	for (size_t i = 0, j; i < n; i = j) {
		j = i + 1;
		if (!row_like(&b[i]))
			continue;
		/* lines that follow each other, no blank line between (a
		 * long row may have been wrapped over more lines) */
		while (j < n && row_like(&b[j]) &&
		       b[j].node->line <=
			       b[j - 1].node->line + 1 + b[j - 1].len / 80)
			j++;
		for (size_t k = i; j - i >= ROW_RUN && k < j; k++)
			if (b[k].c < ROW_C)
				b[k].c = ROW_C;
	}
}

/* May block b, just outside the span, join it: a sentence too short to
 * weigh for the article (its last line, a question put to the reader,
 * the line that introduces a quote) and not a heading of what follows,
 * a list item, small print, a widget or a teaser? */
static bool joins_span(const struct tblk *b)
{
	return b->sentence && !b->after && !b->bullet && !b->legal &&
	       !b->widget && !b->teaser;
}

/*
 * The article is one run of blocks: the span whose blocks read most
 * like it, each weighing its length times how far it reads like the
 * article rather than not (the largest-sum run, in one pass).
 */
static void best_span(struct tblk *b, size_t n, size_t *from, size_t *to)
{
	double sum = 0, best = 0;
	size_t start = 0;

	size_t run = 0, runend = 0;

	*from = *to = 0;
	for (size_t i = 0; i < n; i++) {
		double len = (double)b[i].len;
		double w;

		if (i >= runend) {
			/* the run of weak short blocks from here */
			run = 0;
			while (i + run < n && b[i + run].len < LEN_LOW &&
			       b[i + run].c < SPAN_CUT)
				run++;
			runend = run ? i + run : i + 1;
		}
		if (b[i].c < SPAN_CUT && len < SPAN_MINLEN &&
		    (run >= SPAN_RUN || b[i].widget))
			len = SPAN_MINLEN;
		/* a teaser inside the article (an inline "related" box)
		 * weighs no more than a menu entry */
		if (b[i].teaser && len > SPAN_MINLEN)
			len = SPAN_MINLEN;
		w = (b[i].c - SPAN_CUT) * len;

		if (sum <= 0) {
			sum = 0;
			start = i;
		}
		sum += w;
		if (sum > best) {
			best = sum;
			*from = start;
			*to = i + 1;
		}
	}
}

/* A block at least this many words long that repeats the article's
 * text put together from several of its blocks is a copy of it. */
#define COPY_WORDS 40

/* Hashes of the runs of three words of folded text into *out (grown);
 * their number. */
static size_t shingles(const char *f, uint64_t **out, size_t *cap)
{
	uint64_t w[3] = {0};
	size_t nw = 0, n = 0;

	for (const char *p = f; *p;) {
		const char *q = p;
		uint64_t h = 1469598103934665603ull;
		bool word = false;

		while (*q && *q != ' ')
			q++;
		/* the word's letters and digits, not its punctuation */
		for (const char *a = p; a < q; a++)
			if ((unsigned char)*a >= 0x80 ||
			    (*a >= 'a' && *a <= 'z') ||
			    (*a >= '0' && *a <= '9')) {
				h = (h ^ (unsigned char)*a) * 1099511628211ull;
				word = true;
			}
		if (word) {
			w[0] = w[1], w[1] = w[2], w[2] = h;
			if (++nw >= 3) {
				if (wn_grow(out, n, cap, sizeof(**out), 64))
					return SIZE_MAX;
				(*out)[n++] = (w[0] * 31 + w[1]) * 31 + w[2];
			}
		}
		p = *q ? q + 1 : q;
	}
	return n;
}

struct shset {
	uint64_t *key;
	size_t *blk; /* block index + 1; 0: empty */
	size_t cap, n;
};

/* The slot of k, or the empty one it would take. */
static size_t shset_at(const struct shset *s, uint64_t k)
{
	size_t at = (size_t)(k ^ (k >> 29)) & (s->cap - 1);

	while (s->blk[at] && s->key[at] != k)
		at = (at + 1) & (s->cap - 1);
	return at;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Drop kept blocks that copy the article kept before them: a dumped
 * page may print the whole article again as one block (its metadata,
 * a script's copy), or a summary of it.  A block goes when most of its
 * word runs come before it, spread over several blocks: a block
 * repeated whole (the same question asked of each guest) is not a copy.
 */
static int drop_copies(struct tblk *b, size_t nb)
{
	struct shset set = {0};
	uint64_t *sh = NULL;
	size_t shcap = 0, total = 0, *src = NULL, srccap = 0;
	int rc = 0;

	/* room for every word run of the kept blocks, half full at most */
	for (size_t i = 0; i < nb; i++)
		if (b[i].keep)
			total += b[i].words;
	for (set.cap = 64; set.cap < 2 * total + 64; set.cap *= 2)
		;
	set.key = calloc(set.cap, sizeof(*set.key));
	set.blk = calloc(set.cap, sizeof(*set.blk));
	if (!set.key || !set.blk) {
		rc = WN_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < nb && !rc; i++) {
		size_t n, hits = 0, most = 0;

		if (!b[i].keep)
			continue;
		n = shingles(b[i].fold, &sh, &shcap);
		if (n == SIZE_MAX) {
			rc = WN_ENOMEM;
			break;
		}
		if (b[i].words >= COPY_WORDS) {
			for (size_t k = 0; k < n && !rc; k++) {
				size_t at = shset_at(&set, sh[k]);

				if (!set.blk[at])
					continue;
				if (wn_grow(&src, hits, &srccap, sizeof(*src),
					    64))
					rc = WN_ENOMEM;
				else
					src[hits++] = set.blk[at];
			}
			/* the most word runs one earlier block gave */
			if (hits)
				qsort(src, hits, sizeof(*src), cmp_size);
			for (size_t k = 0, run = 0; k < hits; k++) {
				run = k && src[k] == src[k - 1] ? run + 1 : 1;
				if (run > most)
					most = run;
			}
			if (hits * 5 >= n * 4 && most * 2 < n) {
				b[i].keep = false;
				continue;
			}
		}
		for (size_t k = 0; k < n && set.n * 2 < set.cap; k++) {
			size_t at = shset_at(&set, sh[k]);

			if (!set.blk[at]) {
				set.key[at] = sh[k];
				set.blk[at] = i + 1;
				set.n++;
			}
		}
	}
out:
	free(set.key);
	free(set.blk);
	free(sh);
	free(src);
	return rc;
}

static int run_text(struct wn_run *run)
{
	xmlNodePtr *nodes = NULL;
	size_t nb = 0, lang = 0, best = 0, total[NLANG] = {0}, kept = 0,
	       all = 0, words = 0, prose = 0, from, to;
	bool none;
	struct tblk *b;
	struct wn_buf t = {0};
	enum cls *ctx;
	int rc = wn_blocks(wn_run_body(run), &nodes, &nb);

	if (rc || nb == 0) {
		free(nodes);
		return rc;
	}
	b = calloc(nb, sizeof(*b));
	ctx = calloc(nb, sizeof(*ctx));
	if (!b || !ctx) {
		rc = WN_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < nb && !rc; i++) {
		char *f;

		t.len = 0;
		rc = wn_node_text(nodes[i], &t);
		if (rc)
			break;
		f = malloc(t.len + 8);
		if (!f) {
			rc = WN_ENOMEM;
			break;
		}
		/* the fold of the same text, kept from an earlier step */
		wn_node_fold(nodes[i], f, t.len + 8);
		b[i].node = nodes[i];
		b[i].len = t.len;
		mark_shape(&b[i], t.data ? t.data : "", t.len);
		b[i].words = count_words(f, b[i].stops);
		b[i].legal = is_small_print(f);
		b[i].figure = strpbrk(f, "0123456789") != NULL;
		b[i].rule = is_rule(t.data ? t.data : "");
		b[i].after = after_head(&b[i], f);
		for (size_t l = 0; l < NLANG; l++)
			total[l] += b[i].stops[l];
		b[i].fold = f;
	}
	if (rc)
		goto out;
	for (size_t l = 0; l < NLANG; l++)
		if (total[l] > best)
			best = total[l], lang = l;
	for (size_t i = 0; i < nb; i++)
		words += b[i].words;
	/* hardly a stop word of any list: a language we have none for
	 * (Korean, Arabic ...) */
	if (best * NOLANG_RATIO < words)
		lang = NLANG;
	/* context-free classes */
	for (size_t i = 0; i < nb; i++) {
		double sd = stop_density(&b[i], lang);

		all += b[i].len;
		if (b[i].len < LEN_LOW)
			b[i].cls = SHORT;
		else if (sd >= STOP_HIGH && b[i].len >= LEN_HIGH)
			b[i].cls = GOOD;
		else if (sd >= STOP_LOW)
			b[i].cls = NEARGOOD;
		else
			b[i].cls =
				sd >= STOP_LOW / 2 && b[i].len >= LEN_HIGH * 2
					? NEARGOOD
					: BAD;
	}
	/* context-sensitive classes, decided on the first-stage classes */
	for (size_t i = 0; i < nb; i++) {
		enum cls c = b[i].cls;

		if (c == SHORT || c == NEARGOOD) {
			enum cls pv = neighbour(b, nb, i, -1, false);
			enum cls nx = neighbour(b, nb, i, +1, false);

			if (pv == GOOD && nx == GOOD)
				c = GOOD;
			else if (pv == BAD && nx == BAD)
				c = b[i].cls == NEARGOOD &&
						    (neighbour(b, nb, i, -1,
							       true) ==
							     NEARGOOD ||
						     neighbour(b, nb, i, +1,
							       true) ==
							     NEARGOOD)
					    ? GOOD
					    : BAD;
			else if (b[i].cls == NEARGOOD)
				c = GOOD;
			else
				c = neighbour(b, nb, i, -1, true) == NEARGOOD ||
						    neighbour(b, nb, i, +1,
							      true) == NEARGOOD
					    ? GOOD
					    : BAD;
		}
		ctx[i] = c;
	}
	for (size_t i = 0; i < nb; i++)
		if (ctx[i] == GOOD)
			kept += b[i].len;
	for (size_t i = 0; i < nb; i++)
		b[i].c = reads_like_text(&b[i], lang);
	mark_rows(b, nb);
	best_span(b, nb, &from, &to);
	while (to > from && to < nb && joins_span(&b[to]))
		to++;
	while (to > from && from > 0 && joins_span(&b[from - 1]))
		from--;
	/* the article ends where a heading of what follows it comes, or a
	 * horizontal rule (the "about us" box of a press release, the
	 * author's box, a newsletter form below it), once more of the
	 * article is behind it than ahead */
	{
		size_t before = 0, in = 0;

		for (size_t i = from; i < to; i++)
			if (ctx[i] == GOOD || b[i].c >= SPAN_CUT)
				in += b[i].len;
		for (size_t i = from; i < to; i++) {
			if ((b[i].rule ||
			     (b[i].after && !prose_near(b, to, i))) &&
			    before > 0 && before * 2 >= in) {
				to = i;
				break;
			}
			if (ctx[i] == GOOD || b[i].c >= SPAN_CUT)
				before += b[i].len;
		}
	}
	/* nothing good: this is not an article we can find (a table, a
	 * list of results); keep it all, unless the span reads as a short
	 * article does (a few paragraphs, none long enough to be good) */
	for (size_t i = from; i < to; i++)
		if (b[i].c >= SPAN_CUT)
			prose += b[i].len;
	none = (kept == 0 || kept * 20 < all) && prose < SHORT_ARTICLE;
	if (none)
		from = 0, to = nb;
	/* inside the span, blocks that read like neither the article nor
	 * one of its headings go too */
	for (size_t i = 0; i < nb; i++)
		b[i].keep = i >= from && i < to && !b[i].widget &&
			    !b[i].teaser &&
			    (none || ctx[i] == GOOD || b[i].c >= KEEP_MIN ||
			     b[i].len < LEN_LOW);
	rc = drop_copies(b, nb);
	for (size_t i = 0; i < nb && !rc; i++)
		if (!b[i].keep)
			rc = wn_run_remove(run, b[i].node);
out:
	for (size_t i = 0; b && i < nb; i++)
		free(b[i].fold);
	free(ctx);
	free(b);
	free(nodes);
	wn_buf_free(&t);
	return rc;
}

static int content_run(void *inst, struct wn_run *run)
{
	const char *by = wn_doc_meta_get(wn_run_doc(run), "extracted");

	(void)inst;
	/* `by`: a site rule (the ftr step's body:) picked the article */
	if (by && wn_run_kind(run) == WN_KIND_TEXT)
		return 0;
	return wn_run_kind(run) == WN_KIND_TEXT ? run_text(run)
						: run_html(run, by);
}

WN_PLUGIN_DEFINE(content, .version = "1.0",
		 .summary = "keep the main article, drop the rest of the page",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = content_run);
