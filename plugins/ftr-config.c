/* SPDX-License-Identifier: MIT */
/*
 * The Full-Text RSS site config parser (see ftr-config.h).  It follows
 * Full-Text RSS's own reading of the files: one "name: value" line each,
 * white space around both trimmed, '#' lines ignored, several values of
 * a list directive kept in order, the last of a yes/no one winning.  It
 * is more careful where FTR is lax: "replace_string(a:b): c" splits at
 * "):", not at the first colon; a line ending in a backslash continues
 * on the next (a winnow extension no published config relies on); lines
 * it cannot use are reported with their number instead of vanishing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpathInternals.h>

#include <winnow/winnow.h>

#include "ftr-config.h"

static const struct ftr_directive table[] = {
	{"title", FTR_TITLE, FTR_APPLIED, FTR_V_XPATH, false},
	{"body", FTR_BODY, FTR_APPLIED, FTR_V_XPATH, false},
	{"date", FTR_DATE, FTR_APPLIED, FTR_V_XPATH, false},
	{"author", FTR_AUTHOR, FTR_APPLIED, FTR_V_XPATH, false},
	{"strip", FTR_STRIP, FTR_APPLIED, FTR_V_XPATH, false},
	{"strip_id_or_class", FTR_STRIP_ID_OR_CLASS, FTR_APPLIED, FTR_V_STRING,
	 false},
	{"strip_image_src", FTR_STRIP_IMAGE_SRC, FTR_APPLIED, FTR_V_STRING,
	 false},
	{"strip_attr", FTR_STRIP_ATTR, FTR_APPLIED, FTR_V_XPATH, false},
	{"post_strip_attr", FTR_POST_STRIP_ATTR, FTR_APPLIED, FTR_V_XPATH,
	 false},
	{"dissolve", FTR_DISSOLVE, FTR_APPLIED, FTR_V_XPATH, false},
	{"wrap_in", FTR_WRAP_IN, FTR_APPLIED, FTR_V_XPATH, true},
	{"find_string", FTR_FIND_STRING, FTR_APPLIED, FTR_V_STRING, false},
	{"replace_string", FTR_REPLACE_STRING, FTR_APPLIED, FTR_V_STRING,
	 false},
	{"replace_string", FTR_REPLACE_STRING, FTR_APPLIED, FTR_V_STRING, true},
	{"src_lazy_load_attr", FTR_SRC_LAZY_LOAD_ATTR, FTR_APPLIED,
	 FTR_V_STRING, false},
	{"native_ad_clue", FTR_NATIVE_AD_CLUE, FTR_APPLIED, FTR_V_XPATH, false},
	{"autodetect_on_failure", FTR_AUTODETECT, FTR_APPLIED, FTR_V_BOOL,
	 false},
	{"prune", FTR_PRUNE, FTR_ACCEPTED, FTR_V_BOOL, false},
	{"tidy", FTR_TIDY, FTR_ACCEPTED, FTR_V_BOOL, false},
	{"test_url", FTR_OTHER, FTR_ACCEPTED, FTR_V_ANY, false},
	{"test_contains", FTR_OTHER, FTR_ACCEPTED, FTR_V_ANY, false},
	{"parser", FTR_OTHER, FTR_ACCEPTED, FTR_V_ANY, false},
	{"skip_json_ld", FTR_OTHER, FTR_ACCEPTED, FTR_V_BOOL, false},
	{"insert_detected_image", FTR_OTHER, FTR_ACCEPTED, FTR_V_BOOL, false},
	{"convert_double_br_tags", FTR_OTHER, FTR_ACCEPTED, FTR_V_BOOL, false},
	{"strip_comments", FTR_OTHER, FTR_ACCEPTED, FTR_V_BOOL, false},
	{"footnotes", FTR_OTHER, FTR_ACCEPTED, FTR_V_ANY, false},
	{"skip_id_or_class", FTR_OTHER, FTR_ACCEPTED, FTR_V_STRING, false},
	{"move_into", FTR_OTHER, FTR_ACCEPTED, FTR_V_XPATH, true},
	{"single_page_link", FTR_OTHER, FTR_FETCH, FTR_V_XPATH, false},
	{"single_page_link_in_feed", FTR_OTHER, FTR_FETCH, FTR_V_XPATH, false},
	{"next_page_link", FTR_OTHER, FTR_FETCH, FTR_V_XPATH, false},
	{"autodetect_next_page", FTR_OTHER, FTR_FETCH, FTR_V_BOOL, false},
	{"if_page_contains", FTR_OTHER, FTR_FETCH, FTR_V_XPATH, false},
	{"requires_login", FTR_OTHER, FTR_FETCH, FTR_V_BOOL, false},
	{"login_uri", FTR_OTHER, FTR_FETCH, FTR_V_ANY, false},
	{"login_username_field", FTR_OTHER, FTR_FETCH, FTR_V_ANY, false},
	{"login_password_field", FTR_OTHER, FTR_FETCH, FTR_V_ANY, false},
	{"login_extra_fields", FTR_OTHER, FTR_FETCH, FTR_V_ANY, false},
	{"not_logged_in_xpath", FTR_OTHER, FTR_FETCH, FTR_V_XPATH, false},
	{"http_header", FTR_OTHER, FTR_FETCH, FTR_V_ANY, true},
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

static const struct ftr_directive *find(const char *name, size_t n, bool paren)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].paren == paren && strlen(table[i].name) == n &&
		    !memcmp(table[i].name, name, n))
			return &table[i];
	return NULL;
}

const struct ftr_directive *ftr_directive_find(const char *name, size_t n)
{
	const struct ftr_directive *d = find(name, n, false);

	return d ? d : find(name, n, true);
}

/* Edit distance of a and b, capped: anything above 3 is 3. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[64], prev, tmp;

	if (na >= 63 || nb >= 63)
		return 3;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t best =
				prev + ((a[i - 1] | 32) != (b[j - 1] | 32));

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[nb] > 3 ? 3 : row[nb];
}

/* The known directive name closest to name[0..n) (typos), or NULL. */
static const char *suggest(const char *name, size_t n)
{
	const char *best = NULL;
	size_t bd = n < 4 ? 1 : 3;

	for (size_t i = 0; i < NTABLE; i++) {
		size_t d =
			distance(name, n, table[i].name, strlen(table[i].name));

		if (d < bd) {
			bd = d;
			best = table[i].name;
		}
	}
	return best;
}

