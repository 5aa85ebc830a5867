/* SPDX-License-Identifier: MIT */
/*
 * cookies: remove cookie-consent banners and dialogs ("We use cookies
 * ...", "Accept all", "Manage preferences", the preference centre with
 * its cookie categories, and their forms in other languages).  In HTML,
 * containers whose class or id names a consent manager (OneTrust,
 * Didomi, Cookiebot, Usercentrics, Quantcast, TrustArc, the WordPress
 * cookie plugins ...) or, when their text speaks of cookies or consent,
 * a cookie or consent box.  In HTML and text alike, blocks that open a
 * consent message or are a consent button label, with the button rows
 * and headings next to them.  A page about cookies (a cookie policy)
 * keeps its text: when consent wording is most of the page, the text
 * route leaves it alone.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* Phrases that open a consent message (folded). */
static const char *const openers[] = {
	"we use cookies", "we use cookie", "we use technologies",
	"we are using cookies", "we and our partners", "we value your privacy",
	"we care about your privacy", "your privacy is important to us",
	"your privacy matters", "this site uses cookies",
	"this website uses cookies", "this web site uses cookies",
	"this site uses cookie", "our site uses cookies",
	"our website uses cookies", "this website stores cookies",
	"this site stores cookies", "this website uses cookie",
	"this page uses cookies", "by continuing to use this site",
	"by continuing to use our site", "by continuing to use this website",
	"by continuing to browse", "by using this site",
	"by using this website", "by using our site", "by using our website",
	"by clicking accept", "by clicking “accept", "by clicking \"accept",
	"by clicking “i accept", "by choosing i accept", "by clicking “allow",
	"by clicking allow", "by clicking “agree", "cookies help us",
	"cookies are small", "this content isn't visible due to your cookie",
	"this content is not available due to your cookie",
	"with our cookies we",
	/* cookie categories of a preference centre */
	"strictly necessary cookies", "necessary cookies", "functional cookies",
	"functionality cookies", "performance cookies", "analytical cookies",
	"analytics cookies", "advertisement cookies", "advertising cookies",
	"targeting cookies", "marketing cookies", "social media cookies",
	"preference cookies", "other uncategorized cookies", "cookielawinfo",
	/* German */
	"wir verwenden cookies", "wir nutzen cookies", "wir setzen cookies",
	"diese website verwendet cookies", "diese webseite verwendet cookies",
	"diese seite verwendet cookies", "diese website nutzt cookies",
	"wir und unsere partner", "wir benötigen ihre zustimmung",
	"mit dem klick auf", "indem sie auf", "wenn sie auf „alle akzeptieren",
	"notwendige cookies", "technisch notwendige cookies",
	/* French */
	"nous utilisons des cookies", "nous utilisons des traceurs",
	"ce site utilise des cookies", "ce site web utilise des cookies",
	"nous et nos partenaires", "en poursuivant votre navigation",
	"en continuant à naviguer", "en cliquant sur « accepter",
	"vos choix en matière de cookies", "votre vie privée",
	/* Spanish */
	"utilizamos cookies", "usamos cookies", "este sitio utiliza cookies",
	"este sitio web utiliza cookies", "esta web utiliza cookies",
	"este sitio web usa cookies", "nosotros y nuestros socios",
	"si continúa navegando", "al hacer clic en «aceptar",
	"al continuar navegando",
	/* Italian */
	"utilizziamo i cookie", "utilizziamo cookie", "usiamo i cookie",
	"questo sito utilizza cookie", "questo sito utilizza i cookie",
	"questo sito web utilizza i cookie", "noi e terze parti selezionate",
	"noi e i nostri partner", "proseguendo la navigazione",
	/* Dutch */
	"wij gebruiken cookies", "we gebruiken cookies",
	"deze website gebruikt cookies", "deze site gebruikt cookies",
	"wij en onze partners",
	/* Portuguese */
	"utilizamos cookies", "usamos cookies", "este site utiliza cookies",
	"este site usa cookies", "nós e os nossos parceiros",
	"ao continuar a navegar", "ao continuar navegando",
	/* Russian */
	"мы используем cookie", "мы используем файлы cookie",
	"этот сайт использует cookie", "этот сайт использует файлы cookie",
	NULL};

/* Wording that names the use of cookies mid-sentence ("Rogers Media uses
 * cookies for ...").  Alone it might be a news story about tracking; a
 * consent message also carries one of `consent_words`.  Each holds
 * "cookie" (is_consent_message() looks for it first). */
