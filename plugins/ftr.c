/* SPDX-License-Identifier: MIT */
/*
 * ftr: apply Full-Text RSS site configs (the ftr-site-config rule set).
 *
 * The config directories come from the step's `dir=DIR` arguments, then
 * from the context parameter "ftr-dir" (winnow --ftr-dir); a later dir
 * overrides an earlier one, as FTR's custom configs override its
 * standard ones.  For a host, each dir offers HOST.txt (www. dropped),
 * else .PARENT.txt for one level of subdomain; the files found are
 * merged, the most important first: list directives are concatenated,
 * for yes/no ones the first that says wins.  global.txt is merged last
 * unless the host says "autodetect_on_failure: no".  Parsed files and
 * compiled XPath live as long as the step, so a batch reads and compiles
 * each once.
 *
 * Order of work, after FTR's extractor: find_string/replace_string,
 * native_ad_clue, title/author/date into the metadata,
 * src_lazy_load_attr, strip_attr, wrap_in, dissolve, strip,
 * strip_id_or_class, strip_image_src, body, post_strip_attr.  No
 * directive ever removes the body's pick or an element holding it.
 *
 * body: the first XPath that yields elements picks the article (several
 * elements together); everything else in <body> is removed, and the
 * metadata field "extracted" tells the `content` step after this one
 * to trim clutter inside the pick without re-picking a part of it.  A pick
 * that holds much less text than the page's prose is distrusted (site
 * templates change; an XPath that now finds only a caption must not cut
 * the article) and the page is left to the generic steps, as it is when
 * no body XPath matches.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>

#include <winnow/plugin.h>

#include "ftr-config.h"

#define MAX_PARTS 8    /* config files merged for one host */
#define MAX_META  4096 /* bytes of a title, author or date */
#define MAX_PICKS 256  /* elements one body XPath may pick */
#define MIN_SHARE 0.3  /* a pick holds this share of the prose */
#define MAX_STRIP 0.5  /* no strip takes this share of it */
#define MAX_HOST  253

/* A string-keyed hash map (open addressing, cap a power of two). */
struct slot {
	char *key;
	void *val;
};

struct map {
	struct slot *s;
	size_t n, cap;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct slot *map_find(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t j = hash(key) & (m->cap - 1); m->s[j].key;
	     j = (j + 1) & (m->cap - 1))
		if (!strcmp(m->s[j].key, key))
			return &m->s[j];
	return NULL;
}

/* Add key (copied) -> val; the key must be absent. */
static int map_put(struct map *m, const char *key, void *val)
{
	size_t j;
	char *k;

	if ((m->n + 1) * 2 > m->cap) {
		struct map g = {0};

		g.cap = m->cap ? 2 * m->cap : 64;
		g.s = calloc(g.cap, sizeof(*g.s));
		if (!g.s)
			return WN_ENOMEM;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->s[i].key)
				continue;
			for (j = hash(m->s[i].key) & (g.cap - 1); g.s[j].key;
			     j = (j + 1) & (g.cap - 1))
				;
			g.s[j] = m->s[i];
		}
		g.n = m->n;
		free(m->s);
		*m = g;
	}
	k = strdup(key);
	if (!k)
		return WN_ENOMEM;
	for (j = hash(key) & (m->cap - 1); m->s[j].key;
	     j = (j + 1) & (m->cap - 1))
		;
	m->s[j].key = k;
	m->s[j].val = val;
	m->n++;
	return 0;
}

/* The configs that apply to one host, most important first. */
struct site {
	struct ftr_config *part[MAX_PARTS];
	size_t n;
	bool autodetect;
	const struct ftr_config *global; /* the global.txt part, or NULL */
};

struct ftr {
	char **dirs; /* lowest priority first */
	size_t ndirs;
	bool params_read;
	struct map files; /* path -> struct ftr_config * (NULL: absent) */
	struct map sites; /* host -> struct site * */
};

