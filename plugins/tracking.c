/* SPDX-License-Identifier: MIT */
/*
 * tracking: strip campaign and click-tracking parameters (utm_*, fbclid,
 * gclid, mc_cid ...) from the addresses of links and images, keeping the
 * rest of each URL as it was, and remove tracking pixels: images of one
 * pixel or none, and small images served from a beacon path.  In text
 * documents the same parameters are stripped from the URLs printed in
 * the text.  Parameters that select content (id, page, q, ref) are
 * never touched.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

/* Parameter names dropped whole (ASCII case ignored). */
static const char *const names[] = {
	/* click identifiers of ad and social networks */
	"fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
	"yclid", "ttclid", "twclid", "li_fat_id", "igshid", "igsh",
	"rb_clickid", "s_kwcid", "ef_id", "wickedid",
	/* mail, analytics and marketing-automation campaigns */
	"mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "__hstc", "__hssc",
	"__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id",
	"vero_id", "vero_conv", "_openstat", "xtor", "ncid", "spm", "sr_share",
	"_branch_match_id",
	/* share widgets */
	"ref_src", "ref_url", "fb_action_ids", "fb_action_types", "fb_source",
	"fb_ref", "action_object_map", "action_type_map", "action_ref_map",
	NULL};

/* Parameter name prefixes: Google Analytics, Matomo/Piwik, HubSpot ads. */
static const char *const prefixes[] = {"utm_", "pk_", "mtm_", "hsa_", NULL};

/* Paths that serve beacons; trusted only on an image that is small. */
static const char *const pixel_paths[] = {
	/* generic names */
	"/pixel", "pixel.", "/beacon", "beacon.", "1x1.gif", "1x1.png",
	"/track", "/impression", "/g.gif", "/b.gif", "/p.gif", "/t.gif",
	/* the endpoints of common analytics and ad services */
	"/tr?", "/tr/?", "/b/ss/", "/__utm.gif", "/collect?",
	"scorecardresearch.", NULL};

#define SMALL_PX 10 /* a beacon image declared at most this big */

static bool is_tracking_param(const char *p, size_t n)
{
	for (const char *const *q = names; *q; q++)
		if (strlen(*q) == n && !strncasecmp(p, *q, n))
			return true;
	for (const char *const *q = prefixes; *q; q++) {
		size_t k = strlen(*q);

		if (n > k && !strncasecmp(p, *q, k))
			return true;
	}
	return false;
}

/*
 * Rewrite the URL u[0..n) without tracking parameters into out.
 * Returns 1 when something was dropped, 0 when the URL stays as it is,
 * or WN_ENOMEM.  The fragment stays; a query left empty loses its '?'.
 */
static int clean_url(const char *u, size_t n, struct wn_buf *out)
{
	const char *q = memchr(u, '?', n), *hash = memchr(u, '#', n);
	const char *end, *p;
	bool dropped = false, any = false;

	out->len = 0;
	if (!q || (hash && hash < q))
		return 0;
	end = hash ? hash : u + n;
	if (wn_buf_append(out, u, (size_t)(q - u)))
		return WN_ENOMEM;
	for (p = q + 1; p < end;) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *e = amp ? amp : end, *eq;
		size_t klen;

		eq = memchr(p, '=', (size_t)(e - p));
		klen = (size_t)((eq ? eq : e) - p);
		if (e > p && is_tracking_param(p, klen)) {
			dropped = true;
		} else if (e > p) {
			if (wn_buf_append(out, any ? "&" : "?", 1) ||
			    wn_buf_append(out, p, (size_t)(e - p)))
				return WN_ENOMEM;
			any = true;
		}
		p = e + 1;
	}
	if (!dropped)
		return 0;
	if (hash && wn_buf_append(out, hash, (size_t)(u + n - hash)))
		return WN_ENOMEM;
	return 1;
}

/* Only web addresses carry tracking parameters worth stripping; a
 * mailto: query is the message itself. */
