/* SPDX-License-Identifier: MIT */
/*
 * teasers: remove related-article blocks and their cards.  A heading such
 * as "Read also:", "Related", "Latest", "More from ..." or "Comments"
 * introduces a teaser list; the heading goes with the list it
 * introduces.  In text, the list is the run of short title-like lines
 * and excerpt blocks after the heading at the end of the article; in
 * HTML, the link-heavy container around the heading or the link lists
 * after it, and asides or sections marked related/teaser/read-next.
 * A listing keeps its teasers, which are its content: a page of links
 * with next to no prose, or one whose main region they would take half
 * of while leaving little prose besides.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#include "steps.h"


/* Headings that introduce a teaser list inside the article ("Read also:
 * <title>"); folded. */
/* bytes of prose (wn_node_prose_len): a page with less, much other
 * text, and links for half of that, is a listing */
#define LISTING_PROSE 500
#define LISTING_SHARE 10 /* ... and the page's text this many times it */
/* bytes of prose that the main region keeps besides its teasers: with
 * less, teasers that are half its text are its content */
#define LISTING_LEFT 800

static const char *const inline_heads[] = {
	"read also",          "also read",
	"read more",          "see also",
	"read next",          "related",
	"related article",    "related story",
	"more on this",       "more on this story",
	"don't miss",         "must read",
	"recommended",        "lesen sie auch",
	"lies auch",          "auch interessant",
	"mehr zum thema",     "à lire aussi",
	"a lire aussi",       "lire aussi",
	"à lire également",   "voir aussi",
	"lee también",        "lea también",
	"te puede interesar", "leggi anche",
	"leia também",        "leia mais",
	"veja também",        "lees ook",
	"bekijk ook",         "читайте также",
	"смотрите также",     NULL};

/* Headings of teaser sections at the end of a page; folded. */
static const char *const section_heads[] = {
	"read also",
	"also read",
	"read more",
	"read next",
	"related",
	"related articles",
	"related posts",
	"related stories",
	"related content",
	"related news",
	"related coverage",
	"related topics",
	"latest",
	"latest news",
	"latest posts",
	"latest articles",
	"latest stories",
	"more from",
	"more in",
	"more stories",
	"more news",
	"more articles",
	"more posts",
	"more to read",
	"more like this",
	"you might also like",
	"you may also like",
	"you might be interested in",
	"you may be interested in",
	"recommended",
	"recommended for you",
	"recommended articles",
	"recommended stories",
	"recommended reading",
	"popular",
	"most popular",
	"popular posts",
	"most read",
	"trending",
	"trending now",
	"comments",
	"leave a comment",
	"leave a reply",
	"join the conversation",
	"discussion",
	"up next",
	"what to read next",
	"don't miss",
	"editor's picks",
	"top stories",
	"in case you missed it",
	"keep reading",
	"see also",
	"more on this story",
	"you might like",
	"around the web",
	"from the web",
	"sponsored stories",
	"discover more",
	"if you liked this post you might also like",
	"if you liked this you might also like",
	/* a shop's recommendations beside a product */
	"related products",
	"similar products",
	"similar items",
	"recently viewed",
	"recently viewed products",
	"recently viewed items",
	"frequently bought together",
	"customers also bought",
	"customers also viewed",
	"customers who bought this item also bought",
	"customers who viewed this item also viewed",
	"people who viewed this item also viewed",
	"others like you also bought",
	"you may also need",
	"pairs well with",
	"complete the look",
	"shop the look",
	"lesen sie auch",
	"auch interessant",
	"das könnte sie auch interessieren",
	"das könnte dich auch interessieren",
	"mehr zum thema",
	"weitere artikel",
	"neueste artikel",
	"ähnliche artikel",
	"verwandte artikel",
	"kommentare",
	"meistgelesen",
	"meistgelesene artikel",
	"empfehlungen",
	"à lire aussi",
	"a lire aussi",
	"lire aussi",
	"sur le même sujet",
	"articles similaires",
	"articles liés",
	"dans la même rubrique",
	"les plus lus",
	"commentaires",
	"à lire également",
	"voir aussi",
	"derniers articles",
	"vous aimerez aussi",
	"à découvrir aussi",
	"lee también",
	"lea también",
	"te puede interesar",
	"también te puede interesar",
	"noticias relacionadas",
	"artículos relacionados",
	"más noticias",
	"lo más leído",
	"comentarios",
	"últimas noticias",
	"te recomendamos",
	"relacionados",
	"leggi anche",
	"potrebbe interessarti",
	"ti potrebbe interessare",
	"articoli correlati",
	"i più letti",
	"commenti",
	"ultime notizie",
	"correlati",
	"leia também",
	"leia mais",
	"veja também",
	"notícias relacionadas",
	"artigos relacionados",
	"mais lidas",
	"comentários",
	"últimas notícias",
	"relacionadas",
	"lees ook",
	"lees meer",
	"gerelateerde artikelen",
	"meer nieuws",
	"meest gelezen",
	"reacties",
	"laatste nieuws",
	"ook interessant",
	"gerelateerd",
	"bekijk ook",
	"читайте также",
	"похожие статьи",
	"комментарии",
	"последние новости",
	NULL};

