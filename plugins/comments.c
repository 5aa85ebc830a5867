/* SPDX-License-Identifier: MIT */
/*
 * comments: remove comment sections, comment forms and comment counts.
 *
 * A comments heading ("Comments", "12 Comments", "Leave a Reply", "3
 * thoughts on “Title”", "Kommentare", "Commentaires", "Comentarios",
 * "Commenti", "Reacties" ...) after the article opens the comment
 * section: in text, everything from the heading to the end of the page
 * goes (comments, then the footer); in HTML, the largest box the
 * heading opens.  Lines that only a comment form or thread has ("Your
 * email address will not be published", "Post Comment", "Log in to
 * Reply", "Comments are closed", "5 comments") go wherever they are.
 * In HTML also the boxes whose class or id says comments (#comments,
 * .comment-list, #respond, #disqus_thread, .fb-comments ...), and on a
 * forum thread the poster's card beside each post (rank, join date, post
 * count, signature), which the poster's name and the post's date sign
 * well enough; and the customer-review sections of a shop (the review
 * apps' widgets, the shop system's reviews tab) beside a product's own
 * description.
 *
 * The article is never taken for comments: a heading goes with what
 * follows only when more of the page's prose stands before it than
 * after it, or when what follows is signed like a thread ("Ann says:",
 * "May 2, 2019 at 4:47 pm").  A comment box holding the title or <main>
 * stays, and so do all of them when comments are most of the page's
 * prose (a forum thread, reviews set as comments): deliberately, this
 * step does not tell a blog's comments from a thread's replies.  Code
 * comments, commentary, a critic's review and testimonials are not
 * comments.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* Headings of a comment section, after any count (folded).  Not
 * "Discussion" or "Response" alone: a paper or a report has sections so
 * named; with a count ("12 Responses") they are comments. */
static const char *const heads[] = {"comments",
				    "reader comments",
				    "user comments",
				    "readers' comments",
				    "leave a reply",
				    "leave a comment",
				    "leave a response",
				    "post a comment",
				    "add a comment",
				    "write a comment",
				    "add your comment",
				    "join the discussion",
				    "join the conversation",
				    "have your say",
				    "comments are closed",
				    "kommentare",
				    "leserkommentare",
				    "kommentar schreiben",
				    "schreibe einen kommentar",
				    "hinterlasse einen kommentar",
				    "commentaires",
				    "commentaire",
				    "laisser un commentaire",
				    "ajouter un commentaire",
				    "réagissez",
				    "réactions",
				    "comentarios",
				    "comentario",
				    "deja un comentario",
				    "deja una respuesta",
				    "dejar un comentario",
				    "commenti",
				    "commento",
				    "lascia un commento",
				    "lascia una risposta",
				    "reacties",
				    "reactie",
				    "laat een reactie achter",
				    "plaats een reactie",
				    "comentários",
				    "comentário",
				    "deixe um comentário",
				    "deixe uma resposta",
				    "комментарии",
				    "комментариев",
				    "комментария",
				    "добавить комментарий",
				    "оставить комментарий",
				    NULL};

/* Headings that are comments only after a count: "12 Responses". */
static const char *const heads_counted[] = {
	"comment",   "responses", "response",  "replies",  "reply",
	"reactions", "kommentar", "antworten", "réponses", "respuestas",
	"risposte",  "respostas", "ответов",   NULL};

/* Headings naming the post after them: "3 thoughts on “Title”". */
static const char *const heads_on[] = {"thoughts on",
				       "thought on",
				       "responses to",
				       "response to",
				       "replies to",
				       "reply to",
				       "comments on",
				       "comment on",
				       "comments to",
				       "comments for",
				       "kommentare zu",
				       "commentaires sur",
				       "réponses à",
				       "comentarios en",
				       "comentarios sobre",
				       "commenti su",
				       "reacties op",
				       "comentários em",
				       NULL};