static void ftr_destroy(void *inst)
{
	struct ftr *f = inst;

	if (!f)
		return;
	for (size_t i = 0; i < f->ndirs; i++)
		free(f->dirs[i]);
	free(f->dirs);
	for (size_t i = 0; i < f->files.cap; i++) {
		free(f->files.s[i].key);
		if (f->files.s[i].val) {
			ftr_config_free(f->files.s[i].val);
			free(f->files.s[i].val);
		}
	}
	free(f->files.s);
	for (size_t i = 0; i < f->sites.cap; i++) {
		free(f->sites.s[i].key);
		free(f->sites.s[i].val);
	}
	free(f->sites.s);
	free(f);
}

static int add_dir(struct ftr *f, const char *dir)
{
	char **p = realloc(f->dirs, (f->ndirs + 1) * sizeof(*p));

	if (!p)
		return WN_ENOMEM;
	f->dirs = p;
	if (!(p[f->ndirs] = strdup(dir)))
		return WN_ENOMEM;
	f->ndirs++;
	return 0;
}

static int ftr_create(const struct wn_args *args, void **inst)
{
	struct ftr *f = calloc(1, sizeof(*f));

	if (!f)
		return WN_ENOMEM;
	for (size_t i = 0; i < wn_args_count(args); i++) {
		const char *k = wn_args_key(args, i);

		if (strcmp(k, "dir")) {
			wn_args_error(args, "unknown argument '%s' (dir=DIR)",
				      k);
			ftr_destroy(f);
			return WN_EINVAL;
		}
		if (add_dir(f, wn_args_value(args, i))) {
			ftr_destroy(f);
			return WN_ENOMEM;
		}
	}
	*inst = f;
	return 0;
}

/* ---- finding and loading configs ------------------------------------ */

static void report(void *ud, enum ftr_sev sev, const char *file, unsigned line,
		   const char *msg)
{
	static const char *const what[] = {"error", "warning", "note"};

	wn_run_log(ud, WN_LOG_INFO, "%s:%u: %s: %s", file, line, what[sev],
		   msg);
}

/* The parsed config at path, or NULL when there is no such file. */
static struct ftr_config *load(struct ftr *f, struct wn_run *run,
			       const char *path, int *rc)
{
	struct slot *s = map_find(&f->files, path);
	struct ftr_config *c = NULL;
	struct stat st;

	*rc = 0;
	if (s)
		return s->val;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		c = calloc(1, sizeof(*c));
		if (!c) {
			*rc = WN_ENOMEM;
			return NULL;
		}
		*rc = ftr_config_load(c, path, report, run);
		if (*rc == WN_EIO)
			*rc = 0; /* reported; an empty config */
		if (!*rc)
			ftr_config_compile(c, report, run);
		if (*rc) {
			ftr_config_free(c);
			free(c);
			return NULL;
		}
		wn_run_log(run, WN_LOG_INFO, "%s: %zu directives", path, c->n);
	}
	*rc = map_put(&f->files, path, c);
	if (*rc) {
		if (c)
			ftr_config_free(c);
		free(c);
		return NULL;
	}
	return c;
}

static bool host_ok(const char *h)
{
	size_t n = strlen(h);

	if (!n || n > MAX_HOST || h[0] == '.' || strstr(h, ".."))
		return false;
	for (; *h; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= '0' && *h <= '9') ||
		      *h == '.' || *h == '-' || *h == '_'))
			return false;
	return true;
}

static int build_site(struct ftr *f, struct wn_run *run, const char *host,
		      struct site **out)
{
	struct site *s = calloc(1, sizeof(*s));
	char path[4096], wild[MAX_HOST + 2] = "";
	const char *dot;
	int rc = 0;

