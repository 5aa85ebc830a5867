/* SPDX-License-Identifier: MIT */
/*
 * Cosmetic filter lists: the element-hiding rules of EasyList, Fanboy's
 * lists and their kin ("##.ad", "a.com,~b.a.com##div.promo",
 * "a.com#@#.ad"), run by the built-in step `filters`.
 *
 * A list holds tens of thousands of rules; a page is not tested against
 * each.  As ad blockers do, every rule is filed under a key taken from
 * its last compound selector (an id, else a class, else a tag, else an
 * attribute name) and one walk over the page looks up the keys each
 * element carries.  A cheap C test of the rule's first attribute
 * condition weeds out most tag and attribute candidates; the survivors
 * are checked with the rule's whole selector, compiled to an XPath
 * boolean once (on first use) and evaluated on the element.
 *
 * A match holding most of the page's prose is kept: sites reuse clutter
 * class names on the article's own wrapper.
 *
 * Procedural operators that make sense on a static page are supported:
 * :has(), :has-text(), :-abp-contains(), :-abp-has() (through the CSS
 * compiler), :upward(N|selector), :xpath(expr) and :remove().  Rules
 * that need a browser (:matches-css, :matches-media, :watch-attr,
 * :style, scriptlets, network rules) are counted and skipped.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpathInternals.h>

#include "internal.h"

enum key_kind { K_ID, K_CLASS, K_TAG, K_ATTR, K_ALL };

/* Attribute rules "[a^=value]" with a value this long are filed under
 * its first PREFIX bytes, so an element finds them by one lookup. */
#define PREFIX 6

struct frule {
	char *css;                /* the selector, procedural parts cut */
	char *xpath;              /* :xpath(expr), or NULL */
	char *upward_sel;         /* :upward(selector) */
	int upward;               /* :upward(N) */
	char *domains;            /* "a.com,~b.com" or NULL (generic) */
	char *source;             /* "file:line" */
	/* compiled on first use, kept by the context's selector cache */
	const struct wn_sel *match, *up, *xp;
	bool bad;                 /* failed to compile: never tried again */
	bool excepted;            /* a generic #@# exception disables it */
	/* the C prefilter: the first attribute condition */
	char *attr, *val;
	char op; /* 0: none, 'e': exists, '=', '^', '$', '*', '~', '|' */
	bool icase;
};

struct bucket {
	char *key;
	uint32_t *idx;
	size_t n, cap;
};

struct strmap {
	struct bucket *b;
	size_t n, cap;
};

struct exception {
	char *css;
	char *domains; /* NULL: everywhere */
};

struct wn_filters {
	struct frule *r;
	size_t n, cap;
	struct strmap by_id, by_class, by_tag, by_attr;
	uint32_t *all; /* K_ALL rules */
	size_t nall, capall;
	struct exception *ex;
	size_t nex, capex;
	size_t nlists;
	/* what was skipped, and why */
	size_t comments, network, scriptlets, browser_only, bad_syntax;
	size_t exceptions, rules;
	size_t keyed[5]; /* rules by key_kind */
	struct strmap by_ex; /* exception selector -> indices into ex */
	bool resolved;
};

/* ---- a string map of rule lists ------------------------------------- */

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static struct bucket *map_find(struct strmap *m, const char *k, size_t n)
{
	if (!m->cap)
		return NULL;
	for (size_t j = hash(k, n) & (m->cap - 1); m->b[j].key;
	     j = (j + 1) & (m->cap - 1))
		if (!strncmp(m->b[j].key, k, n) && !m->b[j].key[n])
			return &m->b[j];
	return NULL;
}

static int map_grow(struct strmap *m)
{
	size_t nc = m->cap ? 2 * m->cap : 256;
	struct bucket *b = calloc(nc, sizeof(*b));

	if (!b)
		return WN_ENOMEM;
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->b[i].key)
			continue;
		j = hash(m->b[i].key, strlen(m->b[i].key)) & (nc - 1);
		while (b[j].key)
			j = (j + 1) & (nc - 1);
		b[j] = m->b[i];
	}
	free(m->b);
	m->b = b;
	m->cap = nc;
	return 0;
}

static int push_idx(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	if (wn_grow(v, *n, cap, sizeof(**v), 4))
		return WN_ENOMEM;
	(*v)[(*n)++] = x;
	return 0;
}