static const char *const mentions[] = {"uses cookies",
				       "use cookies",
				       "use of cookies",
				       "cookie preferences",
				       "cookie settings",
				       "accept cookies",
				       "accept all cookies",
				       "verwendet cookies",
				       "nutzt cookies",
				       "utilise des cookies",
				       "utiliza cookies",
				       "usa cookies",
				       "utilizza cookie",
				       "utilizza i cookie",
				       "gebruikt cookies",
				       "использует cookie",
				       NULL};

static const char *const consent_words[] = {"consent",
					    "accept",
					    "agree",
					    "opt-out",
					    "opt out",
					    "preferences",
					    "settings",
					    "learn more",
					    "find out more",
					    "zustimm",
					    "einwillig",
					    "akzeptier",
					    "einstellungen",
					    "consentement",
					    "accepter",
					    "paramètres",
					    "consentimiento",
					    "aceptar",
					    "configuración",
					    "consenso",
					    "accett",
					    "impostazioni",
					    "toestemming",
					    "accepteren",
					    "instellingen",
					    "consentimento",
					    "aceitar",
					    "configurações",
					    "согласи",
					    "настройк",
					    NULL};

/* Whole-block labels that only a consent box has (folded). */
static const char *const labels[] = {
	"accept all cookies",
	"accept cookies",
	"allow all cookies",
	"allow cookies",
	"reject all cookies",
	"reject cookies",
	"decline cookies",
	"decline all cookies",
	"deny cookies",
	"necessary cookies only",
	"only necessary cookies",
	"use necessary cookies only",
	"accept only necessary cookies",
	"cookie settings",
	"cookies settings",
	"cookie preferences",
	"manage cookies",
	"manage cookie preferences",
	"manage cookie settings",
	"customize cookies",
	"customise cookies",
	"customize cookie settings",
	"customise cookie settings",
	"customize your cookie settings",
	"cookie consent",
	"manage consent",
	"manage consent preferences",
	"privacy overview",
	"privacy preference center",
	"privacy & cookies policy",
	"privacy and cookies policy",
	"strictly necessary cookies",
	"functional cookies",
	"performance cookies",
	"targeting cookies",
	"analytics cookies",
	"marketing cookies",
	"advertising cookies",
	"social media cookies",
	"cookie list",
	"cookies details",
	"cookie duration description",
	"manage cookie & tracking settings",
	"do not sell my personal information",
	"view and manage all cookie consent preferences",
	"we value your privacy",
	"your privacy choices",
	"cookie-einstellungen",
	"cookies akzeptieren",
	"alle cookies akzeptieren",
	"nur notwendige cookies",
	"cookies ablehnen",
	"paramètres des cookies",
	"personnaliser les cookies",
	"gérer les cookies",
	"accepter les cookies",
	"refuser les cookies",
	"configuración de cookies",
	"configurar cookies",
	"aceptar cookies",
	"aceptar todas las cookies",
	"rechazar cookies",
	"impostazioni cookie",
	"impostazioni dei cookie",
	"accetta i cookie",
	"rifiuta i cookie",
	"cookie-instellingen",
	"cookies accepteren",
	"alle cookies accepteren",
	"cookies weigeren",
	"definições de cookies",
	"configurações de cookies",
	"aceitar cookies",
	"rejeitar cookies",
	"настройки cookie",
	NULL};

/* Button labels and small headings that mean consent only next to a
 * consent message: "Accept", "Got it", "Manage preferences". */