	if (!s)
		return WN_ENOMEM;
	if (!strncmp(host, "www.", 4) && strchr(host + 4, '.'))
		host += 4;
	dot = strchr(host, '.');
	if (dot && strchr(dot + 1, '.'))
		snprintf(wild, sizeof(wild), "%s", dot);
	for (size_t i = f->ndirs; i-- > 0 && !rc && s->n < MAX_PARTS;) {
		const char *cand[2] = {host, wild};

		for (int k = 0; k < 2 && !rc; k++) {
			struct ftr_config *c;

			if (!*cand[k])
				continue;
			snprintf(path, sizeof(path), "%s/%s.txt", f->dirs[i],
				 cand[k]);
			c = load(f, run, path, &rc);
			if (c) {
				s->part[s->n++] = c;
				break;
			}
		}
	}
	s->autodetect = true;
	for (size_t i = 0; i < s->n; i++)
		if (s->part[i]->autodetect >= 0) {
			s->autodetect = s->part[i]->autodetect;
			break;
		}
	if (s->n)
		wn_run_log(run, WN_LOG_INFO, "%s: %s%s", host, s->part[0]->file,
			   s->n > 1 ? " (and lower dirs)" : "");
	for (size_t i = f->ndirs;
	     i-- > 0 && !rc && s->autodetect && s->n < MAX_PARTS;) {
		struct ftr_config *c;

		snprintf(path, sizeof(path), "%s/global.txt", f->dirs[i]);
		c = load(f, run, path, &rc);
		if (c) {
			s->part[s->n++] = c;
			s->global = c;
			break;
		}
	}
	if (rc) {
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

static int get_site(struct ftr *f, struct wn_run *run, const char *host,
		    struct site **out)
{
	struct slot *sl = map_find(&f->sites, host);
	int rc;

	if (sl) {
		*out = sl->val;
		return 0;
	}
	rc = build_site(f, run, host, out);
	if (!rc) {
		rc = map_put(&f->sites, host, *out);
		if (rc)
			free(*out);
	}
	return rc;
}

/* ---- applying ------------------------------------------------------- */

struct job {
	struct wn_run *run;
	struct site *site;
	xmlXPathContextPtr x;
	xmlDocPtr doc;
	xmlNodePtr body;
	xmlNodePtr *pick; /* the body pick, NULL when none */
	size_t npick;
	size_t prose;     /* bytes of prose in the body before the strips */
	struct wn_nodes kill; /* nodes the strips would remove, in order */
};

#define EACH_RULE(j, r, which)                                                \
	for (size_t pi_ = 0; pi_ < (j)->site->n; pi_++)                       \
		for (size_t ri_ = 0; ri_ < (j)->site->part[pi_]->n; ri_++)    \
			if (((r) = &(j)->site->part[pi_]->rules[ri_])->dir == \
				    (which) &&                                \
			    !(r)->bad)

static void quiet(void *ud, const xmlError *err)
{
	(void)ud;
	(void)err;
}

/* Evaluate a rule's XPath from the document node; NULL when it does not
 * compile or fails (an unknown function, say): the rule is skipped. */
static xmlXPathObjectPtr eval(struct job *j, struct ftr_rule *r)
{
	xmlXPathCompExprPtr comp = ftr_rule_xpath(r);
	xmlXPathObjectPtr o;

	if (!comp)
		return NULL;
	j->x->node = (xmlNodePtr)j->doc;
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)quiet);
	o = xmlXPathCompiledEval(comp, j->x);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return o;
}

static size_t nodes_of(const xmlXPathObject *o)
{
	return o && o->type == XPATH_NODESET && o->nodesetval
		       ? (size_t)o->nodesetval->nodeNr
		       : 0;
}

/* The prose under n, n itself included when it is one block of prose
 * (wn_node_prose_len counts the blocks below n). */
static size_t prose_of(xmlNodePtr n)
{
	size_t p = wn_node_prose_len(n), t, l;

	if (p || n->type != XML_ELEMENT_NODE || !wn_node_is_block(n))
		return p;
	t = wn_node_text_len(n);
	l = wn_node_link_text_len(n);
	return t >= WN_PROSE_MIN && 3 * l < t ? t : 0;
}

/* True when removing n would take the body, the root or the pick, or
 * most of the page's prose (the article, whatever the config's author
 * meant to strip on the template the config was written for). */
static bool guarded(const struct job *j, const xmlNode *n)
{
	if (wn_node_within(j->body, n))
		return true;
	for (size_t i = 0; i < j->npick; i++)
		if (wn_node_within(j->pick[i], n))
			return true;
	if (j->prose && n->type == XML_ELEMENT_NODE &&
	    (double)prose_of((xmlNodePtr)n) > MAX_STRIP * j->prose) {
		wn_run_log(j->run, WN_LOG_INFO,
			   "not removing <%s>: it holds most of the page's "
			   "prose",
			   (const char *)n->name);
		return true;
	}
	return false;
}