static int map_add(struct strmap *m, const char *k, uint32_t idx)
{
	size_t n = strlen(k);
	struct bucket *b = map_find(m, k, n);

	if (!b) {
		size_t j;

		if ((m->n + 1) * 2 > m->cap && map_grow(m))
			return WN_ENOMEM;
		for (j = hash(k, n) & (m->cap - 1); m->b[j].key;
		     j = (j + 1) & (m->cap - 1))
			;
		b = &m->b[j];
		if (!(b->key = wn_strdup_(k)))
			return WN_ENOMEM;
		m->n++;
	}
	return push_idx(&b->idx, &b->n, &b->cap, idx);
}

static void map_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->b[i].key);
		free(m->b[i].idx);
	}
	free(m->b);
}

void wn_filters_free_(struct wn_filters *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		struct frule *r = &f->r[i];

		free(r->css);
		free(r->xpath);
		free(r->upward_sel);
		free(r->domains);
		free(r->source);
		free(r->attr);
		free(r->val);
	}
	free(f->r);
	map_free(&f->by_id);
	map_free(&f->by_class);
	map_free(&f->by_tag);
	map_free(&f->by_attr);
	map_free(&f->by_ex);
	free(f->all);
	for (size_t i = 0; i < f->nex; i++) {
		free(f->ex[i].css);
		free(f->ex[i].domains);
	}
	free(f->ex);
	free(f);
}

/* ---- parsing a rule ----------------------------------------------------- */

/* Decode a CSS identifier at s (escapes included) into out (cap bytes);
 * returns the bytes of s consumed, 0 when there is none. */
static size_t css_ident(const char *s, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (s[i]) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' && s[i + 1]) {
			unsigned long cp = 0;
			int nh = 0;

			i++;
			while (nh < 6 && strchr("0123456789abcdefABCDEF", s[i]) &&
			       s[i]) {
				char h = s[i++];

				cp = cp * 16 + (unsigned long)(h <= '9' ? h - '0'
							       : (h | 0x20) - 'a' +
									 10);
				nh++;
			}
			if (nh) {
				if (s[i] == ' ')
					i++;
				if (cp < 0x80 && o + 1 < cap)
					out[o++] = (char)cp;
				else
					return 0; /* rare: leave to XPath */
			} else if (o + 1 < cap) {
				out[o++] = s[i++];
			}
			continue;
		}
		if (!(c >= 0x80 || c == '-' || c == '_' ||
		      (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
						  (c | 0x20) <= 'z')))
			break;
		if (o + 1 < cap)
			out[o++] = (char)c;
		i++;
	}
	out[o] = '\0';
	return o ? i : 0;
}

/* Where the last compound of a complex selector starts: after the last
 * combinator outside brackets, parentheses and quotes. */
static const char *last_compound(const char *s)
{
	const char *last = s;
	int depth = 0;
	char q = 0;

	for (const char *p = s; *p; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '(' || *p == '[') {
			depth++;
		} else if (*p == ')' || *p == ']') {
			depth--;
		} else if (!depth && (*p == ' ' || *p == '>' || *p == '+' ||
				      *p == '~')) {
			last = p + 1;
		}
	}
	while (*last == ' ')
		last++;
	return last;
}