/* Openings of section headings that go on with a name ("More from The
 * Guardian", "More in Politics"); folded.  Only a short heading counts. */
static const char *const named_heads[] = {
	"more from",       "more in",           "more on",
	"more by",         "more stories from", "more articles from",
	"more news from",  "more posts from",   "latest from",
	"latest in",       "popular in",        "popular on",
	"trending in",     "trending on",       "also on",
	"more to explore", "discover more from", "mehr von",  "mehr aus",
	"mehr zu",         "plus d'articles",   "más sobre",
	"altro da",        "altri articoli",    "meer van",
	"meer over",       "ещё по теме",       NULL};

#define NAMED_HEAD_MAX 60 /* bytes: "More from <a site or section>" */

/* Is the folded text f (of len bytes) a teaser heading? */
static bool is_head(const char *f, size_t len)
{
	return wn_phrase_is(f, section_heads) ||
	       wn_phrase_is(f, inline_heads) ||
	       (len <= NAMED_HEAD_MAX && wn_phrase_prefix(f, named_heads));
}

/* Class or id fragments of teaser containers. */
static const char *const hints[] = {
	"related",        "teaser",          "read-next",
	"readnext",       "read-more-",      "recommended",
	"recommendation", "more-stories",    "more-from",
	"also-read",      "read-also",       "readalso",
	"post-feed",      "latest-posts",    "popular-posts",
	"trending",       "outbrain",        "taboola",
	"you-may-like",   "more-articles",   "more-posts",
	"post-card",      "jp-relatedposts", "yarpp",
	"crp_related",    "further-reading", NULL};

#define TITLE_MAX 160 /* bytes: longer blocks are not title lines */
#define TAIL_MAX  320 /* bytes: longer blocks end a teaser tail */
#define PROSE_MIN 80  /* bytes: a sentence this long is article text */
#define LIST_MAX  6   /* titles a heading inside the article lists */

struct blk {
	xmlNodePtr node;
	char *fold;
	size_t len; /* text bytes */
	bool ellipsis;
	bool period; /* ends in a full stop (after any closing quote) */
	bool colon;  /* ends in a colon: a lead-in to what follows */
	bool bullet; /* a list line of a dump ("* ", "+ ", "o ") */
};

/* A title line: short, and no full stop (a title may ask or exclaim);
 * "Here are the highlights:" introduces the article's own list. */
static bool is_title_like(const struct blk *b)
{
	return b->len > 0 && b->len <= TITLE_MAX && !b->period && !b->colon;
}

/* An excerpt block repeats a title seen just before it ("Title Excerpt
 * text ...") or ends in an ellipsis. */
static bool is_excerpt(const struct blk *bs, size_t from, size_t i)
{
	if (bs[i].ellipsis)
		return true;
	for (size_t j = from; j < i; j++) {
		size_t k = strlen(bs[j].fold);

		if (k >= 12 && bs[j].len <= TITLE_MAX &&
		    strncmp(bs[i].fold, bs[j].fold, k) == 0)
			return true;
	}
	return false;
}

/* Article text: a long block, or a sentence of some length, that is not
 * an excerpt of a card. */
static bool is_prose(const struct blk *bs, size_t from, size_t i)
{
	if (bs[i].len <= TAIL_MAX && !(bs[i].period && bs[i].len >= PROSE_MIN))
		return false;
	return !is_excerpt(bs, from, i);
}