/* Remove a node, or an attribute node from its element. */
static int strip_node(struct job *j, xmlNodePtr n)
{
	if (n->type == XML_ATTRIBUTE_NODE)
		return n->parent && wn_node_attached(n->parent)
			       ? wn_run_set_attr(j->run, n->parent,
						 (const char *)n->name, NULL)
			       : 0;
	if (n->type == XML_NAMESPACE_DECL || !wn_node_attached(n) || guarded(j, n))
		return 0;
	return wn_run_remove(j->run, n);
}

/* Append the text of an XPath result (string, number or the nodes) to
 * b; authors take every node, other fields the first. */
static int result_text(xmlXPathObjectPtr o, bool all, struct wn_buf *b)
{
	int rc = 0;

	if (o->type == XPATH_STRING)
		return o->stringval ? wn_buf_puts(b, (const char *)o->stringval)
				    : 0;
	for (size_t i = 0; i < nodes_of(o) && !rc && b->len < MAX_META; i++) {
		xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
		const char *s = (const char *)t;

		while (s &&
		       (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
			s++;
		if (s && *s) {
			if (b->len && strstr(b->data, s) == NULL)
				rc = wn_buf_puts(b, ", ");
			if (!rc && (!b->len || !strstr(b->data, s)))
				rc = wn_buf_puts(b, s);
		}
		xmlFree(t);
		if (!all && b->len)
			break;
	}
	return rc;
}

/* title:, author:, date: into the metadata.  Those of global.txt only
 * fill a field the page itself left empty: they are generic (og:title),
 * and the page's own metadata is read with more care. */
static int set_meta(struct job *j, enum ftr_dir dir, const char *key)
{
	bool known = wn_doc_meta_get(wn_run_doc(j->run), key) != NULL;
	struct ftr_rule *r;

	EACH_RULE(j, r, dir)
	{
		xmlXPathObjectPtr o;
		struct wn_buf b = {0};
		int rc = 0;

		if (known && j->site->part[pi_] == j->site->global)
			continue;
		o = eval(j, r);
		if (o)
			rc = result_text(o, dir == FTR_AUTHOR, &b);
		xmlXPathFreeObject(o);
		if (!rc && b.len && b.len <= MAX_META) {
			rc = wn_run_set_meta(j->run, key, b.data);
			if (rc == WN_EINVAL)
				rc = 0; /* nothing left after cleaning */
			else if (!rc)
				wn_run_log(j->run, WN_LOG_INFO, "%s: %s", key,
					   b.data);
			wn_buf_free(&b);
			return rc;
		}
		wn_buf_free(&b);
		if (rc)
			return rc;
	}
	return 0;
}

/* Run rule XPaths of `dir` and hand each resulting node to fn.  The
 * node set is copied and freed first: removing an attribute frees it at
 * once, and freeing a node set reads its nodes. */
static int each_node(struct job *j, enum ftr_dir dir,
		     int (*fn)(struct job *, struct ftr_rule *, xmlNodePtr))
{
	struct ftr_rule *r;
	int rc = 0;

	EACH_RULE(j, r, dir)
	{
		xmlXPathObjectPtr o = eval(j, r);
		size_t n = nodes_of(o);
		xmlNodePtr *v = n ? malloc(n * sizeof(*v)) : NULL;

		if (n && !v) {
			xmlXPathFreeObject(o);
			return WN_ENOMEM;
		}
		if (n)
			memcpy(v, o->nodesetval->nodeTab, n * sizeof(*v));
		xmlXPathFreeObject(o);
		for (size_t i = 0; i < n && !rc; i++)
			rc = fn(j, r, v[i]);
		free(v);
		if (rc)
			return rc;
	}
	return 0;
}

/* Note n for removal (attributes go at once: they hold no text). */
static int to_kill(struct job *j, xmlNodePtr n)
{
	if (n->type == XML_ATTRIBUTE_NODE)
		return strip_node(j, n);
	if (n->type == XML_NAMESPACE_DECL || !wn_node_attached(n) || guarded(j, n))
		return 0;
	return wn_nodes_push(&j->kill, n);
}

static int do_strip(struct job *j, struct ftr_rule *r, xmlNodePtr n)
{
	(void)r;
	return to_kill(j, n);
}

/*
 * Remove what the strips collected, unless together they would take the
 * article: the pick left with less than MIN_SHARE of the page's prose,
 * or, without a pick, more than MAX_STRIP of it gone.  Each XPath of a
 * config may be harmless alone and not so together ("//p" after a
 * template change); then none is applied.
 */
static int kill_all(struct job *j)
{
	size_t gone = 0, gone_pick = 0, pick = 0;
	struct wn_nodeset all = {0};
	int rc = 0;

	if (!j->kill.n)
		return 0;
	for (size_t i = 0; i < j->kill.n && rc >= 0; i++)
		rc = wn_nodeset_add(&all, j->kill.v[i]);
	if (rc < 0) {
		wn_nodeset_free(&all);
		return rc;
	}
	rc = 0;
	for (size_t i = 0; i < j->kill.n; i++) {
		xmlNodePtr n = j->kill.v[i], a;
		size_t p;

		for (a = n->parent; a && a != j->body; a = a->parent)
			if (wn_nodeset_has(&all, a))
				break;
		if (a && a != j->body)
			continue; /* inside another one */
		p = prose_of(n);
		gone += p;
		for (size_t k = 0; k < j->npick && p; k++)
			if (wn_node_within(n, j->pick[k])) {
				gone_pick += p;
				break;
			}
	}
	wn_nodeset_free(&all);
	for (size_t k = 0; k < j->npick; k++)
		pick += wn_node_prose_len(j->pick[k]);
	if (j->npick ? (double)(pick - (gone_pick < pick ? gone_pick : pick)) <
			       MIN_SHARE * (double)j->prose
		     : (double)gone > MAX_STRIP * (double)j->prose) {
		wn_run_log(j->run, WN_LOG_INFO,
			   "the strips would take %zu of the page's %zu bytes "
			   "of prose; none applied",
			   j->npick ? gone_pick : gone, j->prose);
		return 0;
	}
	for (size_t i = 0; i < j->kill.n && !rc; i++)
		rc = wn_run_remove(j->run, j->kill.v[i]);
	return rc;
}

static int do_strip_attr(struct job *j, struct ftr_rule *r, xmlNodePtr n)
{
	(void)r;
	return n->type == XML_ATTRIBUTE_NODE ? strip_node(j, n) : 0;
}

static int do_dissolve(struct job *j, struct ftr_rule *r, xmlNodePtr n)
{
	(void)r;
	if (n->type != XML_ELEMENT_NODE || !wn_node_attached(n) ||
	    wn_node_within(j->body, n))
		return 0;
	return wn_run_unwrap(j->run, n);
}

static int do_wrap(struct job *j, struct ftr_rule *r, xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE || !wn_node_attached(n) ||
	    wn_node_within(j->body, n))
		return 0;
	return wn_run_wrap(j->run, n, r->arg, NULL);
}

static int do_lazy(struct job *j, const char *attr)
{
	int rc = 0;

	for (xmlNodePtr n = wn_next_element(j->body, j->body, false); n && !rc;
	     n = wn_next_element(n, j->body, false)) {
		xmlChar *v;

		if (!xmlStrEqual(n->name, BAD_CAST "img"))
			continue;
		v = xmlGetProp(n, BAD_CAST attr);
		if (v && *v)
			rc = wn_run_set_attr(j->run, n, "src", (const char *)v);
		xmlFree(v);
	}
	return rc;
}

/* The value of attribute name of n when it is one text node, else "". */
static const char *attr_peek(const xmlNode *n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name))
			return a->children && a->children->type == XML_TEXT_NODE
				       ? (const char *)a->children->content
				       : "";
	return "";
}

