/* SPDX-License-Identifier: MIT */
/*
 * share: remove share and follow buttons and their counters ("Share this
 * article", "Share on Facebook", "Tweet", "Follow us", "12 shares",
 * "Teilen", "Partager", "Compartir" ...).  A block goes when every word
 * of it is share-button wording (verbs, network names, "via", counts)
 * and it says "share" or "follow" or names several networks; a run of
 * such lines goes together ("Share" / "Facebook" / "Twitter").  In HTML also
 * links to a network's share endpoint, the boxes left holding only such
 * wording, and small containers whose class or id names a share widget
 * (addthis, sharethis, shariff, a2a_, "social-share" ...).  Prose that
 * speaks of sharing ("Share your story with us") has other words and
 * stays, and so do embedded posts ("social-embed").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* Words that say "share" or "follow" (folded). */
static const char *const strong[] = {"share",
				     "shares",
				     "sharing",
				     "tweet",
				     "tweets",
				     "retweet",
				     "follow",
				     "teilen",
				     "geteilt",
				     "folgen",
				     "partager",
				     "partages",
				     "suivez",
				     "suivre",
				     "compartir",
				     "compartido",
				     "compartidos",
				     "síguenos",
				     "siguenos",
				     "condividi",
				     "condivisioni",
				     "seguici",
				     "partilhar",
				     "partilhas",
				     "compartilhar",
				     "compartilhe",
				     "compartilhamentos",
				     "siga-nos",
				     "delen",
				     "gedeeld",
				     "volg",
				     "поделиться",
				     "подписывайтесь",
				     NULL};

/* Networks a share bar names (folded). */
static const char *const networks[] = {
	"facebook",  "twitter",       "linkedin", "whatsapp",
	"pinterest", "reddit",        "tumblr",   "telegram",
	"messenger", "flipboard",     "pocket",   "vk",
	"vkontakte", "xing",          "bluesky",  "threads",
	"mastodon",  "instagram",     "youtube",  "tiktok",
	"snapchat",  "weibo",         "wechat",   "viber",
	"digg",      "stumbleupon",   "evernote", "buffer",
	"hatena",    "mix",           "line",     "skype",
	"qzone",     "odnoklassniki", "ok.ru",    "google+",
	"fb",        "pint",          NULL};

/* Other words of a share bar: prepositions, "this article", "email",
 * "print", "copy link", "(opens in new window)" (folded). */
static const char *const filler[] = {
	"this",        "on",        "via",      "with",
	"to",          "the",       "by",       "it",
	"in",          "new",       "window",   "opens",
	"click",       "article",   "story",    "post",
	"page",        "link",      "url",      "copy",
	"copied",      "email",     "e-mail",   "mail",
	"print",       "pin",       "submit",   "send",
	"save",        "like",      "button",   "more",
	"options",     "all",       "us",       "me",
	"x",           "google",    "sms",      "or",
	"and",         "icon",      "buttons",  "social",
	"media",       "networks",  "friends",  "a",
	"an",          "download",  "baixar",   "herunterladen",
	"télécharger", "descargar", "scarica",  "auf",
	"per",         "drucken",   "twittern", "mitteilen",
	"diesen",      "artikel",   "beitrag",  "uns",
	"sur",         "par",       "imprimer", "courriel",
	"envoyer",     "cet",       "nous",     "le",
	"la",          "les",       "en",       "por",
	"correo",      "imprimir",  "este",     "artículo",
	"nos",         "su",        "stampa",   "invia",
	"questo",      "articolo",  "no",       "na",
	"artigo",      "op",        "printen",  "mailen",
	"dit",         "ons",       "в",        "на",
	"нас",         NULL};

/* Class or id fragments of share and follow widgets. */
static const char *const hints[] = {
	"share",      "sharing",     "social",       "sociable",     "addthis",
	"sharethis",  "shariff",     "a2a_",         "addtoany",     "heateor",
	"ssba",       "essb_",       "mashsb",       "mashshare",    "sumome",
	"follow-us",  "followus",    "sharedaddy",   "st-btn",       "at-share",
	"at4-",       "sociallinks", "social-links", "social-icons", "soc-",
	"jp-sharing", NULL};

/* Not a share widget though the class says "social": an embedded post,
 * or the article it belongs to. */
static const char *const not_hints[] = {"embed", "socialist", "social-proof",
					NULL};