/* The link that a reply form adds to its heading. */
static const char *const cancel[] = {"cancel reply",
				     "annulla risposta",
				     "annuler la réponse",
				     "cancelar respuesta",
				     "antworten abbrechen",
				     "reactie annuleren",
				     "cancelar resposta",
				     "отменить ответ",
				     "ubah",
				     NULL};

/* Lines only a comment form or thread has (folded, whole block). */
static const char *const lines[] = {
	"reply",
	"cancel reply",
	"log in to reply",
	"login to reply",
	"sign in to reply",
	"report",
	"report comment",
	"flag",
	"like",
	"post comment",
	"submit comment",
	"add comment",
	"send comment",
	"comments are closed",
	"comments are closed for this article",
	"comments are closed for this post",
	"comments closed",
	"be the first to comment",
	"no comments yet",
	"no comments",
	"view comments",
	"show comments",
	"hide comments",
	"load more comments",
	"show more comments",
	"view all comments",
	"see all comments",
	"read comments",
	"loading comments",
	"comments powered by disqus",
	"comment(required",
	"name *",
	"email *",
	"your email address will not be published",
	"your email address will not be published. required fields are marked",
	"required fields are marked",
	"log in to comment",
	"login to comment",
	"sign in to comment",
	"log in to leave a comment",
	"you must be logged in to post a comment",
	"please log in using one of these methods to post your comment",
	"please enable javascript to view the comments powered by disqus",
	"save my name, email, and website in this browser for the next "
	"time i comment",
	"notify me of follow-up comments by email",
	"notify me of new posts by email",
	"notify me of new comments via email",
	"notify me of follow-up comments via email",
	/* the foot of a question-and-answer thread */
	"start asking to get answers",
	"find the answer to your question by asking",
	"explore related questions",
	"see similar questions with these tags",
	"sort by",
	"newest",
	"oldest",
	"top comments",
	"newest first",
	"oldest first",
	"antworten",
	"melden",
	"kommentar abschicken",
	"kommentare anzeigen",
	"keine kommentare",
	"répondre",
	"signaler",
	"publier le commentaire",
	"afficher les commentaires",
	"aucun commentaire",
	"responder",
	"publicar comentario",
	"ver comentarios",
	"sin comentarios",
	"rispondi",
	"segnala",
	"invia commento",
	"pubblica il commento",
	"nessun commento",
	"reageer",
	"reactie plaatsen",
	"geen reacties",
	"responder",
	"publicar comentário",
	"ver comentários",
	"ответить",
	"отправить комментарий",
	NULL};

/* Openers of comment-form lines that go on with details (folded). */
static const char *const line_openers[] = {
	"your email address will not be published",
	"this site uses akismet to reduce spam",
	"save my name, email, and website",
	"notify me of",
	"you are commenting using your",
	"you must be logged in to",
	"you must be logged in to post a comment",
	"thank you! your comment will be",
	"your comment is awaiting moderation",
	"comment policy",
	"comments are moderated",
	"by submitting a comment",
	"ihre e-mail-adresse wird nicht veröffentlicht",
	"votre adresse e-mail ne sera pas publiée",
	"votre adresse courriel ne sera pas publiée",
	"tu dirección de correo electrónico no será publicada",
	"il tuo indirizzo email non sarà pubblicato",
	"je e-mailadres wordt niet gepubliceerd",
	"o seu endereço de email não será publicado",
	"o seu endereço de e-mail não será publicado",
	"devi essere connesso per inviare un commento",
	"ваш адрес email не будет опубликован",
	NULL};

/* Class or id fragments of comment boxes. */
static const char *const hints[] = {
	"comment",   "disqus",   "fb-comments", "giscus",   "utterances",
	"commento",  "remark42", "hyvor-talk",  "livefyre", "spot-im",
	"spotim",    "openweb",  "viafoura",    "coral-",   "talk-stream",
	"kommentar", "reacties", "comentario",  "commenti", NULL};