/*
 * Is everything after the heading at h teasers?  Cards are titles, each
 * perhaps with a date and a one-paragraph excerpt under it.  Prose that
 * no title introduces ends the tail: a "Related articles" box set in the
 * middle of a story is followed by more of the story.  Nor is a tail
 * twice the size of all that comes before it: a roundup's "Don't miss:"
 * opens its list of product cards, which is the article.
 */
static bool is_tail(const struct blk *bs, size_t nb, size_t h)
{
	size_t before = 0, after = 0;

	for (size_t j = 0; j < nb; j++)
		*(j < h ? &before : &after) += bs[j].len;
	if (after > 2 * before)
		return false;
	for (size_t j = h + 1; j < nb; j++) {
		if (bs[j].len > TAIL_MAX && !is_excerpt(bs, h + 1, j))
			return false;
		if (is_prose(bs, h + 1, j) &&
		    !(j - 1 > h && is_title_like(&bs[j - 1]) &&
		      !is_prose(bs, h + 1, j - 1)))
			return false;
	}
	return true;
}

/* Does the folded one-liner f, opening with a heading phrase of k
 * bytes, go on with a title ("read also: other story", "related |
 * other story") rather than a sentence ("related to this, ...")? */
static bool head_then_title(const char *f, size_t k)
{
	if (strlen(f) <= k + 8)
		return false;
	if (f[k] == ' ')
		k++;
	/* ':' '|' '-' '>' or any other mark; UTF-8 dashes and guillemets */
	return !((f[k] >= 'a' && f[k] <= 'z') ||
		 (f[k] >= '0' && f[k] <= '9')) &&
	       (f[k] != '\xc3' && f[k] != '\xd0' && f[k] != '\xd1');
}

static bool bullet_text(const char *s)
{
	static const char *const marks[] = {
		"* ", "+ ", "o ", "# ", "- ", "\xe2\x80\xa2 ", NULL};

	while (*s == ' ' || *s == '\t')
		s++;
	for (const char *const *m = marks; *m; m++)
		if (!strncmp(s, *m, strlen(*m)))
			return true;
	return false;
}

static bool ends_with_period(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\'' ||
		     s[n - 1] == ')'))
		n--;
	if (n >= 3 && !memcmp(s + n - 3, "\xe2\x80\x9d", 3)) /* closing quote */
		n -= 3;
	return n && s[n - 1] == '.' &&
	       !(n >= 3 && !memcmp(s + n - 3, "...", 3));
}

static int run_text(struct wn_run *run)
{
	xmlNodePtr *nodes;
	size_t nb, i;
	struct blk *bs;
	struct wn_buf t = {0};
	int rc = wn_blocks(wn_run_body(run), &nodes, &nb);

	if (rc)
		return rc;
	bs = calloc(nb ? nb : 1, sizeof(*bs));
	if (!bs) {
		free(nodes);
		return WN_ENOMEM;
	}
	for (i = 0; i < nb && !rc; i++) {
		const char *d;
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
		d = t.data ? t.data : "";
		/* the fold of the same text, kept from an earlier step */
		wn_node_fold(nodes[i], f, t.len + 8);
		bs[i].node = nodes[i];
		bs[i].fold = f;
		bs[i].len = t.len;
		bs[i].ellipsis =
			t.len >= 3 && (!strcmp(d + t.len - 3, "...") ||
				       !strcmp(d + t.len - 3, "\xe2\x80\xa6"));
		bs[i].period = ends_with_period(d, t.len);
		bs[i].colon = t.len && d[t.len - 1] == ':';
		bs[i].bullet = bullet_text(d);
	}
	for (i = 0; i < nb && !rc; i++) {
		bool inl;
		size_t j, k;

		/* a list line is an item, never the heading of a list */
		if (bs[i].bullet && !wn_phrase_prefix(bs[i].fold, inline_heads))
			continue;
		inl = wn_phrase_is(bs[i].fold, inline_heads);
		if (!is_head(bs[i].fold, bs[i].len)) {
			size_t p = wn_phrase_prefix(bs[i].fold, inline_heads);

			/* "Read also: Some other story" on one line */
			if (p && bs[i].len <= TITLE_MAX &&
			    head_then_title(bs[i].fold, p))
				rc = wn_run_remove(run, bs[i].node);
			continue;
		}
		if (bs[i].bullet)
			continue; /* "* Related" is a menu entry */
		if (is_tail(bs, nb, i)) {
			/* everything from the heading on is teasers */
			for (j = i; j < nb && !rc; j++)
				rc = wn_run_remove(run, bs[j].node);
			break;
		}
		/* inside the article: the heading and the titles it lists; a
		 * longer run of short lines is the article's own list.  When
		 * the titles are list lines, the list ends with them: a short
		 * line after it may be a paragraph the dump broke apart. */
		for (j = i + 1, k = 0;
		     j < nb && k <= LIST_MAX && is_title_like(&bs[j]) &&
		     (!bs[i + 1].bullet || bs[j].bullet);
		     j++, k++)
			;
		if (k > LIST_MAX || (!inl && k < 2))
			k = 0;
		if (inl || k)
			rc = wn_run_remove(run, bs[i].node);
		for (j = i + 1; j <= i + k && !rc; j++)
			rc = wn_run_remove(run, bs[j].node);
		i += k;
	}
	for (i = 0; i < nb; i++)
		free(bs[i].fold);
	free(bs);
	free(nodes);
	wn_buf_free(&t);
	return rc;
}