/*
 * strip_id_or_class and strip_image_src in one walk over the body.  A
 * string matches as a substring of the id or class attribute, as in
 * Full-Text RSS, against which these files are written and tested
 * ("share" is meant to catch "share-buttons"); quotes in the string are
 * dropped, as FTR does.
 */
static int strip_walk(struct job *j)
{
	const char *ids[256], *srcs[64];
	size_t nid = 0, nsrc = 0;
	struct ftr_rule *r;
	int rc = 0;

	EACH_RULE(j, r, FTR_STRIP_ID_OR_CLASS)
	{
		char *q;

		while ((q = strpbrk(r->val, "'\"")))
			memmove(q, q + 1, strlen(q));
		if (*r->val && nid < 256)
			ids[nid++] = r->val;
	}
	EACH_RULE(j, r, FTR_STRIP_IMAGE_SRC)
	if (nsrc < 64)
		srcs[nsrc++] = r->val;
	if (!nid && !nsrc)
		return 0;
	for (xmlNodePtr n = wn_next_element(j->body, j->body, false); n;) {
		bool hit = false;

		if (nid) {
			const char *id = attr_peek(n, "id");
			const char *cl = attr_peek(n, "class");

			for (size_t i = 0; i < nid && !hit && (*id || *cl); i++)
				hit = strstr(id, ids[i]) || strstr(cl, ids[i]);
		}
		if (!hit && nsrc && xmlStrEqual(n->name, BAD_CAST "img")) {
			const char *src = attr_peek(n, "src");

			for (size_t i = 0; i < nsrc && !hit && *src; i++)
				hit = strstr(src, srcs[i]) != NULL;
		}
		if (hit && !guarded(j, n)) {
			rc = to_kill(j, n);
			if (rc)
				return rc;
			n = wn_next_element(n, j->body, true);
		} else {
			n = wn_next_element(n, j->body, false);
		}
	}
	return rc;
}