/* Not a comment box though the class says "comment": commentary is
 * writing of the article's own, reviews and testimonials are what a
 * product page shows, a comment in code is code. */
static const char *const not_hints[] = {
	"commentary",    "commentator", "comment-author-",
	"nocomment",     "no-comment",  "comments-closed",
	"comments-open", "has-comment", "with-comment",
	"testimonial",   "review",      "feedback",
	"fdbk",          "rating",      "hljs",
	"highlight",     "syntax",      "token",
	"code",          NULL};

/* Fragments that only a whole comment section carries: trusted even
 * when the comments outweigh the article, as long as an article is
 * there. */
static const char *const section_hints[] = {"comments-area",
					    "comment-respond",
					    "commentlist",
					    "comment-list",
					    "comments-list",
					    "disqus_thread",
					    "fb-comments",
					    "comments-section",
					    "comment-section",
					    "commentssection",
					    "comments-container",
					    "comments-wrapper",
					    NULL};

/* Class or id fragments of the customer-review sections of a shop's
 * product page (the review apps' widgets, a shop system's reviews tab):
 * the buyers' comments on the product, and their stars and counts.
 * Not "review" alone: a review is an article, and a service page may
 * quote its clients. */
static const char *const review_sections[] = {
	"yotpo-reviews",   "yotpo-main-widget", "stamped-reviews",
	"stamped-main-widget", "jdgm-rev-widg",  "jdgm-widget",
	"okereviews-reviews", "oke-reviews",  "woocommerce-reviews",
	"bv_main_container", "bv-reviews",    "pr-review-display",
	"loox-reviews",    "junip-product-review", "customer-reviews",
	"product-reviews", "reviews-widget",  NULL};

#define MAX_HEAD 200 /* bytes: a heading is a line */
#define MAX_LINE 300 /* bytes: a form line */
#define PROSE    150 /* bytes: a block this long is prose */
#define FOLD_CAP 512

/* ---- small DOM helpers --------------------------------------------- */

/* The frame of the page: a comment box may be an <article>, never the
 * body or <main>. */
static bool is_frame(const xmlNode *n)
{
	return is_frame_of(n, false);
}

/* Is the block prose: long and mostly not links? */
static bool is_prose(xmlNodePtr b, size_t len)
{
	return len >= PROSE && wn_node_link_text_len(b) * 3 < len;
}

/* ---- phrases ------------------------------------------------------- */

static const char *skip_count(const char *f)
{
	static const char *const words[] = {
		"no ",    "one ",   "two ",  "three ", "four ", "five ", "six ",
		"seven ", "eight ", "nine ", "ten ",   "ein ",  "eine ", "un ",
		"une ",   "uno ",   "una ",  "een ",   "um ",   "uma ",  NULL};
	const char *p = f;

	while ((*p >= '0' && *p <= '9') || (p > f && (*p == ',' || *p == '.')))
		p++;
	if (p > f && *p == ' ')
		return p + 1;
	if (p > f)
		return p; /* "12comments" */
	for (const char *const *w = words; *w; w++) /* first byte first */
		if (**w == *f && !strncmp(f, *w, strlen(*w)))
			return f + strlen(*w);
	return f;
}

/*
 * Is folded text f a comments heading?  "Comments", "12 Comments",
 * "Comments (12)", "Leave a Reply Cancel reply", "3 thoughts on
 * “Title”".  Writes the heading without its trimmings into g.
 */