static bool web_url(const char *u)
{
	const char *colon = strchr(u, ':'), *sep = strpbrk(u, "/?#");

	if (!colon || (sep && sep < colon))
		return true; /* relative */
	return (colon - u == 4 && !strncasecmp(u, "http", 4)) ||
	       (colon - u == 5 && !strncasecmp(u, "https", 5));
}

static int clean_attr(struct wn_run *run, xmlNodePtr n, const char *attr,
		      struct wn_buf *tmp)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST attr);
	int rc = 0;

	if (!v)
		return 0;
	if (web_url((const char *)v))
		rc = clean_url((const char *)v, strlen((const char *)v), tmp);
	if (rc > 0)
		rc = wn_run_set_attr(run, n, attr, tmp->data);
	xmlFree(v);
	return rc;
}

/* The pixels of a number at p ("1", "1px", " 0 ", "1.0"), stopping at
 * `end` (a NUL or ';'); -1 when it is not a plain length (percentages,
 * "auto", "em"). */
static long pixels(const char *p, char end)
{
	long d = 0;
	bool digits = false;

	while (*p == ' ')
		p++;
	while (*p >= '0' && *p <= '9' && d < 100000) {
		d = d * 10 + (*p++ - '0');
		digits = true;
	}
	if (*p == '.')
		while (*++p >= '0' && *p <= '9')
			;
	if (!strncasecmp(p, "px", 2))
		p += 2;
	while (*p == ' ')
		p++;
	if (*p == '!' && !strncasecmp(p + 1, "important", 9))
		p += 10;
	while (*p == ' ')
		p++;
	return digits && (*p == end || !*p) ? d : -1;
}

/* The width or height of an image in pixels, from its attribute or
 * else its inline style; -1 when neither gives one. */
static long dimension(const xmlNode *n, const char *attr)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST attr);
	long d = -1;

	if (v) {
		d = pixels((const char *)v, '\0');
		xmlFree(v);
		return d;
	}
	v = xmlGetNoNsProp(n, BAD_CAST "style");
	if (!v)
		return -1;
	/* "width:1px" but not "max-width:" or "border-width:" */
	for (const char *p = (const char *)v; *p && d < 0; p++) {
		size_t k = strlen(attr);
		const char *q;

		if (strncasecmp(p, attr, k) ||
		    (p > (const char *)v &&
		     (p[-1] == '-' || (p[-1] >= 'a' && p[-1] <= 'z'))))
			continue;
		q = p + k;
		while (*q == ' ')
			q++;
		if (*q == ':')
			d = pixels(q + 1, ';');
	}
	xmlFree(v);
	return d;
}

/* Does the address look like a beacon? */
static bool pixel_path(const char *src)
{
	for (const char *const *p = pixel_paths; *p; p++) {
		size_t k = strlen(*p);

		for (const char *s = src; *s; s++)
			if (!strncasecmp(s, *p, k))
				return true;
	}
	return false;
}

/* An image that shows nothing: 0 or 1 pixel each way, or a small one
 * fetched from a beacon path. */
static bool tracking_pixel(const xmlNode *img)
{
	long w = dimension(img, "width"), h = dimension(img, "height");
	xmlChar *src;
	bool px;

	if (w >= 0 && h >= 0 && w <= 1 && h <= 1)
		return true;
	if (w > SMALL_PX || h > SMALL_PX || (w < 0 && h < 0))
		return false;
	src = xmlGetNoNsProp(img, BAD_CAST "src");
	px = src && pixel_path((const char *)src);
	xmlFree(src);
	return px;
}

/* Is n only white space and comments? */
static bool hollow(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_COMMENT_NODE)
			continue;
		if (c->type != XML_TEXT_NODE || !c->content)
			return false;
		for (const xmlChar *t = c->content; *t; t++)
			if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
				return false;
	}
	return true;
}

/* Remove a pixel, and the <noscript> it leaves empty ("<noscript><img
 * src=.../tr?id=..."> is how beacons reach readers without script). */