/* Evaluate the body XPaths: the first yielding elements in <body> sets
 * j->pick (nested picks dropped). */
static int find_pick(struct job *j)
{
	struct ftr_rule *r;

	free(j->pick);
	j->pick = NULL;
	j->npick = 0;
	EACH_RULE(j, r, FTR_BODY)
	{
		xmlXPathObjectPtr o = eval(j, r);
		size_t n = nodes_of(o), k = 0;
		xmlNodePtr *v = n ? calloc(n, sizeof(*v)) : NULL;

		if (n && !v) {
			xmlXPathFreeObject(o);
			return WN_ENOMEM;
		}
		for (size_t i = 0; i < n && k < MAX_PICKS; i++) {
			xmlNodePtr c = o->nodesetval->nodeTab[i];
			bool nested = false;

			if (c->type != XML_ELEMENT_NODE ||
			    !wn_node_within(c, j->body))
				continue;
			for (size_t m = 0; m < k && !nested; m++)
				nested = wn_node_within(c, v[m]);
			if (!nested)
				v[k++] = c;
		}
		xmlXPathFreeObject(o);
		if (k) {
			j->pick = v;
			j->npick = k;
			return 0;
		}
		free(v);
	}
	return 0;
}

/* Remove everything in <body> outside the pick. */
static int keep_pick(struct job *j, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children, next; c; c = next) {
		bool in = false, holds = false;
		int rc;

		next = c->next;
		for (size_t i = 0; i < j->npick && !in; i++) {
			in = c == j->pick[i];
			holds = holds || wn_node_within(j->pick[i], c);
		}
		if (in)
			continue;
		rc = holds ? keep_pick(j, c) : wn_run_remove(j->run, c);
		if (rc)
			return rc;
	}
	return 0;
}

/* Is the pick worth trusting?  It must hold text, and a fair share of
 * the page's prose when the page has some. */
static bool pick_ok(struct job *j, size_t page)
{
	size_t text = 0, prose = 0;

	for (size_t i = 0; i < j->npick; i++) {
		text += wn_node_text_len(j->pick[i]);
		prose += wn_node_prose_len(j->pick[i]);
	}
	wn_run_log(j->run, WN_LOG_INFO,
		   "body: %zu element%s, %zu bytes of text, %zu of prose; "
		   "the page has %zu of prose",
		   j->npick, j->npick == 1 ? "" : "s", text, prose, page);
	if (!text)
		return false;
	/* prose against prose: a pick of teasers or of one post among
	 * many has text, but not the page's paragraphs */
	return page ? (double)prose >= MIN_SHARE * (double)page : true;
}