static bool is_head(const char *f, char *g, size_t cap)
{
	const char *p = skip_count(f);
	size_t n = strlen(p), k;

	if (n >= cap)
		return false;
	memcpy(g, p, n + 1);
	/* a trailing count "(12)" or ": 12", a "Cancel reply" link */
	while (n && ((g[n - 1] >= '0' && g[n - 1] <= '9') || g[n - 1] == ')' ||
		     g[n - 1] == '(' || g[n - 1] == ' ' || g[n - 1] == ':'))
		g[--n] = '\0';
	for (const char *const *c = cancel; *c; c++) {
		k = strlen(*c);
		if (n > k && !strcmp(g + n - k, *c) && g[n - k - 1] == ' ') {
			n -= k + 1;
			g[n] = '\0';
			break;
		}
	}
	if (wn_phrase_is(g, heads))
		return true;
	if (p == f)
		return false;
	return wn_phrase_is(g, heads_counted) ||
	       ((k = wn_phrase_prefix(g, heads_on)) && g[k]);
}

static bool is_form_line(const char *f, size_t len)
{
	char g[FOLD_CAP];

	if (wn_phrase_is(f, lines))
		return true;
	if (len <= MAX_LINE && wn_phrase_prefix(f, line_openers))
		return true;
	/* "5 comments", "1 comment", "0 replies": a count alone */
	return skip_count(f) != f && is_head(f, g, sizeof(g)) && strlen(f) < 40;
}

/* ---- the section a heading opens ------------------------------------ */

/* Verbs that close a commenter's signature line: "Ann says:", "Bob on
 * May 2, 2019 at 4:47 pm said:" (folded). */
static const char *const sign_verbs[] = {
	"says",     "said",     "wrote",      "writes",  "sagt",     "schreibt",
	"schrieb",  "dit",      "a dit",      "écrit",   "dice",     "dijo",
	"escribió", "scrive",   "ha scritto", "zegt",    "schreef",  "diz",
	"disse",    "escreveu", "пишет",      "написал", "написала", NULL};

/* A line that signs a comment: "Ann says:", a time stamp "November 19,
 * 2019 at 6:34 am", a "Reply" link. */
static bool is_signature(const char *f, size_t len)
{
	const char *sp;

	if (len > 120)
		return false;
	sp = strrchr(f, ' ');
	if (sp && wn_phrase_is(sp + 1, sign_verbs))
		return true;
	if (len < 60 && strstr(f, " at ") && strchr(f, ':') &&
	    (strstr(f, " am") || strstr(f, " pm")))
		return true;
	return !strcmp(f, "reply") || !strcmp(f, "log in to reply");
}

struct blk {
	xmlNodePtr node;
	size_t len;
	bool prose;
};

/* Do the blocks from `from` on read as a comment thread: three
 * commenters' signatures or more?  Then they go after the article even
 * when they are longer than it. */
static bool signed_thread(const struct blk *bs, size_t nb, size_t from)
{
	char f[FOLD_CAP];
	size_t signs = 0;

	for (size_t i = from; i < nb && signs < 3; i++)
		if (bs[i].len && bs[i].len <= 120)
			signs += is_signature(
				f, wn_node_fold(bs[i].node, f, sizeof(f)));
	return signs >= 3;
}

/* Prose of blocks [a, b). */
static size_t prose_between(const struct blk *bs, size_t a, size_t b)
{
	size_t sum = 0;

	for (size_t i = a; i < b; i++)
		if (bs[i].prose)
			sum += bs[i].len;
	return sum;
}

/*
 * HTML: the largest box that the heading opens: each ancestor whose
 * text starts with the heading, short of the frame of the page, the
 * title and the bulk of the prose.
 */
static xmlNodePtr section_of(xmlNodePtr h, xmlNodePtr body, size_t page)
{
	static const char *const frame[] = {"h1", "main", NULL};
	xmlNodePtr top = h;

	for (xmlNodePtr p = h->parent; p && p != body && !is_frame(p);
	     p = p->parent) {
		xmlNodePtr c = p->children;

		/* nothing with text before the heading's branch */
		while (c != top && wn_node_text_len(c) == 0)
			c = c->next;
		if (c != top || wn_node_has_descendant_tag(p, frame) ||
		    wn_node_prose_len(p) * 2 > page)
			break;
		top = p;
	}
	return top;
}