/* ---- HTML -------------------------------------------------------- */

static bool link_heavy(const xmlNode *n, size_t minus)
{
	size_t len = wn_node_text_len(n), links = wn_node_link_text_len(n);

	len = len > minus ? len - minus : 0;
	return len == 0 || links * 2 >= len;
}

/* A list of cards: each item a title link with a date, a section name or
 * a one-line excerpt (Jetpack's related posts, theme "read next" grids).
 * Too little of it is link text for link_heavy(), yet no item is prose:
 * every text block is short and a quarter of the text or more is links. */
static bool card_list(xmlNodePtr n)
{
	size_t len = wn_node_text_len(n), nb;
	xmlNodePtr *bs;
	bool cards;

	if (wn_node_link_text_len(n) * 4 < len)
		return false;
	if (wn_blocks(n, &bs, &nb))
		return false;
	cards = nb > 0 || len <= TAIL_MAX;
	for (size_t i = 0; i < nb && cards; i++)
		cards = wn_node_text_len(bs[i]) <= TAIL_MAX;
	free(bs);
	return cards;
}

static bool is_list_or_card(const xmlNode *n)
{
	return tag_is(n, "ul") ||
	       tag_is(n, "ol") ||
	       tag_is(n, "div") ||
	       tag_is(n, "section") ||
	       tag_is(n, "article") ||
	       tag_is(n, "aside") ||
	       tag_is(n, "nav");
}

/* Is the element after h a paragraph of prose? */
static bool introduces_prose(const xmlNode *h)
{
	const xmlNode *s = h->next;
	size_t len;

	while (s && s->type != XML_ELEMENT_NODE)
		s = s->next;
	if (!s || wn_tag_is_heading(s->name))
		return false;
	len = wn_node_text_len(s);
	return len >= PROSE_MIN && !link_heavy(s, 0) &&
	       wn_node_text_len(h) * 4 < len;
}

/* Do the elements from first to the end of their parent form a run of
 * cards: two or more boxes of one tag, each no longer than an excerpt?
 * Themes build their "You may like" posts as <article>s holding an
 * excerpt and no title link once the share buttons are gone: not link
 * heavy, yet every box is one teaser. */
static bool card_boxes(const xmlNode *first)
{
	const xmlChar *tag = NULL;
	size_t n = 0;

	for (const xmlNode *s = first; s; s = s->next) {
		if (s->type == XML_TEXT_NODE && !xmlIsBlankNode(s))
			return false;
		/* an ad slot or a script between the cards is none */
		if (s->type != XML_ELEMENT_NODE || !wn_node_text_len(s))
			continue;
		if (!tag)
			tag = s->name;
		if (!xmlStrEqual(s->name, tag) || !is_list_or_card(s) ||
		    wn_node_text_len(s) > 2 * TAIL_MAX)
			return false;
		n++;
	}
	return n >= 2;
}

/* Is there a title link in box: a heading holding a link, or a link
 * holding a heading? */