/* Share endpoints of the networks: a link to one is a share button. */
static const char *const endpoints[] = {"facebook.com/sharer",
					"facebook.com/share",
					"facebook.com/dialog/share",
					"facebook.com/dialog/feed",
					"twitter.com/intent",
					"twitter.com/share",
					"x.com/intent",
					"x.com/share",
					"linkedin.com/share",
					"linkedin.com/cws/share",
					"pinterest.com/pin/create",
					"reddit.com/submit",
					"api.whatsapp.com/send",
					"wa.me/?",
					"whatsapp://send",
					"t.me/share",
					"telegram.me/share",
					"tumblr.com/share",
					"tumblr.com/widgets/share",
					"vk.com/share",
					"xing.com/spi/shares",
					"xing.com/social/share",
					"bsky.app/intent",
					"threads.net/intent",
					"flipboard.com/bookmarklet",
					"getpocket.com/save",
					"getpocket.com/edit",
					"news.ycombinator.com/submitlink",
					"addtoany.com/share",
					"sharethis.com",
					"addthis.com/bookmark",
					"mailto:?",
					"fb-messenger://share",
					"line.me/r/msg",
					NULL};

/* Where follow links lead. */
static const char *const sites[] = {
	"facebook.com",  "twitter.com",  "//x.com",      "linkedin.com",
	"instagram.com", "youtube.com",  "pinterest.",   "tiktok.com",
	"t.me/",         "wa.me",        "whatsapp.com", "reddit.com",
	"tumblr.com",    "vk.com",       "xing.com",     "bsky.app",
	"threads.net",   "mastodon",     "telegram.",    "flipboard.com",
	"getpocket.com", "snapchat.com", "mailto:",      NULL};

#define MAX_LINE 200  /* bytes: a share bar is a line */
#define MAX_BOX  1500 /* bytes: the most text a share widget holds */
#define FOLD_CAP (MAX_BOX + 64)

/* Asked for every word of every candidate against lists of dozens: a
 * word of usual length is looked up in the list's index (wn_phrase_is);
 * else the first byte rules out most entries without a call, and an
 * entry that matches w's n bytes (none of them NUL) is w when it ends
 * there. */
static bool in_list(const char *w, size_t n, const char *const *list)
{
	char word[64];

	if (n < sizeof(word)) {
		memcpy(word, w, n);
		word[n] = '\0';
		return wn_phrase_is(word, list);
	}
	for (; *list; list++)
		if (**list == *w && strncmp(w, *list, n) == 0 &&
		    !(*list)[n])
			return true;
	return false;
}

static bool is_sep_byte(unsigned char c)
{
	return c == ' ' || (c < 0x80 && !((c >= 'a' && c <= 'z') ||
					  (c >= '0' && c <= '9') || c == '+' ||
					  c == '@' || c == '-' || c == '.'));
}

struct tally {
	size_t words, strong, networks, counts;
};

/*
 * True when every word of folded text f is share-bar wording: a verb,
 * a network, a filler word, a count ("12", "1.2k", "858shares") or a
 * handle ("@winnow").  Bullets and separators ("|", "•") are skipped.
 */
static bool share_words(const char *f, struct tally *t)
{
	const unsigned char *p = (const unsigned char *)f;

	memset(t, 0, sizeof(*t));
	while (*p) {
		const unsigned char *q;
		size_t n;

		while (*p && is_sep_byte(*p))
			p++;
		q = p;
		while (*q && !is_sep_byte(*q))
			q++;
		n = (size_t)(q - p);
		/* edge dots and dashes: "share." "-" */
		while (n && (p[n - 1] == '.' || p[n - 1] == '-'))
			n--;
		while (n && (*p == '.' || *p == '-')) {
			p++;
			n--;
		}
		if (n) {
			const char *w = (const char *)p;
			size_t d = 0;

			while (d < n && ((w[d] >= '0' && w[d] <= '9') ||
					 ((w[d] == '.' || w[d] == ',') && d)))
				d++;
			if (d && d < n && (w[d] == 'k' || w[d] == 'm') &&
			    d + 1 == n)
				d = n; /* "1.2k" */
			if (d == n) {
				t->counts++;
			} else if (*w == '@') {
				/* a handle */
			} else if (in_list(w + d, n - d, strong)) {
				t->strong++;
			} else if (in_list(w, n, networks)) {
				t->networks++;
			} else if (!in_list(w, n, filler) &&
				   !(n == 2 && ((unsigned char)w[0] == 0xe2 ||
						(unsigned char)w[0] == 0xc2)) &&
				   !(n == 3 && (unsigned char)w[0] == 0xe2)) {
				return false; /* "•", "·", "—" pass above */
			}
			t->words++;
		}
		p = q;
	}
	/* numbers alone are a count only one at a time: "15:23 2019" is
	 * a time and a date */
	return t->words > 0 && (t->counts < t->words || t->words == 1);
}

