/* SPDX-License-Identifier: MIT */
/*
 * Document metadata: title, authors, published date, canonical URL, site
 * name, language, description and lead image, read once right after
 * parsing, before any step can remove the <h1> or <time> they come from.
 *
 * Every source offers candidates with a rank (lower is better): JSON-LD
 * objects first (articles before pages before other works, in document
 * order), then Open Graph, then other <meta> tags, then the markup.  The
 * best candidate of each field wins; authors are a list, so all authors
 * offered at the winning rank are kept.  JSON is parsed with jansson.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "internal.h"

enum field {
	F_TITLE,
	F_AUTHOR, /* the joined list; authors are offered separately */
	F_DATE,
	F_URL,
	F_SITE,
	F_LANG,
	F_DESC,
	F_IMAGE,
	F_COUNT
};

/* Rank bases of the sources: JSON-LD uses 0..R_OG-1. */
enum { R_OG = 10000, R_META = 20000, R_MARKUP = 30000, R_NONE = INT_MAX };

#define MAX_LD_OBJECTS 64 /* typed JSON-LD objects considered */
#define MAX_LD_DEPTH   12 /* how deep JSON-LD trees are searched */
#define MAX_AUTHORS    32
#define MAX_VALUE      4096 /* longer values are clutter, not metadata */

struct wn_meta_store {
	struct wn_meta pub; /* points into val and authors */
	char *val[F_COUNT];
	char **authors; /* NULL-terminated */
	char **extra;   /* key, value, key, value ... (wn_meta_set_) */
	size_t nextra;  /* pairs */
};

struct cand {
	char *v;
	int rank;
};

/* The extraction in progress. */
struct ex {
	struct wn_doc *doc;
	struct cand f[F_COUNT];
	char *auth[MAX_AUTHORS + 1];
	size_t nauth;
	int auth_rank;
	char *h1;      /* the first <h1>, for titles without a site name */
	json_t *ld;    /* every parsed JSON-LD root, kept alive */
	json_t *ldids; /* objects with an @id, for references */
	bool oom;
};

/* ---- strings ------------------------------------------------------- */

static bool is_space(const unsigned char *p, const unsigned char *e,
		     size_t *len)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
	    *p == '\v') {
		*len = 1;
		return true;
	}
	if (p + 1 < e && p[0] == 0xc2 && p[1] == 0xa0) { /* no-break space */
		*len = 2;
		return true;
	}
	*len = 1;
	return *p < 0x20 || *p == 0x7f;
}

/* A malloc'd copy of s[0..n) with white space collapsed and trimmed;
 * NULL (and ex->oom on failure) when nothing is left. */
static char *clean(struct ex *x, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	char *out, *q;
	bool space = false;

	if (!s)
		return NULL;
	out = q = malloc(n + 1);
	if (!out) {
		x->oom = true;
		return NULL;
	}
	while (p < e) {
		size_t k;

		if (is_space(p, e, &k)) {
			space = q != out;
			p += k;
			continue;
		}
		if (space)
			*q++ = ' ';
		space = false;
		*q++ = (char)*p++;
	}
	*q = '\0';
	if (q == out || q - out > MAX_VALUE) {
		free(out);
		return NULL;
	}
	return out;
}

/* Lower-case ASCII letters and digits of s (other ASCII dropped, UTF-8
 * kept), for loose comparison of site names. */
static void fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 c >= 0x80)
			out[k++] = (char)c;
	}
	out[k] = '\0';
}

/*
 * Decode HTML character references in a JSON-LD string.  Script bodies
 * are raw text to libxml2, so nothing decoded them yet, and CMSs often
 * store "&#8217;" or "&amp;" in headlines.  Returns a malloc'd string.
 */