struct parser {
	struct ftr_config *c;
	ftr_report_fn report;
	void *ud;
	unsigned line;
};

static void say(struct parser *p, enum ftr_sev sev, const char *fmt, ...)
	WN_PRINTF(3, 4);

static void say(struct parser *p, enum ftr_sev sev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (sev == FTR_ERROR)
		p->c->errors++;
	else if (sev == FTR_WARN)
		p->c->warnings++;
	if (!p->report)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->report(p->ud, sev, p->c->file, p->line, msg);
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' ||
	       ch == '\v';
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

static char *dup_range(const char *s, const char *e)
{
	size_t n = (size_t)(e - s);
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int parse_bool(const char *v, signed char *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "false") ||
		 !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

static bool tag_ok(const char *s)
{
	if (!*s || strlen(s) > 32)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return true;
}

static bool attr_ok(const char *s)
{
	return strlen(s) <= 64 && wn_name_is_plain(s);
}

static int add_rule(struct parser *p, const struct ftr_directive *d,
		    const char *ns, const char *ne, const char *as,
		    const char *ae, const char *vs, const char *ve)
{
	struct ftr_config *c = p->c;
	struct ftr_rule *r;

	if (c->n >= FTR_MAX_RULES) {
		if (!c->full)
			say(p, FTR_ERROR,
			    "more than %d directives; the rest is ignored",
			    FTR_MAX_RULES);
		c->full = true;
		return 1;
	}
	if (wn_grow(&c->rules, c->n, &c->cap, sizeof(*c->rules), 16))
		return WN_ENOMEM;
	r = &c->rules[c->n];
	memset(r, 0, sizeof(*r));
	r->d = d;
	r->dir = d ? d->dir : FTR_UNKNOWN;
	r->line = p->line;
	r->val = dup_range(vs, ve);
	if (!r->val)
		return WN_ENOMEM;
	if (!d && !(r->name = dup_range(ns, ne))) {
		free(r->val);
		return WN_ENOMEM;
	}
	if (as && !(r->arg = dup_range(as, ae))) {
		free(r->val);
		free(r->name);
		return WN_ENOMEM;
	}
	c->n++;
	return 0;
}

/* One logical line s[0..e): a directive, a comment or blank. */
static int parse_line(struct parser *p, const char *s, const char *e)
{
	const char *colon, *ns, *ne, *as = NULL, *ae = NULL, *vs, *ve, *par;
	const struct ftr_directive *d;
	struct ftr_rule *r;
	int rc;

	trim(&s, &e);
	if (s == e || *s == '#')
		return 0;
	colon = memchr(s, ':', (size_t)(e - s));
	par = memchr(s, '(', (size_t)(e - s));
	if (par && (!colon || par < colon)) {
		/* name(arg): value -- the arg may hold colons */
		const char *q = NULL;

		for (const char *t = par; t + 1 < e; t++)
			if (t[0] == ')' && t[1] == ':') {
				q = t;
				break;
			}
		if (q) {
			as = par + 1;
			ae = q;
			colon = q + 1;
		}
	}
	if (!colon) {
		say(p, FTR_ERROR, "not a directive (no ':'): %.40s%s", s,
		    e - s > 40 ? "..." : "");
		return 0;
	}
	ns = s;
	ne = as ? as - 1 : colon;
	vs = colon + 1;
	ve = e;
	trim(&ns, &ne);
	trim(&vs, &ve);
	if (ns == ne) {
		say(p, FTR_ERROR, "a value without a directive name");
		return 0;
	}
	d = find(ns, (size_t)(ne - ns), as != NULL);
	if (!d) {
		const char *hint = suggest(ns, (size_t)(ne - ns));
		int n = (int)(ne - ns > 40 ? 40 : ne - ns);

		if (hint)
			say(p, FTR_WARN,
			    "unknown directive '%.*s%s' (did you mean '%s'?)",
			    n, ns, as ? "(...)" : "", hint);
		else
			say(p, FTR_WARN, "unknown directive '%.*s%s'", n, ns,
			    as ? "(...)" : "");
		return add_rule(p, NULL, ns, ne, as, ae, vs, ve) < 0 ? WN_ENOMEM
								     : 0;
	}
	if (vs == ve && d->dir != FTR_REPLACE_STRING) {
		say(p, FTR_WARN, "'%s' without a value is ignored", d->name);
		return 0;
	}
	rc = add_rule(p, d, ns, ne, as, ae, vs, ve);
	if (rc)
		return rc < 0 ? rc : 0;
	r = &p->c->rules[p->c->n - 1];
	if (d->value == FTR_V_BOOL) {
		signed char b;

		if (parse_bool(r->val, &b) < 0) {
			say(p, FTR_WARN, "'%s' wants yes or no, not '%.40s'",
			    d->name, r->val);
		} else if (d->dir == FTR_AUTODETECT) {
			p->c->autodetect = b;
		} else if (d->dir == FTR_PRUNE) {
			p->c->prune = b;
		} else if (d->dir == FTR_TIDY) {
			p->c->tidy = b;
		}
	}
	if (d->dir == FTR_WRAP_IN && !tag_ok(r->arg)) {
		say(p, FTR_ERROR, "wrap_in(%.40s): not a tag name", r->arg);
		r->bad = true;
	}
	if (d->dir == FTR_SRC_LAZY_LOAD_ATTR && !attr_ok(r->val)) {
		say(p, FTR_ERROR,
		    "src_lazy_load_attr: '%.40s' is not an "
		    "attribute name",
		    r->val);
		r->bad = true;
	}
	if (d->dir == FTR_FIND_STRING || d->dir == FTR_REPLACE_STRING)
		p->c->has_replace = true;
	if (d->support == FTR_FETCH)
		say(p, FTR_NOTE,
		    "'%s' is not supported: winnow never fetches pages",
		    d->name);
	return 0;
}

/* Check that find_string and replace_string pair up. */
static void check_pairs(struct parser *p)
{
	size_t nf = 0, nr = 0;
	unsigned last = 0;

	for (size_t i = 0; i < p->c->n; i++) {
		const struct ftr_rule *r = &p->c->rules[i];

		if (r->dir == FTR_FIND_STRING)
			nf++, last = r->line;
		else if (r->dir == FTR_REPLACE_STRING && !r->arg)
			nr++, last = r->line;
	}
	if (nf != nr) {
		p->line = last;
		say(p, FTR_ERROR,
		    "%zu find_string but %zu replace_string: unpaired "
		    "ones are ignored",
		    nf, nr);
	}
}

int ftr_config_parse(struct ftr_config *c, const char *text, size_t len,
		     const char *file, ftr_report_fn report, void *ud)
{
	struct parser p = {c, report, ud, 0};
	struct wn_buf line = {0};
	const char *s = text, *end = text + len;
	unsigned first = 0;
	int rc = 0;

	c->autodetect = c->prune = c->tidy = -1;
	c->file = strdup(file ? file : "(config)");
	if (!c->file)
		return WN_ENOMEM;
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	while (s < end && !rc) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		bool cont;

		p.line++;
		if (!line.len && !first)
			first = p.line;
		if (e > s && e[-1] == '\r')
			e--;
		cont = e > s && e[-1] == '\\';
		if (cont)
			e--;
		if (line.len + (size_t)(e - s) > FTR_MAX_LINE) {
			unsigned at = p.line;

			p.line = first;
			say(&p, FTR_ERROR, "line longer than %d bytes: ignored",
			    FTR_MAX_LINE);
			p.line = at;
			line.len = 0;
			/* skip the rest of the logical line */
			while (cont && nl) {
				s = nl + 1;
				nl = memchr(s, '\n', (size_t)(end - s));
				e = nl ? nl : end;
				if (e > s && e[-1] == '\r')
					e--;
				cont = e > s && e[-1] == '\\';
				p.line++;
			}
			first = 0;
			s = nl ? nl + 1 : end;
			continue;
		}
		if (wn_buf_append(&line, s, (size_t)(e - s)) < 0) {
			rc = WN_ENOMEM;
			break;
		}
		s = nl ? nl + 1 : end;
		if (cont && s < end)
			continue;
		{
			unsigned at = p.line;

			p.line = first;
			if (line.len)
				rc = parse_line(&p, line.data,
						line.data + line.len);
			p.line = at;
		}
		line.len = 0;
		first = 0;
	}
	wn_buf_free(&line);
	if (!rc)
		check_pairs(&p);
	return rc;
}

int ftr_config_load(struct ftr_config *c, const char *path,
		    ftr_report_fn report, void *ud)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int rc;

	if (!f) {
		struct parser p = {c, report, ud, 0};
		int e = errno;

		c->autodetect = c->prune = c->tidy = -1;
		c->file = strdup(path);
		if (!c->file)
			return WN_ENOMEM;
		say(&p, FTR_ERROR, "cannot read: %s", strerror(e));
		return WN_EIO;
	}
	buf = malloc(FTR_MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		return WN_ENOMEM;
	}
	n = fread(buf, 1, FTR_MAX_FILE + 1, f);
	fclose(f);
	if (n > FTR_MAX_FILE) {
		/* parse what fits, up to its last whole line */
		while (n > 0 && buf[n - 1] != '\n')
			n--;
	}
	rc = ftr_config_parse(c, buf, n > FTR_MAX_FILE ? FTR_MAX_FILE : n, path,
			      report, ud);
	free(buf);
	return rc;
}