/* File the rule: its key, and the prefilter from the first [attr]. */
static void classify(struct frule *r, enum key_kind *kind, char *key,
		     size_t cap)
{
	const char *c = last_compound(r->css);
	char tag[128] = "";
	const char *p = c;
	size_t k;

	*kind = K_ALL;
	key[0] = '\0';
	if (*p != '*' && *p != '.' && *p != '#' && *p != '[' && *p != ':' &&
	    (k = css_ident(p, tag, sizeof(tag)))) {
		p += k;
		for (char *t = tag; *t; t++)
			*t = (char)((*t >= 'A' && *t <= 'Z') ? *t + 32 : *t);
	} else if (*p == '*') {
		p++;
	}
	/* scan the compound's simple selectors at depth 0 */
	while (*p && *p != ' ' && *p != '>' && *p != '+' && *p != '~') {
		if (*p == '#' && *kind != K_ID &&
		    (k = css_ident(p + 1, key, cap))) {
			*kind = K_ID;
			p += k + 1;
		} else if (*p == '.' && *kind != K_ID && *kind != K_CLASS &&
			   (k = css_ident(p + 1, key, cap))) {
			*kind = K_CLASS;
			p += k + 1;
		} else if (*p == '[' && !r->op) {
			/* [name op "value" i] */
			char name[128], val[512];
			const char *q = p + 1;
			size_t vn = 0;
			char op = 'e', quote = 0;

			while (*q == ' ')
				q++;
			if (!(k = css_ident(q, name, sizeof(name))))
				goto skip;
			q += k;
			while (*q == ' ')
				q++;
			if (*q == '=') {
				op = '=';
				q++;
			} else if (*q && strchr("^$*~|", *q) && q[1] == '=') {
				op = *q;
				q += 2;
			} else if (*q != ']') {
				goto skip;
			}
			if (op != 'e') {
				while (*q == ' ')
					q++;
				if (*q == '"' || *q == '\'')
					quote = *q++;
				while (*q && (quote ? *q != quote
						    : *q != ']' && *q != ' ')) {
					if (*q == '\\')
						goto skip; /* leave to XPath */
					if (vn + 1 < sizeof(val))
						val[vn++] = *q;
					q++;
				}
				if (quote && *q == quote)
					q++;
				val[vn] = '\0';
				while (*q == ' ')
					q++;
				if ((*q | 0x20) == 'i' && (q[1] == ']' || q[1] == ' ')) {
					r->icase = true;
					q++;
				}
			}
			for (char *t = name; *t; t++)
				*t = (char)((*t >= 'A' && *t <= 'Z') ? *t + 32 : *t);
			r->attr = wn_strdup_(name);
			r->val = op != 'e' ? wn_strdup_(val) : NULL;
			r->op = r->attr && (op == 'e' || r->val) ? op : 0;
		skip:
			/* past the bracket */
			for (int d = 0; *p; p++) {
				if (*p == '[')
					d++;
				else if (*p == ']' && --d == 0) {
					p++;
					break;
				}
			}
		} else if (*p == ':' || *p == '(' || *p == '[') {
			/* a pseudo-class: skip it with its argument */
			int d = 0;

			p++;
			while (*p && (d > 0 || (*p != ' ' && *p != '.' &&
						*p != '#' && *p != '[' &&
						*p != ':' && *p != '>' &&
						*p != '+' && *p != '~'))) {
				if (*p == '(')
					d++;
				else if (*p == ')')
					d--;
				p++;
			}
		} else {
			p++;
		}
	}
	if (*kind != K_ALL)
		return;
	if (r->op) {
		/* "=tag|attr|value", "^tag|attr|<PREFIX bytes>", else
		 * "tag|attr": see attr_keys() */
		size_t vn = r->val ? strlen(r->val) : 0;

		*kind = K_ATTR;
		if (r->op == '=' && !r->icase)
			snprintf(key, cap, "=%s|%s|%s", tag, r->attr, r->val);
		else if (r->op == '^' && !r->icase && vn >= PREFIX)
			snprintf(key, cap, "^%s|%s|%.*s", tag, r->attr, PREFIX,
				 r->val);
		else
			snprintf(key, cap, "%s|%s", tag, r->attr);
	} else if (tag[0]) {
		*kind = K_TAG;
		snprintf(key, cap, "%s", tag);
	}
}

/* Cut procedural operators off the end of sel (modified in place);
 * false when the rule needs a browser. */
