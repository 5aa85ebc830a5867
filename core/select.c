/* SPDX-License-Identifier: MIT */
/*
 * Compiled selectors and XPath evaluation.
 *
 * A context keeps every selector it has compiled (CSS turned into XPath,
 * or XPath as given) in a hash table, so a batch compiles each rule once
 * per process however many documents it cleans.  Regular expressions of
 * :matches-text() are POSIX EREs (after a light translation of the
 * common JavaScript forms \d, (?:...) and lazy quantifiers), compiled
 * once and cached the same way.
 */
#include <config.h>

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "internal.h"

struct wn_sel {
	char *key;  /* "c:" or "x:" + the source */
	char *xpath;
	xmlXPathCompExprPtr comp;
	/* CSS lists of plain compounds (".a", "div#b.c, .d") only: one
	 * class ('c') or id ('i') token per alternative, each alternative
	 * unable to match where its token is absent; NUL-separated, ended
	 * by an empty string.  NULL for other selectors. */
	char *needs;
	/* CSS lists of compounds, matched in C (compound.c), else NULL;
	 * for WN_SEL_MATCH the test of one element */
	struct wn_compound *native;
};

struct wn_re {
	char *key; /* flags + '/' + pattern */
	regex_t re;
};

struct wn_selcache {
	/* open addressing, cap a power of two; each selector is its own
	 * allocation, so pointers handed out survive the table growing */
	struct wn_sel **sels;
	size_t nsels, cap;
	struct wn_re *res;
	size_t nres, capres;
	size_t compiled; /* selectors compiled, for tests */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void wn_selcache_free_(struct wn_selcache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++) {
		if (!c->sels[i])
			continue;
		free(c->sels[i]->key);
		free(c->sels[i]->xpath);
		free(c->sels[i]->needs);
		wn_compound_free_(c->sels[i]->native);
		if (c->sels[i]->comp)
			xmlXPathFreeCompExpr(c->sels[i]->comp);
		free(c->sels[i]);
	}
	free(c->sels);
	for (size_t i = 0; i < c->nres; i++) {
		free(c->res[i].key);
		regfree(&c->res[i].re);
	}
	free(c->res);
	free(c);
}

static struct wn_selcache *cache(struct wn_ctx *ctx)
{
	if (!ctx->sel)
		ctx->sel = calloc(1, sizeof(*ctx->sel));
	return ctx->sel;
}

size_t wn_ctx_selectors_compiled(const struct wn_ctx *ctx)
{
	return ctx->sel ? ctx->sel->compiled : 0;
}

/* ---- regular expressions -------------------------------------------- */