static void quiet(void *ud, const xmlError *err)
{
	char *msg = ud;

	if (msg && !*msg && err && err->message) {
		snprintf(msg, 200, "%s", err->message);
		msg[strcspn(msg, "\n")] = '\0';
	}
}

static xmlXPathCompExprPtr compile(const char *xp, char *msg)
{
	xmlXPathCompExprPtr comp;

	xmlSetStructuredErrorFunc(msg, (xmlStructuredErrorFunc)quiet);
	comp = xmlXPathCompile(BAD_CAST xp);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return comp;
}

xmlXPathCompExprPtr ftr_rule_xpath(struct ftr_rule *r)
{
	char msg[200] = "";

	if (!r->comp && !r->bad && r->d && r->d->value == FTR_V_XPATH) {
		r->comp = compile(r->val, msg);
		r->bad = !r->comp;
	}
	return r->comp;
}

size_t ftr_config_compile(struct ftr_config *c, ftr_report_fn report, void *ud)
{
	struct parser p = {c, report, ud, 0};
	size_t bad = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct ftr_rule *r = &c->rules[i];
		char msg[200] = "";

		if (!r->d || r->d->value != FTR_V_XPATH || r->comp || r->bad)
			continue;
		r->comp = compile(r->val, msg);
		if (!r->comp) {
			r->bad = true;
			bad++;
			p.line = r->line;
			say(&p, FTR_ERROR, "%s: bad XPath '%.80s': %s",
			    r->d->name, r->val,
			    *msg ? msg : "does not compile");
		}
	}
	return bad;
}

void ftr_config_free(struct ftr_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->rules[i].name);
		free(c->rules[i].arg);
		free(c->rules[i].val);
		if (c->rules[i].comp)
			xmlXPathFreeCompExpr(c->rules[i].comp);
	}
	free(c->rules);
	free(c->file);
	memset(c, 0, sizeof(*c));
}
