/* SPDX-License-Identifier: MIT */
/*
 * Compound selectors matched in C.  Most selectors of site rules and
 * platform checks are lists of compounds without combinators or
 * pseudo-classes: "meta[name='generator'][content^='WordPress']",
 * ".share, #comments", ":is(link[href*='/wp-content/'], script[src])".
 * libxml2's XPath engine evaluates their translation (css.c) through a
 * generic interpreter, boolean objects and a sort of the result; a walk
 * of the tree testing each element against the compounds gives the same
 * nodes, in document order, at a fraction of the cost.
 *
 * The tests mirror the XPath css.c writes, so both paths agree: a tag
 * (lower-cased) names an element without a namespace; .c is a whole
 * token of class split at XML white space or form feed (wn-class); #i
 * is @id equal to i; [a] the attribute a (no namespace), [a=v] equal,
 * [a~=v] a token split at XML white space (normalize-space), never
 * with an empty v or one holding white space, [a|=v] equal or v + '-'
 * at the start, [a^=v] [a$=v] [a*=v] never with an empty v, and the i
 * flag folds ASCII case of both sides (translate()).  Anything else
 * (escapes, combinators, pseudo-classes, non-ASCII names) is left to
 * XPath: wn_compound_new_ returns NULL for it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct test {
	char kind;  /* '.', '#' or '[' */
	char op;    /* for '[': 0 (present), '=', '~', '|', '^', '$', '*' */
	bool icase; /* ASCII case folded */
	bool never; /* a value CSS says cannot match */
	char *name; /* class, id or attribute name */
	char *val;  /* attribute value (lower-cased with icase) */
	size_t nval;
};

struct compound {
	char *tag; /* NULL: any element */
	struct test *t;
	size_t n;
};

struct wn_compound {
	struct compound *c;
	size_t n;
};

void wn_compound_free_(struct wn_compound *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		for (size_t j = 0; j < s->c[i].n; j++) {
			free(s->c[i].t[j].name);
			free(s->c[i].t[j].val);
		}
		free(s->c[i].t);
		free(s->c[i].tag);
	}
	free(s->c);
	free(s);
}

/* ---- parsing --------------------------------------------------------- */

struct in {
	const char *p;
};

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void ws(struct in *in)
{
	while (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' ||
	       *in->p == '\r' || *in->p == '\f')
		in->p++;
}

static char *lower_dup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++)
		d[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	d[n] = '\0';
	return d;
}

/* An ASCII identifier, as css.c reads one when it has no escape and
 * does not start with a digit or "--" / "-digit"; NULL when there is
 * none (the caller then gives the selector to XPath). */
static char *ident(struct in *in, bool lower)
{
	const char *s = in->p;
	char *d;

	if ((s[0] >= '0' && s[0] <= '9') ||
	    (s[0] == '-' && (s[1] == '-' || (s[1] >= '0' && s[1] <= '9'))))
		return NULL;
	while (name_char(*in->p))
		in->p++;
	if (in->p == s || *in->p == '\\' || (unsigned char)*in->p >= 0x80)
		return NULL;
	d = lower ? lower_dup(s, (size_t)(in->p - s))
		  : wn_strndup_(s, (size_t)(in->p - s));
	return d;
}

static struct test *add_test(struct in *in, struct compound *c, char kind)
{
	struct test *t = realloc(c->t, (c->n + 1) * sizeof(*t));