/* Rewrite the JavaScript forms POSIX lacks; NULL when out of memory. */
static char *translate_re(const char *re)
{
	struct wn_buf b = {0};
	bool in_class = false;
	int rc = 0;

	for (const char *s = re; *s && !rc; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			if (*s == 'd')
				rc = wn_buf_puts(&b, in_class ? "0-9" : "[0-9]");
			else if (*s == 'D' && !in_class)
				rc = wn_buf_puts(&b, "[^0-9]");
			else if (*s == '/')
				rc = wn_buf_puts(&b, "/");
			else if (*s == 'n')
				rc = wn_buf_puts(&b, "\n");
			else if (*s == 't')
				rc = wn_buf_puts(&b, "\t");
			else {
				char e[3] = {'\\', *s, 0};

				rc = wn_buf_puts(&b, e);
			}
			continue;
		}
		if (in_class) {
			if (*s == ']')
				in_class = false;
		} else if (*s == '[') {
			in_class = true;
			rc = wn_buf_append(&b, s, 1);
			if (s[1] == '^') {
				rc = rc || wn_buf_append(&b, "^", 1);
				s++;
			}
			if (s[1] == ']') {
				rc = rc || wn_buf_append(&b, "]", 1);
				s++;
			}
			continue;
		} else if (*s == '(' && s[1] == '?' && s[2] == ':') {
			rc = wn_buf_puts(&b, "(");
			s += 2;
			continue;
		} else if ((*s == '*' || *s == '+' || *s == '?' || *s == '}') &&
			   s[1] == '?') {
			rc = wn_buf_append(&b, s, 1);
			s++;
			continue;
		}
		rc = wn_buf_append(&b, s, 1);
	}
	if (!rc && !b.data)
		rc = wn_buf_puts(&b, "");
	if (rc) {
		wn_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* True when the repetitions of ERE t could make glibc's regcomp, which
 * copies the repeated part once per count, build a huge automaton:
 * "(a{999}){999}" or "((a+)+)+..." take gigabytes and minutes.  The
 * product of all the {m,n} bounds, and of a factor 2 for each '+' that
 * repeats a group or another repetition, must stay small. */
static bool re_too_big(const char *t)
{
	unsigned long long product = 1;
	char prev = 0; /* the last byte outside brackets and escapes */

	for (const char *p = t; *p; prev = *p, p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '+' && (prev == '+' || prev == '*' ||
					 prev == '?' || prev == '}')) {
			/* stacked quantifiers: undefined in POSIX EREs, and
			 * exponential in glibc's matcher */
			return true;
		} else if (*p == '+' && prev == ')') {
			if ((product *= 2) > 10000)
				return true;
		} else if (*p == '[') { /* a bracket expression: literal { */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (!*p)
				break;
		} else if (*p == '{') {
			unsigned long long m = 0, n;

			for (p++; *p >= '0' && *p <= '9' && m <= 100000; p++)
				m = m * 10 + (unsigned)(*p - '0');
			n = m;
			if (*p == ',') {
				n = 0;
				for (p++; *p >= '0' && *p <= '9' && n <= 100000;
				     p++)
					n = n * 10 + (unsigned)(*p - '0');
				if (n < m)
					n = m;
			}
			product *= n ? n : 1;
			if (product > 10000)
				return true;
			if (!*p)
				break;
		}
	}
	return false;
}

static int re_compile(regex_t *r, const char *re, const char *flags)
{
	char *t = translate_re(re);
	int cf = REG_EXTENDED | REG_NOSUB;
	int rc;

	if (!t)
		return REG_ESPACE;
	if (re_too_big(t)) {
		free(t);
		return REG_ESIZE;
	}
	if (flags && strchr(flags, 'i'))
		cf |= REG_ICASE;
	if (!flags || !strchr(flags, 's'))
		cf |= REG_NEWLINE;
	rc = regcomp(r, t, cf);
	free(t);
	return rc;
}

const char *wn_regex_check_(const char *re, const char *flags)
{
	regex_t r;
	int rc = re_compile(&r, re, flags);

	if (rc == 0) {
		regfree(&r);
		return NULL;
	}
	return rc == REG_ESPACE	  ? "out of memory"
	       : rc == REG_ESIZE ? "regular expression too complex"
				 : "bad regular expression";
}

static const regex_t *re_get(struct wn_selcache *c, const char *re,
			     const char *flags)
{
	struct wn_buf k = {0};
	struct wn_re *e;

	if (wn_buf_puts(&k, flags) || wn_buf_puts(&k, "/") ||
	    wn_buf_puts(&k, re)) {
		wn_buf_free(&k);
		return NULL;
	}
	for (size_t i = 0; i < c->nres; i++)
		if (!strcmp(c->res[i].key, k.data)) {
			wn_buf_free(&k);
			return &c->res[i].re;
		}
	if (wn_grow(&c->res, c->nres, &c->capres, sizeof(*c->res), 8)) {
		wn_buf_free(&k);
		return NULL;
	}
	e = &c->res[c->nres];
	if (re_compile(&e->re, re, flags)) {
		wn_buf_free(&k);
		return NULL;
	}
	e->key = k.data;
	c->nres++;
	return &e->re;
}