static bool title_link(const xmlNode *box)
{
	static const char *const headings[] = {"h1", "h2", "h3", "h4",
					       "h5", "h6", NULL};

	for (const xmlNode *e = wn_next_element((xmlNodePtr)box, box, false); e;
	     e = wn_next_element((xmlNodePtr)e, box, false))
		if ((wn_tag_is_heading(e->name) && wn_node_link_text_len(e)) ||
		    (tag_is(e, "a") &&
		     wn_node_has_descendant_tag(e, headings)))
			return true;
	return false;
}

/* Is every box with text under n a teaser card, led by a title link
 * (the paragraphs of a story folded behind "Read more" are not, even
 * when each holds a link)?  Under a teaser heading, a box whose first
 * words are a link will do. */
static bool all_titled(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && wn_node_text_len(c) &&
		    !title_link(c) && !first_words_link(c))
			return false;
	return true;
}

/* Is n, through wrappers that hold one element each (a page builder's
 * widget around its grid), a run of such cards? */
static bool wrapped_cards(const xmlNode *n)
{
	for (int depth = 0; depth < 4; depth++) {
		const xmlNode *only = NULL;

		for (const xmlNode *c = n->children; c; c = c->next) {
			if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
				return false;
			if (c->type != XML_ELEMENT_NODE || !wn_node_text_len(c))
				continue;
			if (only) {
				only = NULL;
				break;
			}
			only = c;
		}
		if (!only)
			return card_boxes(n->children) && all_titled(n);
		n = only;
	}
	return false;
}

/*
 * What the HTML pass takes out: the nodes, outermost only, and the text
 * and prose they hold inside the page's main region.  They are removed
 * at the end, once it is known whether the page is a listing.
 */
struct cut {
	xmlNodePtr region;  /* <main>, or NULL */
	size_t text, prose; /* taken out of the region */
	xmlNodePtr *v;
	size_t n, cap;
	/* every node ever cut, and every ancestor of one: a cut inside an
	 * earlier one is found by its ancestors, one taken in by a later
	 * one is still inside a cut; only a node above some cut can hold
	 * one.  Without them a page of thousands of cards cost the square
	 * of their number. */
	struct wn_nodeset ever, above;
};

/* Is node (or an ancestor) a cut?  Then it is inside one of c->v. */
static bool in_cut(const struct cut *c, const xmlNode *node)
{
	for (; node; node = node->parent)
		if (wn_nodeset_has(&c->ever, node))
			return true;
	return false;
}

/* Note node's ancestors as above a cut; those of an ancestor noted are
 * noted already. */
static int note_above(struct cut *c, const xmlNode *node)
{
	for (const xmlNode *a = node->parent; a; a = a->parent) {
		if (wn_nodeset_has(&c->above, a))
			return 0;
		if (wn_nodeset_add(&c->above, a) < 0)
			return WN_ENOMEM;
	}
	return 0;
}

static int cut(struct cut *c, xmlNodePtr node)
{
	bool in = c->region && wn_node_within(node, c->region);
	bool above = wn_nodeset_has(&c->above, node);

	if (in_cut(c, node))
		return 0;
	/* an earlier cut inside this one is counted in it */
	for (size_t i = 0; above && i < c->n;) {
		if (wn_node_within(c->v[i], node)) {
			if (in) {
				c->text -= wn_node_text_len(c->v[i]);
				c->prose -= wn_node_prose_len(c->v[i]);
			}
			c->v[i] = c->v[--c->n];
		} else {
			i++;
		}
	}
	if (wn_grow(&c->v, c->n, &c->cap, sizeof(*c->v), 16) ||
	    wn_nodeset_add(&c->ever, node) < 0 || note_above(c, node))
		return WN_ENOMEM;
	c->v[c->n++] = node;
	if (in) {
		c->text += wn_node_text_len(node);
		c->prose += wn_node_prose_len(node);
	}
	return 0;
}