	if (!t)
		return NULL;
	c->t = t;
	t = &c->t[c->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	return t;
}

/* [name op value flag], at in->p after '['. */
static bool attribute(struct in *in, struct test *t)
{
	ws(in);
	if (!(t->name = ident(in, true)))
		return false;
	ws(in);
	if (*in->p == '=') {
		t->op = '=';
		in->p++;
	} else if (*in->p && strchr("~|^$*", *in->p) && in->p[1] == '=') {
		t->op = *in->p;
		in->p += 2;
	}
	if (t->op) {
		const char *v;

		ws(in);
		if (*in->p == '"' || *in->p == '\'') {
			char q = *in->p++;

			v = in->p;
			while (*in->p && *in->p != q && *in->p != '\\' &&
			       *in->p != '\n')
				in->p++;
			if (*in->p != q)
				return false;
			t->nval = (size_t)(in->p++ - v);
			t->val = wn_strndup_(v, t->nval);
		} else {
			v = in->p;
			if (!(t->val = ident(in, false)))
				return false;
			t->nval = (size_t)(in->p - v);
		}
		if (!t->val)
			return false;
		if (ws(in), *in->p == 'i' || *in->p == 'I' || *in->p == 's' ||
				    *in->p == 'S') {
			/* css.c wants white space before the flag */
			if (in->p[-1] != ' ' && in->p[-1] != '\t' &&
			    in->p[-1] != '\n' && in->p[-1] != '\r' &&
			    in->p[-1] != '\f')
				return false;
			t->icase = *in->p == 'i' || *in->p == 'I';
			in->p++;
			ws(in);
		}
		if (t->icase)
			for (size_t i = 0; i < t->nval; i++)
				if (t->val[i] >= 'A' && t->val[i] <= 'Z')
					t->val[i] += 32;
		t->never = (!t->nval && t->op != '=' && t->op != '|') ||
			   (t->op == '~' && strpbrk(t->val, " \t\n\r\f"));
	}
	if (*in->p != ']')
		return false;
	in->p++;
	return true;
}

/* One compound up to ',' or ')' or the end; false when it is more. */
static bool compound(struct in *in, struct compound *c)
{
	bool star = false;

	ws(in);
	if (*in->p == '*') {
		star = true;
		in->p++;
	} else if (name_char(*in->p)) {
		if (!(c->tag = ident(in, true)))
			return false;
	}
	for (;;) {
		struct test *t;
		char k = *in->p;

		if (k != '.' && k != '#' && k != '[')
			break;
		in->p++;
		if (!(t = add_test(in, c, k)))
			return false;
		if (k == '[' ? !attribute(in, t)
			     : !(t->name = ident(in, false)))
			return false;
	}
	ws(in);
	return (star || c->tag || c->n) &&
	       (!*in->p || *in->p == ',' || *in->p == ')');
}

static bool list(struct in *in, struct wn_compound *s, bool nested)
{
	for (;;) {
		struct compound *c;

		ws(in);
		if (!nested && !strncmp(in->p, ":is(", 4)) {
			in->p += 4;
			if (!list(in, s, true) || *in->p != ')')
				return false;
			in->p++;
			ws(in);
		} else {
			c = realloc(s->c, (s->n + 1) * sizeof(*c));
			if (!c)
				return false;
			s->c = c;
			c = &s->c[s->n++];
			memset(c, 0, sizeof(*c));
			if (!compound(in, c))
				return false;
		}
		if (*in->p != ',')
			return true;
		in->p++;
	}
}

struct wn_compound *wn_compound_new_(const char *css)
{
	struct wn_compound *s = calloc(1, sizeof(*s));
	struct in in = {css};

	if (!s)
		return NULL;
	if (!list(&in, s, false) || *in.p) {
		wn_compound_free_(s);
		return NULL;
	}
	return s;
}

/* ---- matching -------------------------------------------------------- */

/* Does v hold token tok (k bytes), split at the bytes of `seps`? */
static bool has_token(const char *v, const char *tok, size_t k,
		      const char *seps)
{
	while (*v) {
		size_t n;

		v += strspn(v, seps);
		n = strcspn(v, seps);
		if (n == k && !memcmp(v, tok, k))
			return true;
		v += n;
	}
	return false;
}

static bool value_test(const struct test *t, const char *v)
{
	size_t n = strlen(v);

	switch (t->op) {
	case '=':
		return n == t->nval && !memcmp(v, t->val, n);
	case '~':
		return has_token(v, t->val, t->nval, " \t\n\r");
	case '|':
		return (n == t->nval && !memcmp(v, t->val, n)) ||
		       (n > t->nval && !memcmp(v, t->val, t->nval) &&
			v[t->nval] == '-');
	case '^':
		return n >= t->nval && !memcmp(v, t->val, t->nval);
	case '$':
		return n >= t->nval &&
		       !memcmp(v + n - t->nval, t->val, t->nval);
	default: /* '*' */
		return strstr(v, t->val) != NULL;
	}
}

static bool test(const struct test *t, const xmlNode *n)
{
	xmlChar *copy;
	const char *v;
	char *low = NULL;
	bool hit;

	if (t->never)
		return false;
	if (t->kind == '.')
		return wn_node_has_class(n, t->name);
	v = wn_attr_peek_(n, t->kind == '#' ? "id" : t->name, &copy);
	if (!v)
		return false;
	if (t->kind == '#')
		hit = !strcmp(v, t->name);
	else if (!t->op)
		hit = true;
	else if (t->icase && !(low = lower_dup(v, strlen(v))))
		hit = false; /* out of memory: no match */
	else
		hit = value_test(t, low ? low : v);
	free(low);
	xmlFree(copy);
	return hit;
}

bool wn_compound_match_(const struct wn_compound *s, const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return false;
	for (size_t i = 0; i < s->n; i++) {
		const struct compound *c = &s->c[i];
		size_t j = 0;

		/* asked of every element for every compound of the sites'
		 * selectors: the first letter rules most names out without
		 * a call */
		if (c->tag && (n->ns || n->name[0] != (xmlChar)c->tag[0] ||
			       strcmp((const char *)n->name, c->tag)))
			continue;
		while (j < c->n && test(&c->t[j], n))
			j++;
		if (j == c->n)
			return true;
	}
	return false;
}