static char *decode_refs(struct ex *x, const char *s)
{
	struct wn_buf b = {0};
	const char *p = s;
	int rc = wn_buf_append(&b, "", 0);

	while (rc == 0 && *p) {
		const char *amp = strchr(p, '&'), *semi;
		unsigned long cp = 0;
		char name[33];
		size_t k;

		if (!amp) {
			rc = wn_buf_puts(&b, p);
			break;
		}
		rc = wn_buf_append(&b, p, (size_t)(amp - p));
		semi = strchr(amp, ';');
		k = semi ? (size_t)(semi - amp - 1) : 0;
		if (rc == 0 && semi && k > 0 && k < sizeof(name)) {
			memcpy(name, amp + 1, k);
			name[k] = '\0';
			if (name[0] == '#') {
				char *end;
				bool hex = name[1] == 'x' || name[1] == 'X';

				cp = strtoul(name + 1 + hex, &end,
					     hex ? 16 : 10);
				if (*end || end == name + 1 + hex)
					cp = 0;
			} else {
				const htmlEntityDesc *d =
					htmlEntityLookup(BAD_CAST name);

				cp = d ? d->value : 0;
			}
		}
		if (rc == 0 && cp > 0 && cp <= 0x10ffff &&
		    !(cp >= 0xd800 && cp <= 0xdfff)) {
			xmlChar u[8];
			int ul = xmlCopyCharMultiByte(u, (int)cp);

			rc = wn_buf_append(&b, (const char *)u,
					   ul > 0 ? (size_t)ul : 0);
			p = semi + 1;
		} else if (rc == 0) {
			rc = wn_buf_append(&b, "&", 1);
			p = amp + 1;
		}
	}
	if (rc < 0) {
		x->oom = true;
		wn_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* ---- dates ---------------------------------------------------------- */

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
				     "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const weekdays[] = {"mon", "tue", "wed", "thu",
				       "fri", "sat", "sun"};

struct date {
	int y, mo, d, h, mi, s; /* h < 0: no time */
	int zone;               /* minutes east of UTC */
	bool has_zone, utc;
};

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Zone names news sites print ("7:47 PM EST"); IST is India's. */
static const struct {
	const char *name;
	int minutes;
} zone_names[] = {
	{"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
	{"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
	{"BST", 60},   {"CET", 60},   {"CEST", 120}, {"EET", 120},
	{"EEST", 180}, {"IST", 330},  {"JST", 540},  {"KST", 540},
};

/* A zone at s: "Z", "UTC", "GMT", "+HH", "+HHMM", "+HH:MM" or a name
 * above.  Returns the bytes read, 0 when none. */
static size_t parse_zone(const char *s, struct date *d)
{
	int hh, mm = 0;
	size_t k;

	if ((*s == 'Z' || *s == 'z') &&
	    !((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z')) {
		d->has_zone = d->utc = true;
		return 1;
	}
	for (size_t i = 0; i < sizeof(zone_names) / sizeof(*zone_names); i++) {
		k = strlen(zone_names[i].name);
		if (!strncmp(s, zone_names[i].name, k) &&
		    !((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) {
			d->zone = zone_names[i].minutes;
			d->has_zone = true;
			d->utc = false;
			return k;
		}
	}
	if (!strncasecmp(s, "UTC", 3) || !strncasecmp(s, "GMT", 3)) {
		d->has_zone = d->utc = true;
		k = 3;
		if (s[3] == '+' || s[3] == '-') { /* "GMT+01:00" */
			size_t z = parse_zone(s + 3, d);

			if (!z)
				return 0;
			k += z;
		}
		return k;
	}
	if ((*s != '+' && *s != '-') || digits(s + 1, 2, &hh))
		return 0;
	k = 3;
	if (s[3] == ':' && !digits(s + 4, 2, &mm))
		k = 6;
	else if (is_digit(s[3]) && !digits(s + 3, 2, &mm))
		k = 5;
	if (hh > 14 || mm > 59)
		return 0;
	d->zone = (*s == '-' ? -1 : 1) * (hh * 60 + mm);
	d->has_zone = true;
	d->utc = false;
	return k;
}

/* "HH:MM[:SS][.fff]" at s; returns the bytes read, 0 when none. */
static size_t parse_clock(const char *s, struct date *d)
{
	size_t k;

	if (digits(s, 2, &d->h) || s[2] != ':' || digits(s + 3, 2, &d->mi)) {
		if (is_digit(s[0]) && s[1] == ':' && !digits(s, 1, &d->h) &&
		    !digits(s + 2, 2, &d->mi)) {
			k = 4; /* "8:19" */
		} else {
			d->h = -1;
			return 0;
		}
	} else {
		k = 5;
	}
	d->s = 0;
	if (s[k] == ':' && !digits(s + k + 1, 2, &d->s))
		k += 3;
	if (s[k] == '.' || s[k] == ',')
		for (k++; is_digit(s[k]); k++)
			;
	return k;
}

/* ISO 8601 and its common variants: "2019-11-19", "2019/11/19",
 * "20191119", then "T" or " " and a clock, then a zone. */
static bool parse_iso(const char *s, struct date *d)
{
	size_t k;

	if (digits(s, 4, &d->y))
		return false;
	if ((s[4] == '-' || s[4] == '/' || s[4] == '.') &&
	    !digits(s + 5, 2, &d->mo) && s[7] == s[4] &&
	    !digits(s + 8, 2, &d->d))
		k = 10;
	else if (!digits(s + 4, 2, &d->mo) && !digits(s + 6, 2, &d->d) &&
		 !is_digit(s[8]))
		k = 8;
	else
		return false;
	d->h = -1;
	if ((s[k] == 'T' || s[k] == 't' || s[k] == ' ') && is_digit(s[k + 1])) {
		size_t c = parse_clock(s + k + 1, d);

		if (!c)
			return false;
		k += 1 + c;
		while (s[k] == ' ')
			k++;
		k += parse_zone(s + k, d);
		while (s[k] == ' ')
			k++;
		if (d->has_zone) { /* Go's "+0100 +0100", "+0000 UTC" */
			struct date again = *d;

			k += parse_zone(s + k, &again);
		}
	}
	while (s[k] == ' ')
		k++;
	/* a zone name we do not know ("EST") leaves the local time */
	return s[k] == '\0' || (d->h >= 0 && !d->has_zone &&
				((s[k] >= 'A' && s[k] <= 'Z') || s[k] == '('));
}

/* Word dates: "November 20, 2019 13:42", "Tue, 19 Nov 2019 21:57:01
 * +0000", "Monday, November 18, 2019, 08:19 PM", "Tue Nov 19 21:57:01
 * UTC 2019".  Every word must be understood. */
static bool parse_words(const char *s, struct date *d)
{
	int pm = -1;

	d->y = d->mo = d->d = 0;
	d->h = -1;
	while (*s) {
		const char *w = s;
		size_t n = 0;

		if (*s == ' ' || *s == ',' || *s == '|' || *s == '@') {
			s++;
			continue;
		}
		if (is_digit(*s)) {
			size_t c;

			while (is_digit(s[n]))
				n++;
			if (s[n] == ':' && d->h < 0 &&
			    (c = parse_clock(s, d)) > 0) {
				s += c;
				while (*s == ' ')
					s++;
				s += parse_zone(s, d);
				continue;
			}
			if (n == 4 && !d->y)
				digits(s, 4, &d->y);
			else if (n <= 2 && !d->d)
				digits(s, (int)n, &d->d);
			else
				return false;
			s += n;
			if ((n <= 2) && (!strncasecmp(s, "st", 2) ||
					 !strncasecmp(s, "nd", 2) ||
					 !strncasecmp(s, "rd", 2) ||
					 !strncasecmp(s, "th", 2)))
				s += 2;
			continue;
		}
		if (*s == '+' || *s == '-') {
			size_t z = d->h >= 0 ? parse_zone(s, d) : 0;

			if (!z)
				return false;
			s += z;
			continue;
		}
		while ((w[n] >= 'a' && w[n] <= 'z') ||
		       (w[n] >= 'A' && w[n] <= 'Z') || w[n] == '.')
			n++;
		if (n == 0)
			return false;
		s += n;
		if (w[n - 1] == '.')
			n--;
		if (n >= 3 && !d->mo) {
			bool hit = false;

			for (int i = 0; i < 12 && !hit; i++)
				if (!strncasecmp(w, months[i], 3)) {
					d->mo = i + 1;
					hit = true;
				}
			if (hit)
				continue;
		}
		if (n >= 3) {
			bool hit = false;

			for (int i = 0; i < 7 && !hit; i++)
				hit = !strncasecmp(w, weekdays[i], 3);
			if (hit)
				continue;
		}
		if (n == 2 &&
		    (!strncasecmp(w, "am", 2) || !strncasecmp(w, "pm", 2))) {
			pm = (w[0] | 0x20) == 'p';
			continue;
		}
		if (n == 2 &&
		    (!strncasecmp(w, "at", 2) || !strncasecmp(w, "on", 2)))
			continue;
		if (d->h >= 0 && parse_zone(w, d) == n)
			continue;
		return false;
	}
	if (!d->y || !d->mo || !d->d)
		return false;
	if (pm >= 0 && d->h >= 0) {
		if (d->h > 12 || d->h == 0)
			return false;
		d->h = d->h % 12 + (pm ? 12 : 0);
	}
	return true;
}

/*
 * Normalize a date into out (at least 26 bytes) as
 * YYYY-MM-DD[THH:MM:SS[Z|+HH:MM]].  Returns 1 when it was parsed, 0 when
 * it could not be, -1 when it was parsed but is no real date
 * ("0001-01-01T00:00Z", month 13).
 */
static int norm_date(const char *s, char *out, size_t cap)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	struct date d = {.h = -1};
	int k;

	if (!parse_iso(s, &d)) {
		memset(&d, 0, sizeof(d));
		if (!parse_words(s, &d))
			return 0;
	}
	if (d.y < 1900 || d.y > 2199 || d.mo < 1 || d.mo > 12 || d.d < 1 ||
	    d.d > mdays[d.mo - 1])
		return -1;
	if (d.h >= 0 && (d.h > 23 || d.mi > 59 || d.s > 60))
		return -1;
	k = snprintf(out, cap, "%04d-%02d-%02d", d.y, d.mo, d.d);
	if (d.h >= 0)
		k += snprintf(out + k, cap - (size_t)k, "T%02d:%02d:%02d", d.h,
			      d.mi, d.s);
	if (d.h >= 0 && d.has_zone && d.utc)
		snprintf(out + k, cap - (size_t)k, "Z");
	else if (d.h >= 0 && d.has_zone)
		snprintf(out + k, cap - (size_t)k, "%c%02d:%02d",
			 d.zone < 0 ? '-' : '+', abs(d.zone) / 60,
			 abs(d.zone) % 60);
	return 1;
}

/* ---- candidates ------------------------------------------------------ */

/* A URL resolved against the page's, malloc'd; v itself when it cannot
 * be (v is consumed). */
static char *resolve(struct ex *x, char *v)
{
	xmlChar *abs;

	if (!x->doc->url || strstr(v, "://"))
		return v;
	abs = xmlBuildURI(BAD_CAST v, BAD_CAST x->doc->url);
	if (abs) {
		char *r = wn_strdup_((const char *)abs);

		xmlFree(abs);
		if (r) {
			free(v);
			return r;
		}
		x->oom = true;
	}
	return v;
}

/* Is s a language tag ("en", "en-US", "pt_BR", "zh-Hant-TW")? */
static bool is_lang(const char *s)
{
	size_t n = 0;

	while ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z')
		n++;
	if (n < 2 || n > 3)
		return false;
	for (s += n; *s; s += n) {
		if (*s != '-' && *s != '_')
			return false;
		s++;
		for (n = 0; ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z') ||
			    is_digit(s[n]);
		     n++)
			;
		if (n < 1 || n > 8)
			return false;
	}
	return true;
}

/* Does v contain a plausible year, so it may be a date we cannot read? */
static bool has_year(const char *v)
{
	for (const char *p = v; *p; p++) {
		int y;

		if ((p == v || !is_digit(p[-1])) && !digits(p, 4, &y) &&
		    !is_digit(p[4]) && y >= 1900 && y <= 2199)
			return true;
	}
	return false;
}

/* Offer s[0..n) for field f at rank r; kept when it beats the current
 * candidate.  Earlier offers win ties. */
static void offer_n(struct ex *x, enum field f, int r, const char *s, size_t n)
{
	char *v, date[40];

	if (!s || r >= x->f[f].rank)
		return;
	v = clean(x, s, n);
	if (!v)
		return;
	switch (f) {
	case F_DATE:
		if (v[0] == '"' && strlen(v) > 2 && v[strlen(v) - 1] == '"') {
			v[strlen(v) - 1] = '\0';
			memmove(v, v + 1, strlen(v));
		}
		switch (norm_date(v, date, sizeof(date))) {
		case 1:
			free(v);
			v = wn_strdup_(date);
			if (!v) {
				x->oom = true;
				return;
			}
			break;
		case 0:
			if (strlen(v) <= 64 && has_year(v))
				break;
			/* fall through */
		default:
			free(v);
			return;
		}
		break;
	case F_LANG:
		if (!is_lang(v)) {
			free(v);
			return;
		}
		for (char *p = v; *p; p++)
			if (*p == '_')
				*p = '-';
		break;
	case F_URL:
	case F_IMAGE:
		if (strchr(v, ' ') || !strncasecmp(v, "data:", 5) ||
		    !strncasecmp(v, "javascript:", 11)) {
			free(v);
			return;
		}
		v = resolve(x, v);
		break;
	case F_SITE:
		/* "@handle" and addresses are not names */
		if (v[0] == '@' || strstr(v, "://")) {
			free(v);
			return;
		}
		break;
	default:
		break;
	}
	free(x->f[f].v);
	x->f[f].v = v;
	x->f[f].rank = r;
}

static void offer(struct ex *x, enum field f, int r, const char *s)
{
	if (s)
		offer_n(x, f, r, s, strlen(s));
}

/* Any letter (non-ASCII counts: it is most likely one)? */
static bool has_letter(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 ||
		    ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
			return true;
	return false;
}

/* Add one cleaned author name at rank r (consumed). */
static void add_author(struct ex *x, int r, char *v)
{
	size_t n = strlen(v);

	/* separators around a byline ("Amy Kuperinsky | ", "| BY: Ann") */
	while (n && strchr("|,;:- ", v[n - 1]))
		v[--n] = '\0';
	while (*v && strchr("|,;:- ", *v))
		memmove(v, v + 1, n--);
	if (n >= 3 && !strncasecmp(v, "by", 2) && strchr(": ", v[2])) {
		size_t k = 3;

		while (v[k] == ' ' || v[k] == ':')
			k++;
		n -= k;
		memmove(v, v + k, n + 1);
	}
	if (!n || n > 120 || v[0] == '@' || strstr(v, "://") ||
	    !strncasecmp(v, "www.", 4) || !has_letter(v) ||
	    !strcasecmp(v, "undefined") || !strcasecmp(v, "null") ||
	    !strcasecmp(v, "none")) {
		free(v); /* addresses, handles, ids and template leftovers */
		return;
	}
	if (r < x->auth_rank) {
		for (size_t i = 0; i < x->nauth; i++)
			free(x->auth[i]);
		x->nauth = 0;
		x->auth_rank = r;
	}
	for (size_t i = 0; i < x->nauth; i++)
		if (!strcasecmp(x->auth[i], v)) {
			free(v);
			return;
		}
	if (x->nauth == MAX_AUTHORS) {
		free(v);
		return;
	}
	x->auth[x->nauth++] = v;
}

/* Separators between names in one author string. */
static const char *const name_seps[] = {" and ", " & ", ";",
					" | ",   " / ", NULL};

/*
 * Offer an author string at rank r, split into names: at " and ", "&",
 * ";", "|", and at commas when every part has a space (so "Doe, John"
 * stays one name).
 */
static void offer_author(struct ex *x, int r, const char *s)
{
	char *v, *p;
	size_t parts = 1;
	bool split_commas = true;

	if (!s || r > x->auth_rank)
		return;
	v = clean(x, s, strlen(s));
	if (!v)
		return;
	/* one pass for each separator turns them into '\x1f' */
	for (size_t i = 0; name_seps[i]; i++) {
		size_t k = strlen(name_seps[i]);

		for (p = v; (p = strcasestr(p, name_seps[i])) != NULL;) {
			*p = '\x1f';
			memmove(p + 1, p + k, strlen(p + k) + 1);
		}
	}
	for (p = v; *p; p++)
		if (*p == ',')
			parts++;
	if (parts > 1) {
		const char *start = v;

		for (p = v;; p++)
			if (*p == ',' || *p == '\x1f' || !*p) {
				const char *q = start;

				while (q < p && *q == ' ')
					q++;
				if (*p != '\x1f' &&
				    !memchr(q, ' ', (size_t)(p - q)))
					split_commas = false;
				if (!*p)
					break;
				start = p + 1;
			}
		if (split_commas)
			for (p = v; *p; p++)
				if (*p == ',')
					*p = '\x1f';
	}
	for (p = v;;) {
		char *e = strchr(p, '\x1f'), *name;

		name = clean(x, p, e ? (size_t)(e - p) : strlen(p));
		if (name)
			add_author(x, r, name);
		if (!e)
			break;
		p = e + 1;
	}
	free(v);
}

/* ---- JSON-LD ------------------------------------------------------- */

static const char *const article_types[] = {"Article",
					    "NewsArticle",
					    "BlogPosting",
					    "ReportageNewsArticle",
					    "AnalysisNewsArticle",
					    "OpinionNewsArticle",
					    "ReviewNewsArticle",
					    "BackgroundNewsArticle",
					    "LiveBlogPosting",
					    "TechArticle",
					    "ScholarlyArticle",
					    "SocialMediaPosting",
					    "DiscussionForumPosting",
					    "Report",
					    "SatiricalArticle",
					    "AdvertiserContentArticle",
					    NULL};
static const char *const page_types[] = {"WebPage",
					 "ItemPage",
					 "AboutPage",
					 "ProfilePage",
					 "QAPage",
					 "FAQPage",
					 "MedicalWebPage",
					 "ContactPage",
					 "CollectionPage",
					 "SearchResultsPage",
					 "CheckoutPage",
					 "RealEstateListing",
					 NULL};
static const char *const work_types[] = {
	"CreativeWork", "VideoObject", "Recipe",  "Review",
	"Book",         "Movie",       "Episode", "PodcastEpisode",
	"Event",        "Product",     "Course",  "HowTo",
	"Question",     "ClaimReview", NULL};

/* The schema.org name of a type: "http://schema.org/NewsArticle" and
 * "schema:NewsArticle" are NewsArticle. */
static const char *type_base(const char *t)
{
	const char *p = strrchr(t, '/'), *c = strrchr(t, ':');

	if (c && (!p || c > p))
		p = c;
	return p ? p + 1 : t;
}

static bool type_in(const json_t *o, const char *const *names)
{
	const json_t *t = json_object_get(o, "@type"), *e;
	size_t i;

	if (json_is_string(t)) {
		const char *b = type_base(json_string_value(t));

		for (size_t k = 0; names[k]; k++)
			if (!strcasecmp(b, names[k]))
				return true;
		return false;
	}
	json_array_foreach (t, i, e)
		if (json_is_string(e)) {
			const char *b = type_base(json_string_value(e));

			for (size_t k = 0; names[k]; k++)
				if (!strcasecmp(b, names[k]))
					return true;
		}
	return false;
}

static bool type_is(const json_t *o, const char *name)
{
	const char *const names[] = {name, NULL};

	return type_in(o, names);
}

/* Rank of an object as the page's main thing; -1 when it is none. */
static int ld_kind(const json_t *o)
{
	if (type_in(o, article_types))
		return 0;
	if (type_in(o, page_types))
		return 1;
	if (type_in(o, work_types))
		return 2;
	return -1;
}

/* Remember every object with an @id and something more, so that
 * {"@id": "#author"} references (Yoast's @graph) can be followed. */
static void ld_index(struct ex *x, json_t *v, int depth)
{
	const char *k;
	json_t *e;
	size_t i;

	if (depth > MAX_LD_DEPTH)
		return;
	if (json_is_array(v)) {
		json_array_foreach (v, i, e)
			ld_index(x, e, depth + 1);
	} else if (json_is_object(v)) {
		if (json_is_string(json_object_get(v, "@id")) &&
		    json_object_size(v) > 1 && json_array_append(x->ldids, v))
			x->oom = true;
		json_object_foreach (v, k, e)
			ld_index(x, e, depth + 1);
	}
}

/* The object a reference stands for, or o itself. */
static const json_t *ld_deref(struct ex *x, const json_t *o)
{
	const json_t *id = json_object_get(o, "@id"), *e;
	size_t i;

	if (!json_is_object(o) || !json_is_string(id) ||
	    json_object_size(o) > 2)
		return o;
	json_array_foreach (x->ldids, i, e)
		if (e != o && json_equal(json_object_get(e, "@id"), id))
			return e;
	return o;
}

/*
 * Gather the candidate objects of a tree: the roots, members of @graph
 * and the mainEntity of a page, but not objects nested in other
 * properties, such as the articles of an ItemList of teasers.
 */
static void ld_gather(json_t *v, json_t *found, int depth)
{
	json_t *e;
	size_t i;

	if (depth > MAX_LD_DEPTH || json_array_size(found) >= MAX_LD_OBJECTS)
		return;
	if (json_is_array(v)) {
		json_array_foreach (v, i, e)
			ld_gather(e, found, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (json_object_get(v, "@type"))
		json_array_append(found, v);
	ld_gather(json_object_get(v, "@graph"), found, depth + 1);
	ld_gather(json_object_get(v, "mainEntity"), found, depth + 1);
}

/* Offer a JSON-LD string value (character references decoded). */
static void ld_offer(struct ex *x, enum field f, int r, const json_t *v)
{
	char *s;

	if (!json_is_string(v) || r >= x->f[f].rank)
		return;
	s = decode_refs(x, json_string_value(v));
	offer(x, f, r, s);
	free(s);
}

/* A name from a string or an object's "name" (references followed). */
static const json_t *ld_name(struct ex *x, const json_t *v)
{
	if (json_is_string(v))
		return v;
	v = ld_deref(x, v);
	return json_object_get(v, "name");
}

/* A URL from a string, an object's url or contentUrl (or its @id, for
 * a page, whose @id is its address), or the first element of an array. */
static const json_t *ld_url(struct ex *x, const json_t *v, bool page, int depth)
{
	const json_t *u;

	if (depth > 3)
		return NULL;
	if (json_is_array(v))
		return ld_url(x, json_array_get(v, 0), page, depth + 1);
	if (json_is_string(v))
		return v;
	v = ld_deref(x, v);
	if ((u = json_object_get(v, "url")) && json_is_string(u))
		return u;
	if ((u = json_object_get(v, "contentUrl")) && json_is_string(u))
		return u;
	return page ? json_object_get(v, "@id") : NULL;
}

static void ld_authors(struct ex *x, int r, const json_t *v)
{
	const json_t *e;
	bool person = false;
	size_t i;

	if (!json_is_array(v)) {
		const json_t *name = ld_name(x, v);
		char *s;

		if (!json_is_string(name))
			return;
		s = decode_refs(x, json_string_value(name));
		offer_author(x, r, s);
		free(s);
		return;
	}
	/* a list naming people and their newspaper: keep the people */
	json_array_foreach (v, i, e)
		person = person || type_is(ld_deref(x, e), "Person");
	json_array_foreach (v, i, e) {
		const json_t *d = ld_deref(x, e);

		if (person && json_is_object(d) && !type_is(d, "Person"))
			continue;
		if (!json_is_array(e))
			ld_authors(x, r, e);
	}
}

/* Offer the fields of one candidate object at rank base. */
static void ld_object(struct ex *x, const json_t *o, int base)
{
	const json_t *v, *pub, *lang;

	ld_offer(x, F_TITLE, base, json_object_get(o, "headline"));
	ld_offer(x, F_TITLE, base + 1, json_object_get(o, "name"));
	ld_offer(x, F_DATE, base, json_object_get(o, "datePublished"));
	ld_offer(x, F_DATE, base + 1, json_object_get(o, "dateCreated"));
	ld_offer(x, F_DATE, base + 2, json_object_get(o, "uploadDate"));
	ld_authors(x, base, json_object_get(o, "author"));
	ld_authors(x, base + 1, json_object_get(o, "creator"));
	ld_offer(x, F_URL, base, json_object_get(o, "url"));
	v = json_object_get(o, "mainEntityOfPage");
	ld_offer(x, F_URL, base + 1, ld_url(x, v, true, 0));
	pub = json_object_get(o, "publisher");
	if (json_is_array(pub))
		pub = json_array_get(pub, 0);
	ld_offer(x, F_SITE, base, ld_name(x, pub));
	ld_offer(x, F_SITE, base + 1,
		 ld_name(x, json_object_get(o, "isPartOf")));
	lang = json_object_get(o, "inLanguage");
	if (json_is_object(lang))
		lang = json_object_get(lang, "alternateName");
	ld_offer(x, F_LANG, base, lang);
	ld_offer(x, F_DESC, base, json_object_get(o, "description"));
	ld_offer(x, F_IMAGE, base,
		 ld_url(x, json_object_get(o, "image"), false, 0));
	ld_offer(x, F_IMAGE, base + 1,
		 ld_url(x, json_object_get(o, "thumbnailUrl"), false, 0));
}

/*
 * Drop the commas before a closing bracket ("[1, 2, ]"), a common
 * mistake that jansson rightly rejects; strings are left alone.  The
 * JSON is still parsed by jansson, this only edits the text.
 */
static void ld_repair(char *s, size_t n)
{
	bool str = false;
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (str) {
			if (c == '\\' && i + 1 < n) {
				s[w++] = c;
				c = s[++i];
			} else if (c == '"') {
				str = false;
			}
		} else if (c == '"') {
			str = true;
		} else if (c == ',') {
			size_t j = i + 1;

			while (j < n && s[j] == ' ')
				j++;
			if (j < n && (s[j] == ']' || s[j] == '}'))
				continue;
		}
		s[w++] = c;
	}
	s[w] = '\0';
}

/*
 * Parse one <script type=application/ld+json> body.  Control characters
 * (raw newlines inside strings are a common mistake) become spaces,
 * which changes nothing outside strings; HTML comment and CDATA wrappers
 * are dropped.
 */
static void ld_parse(struct ex *x, const char *body)
{
	size_t n = strlen(body);
	char *s = wn_strndup_(body, n), *p, *e;
	json_error_t err;
	json_t *root;

	if (!s) {
		x->oom = true;
		return;
	}
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	p = s;
	e = s + n;
	while (p < e && *p == ' ')
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == ';'))
		e--;
	if (!strncmp(p, "<!--", 4))
		p += 4;
	else if (!strncmp(p, "<![CDATA[", 9))
		p += 9;
	if (e - p >= 3 && !strncmp(e - 3, "-->", 3))
		e -= 3;
	else if (e - p >= 3 && !strncmp(e - 3, "]]>", 3))
		e -= 3;
	root = json_loadb(p, (size_t)(e - p), 0, &err);
	if (!root) {
		ld_repair(p, (size_t)(e - p));
		root = json_loadb(p, strlen(p), 0, &err);
	}
	free(s);
	if (root && json_array_append_new(x->ld, root))
		x->oom = true;
}

/* Offer what the JSON-LD scripts say, best objects first. */
static void ld_run(struct ex *x)
{
	json_t *found = json_array(), *o;
	size_t i;
	int r = 0;

	if (!found) {
		x->oom = true;
		return;
	}
	ld_index(x, x->ld, 0);
	ld_gather(x->ld, found, 0);
	for (int kind = 0; kind <= 2; kind++)
		json_array_foreach (found, i, o)
			if (ld_kind(o) == kind) {
				ld_object(x, o, r);
				r += 8;
			}
	/* the site's own name, when no page object gave a publisher */
	json_array_foreach (found, i, o)
		if (type_is(o, "WebSite")) {
			ld_offer(x, F_SITE, R_OG - 2,
				 json_object_get(o, "name"));
			ld_offer(x, F_LANG, R_OG - 2,
				 json_object_get(o, "inLanguage"));
		}
	json_decref(found);
}

/* ---- meta tags and markup ------------------------------------------ */

struct meta_key {
	const char *key; /* lower-case name, property or itemprop */
	enum field f;
	int rank;
};

/* Open Graph, then the rest; within each, earlier rows rank better. */
static const struct meta_key meta_keys[] = {
	{"og:title", F_TITLE, R_OG},
	{"og:site_name", F_SITE, R_OG},
	{"og:description", F_DESC, R_OG},
	{"og:image", F_IMAGE, R_OG},
	{"og:image:url", F_IMAGE, R_OG + 1},
	{"og:image:secure_url", F_IMAGE, R_OG + 2},
	{"og:url", F_URL, R_OG},
	{"og:locale", F_LANG, R_OG},
	{"article:published_time", F_DATE, R_OG},
	{"og:article:published_time", F_DATE, R_OG + 1},
	{"article:author", F_AUTHOR, R_OG},
	{"og:article:author", F_AUTHOR, R_OG + 1},

	{"twitter:title", F_TITLE, R_META},
	{"dc.title", F_TITLE, R_META + 1},
	{"dcterms.title", F_TITLE, R_META + 1},
	{"parsely-title", F_TITLE, R_META + 2},
	{"sailthru.title", F_TITLE, R_META + 3},
	{"headline", F_TITLE, R_META + 4},
	{"title", F_TITLE, R_META + 5},

	{"author", F_AUTHOR, R_META},
	{"dc.creator", F_AUTHOR, R_META + 1},
	{"dcterms.creator", F_AUTHOR, R_META + 1},
	{"parsely-author", F_AUTHOR, R_META + 2},
	{"sailthru.author", F_AUTHOR, R_META + 3},
	{"byl", F_AUTHOR, R_META + 4},

	{"datepublished", F_DATE, R_META},
	{"parsely-pub-date", F_DATE, R_META + 1},
	{"sailthru.date", F_DATE, R_META + 2},
	{"dc.date.issued", F_DATE, R_META + 3},
	{"dcterms.issued", F_DATE, R_META + 3},
	{"dc.date", F_DATE, R_META + 4},
	{"dcterms.date", F_DATE, R_META + 4},
	{"dcterms.created", F_DATE, R_META + 5},
	{"dc.date.created", F_DATE, R_META + 5},
	{"article.published", F_DATE, R_META + 6},
	{"article:published", F_DATE, R_META + 6},
	{"og:pubdate", F_DATE, R_META + 6},
	{"pubdate", F_DATE, R_META + 7},
	{"publishdate", F_DATE, R_META + 7},
	{"publish-date", F_DATE, R_META + 7},
	{"publish_date", F_DATE, R_META + 7},
	{"pub_date", F_DATE, R_META + 7},
	{"published", F_DATE, R_META + 8},
	{"date", F_DATE, R_META + 9},

	{"twitter:url", F_URL, R_META},
	{"parsely-link", F_URL, R_META + 1},

	{"dc.publisher", F_SITE, R_META},
	{"dcterms.publisher", F_SITE, R_META},
	{"application-name", F_SITE, R_META + 1},

	{"inlanguage", F_LANG, R_META},
	{"dc.language", F_LANG, R_META + 1},
	{"dcterms.language", F_LANG, R_META + 1},
	{"content-language", F_LANG, R_META + 2},
	{"language", F_LANG, R_META + 3},
	{"og:language", F_LANG, R_META + 4},

	{"description", F_DESC, R_META},
	{"twitter:description", F_DESC, R_META + 1},
	{"dc.description", F_DESC, R_META + 2},
	{"dcterms.description", F_DESC, R_META + 2},
	{"sailthru.description", F_DESC, R_META + 3},

	{"twitter:image", F_IMAGE, R_META},
	{"twitter:image:src", F_IMAGE, R_META + 1},
	{"parsely-image-url", F_IMAGE, R_META + 2},
	{"sailthru.image.full", F_IMAGE, R_META + 3},
	{"image", F_IMAGE, R_META + 4},
	{"thumbnailurl", F_IMAGE, R_META + 5},
};

static void meta_tag(struct ex *x, xmlNodePtr n)
{
	static const char *const attrs[] = {"property", "name", "itemprop",
					    "http-equiv"};
	xmlChar *content = xmlGetNoNsProp(n, BAD_CAST "content");

	if (!content)
		return;
	for (size_t a = 0; a < sizeof(attrs) / sizeof(*attrs); a++) {
		xmlChar *key = xmlGetNoNsProp(n, BAD_CAST attrs[a]);

		for (size_t i = 0;
		     key && i < sizeof(meta_keys) / sizeof(*meta_keys); i++) {
			const struct meta_key *m = &meta_keys[i];

			if (xmlStrcasecmp(key, BAD_CAST m->key))
				continue;
			if (m->f == F_AUTHOR)
				offer_author(x, m->rank, (const char *)content);
			else
				offer(x, m->f, m->rank, (const char *)content);
		}
		xmlFree(key);
	}
	xmlFree(content);
}

static bool inside(xmlNodePtr n, const char *tag)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (xmlStrEqual(n->name, BAD_CAST tag))
			return true;
	return false;
}

static void offer_text(struct ex *x, enum field f, int r, xmlNodePtr n)
{
	struct wn_buf b = {0};

	if (wn_node_text(n, &b) < 0)
		x->oom = true;
	else if (b.data)
		offer_n(x, f, r, b.data, b.len);
	wn_buf_free(&b);
}

/* The first element under n (itself included) whose itemprop holds
 * `prop`, or NULL. */
static xmlNodePtr find_prop(xmlNodePtr n, const char *prop)
{
	for (xmlNodePtr c = n; c; c = wn_next_element(c, n, false))
		if (wn_node_attr_has(c, "itemprop", prop))
			return c;
	return NULL;
}

/* An author's name from markup: the text of <a rel=author>, or of a
 * schema.org itemprop=author element (its itemprop=name when it has
 * one).  Only the first that gives a name counts, so the comments'
 * authors further down are never taken. */
static void markup_author(struct ex *x, xmlNodePtr n, int r)
{
	struct wn_buf b = {0};
	xmlNodePtr name;

	if (x->auth_rank <= r)
		return;
	name = find_prop(n->children ? n : NULL, "name");
	if (wn_node_text(name ? name : n, &b) < 0)
		x->oom = true;
	else if (b.data)
		offer_author(x, r, b.data);
	wn_buf_free(&b);
}

/* schema.org microdata on ordinary elements (<meta itemprop> is read
 * with the other meta tags). */
static void microdata(struct ex *x, xmlNodePtr n)
{
	xmlChar *v;
	const char *prop = wn_attr_peek_(n, "itemprop", &v);

	/* asked of every element with attributes: most have no itemprop */
	xmlFree(v);
	if (!prop)
		return;
	if (wn_node_attr_has(n, "itemprop", "author")) {
		markup_author(x, n, R_MARKUP);
	} else if (wn_node_attr_has(n, "itemprop", "datePublished")) {
		v = xmlGetNoNsProp(n, BAD_CAST "datetime");
		if (!v)
			v = xmlGetNoNsProp(n, BAD_CAST "content");
		if (v)
			offer(x, F_DATE, R_MARKUP, (const char *)v);
		else
			offer_text(x, F_DATE, R_MARKUP, n);
		xmlFree(v);
	}
}

enum { T_OTHER, T_META, T_LINK, T_SCRIPT, T_TITLE, T_H1, T_TIME };

/* Which of the names markup reads tag is: its first letter rules out
 * most elements without a call. */
static int markup_tag(const char *tag)
{
	switch (tag[0]) {
	case 'm':
		return !strcmp(tag, "meta") ? T_META : T_OTHER;
	case 'l':
		return !strcmp(tag, "link") ? T_LINK : T_OTHER;
	case 's':
		return !strcmp(tag, "script") ? T_SCRIPT : T_OTHER;
	case 't':
		return !strcmp(tag, "title")  ? T_TITLE
		       : !strcmp(tag, "time") ? T_TIME
					      : T_OTHER;
	case 'h':
		return !strcmp(tag, "h1") ? T_H1 : T_OTHER;
	default:
		return T_OTHER;
	}
}

/* One pass over the elements: meta, link, script, title, h1, time and
 * microdata. */
static void markup(struct ex *x)
{
	xmlNodePtr root = xmlDocGetRootElement(x->doc->xml), n;
	xmlChar *v;

	if (!root)
		return;
	v = xmlGetNoNsProp(root, BAD_CAST "lang");
	if (!v)
		v = xmlGetNoNsProp(root, BAD_CAST "xml:lang");
	if (!v)
		v = xmlGetProp(root, BAD_CAST "lang"); /* xml:lang, with a ns */
	offer(x, F_LANG, R_MARKUP, (const char *)v);
	xmlFree(v);
	for (n = root; n && !x->oom; n = wn_next_element(n, root, false)) {
		const char *tag = (const char *)n->name;
		int k = markup_tag(tag);

		if (k == T_META) {
			meta_tag(x, n);
		} else if (k == T_LINK) {
			v = xmlGetNoNsProp(n, BAD_CAST "href");
			if (wn_node_attr_has(n, "rel", "canonical"))
				offer(x, F_URL, R_MARKUP, (const char *)v);
			else if (wn_node_attr_has(n, "rel", "image_src"))
				offer(x, F_IMAGE, R_MARKUP, (const char *)v);
			xmlFree(v);
		} else if (k == T_SCRIPT) {
			v = xmlGetNoNsProp(n, BAD_CAST "type");
			if (v && strcasestr((const char *)v, "ld+json")) {
				xmlChar *body = xmlNodeGetContent(n);

				if (body)
					ld_parse(x, (const char *)body);
				xmlFree(body);
			}
			xmlFree(v);
		} else if (k == T_TITLE && !inside(n, "svg")) {
			v = xmlNodeGetContent(n);
			offer(x, F_TITLE, R_MARKUP, (const char *)v);
			xmlFree(v);
		} else if (k == T_H1 && !x->h1) {
			struct wn_buf b = {0};

			if (wn_node_text(n, &b) < 0)
				x->oom = true;
			else if (b.data)
				x->h1 = clean(x, b.data, b.len);
			wn_buf_free(&b);
			offer(x, F_TITLE, R_MARKUP + 1, x->h1);
		} else if (k == T_TIME) {
			/* a time marked as the publication beats the first */
			bool pub = xmlHasProp(n, BAD_CAST "pubdate") ||
				   wn_node_attr_has(n, "itemprop", "datePublished");

			v = xmlGetNoNsProp(n, BAD_CAST "datetime");
			offer(x, F_DATE, R_MARKUP + (pub ? 0 : 1),
			      (const char *)v);
			xmlFree(v);
		} else if (n->properties) {
			if (!strcmp(tag, "a") && wn_node_attr_has(n, "rel", "author"))
				markup_author(x, n, R_MARKUP + 1);
			else
				microdata(x, n);
		}
	}
}

/* ---- the title's site suffix ---------------------------------------- */

/* Do the folded names a and b match: equal, or, when `begins`, a begins
 * with b or b with a ("EcoFlow ZA" and "EcoFlow", "Monkey Wrench" and
 * "Monkey Wrench Plumbing"), a leading "the" aside? */
static bool same_name(const char *a, const char *b, bool begins)
{
	size_t na, nb, k;

	if (!strncmp(a, "the", 3) && strncmp(b, "the", 3))
		a += 3;
	if (!strncmp(b, "the", 3) && strncmp(a, "the", 3))
		b += 3;
	na = strlen(a);
	nb = strlen(b);
	k = na < nb ? na : nb;
	if (!na || !nb)
		return false;
	if (na == nb || !begins)
		return !strcmp(a, b);
	return k >= 4 && !strncmp(a, b, k);
}

/*
 * Does s[0..n) name the site: its name (or, for a suffix, a longer or
 * shorter form of it), the host name without "www." or one of its
 * labels ("Tarkett" for home.tarkett.co.uk)?
 */
static bool is_site(const char *s, size_t n, const char *site, const char *host,
		    bool suffix)
{
	char a[256], b[256];

	fold(s, n, a, sizeof(a));
	if (!a[0])
		return false;
	if (site) {
		fold(site, strlen(site), b, sizeof(b));
		if (same_name(a, b, suffix))
			return true;
	}
	if (host && !strncmp(host, "www.", 4))
		host += 4;
	if (host) {
		fold(host, strlen(host), b, sizeof(b));
		if (!strcmp(a, b))
			return true;
	}
	/* the labels before the last, which is a TLD */
	for (const char *end = host ? strrchr(host, '.') : NULL;
	     end && host < end;) {
		size_t k = strcspn(host, ".");

		fold(host, k, b, sizeof(b));
		if (k >= 3 && !strcmp(a, b))
			return true;
		host += k + 1;
	}
	return false;
}

static const char *const title_seps[] = {
	" | ",  " - ",        " \xe2\x80\x93 ", " \xe2\x80\x94 ",
	" :: ", " \xc2\xb7 ", " \xc2\xbb ",     " / ",
	" : ",  NULL};

/* The host of the page: the document's, else that of the URL found. */
static char *page_host(struct ex *x)
{
	xmlURIPtr uri;
	char *h = NULL;

	if (x->doc->host)
		return wn_strdup_(x->doc->host);
	if (!x->f[F_URL].v || !(uri = xmlParseURI(x->f[F_URL].v)))
		return NULL;
	if (uri->server) {
		h = wn_strdup_(uri->server);
		for (char *p = h; p && *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
	}
	xmlFreeURI(uri);
	return h;
}

/*
 * Drop a trailing " | Site" (or a leading "Site | ") that names the site.
 * A title that begins with the <h1> and then a separator gives way to
 * the <h1>: any separator for <title>, only the ones no subtitle uses
 * (" | ", " :: ", " · ") for the meta titles.
 */
static void strip_site(struct ex *x)
{
	char *t = x->f[F_TITLE].v, *host;
	const char *site = x->f[F_SITE].v;
	size_t n, k;

	if (!t)
		return;
	host = page_host(x);
	n = strlen(t);
	if (site) { /* a "site name" that is the whole title names nothing */
		char a[256], b[256];

		fold(t, n, a, sizeof(a));
		fold(site, strlen(site), b, sizeof(b));
		if (!strcmp(a, b))
			site = NULL;
	}
	for (size_t i = 0; title_seps[i]; i++) {
		const char *sep = title_seps[i], *p, *last = NULL;

		k = strlen(sep);
		for (p = strstr(t, sep); p; p = strstr(p + 1, sep))
			last = p;
		if (last && last > t &&
		    is_site(last + k, n - (size_t)(last + k - t), site, host,
			    true)) {
			t[last - t] = '\0';
			goto out;
		}
		p = strstr(t, sep);
		if (p && p[k] &&
		    is_site(t, (size_t)(p - t), site, host, false)) {
			memmove(t, p + k, strlen(p + k) + 1);
			goto out;
		}
	}
	k = x->h1 ? strlen(x->h1) : 0;
	if (!k || k >= n || strncmp(t, x->h1, k))
		goto out;
	for (size_t i = 0; title_seps[i]; i++) {
		bool strong = i == 0 || i == 4 || i == 5;

		if ((strong || x->f[F_TITLE].rank == R_MARKUP) &&
		    !strncmp(t + k, title_seps[i], strlen(title_seps[i]))) {
			t[k] = '\0';
			break;
		}
	}
out:
	free(host);
}

/* ---- text documents ------------------------------------------------- */

/* A text page's first paragraph is its title when it reads like one:
 * short, with a letter, and not ending like a sentence. */
static void text_title(struct ex *x)
{
	xmlNodePtr *blocks = NULL;
	size_t nb = 0, words = 1;
	const char *t;

	if (wn_blocks(x->doc->body, &blocks, &nb) < 0) {
		x->oom = true;
		return;
	}
	if (nb > 0)
		offer_text(x, F_TITLE, R_MARKUP, blocks[0]);
	free(blocks);
	t = x->f[F_TITLE].v;
	if (!t)
		return;
	for (const char *p = t; *p; p++)
		words += *p == ' ';
	if (strlen(t) > 200 || words > 20 || !has_letter(t) ||
	    strchr(".,;", t[strlen(t) - 1])) {
		free(x->f[F_TITLE].v);
		x->f[F_TITLE].v = NULL;
	}
}

/* ---- the store -------------------------------------------------------- */

void wn_meta_free_(struct wn_meta_store *m)
{
	if (!m)
		return;
	for (int f = 0; f < F_COUNT; f++)
		free(m->val[f]);
	for (char **a = m->authors; a && *a; a++)
		free(*a);
	free(m->authors);
	for (size_t i = 0; i < 2 * m->nextra; i++)
		free(m->extra[i]);
	free(m->extra);
	free(m);
}

/* The public view of the stored fields. */
static void publish(struct wn_meta_store *m)
{
	m->pub = (struct wn_meta){
		.title = m->val[F_TITLE],
		.author = m->val[F_AUTHOR],
		.date = m->val[F_DATE],
		.url = m->val[F_URL],
		.site_name = m->val[F_SITE],
		.lang = m->val[F_LANG],
		.description = m->val[F_DESC],
		.image = m->val[F_IMAGE],
		.authors = (const char *const *)m->authors,
	};
}

/* Move the winners into a new store; the extraction keeps nothing. */
static int store(struct ex *x, struct wn_meta_store **out)
{
	struct wn_meta_store *m = calloc(1, sizeof(*m));
	struct wn_buf joined = {0};

	if (!m)
		return WN_ENOMEM;
	m->authors = calloc(x->nauth + 1, sizeof(*m->authors));
	if (!m->authors) {
		free(m);
		return WN_ENOMEM;
	}
	for (size_t i = 0; i < x->nauth; i++) {
		if ((i && wn_buf_puts(&joined, ", ") < 0) ||
		    wn_buf_puts(&joined, x->auth[i]) < 0) {
			wn_buf_free(&joined);
			wn_meta_free_(m);
			return WN_ENOMEM;
		}
		m->authors[i] = x->auth[i];
		x->auth[i] = NULL;
	}
	x->nauth = 0;
	for (int f = 0; f < F_COUNT; f++) {
		m->val[f] = x->f[f].v;
		x->f[f].v = NULL;
	}
	m->val[F_AUTHOR] = joined.data;
	publish(m);
	*out = m;
	return 0;
}

int wn_meta_read_(struct wn_doc *doc)
{
	struct ex x = {.doc = doc, .auth_rank = R_NONE};
	int rc = 0;

	for (int f = 0; f < F_COUNT; f++)
		x.f[f].rank = R_NONE;
	wn_meta_free_(doc->meta);
	doc->meta = NULL;
	if (doc->kind == WN_KIND_TEXT) {
		text_title(&x);
	} else {
		x.ld = json_array();
		x.ldids = json_array();
		if (!x.ld || !x.ldids)
			x.oom = true;
		else
			markup(&x);
		if (!x.oom)
			ld_run(&x);
		strip_site(&x);
		/* the page's own address when it declares none */
		if (!x.f[F_URL].v)
			offer(&x, F_URL, R_NONE - 1, doc->url);
	}
	if (!x.oom)
		rc = store(&x, &doc->meta);
	else
		rc = WN_ENOMEM;
	for (int f = 0; f < F_COUNT; f++)
		free(x.f[f].v);
	for (size_t i = 0; i < x.nauth; i++)
		free(x.auth[i]);
	free(x.h1);
	json_decref(x.ld);
	json_decref(x.ldids);
	return rc;
}

/* ---- setting fields after parsing ------------------------------------ */

static const char *const field_names[F_COUNT] = {
	"title",     "author", "date",        "url",
	"site_name", "lang",   "description", "image"};

/* The author list from the joined field ("a, b" -> {"a", "b"}). */
static int split_authors(struct wn_meta_store *m)
{
	const char *s = m->val[F_AUTHOR];
	size_t n = 1, k = 0;
	char **v;

	for (const char *p = s; p && (p = strstr(p, ", ")); p += 2)
		n++;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return WN_ENOMEM;
	while (s && *s && k < n) {
		const char *e = strstr(s, ", ");
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (len && !(v[k++] = wn_strndup_(s, len)))
			break;
		s += len + (e ? 2 : 0);
	}
	if (k && !v[k - 1]) {
		for (size_t i = 0; i < k; i++)
			free(v[i]);
		free(v);
		return WN_ENOMEM;
	}
	for (char **a = m->authors; a && *a; a++)
		free(*a);
	free(m->authors);
	m->authors = v;
	return 0;
}

int wn_meta_set_(struct wn_doc *doc, const char *key, const char *value,
		 char **old)
{
	struct wn_meta_store *m;
	struct ex x = {.doc = doc};
	char *v = NULL, **slot = NULL;
	int f;

	*old = NULL;
	if (wn_meta_ensure_(doc))
		return WN_ENOMEM;
	m = doc->meta;
	if (!m) {
		m = doc->meta = calloc(1, sizeof(*m));
		if (!m || !(m->authors = calloc(1, sizeof(*m->authors))))
			return WN_ENOMEM;
		publish(m);
	}
	if (value) {
		v = clean(&x, value, strlen(value));
		if (x.oom)
			return WN_ENOMEM;
		if (!v)
			return WN_EINVAL;
	}
	for (f = 0; f < F_COUNT && strcmp(field_names[f], key); f++)
		;
	if (f == F_DATE && v) {
		char d[64];

		if (norm_date(v, d, sizeof(d)) == 1) {
			free(v);
			if (!(v = wn_strdup_(d)))
				return WN_ENOMEM;
		}
	}
	if (f < F_COUNT) {
		slot = &m->val[f];
	} else {
		for (size_t i = 0; i < m->nextra && !slot; i++)
			if (!strcmp(m->extra[2 * i], key))
				slot = &m->extra[2 * i + 1];
		if (!slot) {
			char **p = realloc(m->extra,
					   2 * (m->nextra + 1) * sizeof(*p));
			char *k = p ? wn_strdup_(key) : NULL;

			if (p)
				m->extra = p;
			if (!k) {
				free(v);
				return WN_ENOMEM;
			}
			p[2 * m->nextra] = k;
			p[2 * m->nextra + 1] = NULL;
			slot = &p[2 * m->nextra++ + 1];
		}
	}
	*old = *slot;
	*slot = v;
	if (f == F_AUTHOR && split_authors(m)) {
		*slot = *old;
		*old = NULL;
		free(v);
		return WN_ENOMEM;
	}
	publish(m);
	return 0;
}

int wn_meta_ensure_(struct wn_doc *doc)
{
	if (!doc->meta_due)
		return 0;
	doc->meta_due = false;
	return wn_meta_read_(doc);
}

/* The metadata of a document the caller may only read: read now if it
 * is due (a document is used by one thread at a time). */
static const struct wn_meta_store *meta_of(const struct wn_doc *doc)
{
	if (!doc)
		return NULL;
	if (doc->meta_due)
		wn_meta_ensure_((struct wn_doc *)doc);
	return doc->meta;
}

const char *wn_doc_meta_get(const struct wn_doc *doc, const char *key)
{
	const struct wn_meta_store *m = meta_of(doc);

	if (!m || !key)
		return NULL;
	for (int f = 0; f < F_COUNT; f++)
		if (!strcmp(field_names[f], key))
			return m->val[f];
	for (size_t i = 0; i < m->nextra; i++)
		if (!strcmp(m->extra[2 * i], key))
			return m->extra[2 * i + 1];
	return NULL;
}

const struct wn_meta *wn_doc_meta(const struct wn_doc *doc)
{
	static const char *const none[] = {NULL};
	static const struct wn_meta empty = {.authors = none};

	const struct wn_meta_store *m = meta_of(doc);

	return m ? &m->pub : &empty;
}