/* ---- find_string / replace_string -------------------------------------- */

/* Replace every find in *b by rep (literal); *changed when it did. */
static int replace_all(struct wn_buf *b, const char *find, const char *rep,
		       bool *changed)
{
	struct wn_buf o = {0};
	size_t fl = strlen(find), rl = strlen(rep);
	const char *s = b->data, *hit;
	int rc = 0;

	if (!fl || !s || !(hit = strstr(s, find)))
		return 0;
	for (; hit && !rc; hit = strstr(s, find)) {
		rc = wn_buf_append(&o, s, (size_t)(hit - s));
		if (!rc && rl)
			rc = wn_buf_append(&o, rep, rl);
		s = hit + fl;
	}
	if (!rc)
		rc = wn_buf_puts(&o, s);
	if (!rc && !o.data)
		rc = wn_buf_append(&o, "", 0);
	if (rc) {
		wn_buf_free(&o);
		return rc;
	}
	wn_buf_free(b);
	*b = o;
	*changed = true;
	return 0;
}

/*
 * find_string/replace_string work on markup.  winnow has already parsed
 * the page when the step runs, so the body as it stands (earlier steps'
 * work included) is serialized, the replacements run in order, and the
 * result is parsed again and put in place of the body's children
 * through the journal.  Patterns are matched against libxml2's
 * serialization: attributes in double quotes, void tags as "<br>".
 */
static int do_replace(struct job *j)
{
	struct wn_buf b = {0};
	struct wn_parse_opts po = {.kind = WN_KIND_HTML, .encoding = "UTF-8"};
	bool changed = false;
	struct wn_doc *nd = NULL;
	xmlNodePtr nb;
	int rc = wn_node_html(j->body, &b);

	for (size_t pi = 0; pi < j->site->n && !rc; pi++) {
		struct ftr_config *c = j->site->part[pi];
		size_t fi = 0;

		for (size_t i = 0; i < c->n && !rc; i++) {
			struct ftr_rule *r = &c->rules[i];

			if (r->dir != FTR_REPLACE_STRING)
				continue;
			if (r->arg) {
				rc = replace_all(&b, r->arg, r->val, &changed);
				continue;
			}
			/* the next plain replace_string pairs with the next
			 * find_string */
			while (fi < c->n && c->rules[fi].dir != FTR_FIND_STRING)
				fi++;
			if (fi == c->n)
				break;
			rc = replace_all(&b, c->rules[fi].val, r->val,
					 &changed);
			fi++;
		}
	}
	if (rc || !changed || !b.data) {
		wn_buf_free(&b);
		return rc;
	}
	/* winnow's own parse: the same sniffing, script handling and body
	 * as the page had */
	rc = wn_doc_parse(b.data, b.len, &po, &nd);
	wn_buf_free(&b);
	if (rc) /* the page stays as it was */
		return rc == WN_ENOMEM ? rc : 0;
	nb = wn_doc_body(nd);
	if (nb) {
		xmlNodePtr c = j->body->children;

		while (c && !rc) {
			xmlNodePtr next = c->next;

			rc = wn_run_remove(j->run, c);
			c = next;
		}
		for (c = nb->children; c && !rc; c = c->next) {
			xmlNodePtr copy = xmlDocCopyNode(c, j->doc, 1);

			rc = copy ? wn_run_append(j->run, j->body, copy)
				  : WN_ENOMEM;
			if (rc && copy)
				xmlFreeNode(copy);
		}
		if (!rc)
			wn_run_log(j->run, WN_LOG_INFO,
				   "find_string/replace_string applied");
	}
	wn_doc_free(nd);
	return rc;
}

/* ---- the step ------------------------------------------------------- */

static int native_ad(struct job *j)
{
	struct ftr_rule *r;

	EACH_RULE(j, r, FTR_NATIVE_AD_CLUE)
	{
		xmlXPathObjectPtr o = eval(j, r);
		bool hit = nodes_of(o) > 0 ||
			   (o && o->type == XPATH_BOOLEAN && o->boolval);

		xmlXPathFreeObject(o);
		if (hit) {
			wn_run_log(j->run, WN_LOG_INFO,
				   "native_ad_clue matched (line %u)", r->line);
			return wn_run_set_meta(j->run, "native_ad", "yes");
		}
	}
	return 0;
}