static const char *const buttons[] = {"accept",
				      "accept all",
				      "i accept",
				      "accept & close",
				      "accept and close",
				      "agree",
				      "i agree",
				      "agree and close",
				      "agree & close",
				      "allow",
				      "allow all",
				      "allow all cookies",
				      "allow selection",
				      "ok",
				      "okay",
				      "got it",
				      "ok got it",
				      "ok, got it",
				      "i understand",
				      "understood",
				      "reject",
				      "reject all",
				      "decline",
				      "decline all",
				      "deny",
				      "deny all",
				      "refuse",
				      "continue without accepting",
				      "manage preferences",
				      "manage options",
				      "manage settings",
				      "more options",
				      "preferences",
				      "settings",
				      "customize",
				      "customise",
				      "save",
				      "save settings",
				      "save preferences",
				      "save and close",
				      "save & exit",
				      "confirm my choices",
				      "confirm choices",
				      "close",
				      "read more",
				      "learn more",
				      "more info",
				      "more information",
				      "privacy policy",
				      "necessary",
				      "always active",
				      "always enabled",
				      "non-necessary",
				      "functional",
				      "performance",
				      "analytics",
				      "marketing",
				      "advertisement",
				      "others",
				      "statistics",
				      "preferences",
				      "button",
				      "x",
				      "vendor list",
				      "legitimate interest",
				      "consent",
				      "cookie",
				      "cookies",
				      "back button",
				      "filter button",
				      "apply cancel",
				      "clear",
				      "select all",
				      "show details",
				      "hide details",
				      "alle akzeptieren",
				      "akzeptieren",
				      "zustimmen",
				      "alle ablehnen",
				      "ablehnen",
				      "einstellungen",
				      "alle auswählen",
				      "auswahl erlauben",
				      "speichern",
				      "mehr erfahren",
				      "details anzeigen",
				      "tout accepter",
				      "accepter",
				      "accepter et fermer",
				      "tout refuser",
				      "refuser",
				      "continuer sans accepter",
				      "personnaliser",
				      "paramètres",
				      "en savoir plus",
				      "j'accepte",
				      "aceptar",
				      "aceptar todas",
				      "aceptar todo",
				      "rechazar",
				      "rechazar todas",
				      "rechazar todo",
				      "configurar",
				      "configuración",
				      "más información",
				      "accetta",
				      "accetta tutti",
				      "accetta tutto",
				      "rifiuta",
				      "rifiuta tutti",
				      "personalizza",
				      "impostazioni",
				      "accepteren",
				      "alles accepteren",
				      "weigeren",
				      "alles weigeren",
				      "aceitar",
				      "aceitar todos",
				      "aceitar tudo",
				      "rejeitar",
				      "rejeitar todos",
				      "принять",
				      "принять все",
				      "отклонить",
				      NULL};

/* Class or id words that name a consent manager outright (whole words
 * of a token: "truste" in "truste-consent-track", not in "trusted"). */
static const char *const vendor_hints[] = {"onetrust",
					   "ot-sdk-",
					   "ot-pc-",
					   "didomi",
					   "cookiebot",
					   "cybot",
					   "usercentrics",
					   "qc-cmp",
					   "qc-cmp2",
					   "truste",
					   "trustarc",
					   "cookie-law-info",
					   "cookielawinfo",
					   "cli-modal",
					   "cmplz",
					   "complianz",
					   "cookieyes",
					   "cky-consent",
					   "borlabs",
					   "iubenda",
					   "termly",
					   "osano",
					   "quantcast",
					   "sp_message",
					   "sp-message-container",
					   "fc-consent",
					   "evidon",
					   "moove_gdpr",
					   "gdpr-cookie",
					   "cookie-notice",
					   "cookienotice",
					   "cookie-banner",
					   "cookiebanner",
					   "cookie-consent",
					   "cookieconsent",
					   "cookie_consent",
					   "cookie-bar",
					   "cookiebar",
					   "cookie_bar",
					   "cookie-popup",
					   "cookie_notice",
					   "cookie-notification",
					   "consent-banner",
					   "consentbanner",
					   "consent-manager",
					   "cmpbox",
					   "cc-window",
					   "cc-banner",
					   "cc_banner",
					   "cookiefirst",
					   "ensnotifybanner",
					   "ensmodalwrapper",
					   "privacy-banner",
					   "privacybanner",
					   "klaro",
					   "tarteaucitron",
					   "axeptio",
					   NULL};

/* Fragments that may name a consent box, or anything else holding the
 * word ("cookie-recipe"); trusted only when the box speaks of consent
 * from its first lines.  Not "cmp": Adobe's core components are all
 * "cmp-container", "cmp-text" ... */
static const char *const weak_hints[] = {
	"cookie", "consent", "gdpr", "privacy-notice", "privacy-popup", NULL};

/* Words in the opening text of a consent box: the choice it asks for.
 * Not "cookie" alone: a manual's section on cookies names them too. */
static const char *const asks[] = {
	"consent",         "privacy",      "gdpr",       "accept",
	"agree",           "opt-out",      "opt out",    "preferences",
	"datenschutz",     "einwillig",    "zustimm",    "akzeptier",
	"confidentialité", "consentement", "accepter",   "privacidad",
	"consentimiento",  "aceptar",      "consenso",   "riservatezza",
	"accett",          "toestemming",  "accepteren", "privacidade",
	"consentimento",   "aceitar",      "rgpd",       "dsgvo",
	"конфиденциальн",  "согласи",      NULL};

#define OPENING 400 /* bytes of a box's text that must name its topic */

#define MAX_MSG    1500  /* bytes: a consent message is a paragraph */
#define MAX_BUTTON 60    /* bytes: a button label or small heading */
#define MAX_BOX    20000 /* bytes: the largest preference centre */