/* wn-re(string, pattern, flags): true when the regex matches. */
static void xp_re(xmlXPathParserContextPtr pc, int nargs)
{
	struct wn_selcache *c = pc->context->userData;
	xmlChar *s, *re, *flags = NULL;
	const regex_t *r;
	bool hit = false;

	if (nargs != 2 && nargs != 3) {
		xmlXPathErr(pc, XPATH_INVALID_ARITY);
		return;
	}
	if (nargs == 3)
		flags = xmlXPathPopString(pc);
	re = xmlXPathPopString(pc);
	s = xmlXPathPopString(pc);
	if (c && s && re) {
		r = re_get(c, (const char *)re,
			   flags ? (const char *)flags : "");
		hit = r && regexec(r, (const char *)s, 0, NULL, 0) == 0;
	}
	xmlFree(s);
	xmlFree(re);
	xmlFree(flags);
	valuePush(pc, xmlXPathNewBoolean(hit));
}

/* wn-class(token): true when the context element's class attribute
 * holds the whole token (CSS .token), with no allocation. */
static void xp_class(xmlXPathParserContextPtr pc, int nargs)
{
	xmlChar *tok;
	bool hit;

	if (nargs != 1) {
		xmlXPathErr(pc, XPATH_INVALID_ARITY);
		return;
	}
	tok = xmlXPathPopString(pc);
	hit = tok && wn_node_has_class(pc->context->node, (const char *)tok);
	xmlFree(tok);
	valuePush(pc, xmlXPathNewBoolean(hit));
}

/* XML white space, which normalize-space() and wn-class() split on, and
 * the form feed wn-class() adds; id() splits on them too. */
static bool class_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Adds to set the first element under top, in document order, whose id
 * (or, on <a>, name) is the word w..w+n: an HTML ID as libxml2 has it. */
static int id_find(xmlNodePtr top, const xmlChar *w, size_t n,
		   xmlNodeSetPtr set)
{
	for (xmlNodePtr e = wn_next_element(top, top, false); e;
	     e = wn_next_element(e, top, false)) {
		xmlChar *c1 = NULL, *c2 = NULL;
		const char *v = wn_attr_peek_(e, "id", &c1);
		bool hit;

		if (!v && e->name[0] == 'a' && !e->name[1])
			v = wn_attr_peek_(e, "name", &c2);
		hit = v && strlen(v) == n && !memcmp(v, w, n);
		xmlFree(c1);
		xmlFree(c2);
		if (hit)
			return xmlXPathNodeSetAddUnique(set, e);
	}
	return 0;
}

/* The words of s into set (id_find each). */
static int id_words(xmlNodePtr top, const xmlChar *s, xmlNodeSetPtr set)
{
	while (s && *s) {
		const xmlChar *w;

		while (*s && class_space((char)*s))
			s++;
		for (w = s; *s && !class_space((char)*s); s++)
			;
		if (s > w && id_find(top, w, (size_t)(s - w), set) < 0)
			return -1;
	}
	return 0;
}

/*
 * id(object): XPath's function, which libxml2 answers from the ID table
 * its parser fills.  winnow's parser does not fill it (htmlparse.c: the
 * table cost 2.5% of a default run, and nothing else reads it), so this
 * walks the tree instead: the elements whose ID is one of the words of the
 * argument (of the string value of each of its nodes, for a node set).
 */