static int drop_section(struct wn_run *run, const struct blk *bs, size_t nb,
			size_t h, size_t page)
{
	static const char *const frame[] = {"h1", "main", NULL};
	xmlNodePtr body = wn_run_body(run), top, s;
	int rc = 0;

	if (wn_run_kind(run) == WN_KIND_TEXT) {
		for (size_t i = h; i < nb && !rc; i++)
			rc = wn_run_remove(run, bs[i].node);
		return rc;
	}
	top = section_of(bs[h].node, body, page);
	if (top != bs[h].node)
		return wn_run_remove(run, top);
	/* a bare heading: the comments are its following siblings, up to
	 * the next section of the page */
	for (s = top->next; s && !rc;) {
		xmlNodePtr next = s->next;

		if (s->type == XML_ELEMENT_NODE &&
		    (wn_node_has_descendant_tag(s, frame) ||
		     xmlStrEqual(s->name, BAD_CAST "main") ||
		     xmlStrEqual(s->name, BAD_CAST "h1") ||
		     xmlStrEqual(s->name, BAD_CAST "h2")))
			break;
		rc = wn_run_remove(run, s);
		s = next;
	}
	return rc ? rc : wn_run_remove(run, top);
}

/* ---- blocks of HTML and text ----------------------------------------- */

static int by_blocks(struct wn_run *run)
{
	xmlNodePtr *nodes;
	struct blk *bs;
	size_t nb, page = 0;
	char f[FOLD_CAP], g[FOLD_CAP];
	int rc = wn_blocks(wn_run_body(run), &nodes, &nb);

	if (rc)
		return rc;
	bs = calloc(nb ? nb : 1, sizeof(*bs));
	if (!bs) {
		free(nodes);
		return WN_ENOMEM;
	}
	for (size_t i = 0; i < nb; i++) {
		bs[i].node = nodes[i];
		bs[i].len = wn_node_text_len(nodes[i]);
		bs[i].prose = is_prose(nodes[i], bs[i].len);
		page += bs[i].prose ? bs[i].len : 0;
	}
	/* the first heading after the article opens the comments */
	for (size_t i = 0; i < nb && !rc; i++) {
		size_t before, after;

		if (bs[i].len == 0 || bs[i].len > MAX_HEAD)
			continue;
		wn_node_fold(bs[i].node, f, sizeof(f));
		if (!is_head(f, g, sizeof(g)))
			continue;
		before = prose_between(bs, 0, i);
		after = prose_between(bs, i + 1, nb);
		if (before >= 2 * PROSE &&
		    (after < before || signed_thread(bs, nb, i + 1))) {
			rc = drop_section(run, bs, nb, i, page);
			break;
		}
	}
	/* form lines and counts anywhere */
	for (size_t i = 0; i < nb && !rc; i++) {
		if (bs[i].len == 0 || bs[i].len > MAX_LINE ||
		    !wn_node_within(bs[i].node, wn_run_body(run)))
			continue;
		wn_node_fold(bs[i].node, f, sizeof(f));
		if (is_form_line(f, bs[i].len))
			rc = wn_run_remove(run, bs[i].node);
	}
	free(bs);
	free(nodes);
	return rc;
}

/* ---- HTML markup ------------------------------------------------------ */

/* The nearest ancestor of n that renders as a block. */
static xmlNodePtr block_of(xmlNodePtr n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (wn_node_is_block(n))
			return n;
	return NULL;
}

/* "<a>12 Comments</a>" in a byline: a count alone on a short line. */
static bool is_count_label(xmlNodePtr n, char *f)
{
	size_t len;
	xmlNodePtr b;
	char g[FOLD_CAP];

	if (wn_node_is_block(n) || wn_node_is_hidden(n))
		return false;
	len = wn_node_text_len(n);
	if (len == 0 || len > 40)
		return false;
	wn_node_fold(n, f, FOLD_CAP);
	if (skip_count(f) == f || !is_head(f, g, sizeof(g)))
		return false;
	b = block_of(n);
	return !b || wn_node_text_len(b) <= MAX_HEAD;
}

