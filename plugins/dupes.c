/* SPDX-License-Identifier: MIT */
/*
 * dupes: remove a block that repeats an earlier one (the title printed
 * twice), a truncated copy of a neighbouring block ending in "..." or
 * "…" (an excerpt printed before the full lede), keeping the full copy,
 * and in HTML a box printed twice for two screen sizes.
 * Blocks are compared on their folded text.
 *
 * Articles repeat text of their own: a meal plan says "Eat every 2-3
 * hours" each day, an interview series asks the same question of every
 * guest.  So a repeat is removed only when it looks like page furniture
 * (a link, a menu line) or when it comes soon after its first copy
 * without the blocks around it repeating as well (the title printed
 * again above the text, not a day's plan printed again).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#define MIN_REPEAT    15 /* bytes: shorter repeats ("Share", "1") stay */
#define MIN_TRUNCATED 20 /* bytes of text before the ellipsis */
#define NEIGHBOURS    3  /* blocks looked at on each side */
#define NEAR          8  /* blocks: a title printed twice is this close */

struct blk {
	xmlNodePtr node;
	char *fold;
	size_t flen;
	bool ellipsis;
	bool gone;
	bool furniture;  /* a link, a menu line: never article text */
	unsigned copies; /* later blocks with the same text, so far */
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* Open-addressing set of block indices keyed by folded text. */
struct seen {
	size_t *slot; /* index + 1; 0 is empty */
	size_t cap;
};

/* A set for n blocks, at most half full; WN_ENOMEM when out of memory. */
static int seen_init(struct seen *s, size_t n)
{
	for (s->cap = 16; s->cap < n * 2; s->cap *= 2)
		;
	s->slot = calloc(s->cap, sizeof(*s->slot));
	return s->slot ? 0 : WN_ENOMEM;
}

/* Add block i; returns the index of an earlier block with the same text,
 * or i when it is the first. */
static size_t seen_add(struct seen *s, const struct blk *bs, size_t i)
{
	size_t m = s->cap - 1;
	size_t at = (size_t)hash(bs[i].fold, bs[i].flen) & m;

	while (s->slot[at]) {
		const struct blk *o = &bs[s->slot[at] - 1];

		if (o->flen == bs[i].flen &&
		    !memcmp(o->fold, bs[i].fold, o->flen))
			return s->slot[at] - 1; /* already there */
		at = (at + 1) & m;
	}
	s->slot[at] = i + 1;
	return i;
}

static bool same(const struct blk *a, const struct blk *b)
{
	return a->flen == b->flen && !memcmp(a->fold, b->fold, a->flen);
}

#define PATTERN 3 /* blocks: how far apart the parts of a pattern are */

/*
 * Is the repeat i of block j part of a pattern the article repeats?  A
 * meal plan prints "Eat within an hour of waking up" and "Drink a glass
 * of water first" each day with another dish between them: some other
 * block close to i then repeats the block as close to j.  The title
 * printed again comes alone.
 */
static bool repeats_structure(const struct blk *bs, size_t n, size_t j,
			      size_t i)
{
	for (size_t k = 1; k <= PATTERN; k++) {
		if (i + k < n && bs[i + k].flen >= MIN_REPEAT &&
		    same(&bs[i + k], &bs[j + k]))
			return true;
		if (j >= k && i - k != j && bs[i - k].flen >= MIN_REPEAT &&
		    same(&bs[i - k], &bs[j - k]))
			return true;
	}
	return false;
}

/* A list line of a text dump: lynx and w3m mark items with these. */
static bool bullet_line(const xmlNode *node)
{
	static const char *const marks[] = {
		"* ", "+ ", "o ", "# ", "- ", "\xe2\x80\xa2 ", NULL};
	const xmlNode *t = node->children;
	const char *p;

	if (!t || t->type != XML_TEXT_NODE || !t->content)
		return false;
	p = (const char *)t->content;
	while (*p == ' ' || *p == '\t')
		p++;
	for (const char *const *m = marks; *m; m++)
		if (!strncmp(p, *m, strlen(*m)))
			return true;
	return false;
}

static bool furniture_tag(const xmlNode *n)
{
	/* asked of every element: the first letter rules most names out
	 * without a call */
	switch (n->name ? n->name[0] : 0) {
	case 'a':
		return xmlStrEqual(n->name, BAD_CAST "aside");
	case 'f':
		return xmlStrEqual(n->name, BAD_CAST "footer");
	case 'h':
		return xmlStrEqual(n->name, BAD_CAST "header");
	case 'm':
		return xmlStrEqual(n->name, BAD_CAST "menu");
	case 'n':
		return xmlStrEqual(n->name, BAD_CAST "nav");
	default:
		return false;
	}
}

/* The page's navigation, header, footer and sidebar elements, each
 * measured once.  Broken markup can leave a whole page inside an
 * unclosed <nav> or <header>: one that holds half the page or more is
 * no furniture and is left out. */
struct furniture {
	xmlNodePtr *v;
	size_t n;
};

static int find_furniture(xmlNodePtr body, struct furniture *fu)
{
	size_t page = wn_node_text_len(body), cap = 0;

	for (xmlNodePtr n = wn_next_element(body, body, false); n;
	     n = wn_next_element(n, body, false)) {
		if (!furniture_tag(n) || wn_node_text_len(n) * 2 >= page)
			continue;
		if (fu->n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			xmlNodePtr *q = realloc(fu->v, nc * sizeof(*q));

			if (!q)
				return WN_ENOMEM;
			fu->v = q;
			cap = nc;
		}
		fu->v[fu->n++] = n;
	}
	return 0;
}

/* Page furniture in HTML: a block that is mostly link text, or sits in a
 * link or in one of the furniture elements. */
static bool html_furniture(const xmlNode *node, const struct furniture *fu)
{
	size_t len = wn_node_text_len(node);

	if (wn_node_link_text_len(node) * 2 >= len)
		return true;
	for (const xmlNode *p = node->parent; p && p->type == XML_ELEMENT_NODE;
	     p = p->parent) {
		if (xmlStrEqual(p->name, BAD_CAST "a"))
			return true;
		if (furniture_tag(p))
			for (size_t k = 0; k < fu->n; k++)
				if (fu->v[k] == p)
					return true;
	}
	return false;
}

/* Is block i a truncated copy of a neighbour? */
static bool truncated_copy(const struct blk *bs, size_t n, size_t i)
{
	size_t lo = i > NEIGHBOURS ? i - NEIGHBOURS : 0;
	size_t hi = i + NEIGHBOURS < n ? i + NEIGHBOURS : n - 1;

	if (!bs[i].ellipsis || bs[i].flen < MIN_TRUNCATED)
		return false;
	for (size_t j = lo; j <= hi; j++) {
		if (j == i || bs[j].gone || bs[j].flen <= bs[i].flen)
			continue;
		if (!memcmp(bs[j].fold, bs[i].fold, bs[i].flen))
			return true;
	}
	return false;
}

/* ---- twin boxes ---------------------------------------------------- */

/*
 * A page built for several screens may print a box twice, one copy for
 * each (the rating, the price and the badges of a product, a menu): two
 * disjoint elements whose text is the same, block for block.  The
 * second copy goes whole.  One repeated block is left to the rules
 * below, which keep an article's own repeats; two blocks or more that
 * make up the whole of two boxes of some size are a copy.  A small box
 * shown twice (a card's title and blurb, again on its hover layer) may
 * be what the page lists, and stays.
 */
#define TWIN_MIN 300 /* bytes: shorter twins (a card's title and blurb) stay */

/* The lowest element holding both a and b. */
static xmlNodePtr common_box(xmlNodePtr a, const xmlNode *b)
{
	for (; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (wn_node_within(b, a))
			return a;
	return NULL;
}

/* Do a and b, elements, render the same text?  t and u are scratch. */
static int same_text(const xmlNode *a, const xmlNode *b, struct wn_buf *t,
		     struct wn_buf *u, bool *out)
{
	int rc;

	*out = false;
	if (wn_node_text_len(a) != wn_node_text_len(b))
		return 0;
	t->len = u->len = 0;
	if ((rc = wn_node_text(a, t)) || (rc = wn_node_text(b, u)))
		return rc;
	*out = t->len == u->len && (!t->len || !memcmp(t->data, u->data, t->len));
	return 0;
}

static int drop_twins(struct wn_run *run, struct blk *bs, size_t n,
		      struct wn_buf *t, struct wn_buf *u)
{
	xmlNodePtr body = wn_run_body(run);
	struct seen first = {0};
	int rc = 0;

	if (seen_init(&first, n))
		return WN_ENOMEM;
	for (size_t i = 0; i < n && !rc;) {
		size_t j = seen_add(&first, bs, i), len = 0;
		xmlNodePtr a, b;
		bool twin;

		if (j == i || bs[i].flen == 0) {
			i++;
			continue;
		}
		while (i + len < n && j + len < i &&
		       same(&bs[j + len], &bs[i + len]))
			len++;
		a = len >= 2 ? common_box(bs[j].node, bs[j + len - 1].node)
			     : NULL;
		b = a ? common_box(bs[i].node, bs[i + len - 1].node) : NULL;
		if (!b || a == body || b == body || wn_node_within(a, b) ||
		    wn_node_within(b, a) || wn_node_text_len(b) < TWIN_MIN) {
			i++;
			continue;
		}
		rc = same_text(a, b, t, u, &twin);
		if (rc || !twin) {
			i++;
			continue;
		}
		/* every block inside the copy goes with it */
		for (size_t k = i; k-- > 0 && wn_node_within(bs[k].node, b);)
			bs[k].gone = true;
		while (i < n && wn_node_within(bs[i].node, b))
			bs[i++].gone = true;
		rc = wn_run_remove(run, b);
	}
	free(first.slot);
	return rc;
}

static int dupes_run(void *inst, struct wn_run *run)
{
	xmlNodePtr *nodes;
	size_t nb, i;
	struct blk *bs;
	struct seen seen = {0};
	struct wn_buf t = {0}, u = {0};
	bool text = wn_run_kind(run) == WN_KIND_TEXT;
	struct furniture fu = {0};
	int rc = wn_blocks(wn_run_body(run), &nodes, &nb);

	(void)inst;
	if (rc)
		return rc;
	bs = calloc(nb ? nb : 1, sizeof(*bs));
	if (seen_init(&seen, nb) || !bs)
		rc = WN_ENOMEM;
	if (!rc && !text)
		rc = find_furniture(wn_run_body(run), &fu);
	for (i = 0; i < nb && !rc; i++) {
		t.len = 0;
		rc = wn_node_text(nodes[i], &t);
		if (rc)
			break;
		bs[i].node = nodes[i];
		bs[i].fold = malloc(t.len + 8);
		if (!bs[i].fold) {
			rc = WN_ENOMEM;
			break;
		}
		/* the fold of the same text, kept from an earlier step */
		bs[i].flen = wn_node_fold(nodes[i], bs[i].fold, t.len + 8);
		bs[i].ellipsis = t.len >= 3 &&
				 (!strcmp(t.data + t.len - 3, "...") ||
				  !strcmp(t.data + t.len - 3, "\xe2\x80\xa6"));
		bs[i].furniture = text ? bullet_line(nodes[i])
				       : html_furniture(nodes[i], &fu);
	}
	if (!rc && !text)
		rc = drop_twins(run, bs, nb, &t, &u);
	for (i = 0; i < nb && !rc; i++) {
		size_t j;

		if (bs[i].gone)
			continue;

		/* near repeats: only the first one goes; a third copy is a
		 * label the article repeats (a table's row name in every
		 * cell), not a title */
		if (truncated_copy(bs, nb, i)) {
			bs[i].gone = true;
			rc = wn_run_remove(run, bs[i].node);
		} else if (bs[i].flen >= MIN_REPEAT &&
			   (j = seen_add(&seen, bs, i)) != i &&
			   (bs[i].furniture ||
			    (i - j <= NEAR && bs[j].copies++ == 0 &&
			     !repeats_structure(bs, nb, j, i)))) {
			bs[i].gone = true;
			rc = wn_run_remove(run, bs[i].node);
		}
	}
	for (i = 0; bs && i < nb; i++)
		free(bs[i].fold);
	free(bs);
	free(seen.slot);
	free(fu.v);
	free(nodes);
	wn_buf_free(&t);
	wn_buf_free(&u);
	return rc;
}

WN_PLUGIN_DEFINE(dupes, .version = "1.0",
		 .summary = "remove repeated blocks and truncated copies of "
			    "their neighbours",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = dupes_run);