static void xp_id(xmlXPathParserContextPtr pc, int nargs)
{
	xmlXPathObjectPtr arg, ret;
	xmlNodePtr top;
	int rc = 0;

	if (nargs != 1) {
		xmlXPathErr(pc, XPATH_INVALID_ARITY);
		return;
	}
	if (!(arg = valuePop(pc))) {
		xmlXPathErr(pc, XPATH_INVALID_OPERAND);
		return;
	}
	if (!(ret = xmlXPathNewNodeSet(NULL))) {
		xmlXPathFreeObject(arg);
		xmlXPathErr(pc, XPATH_MEMORY_ERROR);
		return;
	}
	top = (xmlNodePtr)pc->context->doc;
	if (arg->type == XPATH_NODESET || arg->type == XPATH_XSLT_TREE) {
		for (int i = 0; arg->nodesetval && !rc &&
				i < arg->nodesetval->nodeNr;
		     i++) {
			xmlChar *s = xmlXPathCastNodeToString(
				arg->nodesetval->nodeTab[i]);

			rc = id_words(top, s, ret->nodesetval);
			xmlFree(s);
		}
	} else {
		xmlChar *s = xmlXPathCastToString(arg);

		rc = id_words(top, s, ret->nodesetval);
		xmlFree(s);
	}
	xmlXPathFreeObject(arg);
	if (rc) {
		xmlXPathFreeObject(ret);
		xmlXPathErr(pc, XPATH_MEMORY_ERROR);
		return;
	}
	valuePush(pc, ret);
}

static int xpath_id(xmlXPathContextPtr x)
{
	/* the built-in goes first: a name is registered once */
	xmlXPathRegisterFunc(x, BAD_CAST "id", NULL);
	return xmlXPathRegisterFunc(x, BAD_CAST "id", xp_id);
}

/* ---- token sets ------------------------------------------------------ */

static uint64_t tok_hash(char kind, const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ (unsigned char)kind;

	h *= 1099511628211ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h;
}

/*
 * The thread's index of a document's elements by class and id token,
 * made with a token set (wn_tokset_build_): each occurrence of a token
 * in document order, chained by hash bucket, so that a plain selector
 * (".related-posts", "#comments") finds its elements without walking
 * the tree.  Kept for the next page (grown, not shrunk) and freed when
 * the thread ends.
 */
struct tok_occ {
	uint64_t h;
	xmlNodePtr n;
	uint32_t next; /* 1 + the next occurrence in the bucket, 0 none */
};

static _Thread_local struct tok_index {
	struct tok_occ *occ;
	uint32_t nocc, capocc;
	uint32_t *head; /* per bucket: 1 + its first occurrence, 0 none */
	uint32_t nhead;
	uint64_t stamp; /* of the set it was built with; 0 unusable */
	bool keyed;
} tidx;

static void tidx_free(void *m)
{
	struct tok_index *x = m;

	free(x->occ);
	free(x->head);
	*x = (struct tok_index){0};
}

/* Room kept on this thread is freed when it ends: false when that cannot
 * be arranged (then no index is kept). */
static bool tidx_keep(void)
{
	return tidx.keyed ||
	       (tidx.keyed = wn_at_thread_exit_(tidx_free, &tidx));
}

static void tok_add(struct wn_tokset *t, char kind, const char *p, size_t n,
		    xmlNodePtr el)
{
	uint64_t h = tok_hash(kind, p, n);
	unsigned a = (unsigned)(h % WN_TOKSET_BITS);
	unsigned b = (unsigned)((h >> 32) % WN_TOKSET_BITS);

	t->bits[a / 64] |= 1ull << (a % 64);
	t->bits[b / 64] |= 1ull << (b % 64);
	if (!tidx.stamp)
		return;
	if (tidx.nocc == tidx.capocc) {
		uint32_t nc = tidx.capocc ? 2 * tidx.capocc : 4096;
		struct tok_occ *o;

		if (nc <= tidx.capocc ||
		    !(o = realloc(tidx.occ, (size_t)nc * sizeof(*o)))) {
			tidx.stamp = 0; /* no index for this page */
			return;
		}
		tidx.occ = o;
		tidx.capocc = nc;
	}
	tidx.occ[tidx.nocc++] = (struct tok_occ){.h = h, .n = el};
}