/*
 * A comment box without prose: an empty thread waiting for its script,
 * a form, a count, a run of short comments.  Not one line with a label
 * ("Comments: 10 pages, 4 figures" is a field of a paper's record).
 */
static bool short_box(xmlNodePtr n)
{
	static const char *const form[] = {"form", "textarea", "input",
					   "button", NULL};
	xmlNodePtr *bs;
	size_t nb;
	bool yes;
	char f[FOLD_CAP], g[FOLD_CAP];

	if (wn_node_text_len(n) == 0 || wn_node_has_descendant_tag(n, form))
		return true;
	if (wn_blocks(n, &bs, &nb))
		return false;
	yes = nb >= 2;
	if (!yes) {
		size_t len = wn_node_fold(nb ? bs[0] : n, f, sizeof(f));

		yes = is_head(f, g, sizeof(g)) || is_form_line(f, len) ||
		      strspn(f, "0123456789") == len;
	}
	free(bs);
	return yes;
}

enum verdict { V_NO, V_DROP, V_KEEP };

struct page {
	size_t prose; /* bytes of prose on the page */
	bool thread;  /* the comments are most of it */
};

/*
 * A comment box by its markup.  A box holding the title or <main> is a
 * wrapper of the page: look inside it.  One holding most of the prose
 * is the page's substance (a forum thread) and stays whole, unless its
 * markup says comment section and an article stands beside it: then it
 * goes even on a page its comments outweigh (a popular blog post).
 */
static enum verdict judge_box(xmlNodePtr n, const struct page *pg)
{
	static const char *const frame[] = {"h1", "main", NULL};
	static const char *const code[] = {"pre", "code", NULL};
	static const char *const form[] = {"form", "textarea", NULL};
	size_t prose;

	/* a shop's reviews go when the product has a description of its
	 * own beside them */
	if (!is_frame(n) && wn_tag_is_block(n->name) &&
	    wn_node_hint(n, review_sections, false) &&
	    !wn_node_has_descendant_tag(n, frame)) {
		prose = wn_node_prose_len(n);
		if (prose == 0 || pg->prose - prose >= 3 * PROSE)
			return V_DROP;
	}
	if (is_frame(n) || wn_tag_is_heading(n->name) ||
	    !(wn_node_is_block(n) ||
	      xmlStrEqual(n->name, BAD_CAST "form")) ||
	    !wn_node_hint(n, hints, false) ||
	    wn_node_hint(n, not_hints, false) ||
	    wn_node_has_ancestor_tag(n, code))
		return V_NO;
	if (wn_node_has_descendant_tag(n, frame))
		return V_NO;
	prose = wn_node_prose_len(n);
	if (prose == 0) {
		if (!short_box(n))
			return V_NO;
		/* on a thread a short reply is a reply like the others */
		if (pg->thread && wn_node_text_len(n) > 0 &&
		    !wn_node_has_descendant_tag(n, form))
			return V_KEEP;
		return V_DROP;
	}
	if (wn_node_hint(n, section_hints, false) &&
	    pg->prose - prose >= 3 * PROSE)
		return V_DROP;
	if (pg->thread)
		return V_KEEP;
	if (prose * 2 < pg->prose)
		return V_DROP;
	return V_KEEP;
}

/*
 * Is the page made of its comments: a thread, reviews set as comments?
 * Then the comment boxes hold the page's substance, whether one box
 * holds them all or each comment is a box of its own.
 */
/* Class or id fragments of the poster's card beside each post of a
 * forum thread (XenForo, vBulletin, MyBB, phpBB and kin): rank, join
 * date, post count, reaction score, signature; and the "Click to
 * expand..." link under a long quote.  The poster's name and the post's
 * date stay: they sign the post. */
