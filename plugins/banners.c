/* SPDX-License-Identifier: MIT */
/*
 * banners: remove membership, paywall and newsletter banners ("Members
 * Public", "Subscribe to continue reading", "Sign up for our
 * newsletter", "Already a member? Sign in" and their forms in other
 * languages).  A block is removed when its whole text is such a phrase,
 * or when it is short and opens with a call to subscribe; in HTML also
 * small containers whose class or id names a paywall or newsletter box
 * or a site-wide promotion strip ("promo-bar", "announcement-bar"), and
 * short links to an app store standing alone ("Open in app").
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#include "steps.h"


/* Whole-block phrases (folded). */
static const char *const exact[] = {
	"members public", "members only", "public", "members", "paid members",
	"paid members only", "premium", "subscribers only", "sign in", "log in",
	"login", "sign up", "subscribe", "subscribe now", "upgrade",
	"become a member", "join now", "sign in subscribe", "subscribe sign in",
	"sign up sign in", "log in subscribe", "account", "newsletter",
	"sign up now", "join for free",
	/* German, French, Spanish, Italian, Portuguese, Dutch */
	"nur für abonnenten", "jetzt abonnieren", "abonnieren", "anmelden",
	"abo", "plus", "réservé aux abonnés", "abonnez-vous", "s'abonner",
	"se connecter", "solo para suscriptores", "suscríbete", "suscribirse",
	"iniciar sesión", "exclusivo para suscriptores",
	"riservato agli abbonati", "abbonati", "accedi",
	"exclusivo para assinantes", "assine", "entrar", "alleen voor abonnees",
	"word abonnee", "inloggen", "abonneer", NULL};

/* Phrases that open a short banner block (folded). */
static const char *const openers[] = {
	"subscribe to continue", "subscribe to read", "subscribe to unlock",
	"subscribe to our newsletter", "subscribe to the newsletter",
	"subscribe for full access", "sign up for our newsletter",
	"sign up to our newsletter", "sign up for the newsletter",
	"sign up for free", "sign up to read", "sign up to continue",
	"sign in to continue", "sign in to read", "log in to continue",
	"log in to read", "register to continue", "join our newsletter",
	"join our mailing list", "get our newsletter", "get the newsletter",
	"already a member", "already have an account", "already a subscriber",
	"already subscribed", "this post is for paying subscribers",
	"this post is for subscribers", "this post is for members",
	"this post is for paid members", "this article is for subscribers",
	"this article is for members", "this content is for members",
	"this content is for subscribers", "this content is only available to",
	"this article is only available",
	"you've reached your free article limit",
	"you have reached your free article limit",
	"you've read all your free articles", "create a free account to",
	"continue reading with a subscription", "unlock this article",
	"start your free trial", "become a member to", "you must be logged in",
	"to continue reading", "get the latest posts delivered",
	"great! you've successfully", "great! check your inbox",
	"success! your account is", "welcome back! you've successfully",
	"enter your email",
	/* German */
	"abonnieren sie unseren newsletter", "newsletter abonnieren",
	"melden sie sich für unseren newsletter", "bereits abonnent",
	"bereits mitglied", "sie sind bereits abonnent",
	"dieser artikel ist nur für abonnenten", "jetzt registrieren und",
	"zum newsletter anmelden", "weiterlesen mit",
	/* French */
	"inscrivez-vous à notre newsletter", "abonnez-vous à notre newsletter",
	"inscrivez-vous à la newsletter", "recevez notre newsletter",
	"déjà abonné", "cet article est réservé aux abonnés",
	"la suite est réservée aux abonnés", "il vous reste",
	/* Spanish */
	"suscríbete a nuestro boletín", "suscríbete a nuestra newsletter",
	"suscríbete para seguir leyendo", "ya eres suscriptor",
	"este artículo es exclusivo para suscriptores",
	"contenido exclusivo para suscriptores",
	/* Italian */
	"iscriviti alla newsletter", "iscriviti alla nostra newsletter",
	"sei già abbonato", "articolo riservato agli abbonati",
	"contenuto riservato agli abbonati",
	/* Portuguese */
	"assine a nossa newsletter", "inscreva-se na nossa newsletter",
	"já é assinante", "conteúdo exclusivo para assinantes",
	/* Dutch */
	"schrijf je in voor onze nieuwsbrief",
	"meld je aan voor onze nieuwsbrief", "al abonnee", "ben je al abonnee",
	NULL};

/* Class or id fragments of banner containers. */
static const char *const hints[] = {
	"paywall", "newsletter", "subscribe", "subscription", "membership",
	"members-cta", "upgrade-cta", "signup", "sign-up", "regwall", "piano-",
	"tp-modal", "upsell", "nl-signup", "gh-cta", "cta-box", "optin",
	"opt-in", "mailchimp", "mc4wp", "nieuwsbrief", "abo-",
	"post-visibility", "visibility-label",
	/* site-wide promotion strips: "promo-bar", "announcement-bar" */
	"promo-bar", "promobar", "announcement-bar", "announcementbar",
	/* calls to action: "footer-cta", "cta-button", "post_cta" */
	"-cta", "cta-", "_cta", NULL};

/* Verbs that open the pitch line under a signup heading ("Get the
 * morning briefing in your inbox"); folded. */