static int remove_pixel(struct wn_run *run, xmlNodePtr img)
{
	xmlNodePtr parent = img->parent;
	int rc = wn_run_remove(run, img);

	if (!rc && !img->parent && parent &&
	    xmlStrEqual(parent->name, BAD_CAST "noscript") && hollow(parent))
		rc = wn_run_remove(run, parent);
	return rc;
}

static int run_html(struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), n;
	struct wn_buf tmp = {0};
	int rc = 0;

	n = wn_next_element(body, body, false);
	while (n && !rc) {
		xmlNodePtr next = wn_next_element(n, body, false);

		if (xmlStrEqual(n->name, BAD_CAST "img")) {
			if (tracking_pixel(n))
				rc = remove_pixel(run, n);
			else
				rc = clean_attr(run, n, "src", &tmp);
		} else if (xmlStrEqual(n->name, BAD_CAST "a") ||
			   xmlStrEqual(n->name, BAD_CAST "area")) {
			rc = clean_attr(run, n, "href", &tmp);
		}
		n = next;
	}
	wn_buf_free(&tmp);
	return rc;
}

/* Bytes that end a URL in running text. */
static bool url_stop(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' ||
	       c == '`' || c == '{' || c == '}' || c == '|' || c == '\\' ||
	       c == '^';
}

/* The length of the URL starting at s: up to white space, less the
 * punctuation that ends the sentence around it and a closing bracket
 * the URL did not open ("(see https://x.org/?a=1)."). */
static size_t url_span(const char *s)
{
	size_t n = 0;
	int open = 0;

	while (s[n] && !url_stop((unsigned char)s[n]))
		n++;
	for (size_t i = 0; i < n; i++)
		open += (s[i] == '(') - (s[i] == ')');
	while (n > 0) {
		char c = s[n - 1];

		if (c == ')' && open < 0)
			open++;
		else if (!strchr(".,;:!?]", c))
			break;
		n--;
	}
	return n;
}

static bool url_start(const char *s, const char *line)
{
	if (s > line && !strchr(" \t(<[\"':", s[-1]))
		return false;
	return !strncasecmp(s, "http://", 7) ||
	       !strncasecmp(s, "https://", 8) || !strncasecmp(s, "www.", 4);
}

/* Rewrite the URLs in text s into out: 1 when one changed, 0 when none
 * did, or WN_ENOMEM. */
static int clean_text(const char *s, struct wn_buf *out, struct wn_buf *url)
{
	const char *p = s, *copied = s;
	bool changed = false;

	out->len = 0;
	while (*p) {
		size_t n;
		int rc;

		if (!url_start(p, s)) {
			p++;
			continue;
		}
		n = url_span(p);
		rc = clean_url(p, n, url);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			if (wn_buf_append(out, copied, (size_t)(p - copied)) ||
			    wn_buf_append(out, url->data, url->len))
				return WN_ENOMEM;
			copied = p + n;
			changed = true;
		}
		p += n ? n : 1;
	}
	if (!changed)
		return 0;
	return wn_buf_append(out, copied, strlen(copied)) ? WN_ENOMEM : 1;
}

static int run_text(struct wn_run *run)
{
	xmlNodePtr *blocks;
	size_t nb;
	struct wn_buf out = {0}, url = {0};
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	for (size_t i = 0; i < nb && !rc; i++) {
		for (xmlNodePtr t = blocks[i]->children; t && !rc;
		     t = t->next) {
			if (t->type != XML_TEXT_NODE || !t->content ||
			    !strchr((const char *)t->content, '?'))
				continue;
			rc = clean_text((const char *)t->content, &out, &url);
			if (rc > 0)
				rc = wn_run_set_text(run, t, out.data);
		}
	}
	free(blocks);
	wn_buf_free(&out);
	wn_buf_free(&url);
	return rc;
}

static int tracking_run(void *inst, struct wn_run *run)
{
	(void)inst;
	return wn_run_kind(run) == WN_KIND_TEXT ? run_text(run) : run_html(run);
}

WN_PLUGIN_DEFINE(tracking, .version = "1.0",
		 .summary = "strip tracking parameters from URLs, remove "
			    "tracking pixels",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = tracking_run);