static bool has_any(const char *f, const char *const *words)
{
	for (; *words; words++)
		if (strstr(f, *words))
			return true;
	return false;
}

/* Words by which a site speaks to its reader (folded, whole words). */
static const char *const address[] = {
	"you",  "your",     "we",   "our",   "us",   "sie", "ihre",
	"wir",  "unsere",   "vous", "votre", "nous", "nos", "usted",
	"tu",   "nosotros", "voi",  "noi",   "u",    "uw",  "wij",
	"você", "nós",      "вы",   "ваш",   "мы",   NULL};

/* Does folded text f hold one of the words, as a whole word? */
static bool has_word(const char *f, const char *const *words)
{
	for (; *words; words++) {
		size_t n = strlen(*words);

		for (const char *p = strstr(f, *words); p;
		     p = strstr(p + 1, *words))
			if ((p == f || p[-1] == ' ') &&
			    (p[n] == ' ' || p[n] == '\0' || p[n] == ',' ||
			     p[n] == '.' || p[n] == '\''))
				return true;
	}
	return false;
}

/*
 * The folded text f opens a consent message, or names cookies, asks for
 * a choice and speaks to the reader ("Rogers Media uses cookies ...
 * change your cookie preferences").  A news story on a fine for cookies
 * set without consent speaks of the site, not to its reader.
 */
static bool is_consent_message(const char *f)
{
	if (wn_phrase_prefix(f, openers))
		return true;
	/* every one of `mentions` says "cookie": one pass rules out the
	 * text that does not, instead of one for each */
	return strstr(f, "cookie") && has_any(f, mentions) &&
	       has_any(f, consent_words) && has_word(f, address);
}

/* ---- small DOM helpers --------------------------------------------- */

static bool is_frame(const xmlNode *n)
{
	return is_frame_of(n, true);
}

/* True when every piece of text under n is a consent label or button
 * ("Cookie Settings", "Accept"): what is left of a banner whose message
 * went. */
static bool only_buttons(xmlNodePtr node, char *f, size_t cap)
{
	xmlNodePtr n = node->children;

	while (n) {
		if (n->type == XML_TEXT_NODE && n->content) {
			const char *s = (const char *)n->content;

			if (wn_text_fold(s, strlen(s), f, cap) &&
			    !wn_phrase_is(f, buttons) &&
			    !wn_phrase_is(f, labels))
				return false;
		}
		n = next_node(n, node,
			      n->type != XML_ELEMENT_NODE ||
				      wn_node_is_hidden(n));
	}
	return true;
}

/* After a consent message went, its box may still hold the buttons:
 * remove the highest of the few ancestors that hold nothing else. */
static int drop_leftovers(struct wn_run *run, xmlNodePtr p, char *f, size_t cap)
{
	xmlNodePtr body = wn_run_body(run), top = NULL;

	if (!wn_node_within(p, body))
		return 0;
	for (int k = 0; p && p != body && p->type == XML_ELEMENT_NODE && k < 4;
	     p = p->parent, k++) {
		if (is_frame(p) || wn_node_text_len(p) > 200 ||
		    !only_buttons(p, f, cap))
			break;
		top = p;
	}
	return top ? wn_run_remove(run, top) : 0;
}

/* ---- the text route: blocks of HTML and text ------------------------ */

enum mark { M_NONE, M_MSG, M_BUTTON };

#define FOLD_CAP (MAX_MSG + 64)

/* Mark the buttons and headings around the message at i: button rows
 * follow a message, a heading ("We value your privacy") precedes it.
 * In HTML the heading is the message's sibling: a footer link just
 * before a banner at the end of the page is no part of it. */
static void mark_around(xmlNodePtr *blocks, enum mark *m, size_t nb, size_t i,
			char *f, bool html)
{
	for (size_t j = i + 1; j < nb && j <= i + 8; j++) {
		size_t len = wn_node_text_len(blocks[j]);

		if (m[j] == M_MSG)
			continue;
		if (len > MAX_BUTTON)
			break;
		wn_node_fold(blocks[j], f, FOLD_CAP);
		if (len && !wn_phrase_is(f, buttons))
			break;
		m[j] = M_BUTTON;
	}
	for (size_t j = i; j-- > 0 && j + 3 >= i;) {
		size_t len = wn_node_text_len(blocks[j]);

		if (m[j] != M_NONE || len == 0)
			continue;
		if (html && blocks[j]->parent != blocks[i]->parent)
			break;
		if (len > MAX_BUTTON)
			break;
		wn_node_fold(blocks[j], f, FOLD_CAP);
		if (!wn_phrase_is(f, buttons))
			break;
		m[j] = M_BUTTON;
	}
}