/* The heading h introduces a teaser list: remove the list with it. */
static int drop_heading(struct wn_run *run, struct cut *c, xmlNodePtr h,
			size_t page)
{
	size_t hlen = wn_node_text_len(h);
	size_t inlen = hlen, inlinks = wn_node_link_text_len(h);
	xmlNodePtr top = NULL, p, s;
	size_t lists = 0;
	bool cards;
	int rc = 0;

	/*
	 * The highest link-heavy ancestor that is not most of the page.
	 * Each step up must add link text too: a short story beside a big
	 * "Most popular" box is a link-heavy <article> as a whole, yet what
	 * the step would add is prose.
	 */
	for (p = h->parent;
	     p && p != wn_run_body(run) && p->type == XML_ELEMENT_NODE;
	     p = p->parent) {
		size_t len = wn_node_text_len(p);
		size_t links = wn_node_link_text_len(p);
		size_t add = len - inlen, addl = links - inlinks;

		if (len * 2 > page || !link_heavy(p, hlen) ||
		    tag_is(p, "article") ||
		    tag_is(p, "main") ||
		    (add >= 40 && addl * 2 < add))
			break;
		top = p;
		inlen = len;
		inlinks = links;
	}
	if (top && wn_node_text_len(top) > hlen)
		return cut(c, top);
	/* else the heading and the link lists that follow it; a wrapper
	 * holding only the heading (<div class="title"><h3>Related</h3>
	 * </div><ul>...) stands for it, its siblings being the lists */
	if (top)
		h = top;
	cards = card_boxes(h->next);
	for (s = h->next; s && !rc;) {
		xmlNodePtr next = s->next;

		if (s->type == XML_ELEMENT_NODE &&
		    !(cards && !wn_node_text_len(s))) {
			/* a list that is most of the page is its content */
			if (wn_tag_is_heading(s->name) || !is_list_or_card(s) ||
			    wn_node_text_len(s) * 2 > page ||
			    (!link_heavy(s, 0) && !cards && !wrapped_cards(s)))
				break;
			rc = cut(c, s);
			lists++;
		}
		s = next;
	}
	/* a heading over prose is the article's own ("Trending" over a
	 * paragraph about what is trending) */
	if (!rc && !lists && !top && introduces_prose(h))
		return 0;
	return rc ? rc : cut(c, h);
}

static bool heading_candidate(const xmlNode *n)
{
	return wn_tag_is_heading(n->name) ||
	       tag_is(n, "p") ||
	       tag_is(n, "div") ||
	       tag_is(n, "span") ||
	       tag_is(n, "strong") ||
	       tag_is(n, "b") ||
	       tag_is(n, "header") ||
	       tag_is(n, "li");
}

/*
 * The folded text of n as a reader sees it.  WordPress writes its
 * comment heading as "Leave a Reply <small><a style="display:none">
 * Cancel reply</a></small>"; matched with the hidden link, the heading
 * would be no teaser heading at all.
 */
static size_t fold_visible(xmlNodePtr node, char *out, size_t cap)
{
	struct wn_buf t = {0};
	xmlNodePtr n = node;
	size_t len = 0;
	int rc = 0;

	while (n && !rc) {
		if (n->type == XML_TEXT_NODE && n->content)
			rc = wn_buf_puts(&t, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE && n != node &&
			 (wn_node_is_block(n) ||
			  tag_is(n, "br")))
			rc = wn_buf_append(&t, " ", 1);
		n = next_node(n, node,
			      n->type != XML_ELEMENT_NODE || !n->children ||
				      wn_node_is_hidden(n) ||
				      hidden_by_markup(n, true));
	}
	if (cap)
		out[0] = '\0';
	if (!rc && t.data)
		len = wn_text_fold(t.data, t.len, out, cap);
	wn_buf_free(&t);
	return len;
}

/* Is the inline element n part of a sentence ("see our <strong>
 * Recommended VPN Services</strong>.")?  A heading set in <strong> or
 * <span> stands on its line, with at most a link beside it. */
static bool in_sentence(const xmlNode *n)
{
	if (wn_node_is_block(n))
		return false;
	return wn_node_line_text_upto(n, 15) >= 15;
}

/* Does the class of heading n name a teaser box ("relatedpoststitle")?
 * Only the class: ids of headings are made from their words. */
