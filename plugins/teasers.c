/* SPDX-License-Identifier: MIT */
/*
 * teasers: remove related-article blocks and their cards.  A heading such
 * as "Read also:", "Related", "Latest", "More from ..." or "Comments"
 * introduces a teaser list; the heading goes with the list it
 * introduces.  In text, the list is the run of short title-like lines
 * and excerpt blocks after the heading at the end of the article; in
 * HTML, the link-heavy container around the heading or the link lists
 * after it, and asides or sections marked related/teaser/read-next.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

/* Headings that introduce a teaser list inside the article ("Read also:
 * <title>"); folded. */
static const char *const inline_heads[] = {
	"read also", "also read", "read more", "see also", "read next",
	"related", "related article", "related story", "more on this",
	"more on this story", "don't miss", "must read", "recommended",
	"lesen sie auch", "lies auch", "auch interessant", "mehr zum thema",
	"à lire aussi", "a lire aussi", "lire aussi", "à lire également",
	"voir aussi", "lee también", "lea también", "te puede interesar",
	"leggi anche", "leia também", "leia mais", "veja também", "lees ook",
	"bekijk ook", "читайте также", "смотрите также", NULL};

/* Headings of teaser sections at the end of a page; folded. */
static const char *const section_heads[] = {
	"read also", "also read", "read more", "read next", "related",
	"related articles", "related posts", "related stories",
	"related content", "related news", "related coverage",
	"related topics", "latest", "latest news", "latest posts",
	"latest articles", "latest stories", "more from", "more in",
	"more stories", "more news", "more articles", "more posts",
	"more to read", "more like this", "you might also like",
	"you may also like", "you might be interested in",
	"you may be interested in", "recommended", "recommended for you",
	"recommended articles", "recommended stories", "recommended reading",
	"popular", "most popular", "popular posts", "most read", "trending",
	"trending now", "comments", "leave a comment", "leave a reply",
	"join the conversation", "discussion", "up next", "what to read next",
	"don't miss", "editor's picks", "top stories", "in case you missed it",
	"keep reading", "see also", "more on this story", "you might like",
	"around the web", "from the web", "sponsored stories",
	"lesen sie auch", "auch interessant", "das könnte sie auch interessieren",
	"das könnte dich auch interessieren", "mehr zum thema",
	"weitere artikel", "neueste artikel", "ähnliche artikel",
	"verwandte artikel", "kommentare", "meistgelesen", "meistgelesene artikel",
	"empfehlungen", "à lire aussi", "a lire aussi", "lire aussi",
	"sur le même sujet", "articles similaires", "articles liés",
	"dans la même rubrique", "les plus lus", "commentaires",
	"à lire également", "voir aussi", "derniers articles",
	"vous aimerez aussi", "à découvrir aussi", "lee también", "lea también",
	"te puede interesar", "también te puede interesar",
	"noticias relacionadas", "artículos relacionados", "más noticias",
	"lo más leído", "comentarios", "últimas noticias", "te recomendamos",
	"relacionados", "leggi anche", "potrebbe interessarti",
	"ti potrebbe interessare", "articoli correlati", "i più letti",
	"commenti", "ultime notizie", "correlati", "leia também", "leia mais",
	"veja também", "notícias relacionadas", "artigos relacionados",
	"mais lidas", "comentários", "últimas notícias", "relacionadas",
	"lees ook", "lees meer", "gerelateerde artikelen", "meer nieuws",
	"meest gelezen", "reacties", "laatste nieuws", "ook interessant",
	"gerelateerd", "bekijk ook", "читайте также", "похожие статьи",
	"комментарии", "последние новости", NULL};

/* Class or id fragments of teaser containers. */
static const char *const hints[] = {
	"related", "teaser", "read-next", "readnext", "read-more-",
	"recommended", "recommendation", "more-stories", "more-from",
	"also-read", "read-also", "readalso", "post-feed", "latest-posts",
	"popular-posts", "trending", "outbrain", "taboola", "you-may-like",
	"more-articles", "more-posts", "post-card", "jp-relatedposts",
	"yarpp", "crp_related", "further-reading", NULL};

#define TITLE_MAX 160  /* bytes: longer blocks are not title lines */
#define TAIL_MAX 320   /* bytes: longer blocks end a teaser tail */

struct blk {
	xmlNodePtr node;
	char *fold;
	size_t len;  /* text bytes */
	bool ellipsis;
};

static bool ends_sentence(const char *f, size_t n)
{
	return n && (f[n - 1] == '.' || f[n - 1] == '!');
}