static int by_blocks(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), *blocks = NULL;
	size_t nb = 0, page = wn_node_text_len(body), hit = 0, nmsg = 0;
	char *f = malloc(FOLD_CAP);
	enum mark *m = NULL;
	bool html = wn_run_kind(run) == WN_KIND_HTML;
	int rc;

	if (!f)
		return WN_ENOMEM;
	rc = wn_blocks(body, &blocks, &nb);
	if (!rc && !(m = calloc(nb ? nb : 1, sizeof(*m))))
		rc = WN_ENOMEM;
	for (size_t i = 0; i < nb && !rc; i++) {
		size_t len = wn_node_text_len(blocks[i]);

		if (len == 0 || len >= MAX_MSG)
			continue;
		wn_node_fold(blocks[i], f, FOLD_CAP);
		/* a menu of links ("Terms | Cookie settings | Privacy") is
		 * no message, though it may name the same things */
		if (wn_phrase_is(f, labels) ||
		    (is_consent_message(f) &&
		     wn_node_link_text_len(blocks[i]) * 2 < len)) {
			m[i] = M_MSG;
			hit += len;
			nmsg++;
		}
	}
	/* a cookie policy, or a story on tracking, is made of such text:
	 * when it is most of the page there is no banner to take out */
	if (hit * 2 > page)
		nmsg = 0;
	for (size_t i = 0; i < nb && nmsg; i++)
		if (m[i] == M_MSG)
			mark_around(blocks, m, nb, i, f, html);
	for (size_t i = 0; i < nb && !rc && nmsg; i++) {
		xmlNodePtr parent = blocks[i]->parent;

		if (m[i] == M_NONE)
			continue;
		rc = wn_run_remove(run, blocks[i]);
		if (!rc && html)
			rc = drop_leftovers(run, parent, f, FOLD_CAP);
	}
	free(m);
	free(blocks);
	free(f);
	return rc;
}

/* ---- HTML markup --------------------------------------------------- */

/*
 * A consent box by its markup.  A vendor's name is trusted; "cookie" or
 * "consent" only when the box speaks of cookies or consent; a dialog
 * only when its text opens with a consent message.  Never a box that
 * holds the article (a page wrapper classed "has-cookie-bar").
 */
static bool is_box(xmlNodePtr n, size_t page, char *f)
{
	static const char *const frame[] = {"main", "article", "h1", NULL};
	size_t len;
	bool vendor;

	if (wn_node_is_hidden(n) || is_frame(n))
		return false;
	vendor = wn_node_hint(n, vendor_hints, true);
	if (!vendor && !wn_node_hint_any(n, weak_hints) &&
	    !wn_node_attr_is(n, "role", "dialog") &&
	    !wn_node_attr_is(n, "role", "alertdialog") &&
	    !wn_node_attr_is(n, "role", "region"))
		return false;
	len = wn_node_text_len(n);
	if (len > MAX_BOX || wn_node_has_descendant_tag(n, frame))
		return false;
	if (len == 0)
		return vendor;
	wn_node_fold(n, f, OPENING);
	if (vendor)
		return len * 10 < page * 9 || has_any(f, asks);
	if (len * 2 > page)
		return false;
	if (wn_node_hint_any(n, weak_hints))
		return has_any(f, asks);
	return is_consent_message(f);
}

static int by_markup(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	size_t page = wn_node_text_len(body);
	char *f = malloc(FOLD_CAP);
	int rc = 0;

	if (!f)
		return WN_ENOMEM;
	n = wn_next_element(body, body, false);
	while (n && !rc) {
		if (is_box(n, page, f)) {
			/* step past n first: once unlinked it has no
			 * parent or sibling to continue the walk from */
			xmlNodePtr next = wn_next_element(n, body, true);

			rc = wn_run_remove(run, n);
			n = next;
			continue;
		}
		n = wn_next_element(n, body, wn_node_is_hidden(n));
	}
	free(f);
	return rc;
}

static int cookies_run(void *inst, struct wn_run *run)
{
	int rc = 0;

	(void)inst;
	if (wn_run_kind(run) == WN_KIND_HTML)
		rc = by_markup(run);
	return rc ? rc : by_blocks(run);
}

WN_PLUGIN_DEFINE(cookies, .version = "1.0",
		 .summary = "remove cookie-consent banners and dialogs",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = cookies_run);