static const char *const pitch_verbs[] = {"get",       "receive",   "have",
					  "stay",      "sign up",   "join",
					  "subscribe", "delivered", NULL};

#define MAX_BANNER 300 /* bytes: a banner is a line or two */
#define MAX_PITCH  100 /* bytes: the pitch line is one short sentence */

static bool is_banner_text(const char *f, size_t len)
{
	if (wn_phrase_is(f, exact))
		return true;
	if (len < MAX_BANNER && wn_phrase_prefix(f, openers) > 0)
		return true;
	/* an imperative about the reader's inbox: an article does not
	 * tell its reader to get things in their inbox */
	return len < MAX_PITCH && wn_phrase_prefix(f, pitch_verbs) > 0 &&
	       strstr(f, "inbox") != NULL;
}

/* Does the block at i open a section of prose?  "Premium" or "Login"
 * over a paragraph is an article's own heading, not a banner. */
static bool heads_prose(xmlNodePtr *blocks, size_t nb, size_t i)
{
	char f[MAX_BANNER + 64];
	size_t len, links;

	if (!wn_tag_is_heading(blocks[i]->name))
		return false;
	while (++i < nb && wn_node_text_len(blocks[i]) == 0)
		; /* a figure, an empty spacer */
	if (i == nb || wn_tag_is_heading(blocks[i]->name))
		return false;
	len = wn_node_text_len(blocks[i]);
	links = wn_node_link_text_len(blocks[i]);
	if (len < 120 || links * 2 >= len)
		return false;
	len = wn_node_fold(blocks[i], f, sizeof(f));
	return !is_banner_text(f, len);
}

/* Remove leaf blocks whose text is a banner. */
static int by_text(struct wn_run *run)
{
	xmlNodePtr *blocks;
	size_t nb;
	char f[MAX_BANNER + 64];
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	for (size_t i = 0; i < nb && !rc; i++) {
		size_t len = wn_node_text_len(blocks[i]);

		if (len == 0 || len >= MAX_BANNER)
			continue;
		len = wn_node_fold(blocks[i], f, sizeof(f));
		if (is_banner_text(f, len) && !heads_prose(blocks, nb, i))
			rc = wn_run_remove(run, blocks[i]);
	}
	free(blocks);
	return rc;
}

/* Is the inline element n part of a sentence ("Click <b>Subscribe</b>
 * at the top of the page")?  A label stands alone on its line, or
 * beside links and a date. */
static bool in_sentence(const xmlNode *n)
{
	return wn_node_line_text_upto(n, 15) >= 15;
}

/* App stores: a short link to one that stands alone ("Open in app",
 * "Get the app") is an app-install banner. */
static const char *const app_stores[] = {
	"://play.google.com/store/apps", "://apps.apple.com/",
	"://itunes.apple.com/", "://app.adjust.com/", "://onelink.me/",
	".app.link/", NULL};

static bool app_link(const xmlNode *n)
{
	xmlChar *href;
	bool hit = false;
	size_t len;

	if (!tag_is(n, "a"))
		return false;
	len = wn_node_text_len(n);
	if (len == 0 || len >= 40)
		return false;
	href = attr_get(n, "href");
	for (const char *const *p = app_stores; href && *p && !hit; p++)
		hit = strstr((const char *)href, *p) != NULL;
	xmlFree(href);
	return hit && !in_sentence(n);
}

/* Remove small containers marked as banners, and inline labels whose
 * whole text is a banner phrase (a "Members Public" span). */
static int by_markup(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	size_t page = wn_node_text_len(body);
	char f[MAX_BANNER + 64];
	int rc = 0;

	n = wn_next_element(body, body, false);
	while (n && !rc) {
		bool drop = false;

		if (wn_node_is_hidden(n)) {
			/* never shown: an SVG sprite's <symbol id="subscribe"> */
			n = wn_next_element(n, body, true);
			continue;
		}
		/* not headings: their ids are made of their words, and an
		 * article may well ask "Which subscription service?" */
		if (!tag_is(n, "article") &&
		    !tag_is(n, "main") &&
		    !wn_tag_is_heading(n->name) && wn_node_hint_any(n, hints)) {
			size_t len = wn_node_text_len(n);

			drop = len < 1500 && len * 4 < page + 400;
		} else if (app_link(n)) {
			drop = true;
		} else if (!wn_node_is_block(n) &&
			   !tag_is(n, "a")) {
			size_t len = wn_node_text_len(n);

			if (len > 0 && len < 40) {
				wn_node_fold(n, f, sizeof(f));
				drop = wn_phrase_is(f, exact) &&
				       strcmp(f, "plus") != 0 &&
				       strcmp(f, "public") != 0 &&
				       strcmp(f, "account") != 0 &&
				       !in_sentence(n);
			}
		}
		if (drop) {
			xmlNodePtr next = wn_next_element(n, body, true);

			rc = wn_run_remove(run, n);
			n = next;
		} else {
			n = wn_next_element(n, body, false);
		}
	}
	return rc;
}

static int banners_run(void *inst, struct wn_run *run)
{
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) == WN_KIND_HTML)
		rc = by_markup(run);
	return rc ? rc : by_text(run);
}

WN_PLUGIN_DEFINE(banners, .version = "1.0",
		 .summary = "remove membership, paywall and newsletter "
			    "banners",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = banners_run);