/* ---- small DOM helpers --------------------------------------------- */

static bool is_frame(const xmlNode *n)
{
	return is_frame_of(n, true);
}

/* ---- HTML ----------------------------------------------------------- */

/* Does href hold one of the entries of list?  Asked of every link
 * against lists of dozens: an entry is searched for only when its first
 * two bytes are side by side somewhere in href (a bit for each pair of
 * bytes of href, hashed), which rules most of them out. */
static bool href_in(const char *href, const char *const *list)
{
	uint64_t pairs[8] = {0};

	for (const unsigned char *p = (const unsigned char *)href;
	     p[0] && p[1]; p++) {
		unsigned h = ((unsigned)p[0] * 31u + p[1]) & 511u;

		pairs[h >> 6] |= UINT64_C(1) << (h & 63);
	}
	for (const char *const *e = list; *e; e++) {
		const unsigned char *q = (const unsigned char *)*e;

		if (q[0] && q[1]) {
			unsigned h = ((unsigned)q[0] * 31u + q[1]) & 511u;

			if (!(pairs[h >> 6] >> (h & 63) & 1))
				continue;
		}
		if (strstr(href, *e))
			return true;
	}
	return false;
}

/* n is a link whose href holds an entry of one of the lists (list2:
 * NULL, or a second list). */
static bool href_has2(const xmlNode *n, const char *const *list,
		      const char *const *list2)
{
	xmlChar *href;
	bool hit;

	if (!xmlStrEqual(n->name, BAD_CAST "a"))
		return false;
	href = attr_get(n, "href");
	if (!href)
		return false;
	hit = href_in((const char *)href, list) ||
	      (list2 && href_in((const char *)href, list2));
	xmlFree(href);
	return hit;
}

static bool href_has(const xmlNode *n, const char *const *list)
{
	return href_has2(n, list, NULL);
}

/* A link to a share endpoint with only share wording or an icon.  A
 * "click to tweet" box links a quote of the article to the endpoint:
 * the quote stays, its "Click To Tweet" label goes as a label. */
static bool is_endpoint(xmlNodePtr n, char *f)
{
	struct tally t;

	if (!href_has(n, endpoints))
		return false;
	return !wn_node_fold(n, f, FOLD_CAP) || share_words(f, &t);
}

/* Count the links under n, and those that lead to a network. */
static void count_links(xmlNodePtr node, size_t *all, size_t *social)
{
	for (xmlNodePtr n = node; n; n = wn_next_element(n, node, false)) {
		if (!xmlStrEqual(n->name, BAD_CAST "a"))
			continue;
		++*all;
		*social += href_has2(n, sites, endpoints);
	}
}

/* All text under n is share wording (or there is none). */
static bool only_share_words(xmlNodePtr n, char *f)
{
	struct tally t;

	if (!wn_node_fold(n, f, FOLD_CAP))
		return true;
	return share_words(f, &t);
}

/* A share button went: its list item, its bar and the "Share this:"
 * label beside it may be all that is left of the widget.  Remove the
 * highest of a few ancestors holding nothing but share wording. */
static int drop_leftovers(struct wn_run *run, xmlNodePtr p, char *f)
{
	xmlNodePtr body = wn_run_body(run), top = NULL;

	if (!wn_node_within(p, body))
		return 0;
	for (int k = 0; p && p != body && p->type == XML_ELEMENT_NODE && k < 4;
	     p = p->parent, k++) {
		if (is_frame(p) || wn_node_text_len(p) > MAX_LINE ||
		    !only_share_words(p, f))
			break;
		top = p;
	}
	return top ? wn_run_remove(run, top) : 0;
}