static bool procedural(struct frule *r, char *sel, struct wn_filters *f)
{
	static const char *const browser[] = {
		":matches-css",   ":matches-css-before", ":matches-css-after",
		":matches-media", ":watch-attr",         ":style(",
		":min-text-length", ":others(",          ":matches-path",
		":matches-attr",  ":remove-attr",        ":remove-class",
		":-abp-properties", ":void(",            ":url(",
		NULL};

	for (const char *const *b = browser; *b; b++)
		if (strstr(sel, *b)) {
			f->browser_only++;
			return false;
		}
	for (;;) {
		size_t n = strlen(sel);
		char *op;

		while (n && sel[n - 1] == ' ')
			sel[--n] = '\0';
		if (n > 9 && !strcmp(sel + n - 9, ":remove()")) {
			sel[n - 9] = '\0';
			continue;
		}
		if (!n || sel[n - 1] != ')')
			break;
		op = NULL;
		/* the last top-level ":name(" */
		for (char *p = sel; (p = strstr(p, ":upward(")); p++)
			op = p;
		if (op && sel[n - 1] == ')' && !strchr(op + 8, '(')) {
			char *arg = op + 8;

			sel[n - 1] = '\0';
			if (*arg >= '0' && *arg <= '9')
				r->upward = atoi(arg);
			else
				r->upward_sel = wn_strdup_(arg);
			*op = '\0';
			continue;
		}
		op = strstr(sel, ":xpath(");
		if (op) {
			sel[n - 1] = '\0';
			r->xpath = wn_strdup_(op + 7);
			*op = '\0';
			continue;
		}
		break;
	}
	return true;
}

static int add_exception(struct wn_filters *f, const char *domains,
			 const char *css)
{
	struct exception *e;

	if (wn_grow(&f->ex, f->nex, &f->capex, sizeof(*f->ex), 64))
		return WN_ENOMEM;
	e = &f->ex[f->nex];
	e->css = wn_strdup_(css);
	e->domains = *domains ? wn_strdup_(domains) : NULL;
	if (!e->css || (*domains && !e->domains)) {
		free(e->css);
		free(e->domains);
		return WN_ENOMEM;
	}
	f->nex++;
	f->exceptions++;
	return 0;
}

/* One hiding rule "domains##selector" (selector lists split). */
static int add_rule(struct wn_ctx *ctx, struct wn_filters *f,
		    const char *domains, const char *sel, const char *source)
{
	struct frule r = {0};
	enum key_kind kind;
	char key[256];
	char *s = wn_strdup_(sel);
	struct wn_buf xp = {0};
	size_t pos = 0;
	const char *msg = NULL;
	int rc;

	if (!s)
		return WN_ENOMEM;
	if (!procedural(&r, s, f)) {
		free(s);
		return 0;
	}
	if (!*s)
		snprintf(s, 2, "*");
	r.css = s;
	/* check the selector now; compile its XPath on first use */
	rc = wn_css_match_xpath_(s, &xp, &pos, &msg);
	wn_buf_free(&xp);
	if (rc) {
		if (rc == WN_ENOMEM)
			goto oom;
		f->bad_syntax++;
		if (ctx->verbose)
			wn_log(ctx, WN_LOG_INFO, "filters",
			       "%s: skipped: %s at column %zu of '%s'", source,
			       msg ? msg : "bad selector", pos + 1, sel);
		free(r.css);
		free(r.xpath);
		free(r.upward_sel);
		return 0;
	}
	r.domains = *domains ? wn_strdup_(domains) : NULL;
	r.source = wn_strdup_(source);
	if ((*domains && !r.domains) || !r.source)
		goto oom;
	classify(&r, &kind, key, sizeof(key));
	if (wn_grow(&f->r, f->n, &f->cap, sizeof(*f->r), 1024))
		goto oom;
	f->r[f->n] = r;
	switch (kind) {
	case K_ID:
		rc = map_add(&f->by_id, key, (uint32_t)f->n);
		break;
	case K_CLASS:
		rc = map_add(&f->by_class, key, (uint32_t)f->n);
		break;
	case K_TAG:
		rc = map_add(&f->by_tag, key, (uint32_t)f->n);
		break;
	case K_ATTR:
		rc = map_add(&f->by_attr, key, (uint32_t)f->n);
		break;
	default:
		rc = push_idx(&f->all, &f->nall, &f->capall, (uint32_t)f->n);
	}
	f->n++;
	f->rules++;
	f->keyed[kind]++;
	return rc;
oom:
	free(r.css);
	free(r.xpath);
	free(r.upward_sel);
	free(r.domains);
	free(r.source);
	free(r.attr);
	free(r.val);
	return WN_ENOMEM;
}