/* Chain the occurrences by bucket, each chain in document order. */
static void tidx_chain(void)
{
	uint32_t nb = 64;

	if (!tidx.stamp)
		return;
	while (nb < 2 * tidx.nocc && nb < (UINT32_C(1) << 30))
		nb *= 2;
	if (nb > tidx.nhead) {
		uint32_t *h = realloc(tidx.head, (size_t)nb * sizeof(*h));

		if (!h) {
			tidx.stamp = 0;
			return;
		}
		tidx.head = h;
		tidx.nhead = nb;
	}
	nb = tidx.nhead;
	memset(tidx.head, 0, (size_t)nb * sizeof(*tidx.head));
	for (uint32_t i = tidx.nocc; i-- > 0;) {
		uint32_t b = (uint32_t)tidx.occ[i].h & (nb - 1);

		tidx.occ[i].next = tidx.head[b];
		tidx.head[b] = i + 1;
	}
}

static bool tok_has(const struct wn_tokset *t, char kind, const char *p,
		    size_t n)
{
	uint64_t h = tok_hash(kind, p, n);
	unsigned a = (unsigned)(h % WN_TOKSET_BITS);
	unsigned b = (unsigned)((h >> 32) % WN_TOKSET_BITS);

	return (t->bits[a / 64] >> (a % 64) & 1) &&
	       (t->bits[b / 64] >> (b % 64) & 1);
}

void wn_tokset_build_(struct wn_tokset *t, xmlDocPtr doc)
{
	static _Atomic uint64_t stamps;
	xmlNodePtr root = xmlDocGetRootElement(doc);

	memset(t, 0, sizeof(*t));
	tidx.nocc = 0;
	tidx.stamp = tidx_keep() ? ++stamps : 0;
	for (xmlNodePtr n = root; n; n = wn_next_element(n, root, false)) {
		xmlChar *copy;
		const char *v = wn_attr_peek_(n, "id", &copy);

		if (v)
			tok_add(t, 'i', v, strlen(v), n);
		xmlFree(copy);
		v = wn_attr_peek_(n, "class", &copy);
		for (const char *p = v; p && *p;) {
			size_t k = 0;

			while (class_space(*p))
				p++;
			while (p[k] && !class_space(p[k]))
				k++;
			if (k)
				tok_add(t, 'c', p, k, n);
			p += k;
		}
		xmlFree(copy);
	}
	tidx_chain();
	t->stamp = tidx.stamp;
}

/* For qsort: occurrence indexes in increasing (document) order. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int wn_sel_eval_tok_(const struct wn_sel *s, const struct wn_tokset *t,
		     xmlNodePtr **out, size_t *n)
{
	uint32_t *hits = NULL;
	size_t nh = 0, caph = 0, k = 0;
	xmlNodePtr *v;

	*out = NULL;
	*n = 0;
	if (!t->stamp || t->stamp != tidx.stamp || !s->needs ||
	    !wn_sel_native_(s))
		return 0;
	/* the occurrences of each alternative's token */
	for (const char *p = s->needs; *p; p += strlen(p) + 1) {
		uint64_t h = tok_hash(p[0], p + 1, strlen(p + 1));

		for (uint32_t i = tidx.head[(uint32_t)h & (tidx.nhead - 1)]; i;
		     i = tidx.occ[i - 1].next) {
			if (tidx.occ[i - 1].h != h)
				continue;
			if (wn_grow(&hits, nh, &caph, sizeof(*hits), 16)) {
				free(hits);
				return WN_ENOMEM;
			}
			hits[nh++] = i - 1;
		}
	}
	if (!nh)
		return 1;
	/* several alternatives: into document order, once each */
	if (s->needs[strlen(s->needs) + 1])
		qsort(hits, nh, sizeof(*hits), cmp_u32);
	if (!(v = malloc(nh * sizeof(*v)))) {
		free(hits);
		return WN_ENOMEM;
	}
	for (size_t i = 0; i < nh; i++) {
		xmlNodePtr e = tidx.occ[hits[i]].n;

		/* an element twice (".a.b, .b"), removed, or not matching
		 * the whole compound */
		if ((k && v[k - 1] == e) || !wn_node_attached(e) ||
		    !wn_compound_match_(s->native, e))
			continue;
		v[k++] = e;
	}
	free(hits);
	if (!k) {
		free(v);
		v = NULL;
	}
	*out = v;
	*n = k;
	return 1;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/* The needs of a CSS selector list (see struct wn_sel), or NULL when an
 * alternative is more than [tag](.class|#id)+ or memory runs out. */