static bool is_title_like(const struct blk *b)
{
	return b->len > 0 && b->len <= TITLE_MAX && !ends_sentence(b->fold,
								    strlen(b->fold));
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
		wn_text_fold(t.data ? t.data : "", t.len, f, t.len + 8);
		bs[i].node = nodes[i];
		bs[i].fold = f;
		bs[i].len = t.len;
		bs[i].ellipsis = t.len >= 3 &&
				 (!strcmp(t.data + t.len - 3, "...") ||
				  !strcmp(t.data + t.len - 3, "\xe2\x80\xa6"));
	}
	for (i = 0; i < nb && !rc; i++) {
		bool tail = true;
		size_t j, k;

		if (!wn_phrase_is(bs[i].fold, section_heads) &&
		    !wn_phrase_is(bs[i].fold, inline_heads)) {
			size_t p = wn_phrase_prefix(bs[i].fold, inline_heads);

			/* "Read also: Some other story" on one line */
			if (p && bs[i].len <= TITLE_MAX &&
			    strlen(bs[i].fold) > p + 8)
				rc = wn_run_remove(run, bs[i].node);
			continue;
		}
		for (j = i + 1; j < nb && tail; j++)
			if (bs[j].len > TAIL_MAX && !is_excerpt(bs, i + 1, j))
				tail = false;
		if (tail) {
			/* everything from the heading on is teasers */
			for (j = i; j < nb && !rc; j++)
				rc = wn_run_remove(run, bs[j].node);
			break;
		}
		if (!wn_phrase_is(bs[i].fold, inline_heads))
			continue;
		/* inside the article: the heading and the titles it lists */
		rc = wn_run_remove(run, bs[i].node);
		for (j = i + 1, k = 0; j < nb && k < 3 && !rc &&
				       is_title_like(&bs[j]);
		     j++, k++)
			rc = wn_run_remove(run, bs[j].node);
		i = j - 1;
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

static bool is_list_or_card(const xmlNode *n)
{
	return xmlStrEqual(n->name, BAD_CAST "ul") ||
	       xmlStrEqual(n->name, BAD_CAST "ol") ||
	       xmlStrEqual(n->name, BAD_CAST "div") ||
	       xmlStrEqual(n->name, BAD_CAST "section") ||
	       xmlStrEqual(n->name, BAD_CAST "article") ||
	       xmlStrEqual(n->name, BAD_CAST "aside") ||
	       xmlStrEqual(n->name, BAD_CAST "nav");
}

/* The heading h introduces a teaser list: remove the list with it. */
static int drop_heading(struct wn_run *run, xmlNodePtr h, size_t page)
{
	size_t hlen = wn_node_text_len(h);
	xmlNodePtr top = NULL, p, s;
	int rc = 0;

	/* the highest link-heavy ancestor that is not most of the page */
	for (p = h->parent; p && p != wn_run_body(run) &&
			    p->type == XML_ELEMENT_NODE;
	     p = p->parent) {
		size_t len = wn_node_text_len(p);

		if (len * 2 > page || !link_heavy(p, hlen))
			break;
		top = p;
	}
	if (top && wn_node_text_len(top) > hlen)
		return wn_run_remove(run, top);
	/* else the heading and the link lists that follow it */
	for (s = h->next; s && !rc;) {
		xmlNodePtr next = s->next;

		if (s->type == XML_ELEMENT_NODE) {
			if (wn_tag_is_heading(s->name) || !is_list_or_card(s) ||
			    !link_heavy(s, 0))
				break;
			rc = wn_run_remove(run, s);
		}
		s = next;
	}
	return rc ? rc : wn_run_remove(run, h);
}

static bool heading_candidate(const xmlNode *n)
{
	return wn_tag_is_heading(n->name) ||
	       xmlStrEqual(n->name, BAD_CAST "p") ||
	       xmlStrEqual(n->name, BAD_CAST "div") ||
	       xmlStrEqual(n->name, BAD_CAST "span") ||
	       xmlStrEqual(n->name, BAD_CAST "strong") ||
	       xmlStrEqual(n->name, BAD_CAST "b") ||
	       xmlStrEqual(n->name, BAD_CAST "header") ||
	       xmlStrEqual(n->name, BAD_CAST "li");
}

static int run_html(struct wn_run *run)
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

		if (wn_tag_is_hidden(n->name)) {
			n = wn_next_element(n, body, true);
			continue;
		}
		if (!xmlStrEqual(n->name, BAD_CAST "main") &&
		    wn_node_hint_any(n, hints)) {
			len = wn_node_text_len(n);
			if (len * 3 < page &&
			    (xmlStrEqual(n->name, BAD_CAST "aside") ||
			     link_heavy(n, 0) || len < 40)) {
				rc = wn_run_remove(run, n);
				skip = true;
			}
		} else if (heading_candidate(n) &&
			   (len = wn_node_text_len(n)) > 0 &&
			   len <= TITLE_MAX) {
			size_t p;

			wn_node_fold(n, f, sizeof(f));
			p = wn_phrase_prefix(f, inline_heads);
			if (wn_phrase_is(f, section_heads) ||
			    wn_phrase_is(f, inline_heads)) {
				if (nheads == cap) {
					size_t nc = cap ? cap * 2 : 8;
					xmlNodePtr *q = realloc(
						heads, nc * sizeof(*q));

					if (!q) {
						rc = WN_ENOMEM;
						break;
					}
					heads = q;
					cap = nc;
				}
				heads[nheads++] = n;
				skip = true;
			} else if (p && strlen(f) > p + 8 &&
				   link_heavy(n, p)) {
				/* "Read also: <a>Other story</a>" */
				rc = wn_run_remove(run, n);
				skip = true;
			}
		}
		n = wn_next_element(n, body, skip);
	}
	/* headings later, so removing their lists cannot upset the walk;
	 * a heading inside something already removed is a no-op */
	for (size_t i = 0; i < nheads && !rc; i++)
		rc = drop_heading(run, heads[i], page);
	free(heads);
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
		 .license = "MIT", .caps = WN_CAP_MUTATES,
		 .run = teasers_run);