/* Split a selector list at top-level commas. */
static int add_rules(struct wn_ctx *ctx, struct wn_filters *f,
		     const char *domains, char *sel, const char *source,
		     bool exception)
{
	int depth = 0, rc = 0;
	char q = 0;
	char *start = sel;

	for (char *p = sel;; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == q)
				q = 0;
			else if (!*p)
				break;
			continue;
		}
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '"' || *p == '\'')
			q = *p;
		else if (*p == '(' || *p == '[')
			depth++;
		else if (*p == ')' || *p == ']')
			depth--;
		if (!*p || (*p == ',' && !depth)) {
			char end = *p;

			*p = '\0';
			while (*start == ' ')
				start++;
			if (*start)
				rc = exception ? add_exception(f, domains, start)
					       : add_rule(ctx, f, domains, start,
							  source);
			if (rc || !end)
				return rc;
			start = p + 1;
		}
	}
	return rc;
}

static int parse_line(struct wn_ctx *ctx, struct wn_filters *f, char *line,
		      const char *source)
{
	char *sep, *domains, *sel;
	bool exception = false;

	if (!*line || *line == '!' || *line == '[') {
		f->comments++;
		return 0;
	}
	sep = strstr(line, "#");
	while (sep && !(sep[1] == '#' || (sep[1] == '@' && sep[2] == '#') ||
			(sep[1] == '?' && sep[2] == '#') ||
			(sep[1] == '@' && sep[2] == '?' && sep[3] == '#') ||
			sep[1] == '$' || sep[1] == '+' || sep[1] == '%'))
		sep = strchr(sep + 1, '#');
	if (!sep) {
		f->network++;
		return 0;
	}
	if (sep[1] == '$' || sep[1] == '+' || sep[1] == '%' ||
	    (sep[1] == '@' && (sep[2] == '$' || sep[2] == '+' || sep[2] == '%'))) {
		f->scriptlets++;
		return 0;
	}
	*sep = '\0';
	domains = line;
	if (sep[1] == '#') {
		sel = sep + 2;
	} else if (sep[1] == '?') {
		sel = sep + 3;
	} else if (sep[2] == '?') {
		sel = sep + 4;
		exception = true;
	} else {
		sel = sep + 3;
		exception = true;
	}
	if (!strncmp(sel, "+js(", 4)) {
		f->scriptlets++;
		return 0;
	}
	return add_rules(ctx, f, domains, sel, source, exception);
}

int wn_ctx_add_filter_list(struct wn_ctx *ctx, const char *path)
{
	struct wn_filters *f = ctx->filters;
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	if (!fp) {
		wn_log(ctx, WN_LOG_ERROR, NULL, "%s: %s", path, strerror(errno));
		return WN_ENOTFOUND;
	}
	if (!f && !(f = ctx->filters = calloc(1, sizeof(*f)))) {
		fclose(fp);
		return WN_ENOMEM;
	}
	while (!rc && (n = getline(&line, &cap, fp)) >= 0) {
		char src[PATH_MAX + 32];

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (lineno == 1 && !strncmp(line, "\xef\xbb\xbf", 3))
			memmove(line, line + 3, (size_t)n - 2);
		if (memchr(line, '\0', (size_t)n))
			continue; /* binary junk */
		snprintf(src, sizeof(src), "%s:%zu", path, lineno);
		rc = parse_line(ctx, f, line, src);
	}
	if (!rc && ferror(fp)) {
		wn_log(ctx, WN_LOG_ERROR, NULL, "%s: %s", path, strerror(errno));
		rc = WN_EIO;
	}
	free(line);
	fclose(fp);
	f->nlists++;
	f->resolved = false;
	if (!rc && ctx->verbose) {
		struct wn_buf b = {0};

		if (!wn_ctx_filter_stats(ctx, &b) && b.data) {
			b.data[b.len - 1] = '\0';
			wn_log(ctx, WN_LOG_INFO, "filters", "%s", b.data);
		}
		wn_buf_free(&b);
	}
	return rc;
}

int wn_ctx_filter_stats(struct wn_ctx *ctx, struct wn_buf *out)
{
	struct wn_filters *f = ctx->filters;

	if (!f)
		return wn_buf_puts(out, "no filter lists\n") ? WN_ENOMEM : 0;
	return wn_buf_printf_(out,
			      "%zu lists: %zu hiding rules (%zu keyed by id, "
			      "%zu by class, %zu by tag, %zu by attribute, "
			      "%zu on every element), %zu exceptions; skipped: "
			      "%zu with bad selectors, %zu needing a browser, "
			      "%zu scriptlets, %zu network rules; %zu comments\n",
			      f->nlists, f->rules, f->keyed[K_ID],
			      f->keyed[K_CLASS], f->keyed[K_TAG],
			      f->keyed[K_ATTR], f->keyed[K_ALL],
			      f->exceptions, f->bad_syntax, f->browser_only,
			      f->scriptlets, f->network, f->comments)
		       ? WN_ENOMEM
		       : 0;
}