static char *plain_needs(const char *src)
{
	struct wn_buf b = {0};
	const char *p = src;

	for (;;) {
		const char *tok = NULL;
		size_t k = 0;
		char kind = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '*')
			p++;
		else
			while (ident_char(*p))
				p++;
		while (*p == '.' || *p == '#') {
			char c = *p++;
			const char *q = p;

			while (ident_char(*p))
				p++;
			if (p == q)
				goto no;
			if (!tok) {
				tok = q;
				k = (size_t)(p - q);
				kind = c == '.' ? 'c' : 'i';
			}
		}
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!tok || (*p && *p != ','))
			goto no;
		if (wn_buf_append(&b, &kind, 1) || wn_buf_append(&b, tok, k) ||
		    wn_buf_append(&b, "", 1))
			goto no;
		if (!*p++)
			break;
	}
	if (wn_buf_append(&b, "", 1))
		goto no;
	return b.data;
no:
	wn_buf_free(&b);
	return NULL;
}

bool wn_sel_plain_(const struct wn_sel *s)
{
	return s->needs != NULL;
}

bool wn_sel_cannot_match_(const struct wn_sel *s, const struct wn_tokset *t)
{
	if (!s->needs)
		return false;
	for (const char *p = s->needs; *p; p += strlen(p) + 1)
		if (tok_has(t, p[0], p + 1, strlen(p + 1)))
			return false;
	return true;
}

/* ---- selectors ------------------------------------------------------- */

static void quiet(void *data, xmlErrorPtr err)
{
	struct wn_buf *msg = data;

	if (msg && !msg->len && err && err->message) {
		size_t n = strlen(err->message);

		while (n && err->message[n - 1] == '\n')
			n--;
		wn_buf_append(msg, err->message, n);
		if (err->int1 > 0)
			wn_buf_printf_(msg, " at offset %d", err->int1);
	}
}

static int grow(struct wn_selcache *c)
{
	size_t nc = c->cap ? 2 * c->cap : 64;
	struct wn_sel **n = calloc(nc, sizeof(*n));

	if (!n)
		return WN_ENOMEM;
	for (size_t i = 0; i < c->cap; i++) {
		size_t j;

		if (!c->sels[i])
			continue;
		j = hash(c->sels[i]->key) & (nc - 1);
		while (n[j])
			j = (j + 1) & (nc - 1);
		n[j] = c->sels[i];
	}
	free(c->sels);
	c->sels = n;
	c->cap = nc;
	return 0;
}