static bool is_box(xmlNodePtr n, size_t page, char *f)
{
	static const char *const frame[] = {"main", "article", "h1", NULL};
	size_t len;

	if (is_frame(n) || wn_tag_is_heading(n->name) ||
	    !wn_node_hint(n, hints, false) || wn_node_hint(n, not_hints, false))
		return false;
	len = wn_node_text_len(n);
	if (len > MAX_BOX || len * 3 > page ||
	    wn_node_has_descendant_tag(n, frame))
		return false;
	if (len <= MAX_LINE && only_share_words(n, f))
		return true;
	/* a bar of icons with a few words, or a link list, never prose */
	return wn_node_prose_len(n) == 0 &&
	       (len <= 80 || wn_node_link_text_len(n) * 2 >= len);
}

/* The nearest ancestor of n that renders as a block. */
static xmlNodePtr block_of(xmlNodePtr n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (wn_node_is_block(n))
			return n;
	return NULL;
}

/*
 * An inline share label: "<a>Share</a>", "<span>12 shares</span>",
 * "<button>Tweet</button>" set in a byline or a toolbar.  Only when
 * little else is on its line: a linked word inside a paragraph
 * ("please <a>share</a> your photos") is part of a sentence.
 */
static bool is_label(xmlNodePtr n, char *f)
{
	struct tally t;
	xmlNodePtr b;
	size_t len;

	if (wn_node_is_block(n) || wn_node_is_hidden(n))
		return false;
	len = wn_node_text_len(n);
	if (len == 0 || len > MAX_LINE)
		return false;
	wn_node_fold(n, f, FOLD_CAP);
	if (!share_words(f, &t) || (!t.strong && t.networks < 2))
		return false;
	b = block_of(n);
	if (!b)
		return true;
	return wn_node_text_len(b) <= len + 40;
}

static int by_markup(struct wn_run *run, char *f)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct wn_nodes hits = {0};
	size_t page = wn_node_text_len(body);
	int rc = 0;

	/* find first, remove after: removing leftovers around a button
	 * may take away the element the walk would go on from */
	n = wn_next_element(body, body, false);
	while (n) {
		bool hit = !wn_node_is_hidden(n) &&
			   (is_box(n, page, f) || is_endpoint(n, f) ||
			    is_label(n, f));

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
			rc = drop_leftovers(run, parent, f);
	}
	wn_nodes_free(&hits);
	return rc;
}

/* ---- blocks of HTML and text ------------------------------------------ */

/*
 * Runs of share lines: "Share this:" then "Facebook", "Twitter" each on
 * its line.  A run goes when it says share or follow somewhere; in text
 * when it names three networks ("Whatsapp Facebook Pint Baixar"); in
 * HTML when it names two networks or more and its links lead there: a
 * table of contents listing "1. Facebook", "2. Instagram" points into
 * the article.
 */
static int by_blocks(struct wn_run *run, char *f)
{
	xmlNodePtr *bs;
	size_t nb, i = 0;
	bool html = wn_run_kind(run) == WN_KIND_HTML;
	int rc = wn_blocks(wn_run_body(run), &bs, &nb);

	while (i < nb && !rc) {
		size_t j = i, nstrong = 0, nnet = 0, links = 0, social = 0;
		struct tally t;

		while (j < nb) {
			size_t l = wn_node_text_len(bs[j]);

			if (l == 0 && j > i) {
				j++;
				continue;
			}
			if (l == 0 || l > MAX_LINE)
				break;
			wn_node_fold(bs[j], f, FOLD_CAP);
			if (!share_words(f, &t))
				break;
			nstrong += t.strong;
			nnet += t.networks;
			if (html)
				count_links(bs[j], &links, &social);
			j++;
		}
		if (j > i && (nstrong || (!html && nnet >= 3) ||
			      (html && nnet >= 2 && social * 2 > links))) {
			for (size_t k = i; k < j && !rc; k++) {
				xmlNodePtr parent = bs[k]->parent;

				rc = wn_run_remove(run, bs[k]);
				if (!rc && html)
					rc = drop_leftovers(run, parent, f);
			}
		}
		i = j > i ? j : i + 1;
	}
	free(bs);
	return rc;
}

static int share_run(void *inst, struct wn_run *run)
{
	char *f = malloc(FOLD_CAP);
	int rc = 0;

	(void)inst;
	if (!f)
		return WN_ENOMEM;
	if (wn_run_kind(run) == WN_KIND_HTML)
		rc = by_markup(run, f);
	if (!rc)
		rc = by_blocks(run, f);
	free(f);
	return rc;
}

WN_PLUGIN_DEFINE(share, .version = "1.0",
		 .summary = "remove share and follow buttons and share counts",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = share_run);