/* ---- running ------------------------------------------------------------- */

static bool domain_is(const char *host, const char *d, size_t n)
{
	size_t h = strlen(host);

	if (n > 2 && d[n - 1] == '*' && d[n - 2] == '.') {
		/* "example.*": any public suffix after the label */
		const char *p = host;

		n -= 1; /* keep the dot */
		for (;;) {
			if (!strncmp(p, d, n))
				return true;
			p = strchr(p, '.');
			if (!p++)
				return false;
		}
	}
	return (h == n && !strncmp(host, d, n)) ||
	       (h > n && host[h - n - 1] == '.' && !strncmp(host + h - n, d, n));
}

/* Does a "a.com,~b.a.com" list apply to host? */
static bool domains_apply(const char *domains, const char *host)
{
	bool include = false, included = false;

	if (!domains)
		return true;
	for (const char *p = domains; *p;) {
		size_t n = strcspn(p, ",|");
		bool neg = *p == '~';
		const char *d = neg ? p + 1 : p;
		size_t dn = neg ? n - 1 : n;

		if (!neg)
			include = true;
		if (host && dn && domain_is(host, d, dn)) {
			if (neg)
				return false;
			included = true;
		}
		p += n;
		if (*p)
			p++;
	}
	return !include || included;
}

static void resolve(struct wn_filters *f)
{
	map_free(&f->by_ex);
	memset(&f->by_ex, 0, sizeof(f->by_ex));
	for (size_t i = 0; i < f->nex; i++)
		map_add(&f->by_ex, f->ex[i].css, (uint32_t)i);
	f->resolved = true;
}

static bool excepted(struct wn_filters *f, const struct frule *r,
		     const char *host)
{
	struct bucket *b = map_find(&f->by_ex, r->css, strlen(r->css));

	for (size_t i = 0; b && i < b->n; i++) {
		const char *d = f->ex[b->idx[i]].domains;

		if (!d || (host && domains_apply(d, host)))
			return true;
	}
	return false;
}

/* The value of attribute name of el in place when it is one text node. */
static const char *attr_of(const xmlNode *el, const char *name)
{
	for (const xmlAttr *a = el->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name))
			return a->children && a->children->type == XML_TEXT_NODE
				       ? (const char *)a->children->content
				       : "";
	return NULL;
}

static bool has(const char *hay, const char *needle, bool icase)
{
	return icase ? strcasestr(hay, needle) != NULL
		     : strstr(hay, needle) != NULL;
}

/* The C prefilter: can el match the rule's first attribute test? */
static bool prefilter(const struct frule *r, const xmlNode *el)
{
	const char *v;
	size_t n, k;

	if (!r->op)
		return true;
	v = attr_of(el, r->attr);
	if (!v)
		return false;
	if (r->op == 'e')
		return true;
	n = strlen(v);
	k = strlen(r->val);
	switch (r->op) {
	case '=':
		return r->icase ? !strcasecmp(v, r->val) : !strcmp(v, r->val);
	case '^':
		return k && n >= k &&
		       (r->icase ? !strncasecmp(v, r->val, k)
				 : !strncmp(v, r->val, k));
	case '$':
		return k && n >= k &&
		       (r->icase ? !strcasecmp(v + n - k, r->val)
				 : !strcmp(v + n - k, r->val));
	default: /* '*', '~', '|': a substring at least */
		return k && has(v, r->val, r->icase);
	}
}

/* A compiled selector of rule r into *slot, or NULL: a rule that does
 * not compile is reported once, with its list and line, and skipped. */