static bool class_names_teaser(const xmlNode *n)
{
	xmlChar *c = attr_get(n, "class");
	bool hit = false;

	if (!c)
		return false;
	for (xmlChar *q = c; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q += 32;
	for (const char *const *h = hints; *h && !hit; h++)
		hit = strstr((const char *)c, *h) != NULL;
	xmlFree(c);
	return hit;
}

static int html_pass(struct wn_run *run, struct cut *c)
{
	xmlNodePtr body = wn_run_body(run), n;
	xmlNodePtr *heads = NULL;
	size_t nheads = 0, cap = 0;
	size_t page = wn_node_text_len(body);
	char f[TITLE_MAX + 64];
	int rc = 0;

	n = wn_next_element(body, body, false);
	while (n && !rc) {
		bool skip = false;
		size_t len;

		if (wn_node_is_hidden(n)) {
			n = wn_next_element(n, body, true);
			continue;
		}
		/* headings are judged by their words: WordPress makes their
		 * ids from them ("trending-topics-in-ai") */
		if (!tag_is(n, "main") &&
		    !wn_tag_is_heading(n->name) && wn_node_hint_any(n, hints)) {
			len = wn_node_text_len(n);
			if (len * 3 < page &&
			    (tag_is(n, "aside") ||
			     link_heavy(n, 0) || len < 40 || card_list(n))) {
				rc = cut(c, n);
				n = wn_next_element(n, body, true);
				continue;
			}
		} else if (heading_candidate(n) &&
			   (len = wn_node_text_len(n)) > 0 &&
			   len <= TITLE_MAX && !in_sentence(n)) {
			size_t p;

			fold_visible(n, f, sizeof(f));
			p = wn_phrase_prefix(f, inline_heads);
			if (is_head(f, len) ||
			    (wn_tag_is_heading(n->name) &&
			     class_names_teaser(n))) {
				if (nheads == cap) {
					size_t nc = cap ? cap * 2 : 8;
					xmlNodePtr *q =
						realloc(heads, nc * sizeof(*q));

					if (!q) {
						rc = WN_ENOMEM;
						break;
					}
					heads = q;
					cap = nc;
				}
				heads[nheads++] = n;
				skip = true;
			} else if (p && strlen(f) > p + 8 && link_heavy(n, p)) {
				/* "Read also: <a>Other story</a>" */
				rc = cut(c, n);
				n = wn_next_element(n, body, true);
				continue;
			}
		}
		n = wn_next_element(n, body, skip);
	}
	/* headings later, once the boxes are known: a heading inside one
	 * of them goes with it */
	for (size_t i = 0; i < nheads && !rc; i++)
		rc = drop_heading(run, c, heads[i], page);
	free(heads);
	return rc;
}

static int run_html(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run);
	size_t page = wn_node_text_len(body), prose = wn_node_prose_len(body);
	struct cut c = {0};
	int rc;

	/* a page of links with next to no prose among its text has no
	 * article for its teasers to stand beside: they are its content (a
	 * front page, a section, a blog's index), and content keeps them
	 * as a listing */
	if (prose < LISTING_PROSE && prose * LISTING_SHARE < page &&
	    wn_node_link_text_len(body) * 2 >= page) {
		wn_run_log(run, WN_LOG_INFO,
			   "%zu bytes of prose in %zu of text: a listing, its "
			   "teasers kept",
			   prose, page);
		return 0;
	}
	c.region = first_main_region(body);
	rc = html_pass(run, &c);
	/* so is a page whose <main> would lose half its text and keep next
	 * to no prose: its cards are what it offers (a blog's index with an
	 * excerpt a post, a recipe category, a list of winners).  Without
	 * a <main> the page's text holds its menus and footer: no measure */
	if (!rc && c.region && c.text * 2 > wn_node_text_len(c.region) &&
	    wn_node_prose_len(c.region) < c.prose + LISTING_LEFT) {
		wn_run_log(run, WN_LOG_INFO,
			   "teasers would take %zu of the %zu bytes of the "
			   "main region: a listing, its teasers kept",
			   c.text, wn_node_text_len(c.region));
		c.n = 0;
	}
	for (size_t i = 0; i < c.n && !rc; i++)
		rc = wn_run_remove(run, c.v[i]);
	free(c.v);
	wn_nodeset_free(&c.ever);
	wn_nodeset_free(&c.above);
	return rc;
}

static int teasers_run(void *inst, struct wn_run *run)
{
	(void)inst;
	return wn_run_kind(run) == WN_KIND_TEXT ? run_text(run) : run_html(run);
}

WN_PLUGIN_DEFINE(teasers, .version = "1.0",
		 .summary = "remove related-article teasers and the headings "
			    "that introduce them",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = teasers_run);