int wn_sel_get_(struct wn_ctx *ctx, const char *src, enum wn_sel_kind kind,
		const struct wn_sel **out, struct wn_buf *err)
{
	struct wn_selcache *c = cache(ctx);
	struct wn_buf key = {0}, xp = {0}, msg = {0};
	struct wn_sel *e = NULL;
	size_t j;
	int rc;

	if (!c)
		return WN_ENOMEM;
	if (wn_buf_puts(&key, kind == WN_SEL_XPATH  ? "x:"
			      : kind == WN_SEL_MATCH ? "m:"
						     : "c:") ||
	    wn_buf_puts(&key, src)) {
		wn_buf_free(&key);
		return WN_ENOMEM;
	}
	if (c->cap) {
		for (j = hash(key.data) & (c->cap - 1); c->sels[j];
		     j = (j + 1) & (c->cap - 1))
			if (!strcmp(c->sels[j]->key, key.data)) {
				wn_buf_free(&key);
				*out = c->sels[j];
				return 0;
			}
	}
	if (kind == WN_SEL_XPATH) {
		rc = wn_buf_puts(&xp, src) ? WN_ENOMEM : 0;
	} else {
		size_t pos = 0;
		const char *m = NULL;

		rc = kind == WN_SEL_MATCH
			     ? wn_css_match_xpath_(src, &xp, &pos, &m)
			     : wn_css_to_xpath(src, &xp, &pos, &m);
		if (rc == WN_EINVAL && err)
			wn_buf_printf_(err, "bad selector '%s': %s at column %zu",
				       src, m ? m : "error", pos + 1);
	}
	if (!rc) {
		xmlXPathCompExprPtr comp;

		xmlSetStructuredErrorFunc(&msg, quiet);
		comp = xmlXPathCompile(BAD_CAST xp.data);
		xmlSetStructuredErrorFunc(NULL, NULL);
		if (!comp) {
			if (err)
				wn_buf_printf_(err, "bad XPath '%s': %s", xp.data,
					       msg.data ? msg.data
							: "does not compile");
			rc = WN_EINVAL;
		} else if (((c->nsels + 1) * 2 > c->cap && grow(c)) ||
			   !(e = calloc(1, sizeof(*e)))) {
			xmlXPathFreeCompExpr(comp);
			rc = WN_ENOMEM;
		} else {
			for (j = hash(key.data) & (c->cap - 1); c->sels[j];
			     j = (j + 1) & (c->cap - 1))
				;
			c->sels[j] = e;
			e->key = key.data;
			e->xpath = xp.data;
			e->comp = comp;
			/* a plain list is skipped where its tokens are absent;
			 * without memory for that, it is simply evaluated */
			e->needs = kind == WN_SEL_CSS ? plain_needs(src) : NULL;
			/* likewise matched by XPath without memory for this */
			e->native = kind != WN_SEL_XPATH ? wn_compound_new_(src)
							 : NULL;
			key.data = xp.data = NULL;
			c->nsels++;
			c->compiled++;
			*out = e;
		}
	}
	wn_buf_free(&key);
	wn_buf_free(&xp);
	wn_buf_free(&msg);
	return rc;
}

const char *wn_sel_xpath_(const struct wn_sel *s)
{
	return s->xpath;
}

xmlXPathContextPtr wn_xpath_ctx_(struct wn_ctx *ctx, xmlDocPtr doc)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);

	if (!x)
		return NULL;
	x->userData = cache(ctx);
	/* reuse XPath objects instead of a malloc per predicate test */
	xmlXPathContextSetCache(x, 1, -1, 0);
	if (!x->userData ||
	    xmlXPathRegisterFunc(x, BAD_CAST "wn-re", xp_re) != 0 ||
	    xmlXPathRegisterFunc(x, BAD_CAST "wn-class", xp_class) != 0 ||
	    xpath_id(x) != 0) {
		xmlXPathFreeContext(x);
		return NULL;
	}
	return x;
}

int wn_sel_matches_(xmlXPathContextPtr x, const struct wn_sel *s, xmlNodePtr n)
{
	int b;

	if (s->native)
		return n && wn_compound_match_(s->native, n);
	x->node = n;
	xmlSetStructuredErrorFunc(NULL, quiet);
	b = xmlXPathCompiledEvalToBoolean(s->comp, x);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return b;
}

/* The elements of doc that match s->native, in document order, into a
 * node set (the first only with `one`); NULL when memory runs out. */