static const struct wn_sel *rule_sel(struct wn_ctx *ctx, struct frule *r,
				     const struct wn_sel **slot,
				     const char *src, enum wn_sel_kind kind)
{
	struct wn_buf err = {0};

	if (*slot || r->bad)
		return *slot;
	if (wn_sel_get_(ctx, src, kind, slot, &err)) {
		r->bad = true;
		*slot = NULL;
		wn_log(ctx, WN_LOG_WARN, "filters", "%s: rule skipped: %s",
		       r->source, err.data ? err.data : "it does not compile");
	}
	wn_buf_free(&err);
	return *slot;
}

struct hits {
	struct hit {
		xmlNodePtr node;
		const struct frule *by; /* for --explain */
	} *v;
	size_t n, cap;
	bool oom;
};

static void hit(struct hits *h, xmlNodePtr n, const struct frule *r)
{
	if (wn_grow(&h->v, h->n, &h->cap, sizeof(*h->v), 32)) {
		h->oom = true;
		return;
	}
	h->v[h->n++] = (struct hit){n, r};
}

static bool matches(struct wn_ctx *ctx, struct frule *r, xmlXPathContextPtr x,
		    xmlNodePtr el)
{
	const struct wn_sel *m = rule_sel(ctx, r, &r->match, r->css,
					  WN_SEL_MATCH);

	return m && wn_sel_matches_(x, m, el) == 1;
}

/* el matched r: file its targets. */
static void apply(struct wn_ctx *ctx, struct frule *r, xmlXPathContextPtr x,
		  xmlNodePtr el, struct hits *h)
{
	xmlNodePtr t = el;

	if (r->upward > 0) {
		for (int i = 0; t && i < r->upward; i++)
			t = t->parent;
	} else if (r->upward_sel) {
		const struct wn_sel *up = rule_sel(ctx, r, &r->up, r->upward_sel,
						   WN_SEL_MATCH);

		if (!up)
			return;
		for (t = el->parent; t && t->type == XML_ELEMENT_NODE;
		     t = t->parent)
			if (wn_sel_matches_(x, up, t) == 1)
				break;
	}
	if (!t || t->type != XML_ELEMENT_NODE)
		return;
	if (r->xpath) {
		const struct wn_sel *xp = rule_sel(ctx, r, &r->xp, r->xpath,
						   WN_SEL_XPATH);
		xmlXPathObjectPtr o = NULL;

		if (!xp || wn_sel_eval_(x, xp, t, &o, NULL))
			return;
		if (o->type == XPATH_NODESET && o->nodesetval)
			for (int i = 0; i < o->nodesetval->nodeNr; i++)
				if (o->nodesetval->nodeTab[i]->type ==
				    XML_ELEMENT_NODE)
					hit(h, o->nodesetval->nodeTab[i], r);
		xmlXPathFreeObject(o);
		return;
	}
	hit(h, t, r);
}

static void try_rules(struct wn_ctx *ctx, struct wn_filters *f,
		      const struct bucket *b, xmlXPathContextPtr x,
		      xmlNodePtr el, const char *host, struct hits *h,
		      bool *removed)
{
	for (size_t i = 0; b && i < b->n; i++) {
		struct frule *r = &f->r[b->idx[i]];

		if (!prefilter(r, el) || !domains_apply(r->domains, host))
			continue;
		if (!matches(ctx, r, x, el) || excepted(f, r, host))
			continue;
		apply(ctx, r, x, el, h);
		if (h->n && h->v[h->n - 1].node == el)
			*removed = true;
		if (*removed)
			return;
	}
}

/* The attribute rules el may match through its attribute a: keyed by
 * tag and attribute name ("div|class", "|class"), by exact value
 * ("=div|class|x") and by value prefix ("^a|href|https"). */
static void attr_rules(struct wn_ctx *ctx, struct wn_filters *f,
		       const xmlAttr *a, xmlXPathContextPtr x, xmlNodePtr el,
		       const char *host, struct hits *h, bool *removed)
{
	const char *tag = (const char *)el->name, *name = (const char *)a->name;
	const char *v = a->children && a->children->type == XML_TEXT_NODE
				? (const char *)a->children->content
				: "";
	char k[512];
	int n;

	if (a->ns)
		return;
	for (int t = 0; t < 2 && !*removed; t++) {
		const char *tg = t ? "" : tag;

		n = snprintf(k, sizeof(k), "%s|%s", tg, name);
		if (n > 0 && (size_t)n < sizeof(k))
			try_rules(ctx, f, map_find(&f->by_attr, k, (size_t)n), x,
				  el, host, h, removed);
		if (*removed)
			break;
		n = snprintf(k, sizeof(k), "=%s|%s|%s", tg, name, v);
		if (n > 0 && (size_t)n < sizeof(k))
			try_rules(ctx, f, map_find(&f->by_attr, k, (size_t)n), x,
				  el, host, h, removed);
		if (*removed || strlen(v) < PREFIX)
			continue;
		n = snprintf(k, sizeof(k), "^%s|%s|%.*s", tg, name, PREFIX, v);
		if (n > 0 && (size_t)n < sizeof(k))
			try_rules(ctx, f, map_find(&f->by_attr, k, (size_t)n), x,
				  el, host, h, removed);
	}
}