static int apply(struct job *j)
{
	struct ftr_rule *r;
	bool replace = false, has_body = false;
	int rc = 0;

	for (size_t i = 0; i < j->site->n; i++)
		replace |= j->site->part[i]->has_replace;
	if (replace)
		rc = do_replace(j);
	if (!rc)
		rc = native_ad(j);
	if (!rc)
		rc = set_meta(j, FTR_TITLE, "title");
	if (!rc)
		rc = set_meta(j, FTR_AUTHOR, "author");
	if (!rc)
		rc = set_meta(j, FTR_DATE, "date");
	EACH_RULE(j, r, FTR_SRC_LAZY_LOAD_ATTR)
	if (!rc)
		rc = do_lazy(j, r->val);
	if (!rc)
		rc = each_node(j, FTR_STRIP_ATTR, do_strip_attr);
	EACH_RULE(j, r, FTR_BODY)
	has_body = true;
	/* the pick on the page as it stands guards it from the strips */
	j->prose = wn_node_prose_len(j->body);
	if (!rc)
		rc = find_pick(j);
	if (rc)
		return rc;
	if (has_body && !(j->npick && pick_ok(j, j->prose))) {
		/* the config does not fit this page (a new template): its
		 * strips would not either */
		wn_run_log(j->run, WN_LOG_INFO,
			   "body: %s; strips skipped, the page is %s",
			   j->npick ? "the pick holds too little of the "
				      "page's text"
				    : "no match",
			   j->site->autodetect ? "left to the generic steps"
					       : "kept");
		return 0;
	}
	if (!rc)
		rc = each_node(j, FTR_WRAP_IN, do_wrap);
	if (!rc)
		rc = each_node(j, FTR_DISSOLVE, do_dissolve);
	if (!rc)
		rc = each_node(j, FTR_STRIP, do_strip);
	if (!rc)
		rc = strip_walk(j);
	if (!rc)
		rc = kill_all(j);
	if (!rc && has_body)
		rc = find_pick(j);
	if (rc || !has_body)
		return rc;
	if (j->npick && pick_ok(j, j->prose)) {
		rc = keep_pick(j, j->body);
		if (!rc)
			rc = each_node(j, FTR_POST_STRIP_ATTR, do_strip_attr);
		/* tell `content` the article is picked */
		if (!rc)
			rc = wn_run_set_meta(j->run, "extracted", "ftr");
	} else {
		wn_run_log(j->run, WN_LOG_INFO,
			   "body: after the strips the pick holds too little; "
			   "the page is left to the generic steps");
	}
	return rc;
}

static int ftr_run(void *inst, struct wn_run *run)
{
	struct ftr *f = inst;
	struct job j = {.run = run};
	const char *host;
	char lower[MAX_HOST + 1];
	int rc;

	if (!f->params_read) {
		const char *d;

		for (size_t i = 0; (d = wn_run_param(run, "ftr-dir", i)); i++)
			if (add_dir(f, d))
				return WN_ENOMEM;
		f->params_read = true;
	}
	if (!f->ndirs || wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	host = wn_doc_host_peek(wn_run_doc(run));
	if (!host || strlen(host) > MAX_HOST)
		return 0;
	for (size_t i = 0;; i++) {
		char ch = host[i];

		lower[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		if (!ch)
			break;
	}
	if (!host_ok(lower))
		return 0;
	rc = get_site(f, run, lower, &j.site);
	if (rc || !j.site->n)
		return rc;
	j.doc = wn_doc_xml(wn_run_doc(run));
	j.body = wn_run_body(run);
	j.x = wn_run_xpath_context(run);
	if (!j.x)
		return WN_ENOMEM;
	rc = apply(&j);
	free(j.pick);
	wn_nodes_free(&j.kill);
	xmlXPathFreeContext(j.x);
	return rc;
}

WN_PLUGIN_DEFINE(ftr, .version = "1.0",
		 .summary = "apply Full-Text RSS site configs (--ftr-dir)",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = ftr_run,
		 .create = ftr_create, .destroy = ftr_destroy);