static const char *const poster_hints[] = {
	"message-userextras", "message-usertitle", "message-userbanner",
	"usertitle", "userbanner", "userinfo_extra", "userstats",
	"author_statistics", "user-stats", "poster-stats", "postbit_stats",
	"user-details", "join-date", "post-count", "postcount",
	"signature", "quoteexpand", "bbcodeblock-expandlink", NULL};

/* The poster's card: a short box so marked, with no heading in it. */
static bool is_poster_meta(xmlNodePtr n)
{
	static const char *const heads_tags[] = {"h1", "h2", "h3", NULL};

	size_t cap = 400;

	/* Invision Community marks its signatures by a data-role only,
	 * and a signature may list a computer's parts line by line */
	if (wn_node_attr_is(n, "data-role", "memberSignature"))
		cap = 2000;
	/* a post's schema.org counts ("7 Likes" under each post of a
	 * Discourse thread): a count and its word */
	else if (wn_node_attr_is(n, "itemprop", "interactionStatistic"))
		cap = 40;
	else if (!wn_node_hint(n, poster_hints, false))
		return false;
	return wn_node_text_len(n) < cap &&
	       !wn_node_has_descendant_tag(n, heads_tags);
}

/* Add the poster's cards inside the kept box k to hits. */
static int poster_cards(xmlNodePtr k, struct wn_nodes *hits)
{
	for (xmlNodePtr e = wn_next_element(k, k, false); e;) {
		bool hit = !wn_tag_is_hidden(e->name) && is_poster_meta(e);

		if (hit && wn_nodes_push(hits, e))
			return WN_ENOMEM;
		e = wn_next_element(e, k, hit || wn_tag_is_hidden(e->name));
	}
	return 0;
}

static bool is_thread(xmlNodePtr body, size_t page)
{
	static const char *const title[] = {"h1", NULL};
	xmlNodePtr n = wn_next_element(body, body, false);
	size_t sum = 0;

	while (n) {
		bool hit = !wn_node_is_hidden(n) &&
			   wn_node_is_block(n) && !is_frame(n) &&
			   wn_node_hint(n, hints, false) &&
			   !wn_node_hint(n, not_hints, false) &&
			   !wn_node_has_descendant_tag(n, title);

		if (hit)
			sum += wn_node_prose_len(n);
		n = wn_next_element(n, body, hit || wn_node_is_hidden(n));
	}
	return sum * 2 >= page && page > 0;
}

static int by_markup(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct wn_nodes hits = {0};
	struct page pg = {wn_node_prose_len(body), false};
	char f[FOLD_CAP];
	int rc = 0;

	pg.thread = is_thread(body, pg.prose);
	n = wn_next_element(body, body, false);
	while (n) {
		enum verdict v = V_NO;

		if (!wn_node_is_hidden(n)) {
			v = judge_box(n, &pg);
			if (v == V_NO && (is_count_label(n, f) ||
					  is_poster_meta(n)))
				v = V_DROP;
		}
		if (v == V_DROP && wn_nodes_push(&hits, n)) {
			wn_nodes_free(&hits);
			return WN_ENOMEM;
		}
		/* a post kept whole still loses its poster's card */
		if (v == V_KEEP && poster_cards(n, &hits)) {
			wn_nodes_free(&hits);
			return WN_ENOMEM;
		}
		n = wn_next_element(n, body,
				    v != V_NO || wn_node_is_hidden(n));
	}
	for (size_t i = 0; i < hits.n && !rc; i++)
		rc = wn_run_remove(run, hits.v[i]);
	wn_nodes_free(&hits);
	return rc;
}

static int comments_run(void *inst, struct wn_run *run)
{
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) == WN_KIND_HTML)
		rc = by_markup(run);
	return rc ? rc : by_blocks(run);
}

WN_PLUGIN_DEFINE(comments, .version = "1.0",
		 .summary = "remove comment sections, comment forms and "
			    "comment counts",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = comments_run);