static xmlXPathObjectPtr native_eval(xmlDocPtr doc, const struct wn_sel *s,
				     bool one)
{
	xmlXPathObjectPtr r = xmlXPathNewNodeSet(NULL);
	xmlNodePtr top = (xmlNodePtr)doc;

	if (!r)
		return NULL;
	for (xmlNodePtr n = wn_next_element(top, top, false); n;
	     n = wn_next_element(n, top, false)) {
		if (!wn_compound_match_(s->native, n))
			continue;
		if (xmlXPathNodeSetAddUnique(r->nodesetval, n) < 0) {
			xmlXPathFreeObject(r);
			return NULL;
		}
		if (one)
			break;
	}
	return r;
}

bool wn_sel_native_(const struct wn_sel *s)
{
	return s->native && s->key[0] == 'c';
}

int wn_sel_exists_(xmlXPathContextPtr x, xmlDocPtr doc, const struct wn_sel *s)
{
	xmlXPathObjectPtr r;
	int hit;

	if (wn_sel_native_(s)) {
		r = native_eval(doc, s, true);
	} else if (wn_sel_eval_(x, s, NULL, &r, NULL)) {
		return 0;
	}
	hit = r && r->type == XPATH_NODESET && r->nodesetval &&
	      r->nodesetval->nodeNr > 0;
	xmlXPathFreeObject(r);
	return hit;
}

int wn_sel_eval_(xmlXPathContextPtr x, const struct wn_sel *s, xmlNodePtr node,
		 xmlXPathObjectPtr *out, struct wn_buf *err)
{
	struct wn_buf msg = {0};
	xmlXPathObjectPtr r;

	/* the XPath of a CSS selector ("c:") starts at the root: the
	 * context node does not matter */
	if (s->native && s->key[0] == 'c') {
		if (!(*out = native_eval(x->doc, s, false))) {
			if (err)
				wn_buf_printf_(err, "%s", "out of memory");
			return WN_ENOMEM;
		}
		return 0;
	}
	x->node = node ? node : (xmlNodePtr)x->doc;
	xmlSetStructuredErrorFunc(&msg, quiet);
	r = xmlXPathCompiledEval(s->comp, x);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!r) {
		if (err)
			wn_buf_printf_(err, "XPath '%s' failed: %s", s->xpath,
				       msg.data ? msg.data : "error");
		wn_buf_free(&msg);
		return WN_EINVAL;
	}
	wn_buf_free(&msg);
	*out = r;
	return 0;
}

int wn_select(struct wn_ctx *ctx, struct wn_doc *doc, const char *css,
	      xmlNodePtr **out, size_t *n)
{
	const struct wn_sel *sel;
	xmlXPathContextPtr x;
	xmlXPathObjectPtr r = NULL;
	struct wn_buf err = {0};
	int rc = wn_sel_get_(ctx, css, WN_SEL_CSS, &sel, &err);

	*out = NULL;
	*n = 0;
	if (rc) {
		if (err.data)
			wn_log(ctx, WN_LOG_ERROR, NULL, "%s", err.data);
		wn_buf_free(&err);
		return rc;
	}
	x = wn_xpath_ctx_(ctx, doc->xml);
	if (!x)
		return WN_ENOMEM;
	rc = wn_sel_eval_(x, sel, NULL, &r, &err);
	if (rc) {
		wn_log(ctx, WN_LOG_ERROR, NULL, "%s", err.data ? err.data : "");
	} else if (r->type == XPATH_NODESET && r->nodesetval &&
		   r->nodesetval->nodeNr > 0) {
		size_t k = (size_t)r->nodesetval->nodeNr;

		*out = malloc(k * sizeof(**out));
		if (*out) {
			memcpy(*out, r->nodesetval->nodeTab, k * sizeof(**out));
			*n = k;
		} else {
			rc = WN_ENOMEM;
		}
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	wn_buf_free(&err);
	return rc;
}

int wn_run_select(struct wn_run *run, const char *css, xmlNodePtr **out,
		  size_t *n)
{
	return wn_select(run->ctx, run->doc, css, out, n);
}