static int filters_run(void *impl, struct wn_run *run)
{
	struct wn_ctx *ctx = run->ctx;
	struct wn_filters *f = ctx->filters;
	const char *host = run->doc->host;
	struct hits h = {0};
	xmlXPathContextPtr x;
	xmlNodePtr root = run->doc->body, el;
	struct bucket all = {0};
	size_t body_prose = (size_t)-1; /* computed on first need */
	int rc = 0;

	(void)impl;
	if (!f || !f->n || !root)
		return 0;
	if (!f->resolved)
		resolve(f);
	x = wn_xpath_ctx_(ctx, run->doc->xml);
	if (!x)
		return WN_ENOMEM;
	all.idx = f->all;
	all.n = f->nall;
	el = root->children ? wn_next_element(root, root, false) : NULL;
	while (el) {
		bool removed = false;
		const char *v;

		if ((v = attr_of(el, "id")) && *v)
			try_rules(ctx, f, map_find(&f->by_id, v, strlen(v)), x,
				  el, host, &h, &removed);
		if (!removed && (v = attr_of(el, "class")))
			for (const char *p = v; *p && !removed;) {
				size_t n;

				while (*p == ' ' || *p == '\t' || *p == '\n' ||
				       *p == '\r' || *p == '\f')
					p++;
				n = strcspn(p, " \t\n\r\f");
				if (n)
					try_rules(ctx, f,
						  map_find(&f->by_class, p, n),
						  x, el, host, &h, &removed);
				p += n;
			}
		if (!removed)
			try_rules(ctx, f,
				  map_find(&f->by_tag, (const char *)el->name,
					   strlen((const char *)el->name)),
				  x, el, host, &h, &removed);
		for (const xmlAttr *a = el->properties; a && !removed;
		     a = a->next)
			attr_rules(ctx, f, a, x, el, host, &h, &removed);
		if (!removed && all.n)
			try_rules(ctx, f, &all, x, el, host, &h, &removed);
		el = wn_next_element(el, root, removed);
	}
	xmlXPathFreeContext(x);
	if (h.oom)
		rc = WN_ENOMEM;
	for (size_t i = 0; i < h.n && !rc; i++)
		if (h.v[i].node != root && wn_node_within(h.v[i].node, root)) {
			char label[PATH_MAX + 600];
			size_t prose = wn_node_prose_len(h.v[i].node);

			/* Sites reuse clutter class names on the article's
			 * own wrapper ("share-container" around the text):
			 * a match holding most of the page's prose is such a
			 * wrapper, not a box of clutter. */
			if (prose >= 2 * WN_PROSE_MIN) {
				if (body_prose == (size_t)-1)
					body_prose = wn_node_prose_len(root);
				if (2 * prose > body_prose) {
					wn_log_doc_(ctx, WN_LOG_INFO, "filters",
						    run->doc,
						    "kept: %s (%.200s) would "
						    "remove %zu of the page's "
						    "%zu bytes of prose",
						    h.v[i].by->source,
						    h.v[i].by->css, prose,
						    body_prose);
					continue;
				}
			}

			snprintf(label, sizeof(label), "%s (%.500s)",
				 h.v[i].by->source, h.v[i].by->css);
			run->rule = label;
			rc = wn_run_remove(run, h.v[i].node);
			run->rule = NULL;
		}
	free(h.v);
	return rc;
}

static const struct wn_step_ops filters_ops = {"filters", filters_run,
					       NULL};

const struct wn_step_ops *wn_filters_step_ops_(void)
{
	return &filters_ops;
}
