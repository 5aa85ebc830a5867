/* SPDX-License-Identifier: MIT */
/*
 * The "lua" backend (backend.c): Lua 5.4 scripts and per-site rules.
 * scripts.c finds the scripts and keeps them; this compiles and runs them.
 *
 * Each script gets its own lua_State behind a counting allocator (a
 * memory cap) and a count hook (an instruction budget per call), with
 * the base, string, table, math and utf8 libraries only, less load,
 * dofile, loadfile, collectgarbage and string.dump.  Chunks are loaded
 * in text mode with a fresh _ENV whose metatable reads a protected base
 * table.  A script is compiled once per process and run per document.
 *
 * A script returns a table: api, sites, when, keep/remove/unwrap short
 * forms, an ordered rules list and a Document(doc) hook (winnow-lua(7)).
 * Nodes are live references checked against the run's generation, so a
 * handle kept past its document raises "stale node" instead of touching
 * freed memory.  Every change goes through the run's journal: a failing
 * script is undone as a whole, and --explain names script and rule.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "internal.h"

#define API_MAJOR 1
#define API_MINOR 0
#define MEM_CAP (32u << 20)          /* bytes per script state */
#define STEP_BUDGET (20L * 1000000L) /* instructions per call */
#define HOOK_EVERY 1000

#define NODE_MT "winnow.node"
#define DOC_MT "winnow.doc"

enum rule_kind { R_FN, R_REMOVE, R_UNWRAP, R_KEEP };

struct rule {
	enum rule_kind kind;
	const struct wn_sel **sels;
	size_t nsels;
	int fn; /* registry ref (R_FN) */
	char *label;
};

struct script {
	char *path;
	char *name; /* for messages and --explain */
	struct wn_ctx *ctx;
	lua_State *L;
	size_t mem, memcap;
	long budget, used;
	char **sites;
	size_t nsites;
	const struct wn_sel *when;
	struct rule *rules;
	size_t nrules;
	int doc_hook; /* registry ref or LUA_NOREF */
	/* the document being cleaned */
	struct wn_run *run;
	unsigned long gen;
	xmlXPathContextPtr xctx;
	xmlNodePtr *fresh; /* nodes made by winnow.el/text this run */
	size_t nfresh, capfresh;
	xmlNodePtr *snap; /* the nodes of the rule running */
	/* the class and id tokens of the document (page_tok), made or
	 * found on the first plain selector of a run: 0 not yet, 1 built,
	 * -1 not to be used (the script set an attribute or inserted
	 * nodes) */
	int tok_state;
};

/*
 * The class and id tokens of the page last asked for, on this thread.
 * A page's scripts (its platform's and its site's) run one after
 * another, and each built the same set for its first plain selector.
 * The set is taken again while the tree is as it was when the set was
 * built: the same document in the same generation (a rollback changes
 * it) with the same counts of changes, which every insertion, removal,
 * text change and attribute change of a run adds to.  Nothing else
 * runs on the thread while a script does, so the script that built
 * the set uses it until its run ends, as it did its own.
 */
static _Thread_local struct {
	const xmlDoc *xml;
	uint32_t gen, mods, attr_mods;
	struct wn_tokset tok;
} page_tok;

/* ---- scripts --------------------------------------------------------- */

static void script_free(struct script *s)
{
	if (!s)
		return;
	if (s->L)
		lua_close(s->L);
	for (size_t i = 0; i < s->nrules; i++) {
		free(s->rules[i].sels);
		free(s->rules[i].label);
	}
	free(s->rules);
	for (size_t i = 0; i < s->nsites; i++)
		free(s->sites[i]);
	free(s->sites);
	free(s->fresh);
	free(s->path);
	free(s->name);
	free(s);
}

/* ---- sandbox --------------------------------------------------------- */

static struct script *S(lua_State *L)
{
	return *(struct script **)lua_getextraspace(L);
}

static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct script *s = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		s->mem -= old;
		return NULL;
	}
	if (nsize > old && s->mem + (nsize - old) > s->memcap)
		return NULL;
	p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	s->mem = s->mem - old + nsize;
	return p;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct script *s = S(L);

	(void)ar;
	s->used += HOOK_EVERY;
	if (s->used > s->budget) {
		luaL_where(L, 0); /* the Lua function running */
		lua_pushfstring(L, "instruction limit exceeded (%d million "
				   "per call)",
				(int)(s->budget / 1000000));
		lua_concat(L, 2);
		lua_error(L);
	}
}

static int traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (!msg)
		msg = luaL_tolstring(L, 1, NULL);
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* Call the function below nargs arguments on the stack in protected
 * mode with the budget reset; 0 or the message on top of the stack. */
static int pcall(struct script *s, int nargs, int nres)
{
	lua_State *L = s->L;
	int base = lua_gettop(L) - nargs, rc;

	lua_pushcfunction(L, traceback);
	lua_insert(L, base);
	s->used = 0;
	rc = lua_pcall(L, nargs, nres, base);
	lua_remove(L, base);
	return rc;
}

static int l_log(lua_State *L);

static int l_print(lua_State *L)
{
	lua_pushstring(L, "info");
	lua_insert(L, 1);
	return l_log(L);
}

static const char *const removed_globals[] = {
	"dofile", "loadfile", "load", "collectgarbage", "require", NULL};

static void open_libs(lua_State *L)
{
	static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
					{LUA_STRLIBNAME, luaopen_string},
					{LUA_TABLIBNAME, luaopen_table},
					{LUA_MATHLIBNAME, luaopen_math},
					{LUA_UTF8LIBNAME, luaopen_utf8},
					{NULL, NULL}};

	for (const luaL_Reg *l = libs; l->name; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	for (const char *const *g = removed_globals; *g; g++) {
		lua_pushnil(L);
		lua_setfield(L, -2, *g);
	}
	lua_pushcfunction(L, l_print);
	lua_setfield(L, -2, "print");
	lua_getfield(L, -1, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 2);
	/* the string metatable stays out of reach */
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int frozen_newindex(lua_State *L)
{
	return luaL_error(L, "the base environment is read-only");
}

/*
 * Push a fresh _ENV: an empty table reading the (protected) globals
 * through its metatable; _G inside it is the table itself.
 */
static void push_env(lua_State *L)
{
	lua_newtable(L);
	lua_newtable(L); /* its metatable */
	lua_pushglobaltable(L);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
}

static void freeze_globals(lua_State *L)
{
	lua_pushglobaltable(L);
	lua_newtable(L);
	lua_pushcfunction(L, frozen_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
}

/* ---- nodes --------------------------------------------------------- */

struct lnode {
	xmlNodePtr n;
	unsigned long gen;
};

struct ldoc {
	unsigned long gen;
};

static void push_node(lua_State *L, xmlNodePtr n)
{
	struct lnode *u;

	if (!n || n->type == XML_HTML_DOCUMENT_NODE ||
	    n->type == XML_DOCUMENT_NODE) {
		lua_pushnil(L);
		return;
	}
	u = lua_newuserdatauv(L, sizeof(*u), 0);
	u->n = n;
	u->gen = S(L)->gen;
	luaL_setmetatable(L, NODE_MT);
}

static xmlNodePtr check_node(lua_State *L, int i)
{
	struct lnode *u = luaL_checkudata(L, i, NODE_MT);
	struct script *s = S(L);

	if (!s->run || u->gen != s->gen)
		luaL_error(L, "stale node: its document is done (a node "
			      "lives for one run of the script)");
	return u->n;
}

static struct wn_run *cur_run(lua_State *L)
{
	struct script *s = S(L);

	if (!s->run)
		luaL_error(L, "no document: call this from a rule or "
			      "Document()");
	return s->run;
}

static void check_rc(lua_State *L, int rc, const char *what)
{
	if (rc == WN_ENOMEM)
		luaL_error(L, "%s: out of memory", what);
	if (rc)
		luaL_error(L, "%s: %s", what, wn_strerror(rc));
}

static int push_list(lua_State *L, xmlNodePtr *v, size_t n)
{
	lua_createtable(L, n > INT_MAX ? INT_MAX : (int)n, 0);
	for (size_t i = 0; i < n && i < INT_MAX; i++) {
		push_node(L, v[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static const struct wn_sel *sel_arg(lua_State *L, int i, enum wn_sel_kind kind)
{
	struct script *s = S(L);
	const char *src = luaL_checkstring(L, i);
	const struct wn_sel *sel = NULL;
	struct wn_buf err = {0};
	int rc = wn_sel_get_(s->ctx, src, kind, &sel, &err);

	if (rc) {
		lua_pushstring(L, err.data ? err.data : wn_strerror(rc));
		wn_buf_free(&err);
		lua_error(L);
	}
	return sel;
}

/* Evaluate sel over the document: the node list (malloc'd) or an
 * error raised in L. */
static void eval_nodes(lua_State *L, const struct wn_sel *sel, xmlNodePtr **v,
		       size_t *n)
{
	struct script *s = S(L);
	xmlXPathObjectPtr r = NULL;
	struct wn_buf err = {0};
	int rc;

	*v = NULL;
	*n = 0;
	/* rule lists are mostly ".class" and "#id" selectors that do not
	 * occur on the page: each would cost a walk of the whole tree */
	if (s->tok_state == 0 && wn_sel_plain_(sel)) {
		const struct wn_doc *d = s->run->doc;

		if (page_tok.xml != d->xml || page_tok.gen != d->gen ||
		    page_tok.mods != d->mods ||
		    page_tok.attr_mods != d->attr_mods) {
			wn_tokset_build_(&page_tok.tok, d->xml);
			page_tok.xml = d->xml;
			page_tok.gen = d->gen;
			page_tok.mods = d->mods;
			page_tok.attr_mods = d->attr_mods;
		}
		s->tok_state = 1;
	}
	if (s->tok_state == 1) {
		if (wn_sel_cannot_match_(sel, &page_tok.tok))
			return;
		/* its elements from the token index: no walk */
		rc = wn_sel_eval_tok_(sel, &page_tok.tok, v, n);
		if (rc < 0)
			luaL_error(L, "out of memory");
		if (rc)
			return;
	}
	rc = wn_sel_eval_(s->xctx, sel, NULL, &r, &err);
	if (rc) {
		lua_pushstring(L, err.data ? err.data : "XPath failed");
		wn_buf_free(&err);
		lua_error(L);
	}
	if (r->type == XPATH_NODESET && r->nodesetval &&
	    r->nodesetval->nodeNr > 0) {
		size_t k = (size_t)r->nodesetval->nodeNr;

		*v = malloc(k * sizeof(**v));
		if (!*v) {
			xmlXPathFreeObject(r);
			luaL_error(L, "out of memory");
		}
		memcpy(*v, r->nodesetval->nodeTab, k * sizeof(**v));
		*n = k;
	} else if (r->type != XPATH_NODESET) {
		xmlXPathFreeObject(r);
		luaL_error(L, "the expression '%s' selects no nodes",
			   wn_sel_xpath_(sel));
	}
	xmlXPathFreeObject(r);
}

/* Does element n match sel (a WN_SEL_MATCH selector)? */
static bool matches(lua_State *L, const struct wn_sel *sel, xmlNodePtr n)
{
	int b = wn_sel_matches_(S(L)->xctx, sel, n);

	if (b < 0)
		luaL_error(L, "the selector failed on this node");
	return b == 1;
}

static int n_children(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	lua_Integer i = 0;

	lua_newtable(L);
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE) {
			push_node(L, c);
			lua_rawseti(L, -2, ++i);
		}
	return 1;
}

static int n_text(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	struct wn_buf b = {0};

	if (wn_node_text(n, &b)) {
		wn_buf_free(&b);
		return luaL_error(L, "out of memory");
	}
	lua_pushlstring(L, b.data ? b.data : "", b.len);
	wn_buf_free(&b);
	return 1;
}

/* The outer HTML, as the HTML writer writes it. */
static int n_html(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	struct wn_buf b = {0};

	if (wn_node_html(n, &b)) {
		wn_buf_free(&b);
		return luaL_error(L, "out of memory");
	}
	lua_pushlstring(L, b.data ? b.data : "", b.len);
	wn_buf_free(&b);
	return 1;
}

static int n_attr(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	const char *k = luaL_checkstring(L, 2);
	xmlChar *v;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	v = xmlGetNoNsProp(n, BAD_CAST k);
	if (!v)
		return 0;
	lua_pushstring(L, (const char *)v);
	xmlFree(v);
	return 1;
}

static int n_set_attr(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	const char *k = luaL_checkstring(L, 2);
	const char *v = lua_isnoneornil(L, 3) ? NULL : luaL_checkstring(L, 3);

	S(L)->tok_state = -1; /* a class or id may appear */
	check_rc(L, wn_run_set_attr(cur_run(L), n, k, v), "set_attr");
	return 0;
}

static int n_has_class(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);

	lua_pushboolean(L, wn_node_has_class(n, luaL_checkstring(L, 2)));
	return 1;
}

static int n_matches(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	const struct wn_sel *sel = sel_arg(L, 2, WN_SEL_MATCH);

	lua_pushboolean(L, n->type == XML_ELEMENT_NODE && matches(L, sel, n));
	return 1;
}

static int n_closest(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	const struct wn_sel *sel = sel_arg(L, 2, WN_SEL_MATCH);

	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (matches(L, sel, n)) {
			push_node(L, n);
			return 1;
		}
	return 0;
}

static int n_select(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	const struct wn_sel *sel = sel_arg(L, 2, WN_SEL_CSS);
	xmlNodePtr *v;
	size_t k, j = 0;

	eval_nodes(L, sel, &v, &k);
	for (size_t i = 0; i < k; i++)
		if (v[i] != n && wn_node_within(v[i], n))
			v[j++] = v[i];
	push_list(L, v, j);
	free(v);
	return 1;
}

static int n_remove(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);

	check_rc(L, wn_run_remove(cur_run(L), n), "remove");
	return 0;
}

static int n_unwrap(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);

	check_rc(L, wn_run_unwrap(cur_run(L), n), "unwrap");
	return 0;
}

static int n_keep(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);

	check_rc(L, wn_run_keep(cur_run(L), n), "keep");
	return 0;
}

static int n_set_text(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);

	check_rc(L, wn_run_set_text(cur_run(L), n, luaL_checkstring(L, 2)),
		 "set_text");
	return 0;
}

static xmlNodePtr new_text(lua_State *L, const char *s);

/* Put x (a node) before ref, as insertion, move or revival. */
static void put_before(lua_State *L, xmlNodePtr ref, xmlNodePtr x)
{
	struct wn_run *run = cur_run(L);
	int rc;

	if (x->extra & WN_NODE_FRESH) {
		if (x->parent)
			luaL_error(L, "replace_with: the new node is already "
				      "inside another new node");
		rc = wn_run_insert_before(run, ref, x);
		if (!rc)
			x->extra &= (unsigned short)~WN_NODE_FRESH;
	} else {
		if (x == ref || wn_node_within(ref, x))
			luaL_error(L, "replace_with: a node cannot replace "
				      "itself or a node inside it");
		rc = wn_run_move_before_(run, ref, x);
	}
	check_rc(L, rc, "replace_with");
}

/* Replace n by the value at index i: a node, a list or a string. */
static void replace(lua_State *L, xmlNodePtr n, int i)
{
	if (!wn_node_attached(n) || (n->extra & WN_NODE_KEEP))
		return;
	S(L)->tok_state = -1; /* what goes in may carry classes and ids */
	if (lua_type(L, i) == LUA_TSTRING) {
		put_before(L, n, new_text(L, lua_tostring(L, i)));
	} else if (lua_type(L, i) == LUA_TUSERDATA) {
		xmlNodePtr x = check_node(L, i);

		if (x == n)
			return;
		put_before(L, n, x);
	} else if (lua_type(L, i) == LUA_TTABLE) {
		lua_Integer len = luaL_len(L, i);

		for (lua_Integer k = 1; k <= len; k++) {
			lua_geti(L, i, k);
			if (lua_type(L, -1) == LUA_TSTRING)
				put_before(L, n, new_text(L, lua_tostring(L, -1)));
			else if (check_node(L, -1) != n)
				put_before(L, n, check_node(L, -1));
			lua_pop(L, 1);
		}
	} else {
		luaL_error(L, "replace_with: expected a node, a list of "
			      "nodes or a string, got %s",
			   luaL_typename(L, i));
	}
	check_rc(L, wn_run_remove(cur_run(L), n), "replace_with");
}

static int n_replace_with(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);

	luaL_checkany(L, 2);
	replace(L, n, 2);
	return 0;
}

static int n_tostring(lua_State *L)
{
	struct lnode *u = luaL_checkudata(L, 1, NODE_MT);
	struct script *s = S(L);

	if (!s->run || u->gen != s->gen)
		lua_pushliteral(L, "node (stale)");
	else
		lua_pushfstring(L, "node <%s>",
				u->n->name ? (const char *)u->n->name : "?");
	return 1;
}

static int n_eq(lua_State *L)
{
	struct lnode *a = luaL_checkudata(L, 1, NODE_MT);
	struct lnode *b = luaL_checkudata(L, 2, NODE_MT);

	lua_pushboolean(L, a->n == b->n && a->gen == b->gen);
	return 1;
}

static xmlNodePtr sibling(xmlNodePtr n, bool next)
{
	do
		n = next ? n->next : n->prev;
	while (n && n->type != XML_ELEMENT_NODE);
	return n;
}

static int n_index(lua_State *L)
{
	xmlNodePtr n = check_node(L, 1);
	const char *k = luaL_checkstring(L, 2);

	if (!strcmp(k, "tag")) {
		if (n->type == XML_TEXT_NODE)
			lua_pushliteral(L, "#text");
		else if (n->type == XML_COMMENT_NODE)
			lua_pushliteral(L, "#comment");
		else
			lua_pushstring(L, (const char *)n->name);
		return 1;
	}
	if (!strcmp(k, "parent")) {
		push_node(L, n->parent);
		return 1;
	}
	if (!strcmp(k, "next") || !strcmp(k, "prev")) {
		push_node(L, sibling(n, k[0] == 'n'));
		return 1;
	}
	lua_getmetatable(L, 1);
	lua_getfield(L, -1, "methods");
	lua_getfield(L, -1, k);
	return 1;
}

static const luaL_Reg node_methods[] = {
	{"children", n_children},   {"text", n_text},
	{"html", n_html},           {"attr", n_attr},
	{"set_attr", n_set_attr},   {"has_class", n_has_class},
	{"matches", n_matches},     {"closest", n_closest},
	{"select", n_select},       {"remove", n_remove},
	{"unwrap", n_unwrap},       {"keep", n_keep},
	{"set_text", n_set_text},   {"replace_with", n_replace_with},
	{NULL, NULL}};

/* ---- the document --------------------------------------------------- */

static void check_doc(lua_State *L, int i)
{
	struct ldoc *d = luaL_checkudata(L, i, DOC_MT);
	struct script *s = S(L);

	if (!s->run || d->gen != s->gen)
		luaL_error(L, "stale document: it is done");
}

static int d_select(lua_State *L)
{
	const struct wn_sel *sel;
	xmlNodePtr *v;
	size_t n;

	check_doc(L, 1);
	sel = sel_arg(L, 2, WN_SEL_CSS);
	eval_nodes(L, sel, &v, &n);
	push_list(L, v, n);
	free(v);
	return 1;
}

static int d_first(lua_State *L)
{
	const struct wn_sel *sel;
	xmlNodePtr *v;
	size_t n;

	check_doc(L, 1);
	sel = sel_arg(L, 2, WN_SEL_CSS);
	eval_nodes(L, sel, &v, &n);
	push_node(L, n ? v[0] : NULL);
	free(v);
	return 1;
}

static int d_xpath(lua_State *L)
{
	struct script *s = S(L);
	const struct wn_sel *sel;
	xmlXPathObjectPtr r = NULL;
	struct wn_buf err = {0};

	check_doc(L, 1);
	sel = sel_arg(L, 2, WN_SEL_XPATH);
	if (wn_sel_eval_(s->xctx, sel, NULL, &r, &err)) {
		lua_pushstring(L, err.data ? err.data : "XPath failed");
		wn_buf_free(&err);
		return lua_error(L);
	}
	switch (r->type) {
	case XPATH_NODESET: {
		xmlNodeSetPtr ns = r->nodesetval;

		push_list(L, ns ? ns->nodeTab : NULL, ns ? (size_t)ns->nodeNr : 0);
		break;
	}
	case XPATH_BOOLEAN:
		lua_pushboolean(L, r->boolval);
		break;
	case XPATH_NUMBER:
		lua_pushnumber(L, r->floatval);
		break;
	case XPATH_STRING:
		lua_pushstring(L, (const char *)r->stringval);
		break;
	default:
		lua_pushnil(L);
	}
	xmlXPathFreeObject(r);
	return 1;
}

static int d_blocks(lua_State *L)
{
	struct wn_run *run;
	xmlNodePtr *v = NULL;
	size_t n = 0;

	check_doc(L, 1);
	run = cur_run(L);
	if (wn_blocks(run->doc->body, &v, &n))
		return luaL_error(L, "out of memory");
	push_list(L, v, n);
	free(v);
	return 1;
}

static int d_index(lua_State *L)
{
	const char *k = luaL_checkstring(L, 2);
	struct wn_doc *doc;

	check_doc(L, 1);
	doc = cur_run(L)->doc;
	if (!strcmp(k, "url"))
		lua_pushstring(L, doc->url);
	else if (!strcmp(k, "host"))
		lua_pushstring(L, doc->host);
	else if (!strcmp(k, "kind"))
		lua_pushstring(L, doc->kind == WN_KIND_TEXT ? "text" : "html");
	else if (!strcmp(k, "root"))
		push_node(L, xmlDocGetRootElement(doc->xml));
	else if (!strcmp(k, "body"))
		push_node(L, doc->body);
	else if (!strcmp(k, "title")) {
		const struct wn_meta *m = wn_doc_meta(doc);

		lua_pushstring(L, m ? m->title : NULL);
	} else {
		lua_getmetatable(L, 1);
		lua_getfield(L, -1, "methods");
		lua_getfield(L, -1, k);
	}
	return 1;
}

static const luaL_Reg doc_methods[] = {{"select", d_select},
				       {"first", d_first},
				       {"xpath", d_xpath},
				       {"blocks", d_blocks},
				       {NULL, NULL}};

/* ---- the winnow table ----------------------------------------------- */

static void track_fresh(lua_State *L, xmlNodePtr x)
{
	struct script *s = S(L);

	if (wn_grow(&s->fresh, s->nfresh, &s->capfresh, sizeof(*s->fresh),
		    16)) {
		xmlFreeNode(x);
		luaL_error(L, "out of memory");
	}
	x->extra |= WN_NODE_FRESH;
	s->fresh[s->nfresh++] = x;
}

static xmlNodePtr new_text(lua_State *L, const char *str)
{
	xmlNodePtr t = xmlNewDocText(cur_run(L)->doc->xml, BAD_CAST str);

	if (!t)
		luaL_error(L, "out of memory");
	track_fresh(L, t);
	return t;
}

static int w_text(lua_State *L)
{
	push_node(L, new_text(L, luaL_checkstring(L, 1)));
	return 1;
}

static bool valid_tag(const char *t)
{
	if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')))
		return false;
	for (; *t; t++)
		if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') ||
		      (*t >= '0' && *t <= '9') || *t == '-'))
			return false;
	return true;
}

static int w_el(lua_State *L)
{
	const char *tag = luaL_checkstring(L, 1);
	struct wn_run *run = cur_run(L);
	xmlNodePtr e;

	if (!valid_tag(tag))
		return luaL_error(L, "winnow.el: bad tag name '%s'", tag);
	if (!lua_isnoneornil(L, 2))
		luaL_checktype(L, 2, LUA_TTABLE);
	if (!lua_isnoneornil(L, 3))
		luaL_checktype(L, 3, LUA_TTABLE);
	e = xmlNewDocNode(run->doc->xml, NULL, BAD_CAST tag, NULL);
	if (!e)
		return luaL_error(L, "out of memory");
	track_fresh(L, e);
	if (lua_istable(L, 2)) {
		lua_pushnil(L);
		while (lua_next(L, 2)) {
			if (lua_type(L, -2) != LUA_TSTRING ||
			    (lua_type(L, -1) != LUA_TSTRING &&
			     lua_type(L, -1) != LUA_TNUMBER))
				return luaL_error(L, "winnow.el: attributes "
						     "are name = string pairs");
			if (!xmlSetProp(e, BAD_CAST lua_tostring(L, -2),
					BAD_CAST lua_tostring(L, -1)))
				return luaL_error(L, "out of memory");
			lua_pop(L, 1);
		}
	}
	if (lua_istable(L, 3)) {
		lua_Integer len = luaL_len(L, 3);

		for (lua_Integer k = 1; k <= len; k++) {
			xmlNodePtr c;

			lua_geti(L, 3, k);
			if (lua_type(L, -1) == LUA_TSTRING) {
				c = new_text(L, lua_tostring(L, -1));
			} else {
				c = check_node(L, -1);
				if (!(c->extra & WN_NODE_FRESH) || c->parent ||
				    c == e)
					return luaL_error(
						L, "winnow.el: child %d is not a "
						   "new node (make it with "
						   "winnow.el or winnow.text)",
						(int)k);
			}
			wn_link_before_(e, NULL, c);
			lua_pop(L, 1);
		}
	}
	push_node(L, e);
	return 1;
}

static int l_log(lua_State *L)
{
	struct script *s = S(L);
	const char *lv = luaL_checkstring(L, 1);
	enum wn_log_level lvl;
	luaL_Buffer b;
	int n = lua_gettop(L);

	if (!strcmp(lv, "error"))
		lvl = WN_LOG_ERROR;
	else if (!strcmp(lv, "warn") || !strcmp(lv, "warning"))
		lvl = WN_LOG_WARN;
	else if (!strcmp(lv, "info"))
		lvl = WN_LOG_INFO;
	else if (!strcmp(lv, "debug"))
		lvl = WN_LOG_DEBUG;
	else
		return luaL_error(L, "winnow.log: level must be 'error', "
				     "'warn', 'info' or 'debug'");
	luaL_buffinit(L, &b);
	for (int i = 2; i <= n; i++) {
		if (i > 2)
			luaL_addchar(&b, ' ');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	/* while it cleans a page, a script's message names the page */
	wn_log_doc_(s->ctx, lvl, s->name, s->run ? s->run->doc : NULL, "%s",
		    lua_tostring(L, -1));
	return 0;
}

static bool helper_name_ok(const char *n)
{
	if (!*n)
		return false;
	for (; *n; n++)
		if (!((*n >= 'a' && *n <= 'z') || (*n >= '0' && *n <= '9') ||
		      *n == '_' || *n == '-'))
			return false;
	return true;
}

/* winnow.use(name): lib/<name>.lua from the script path, run once in
 * this script's sandbox; its result is cached. */
static int w_use(lua_State *L)
{
	struct script *s = S(L);
	const char *name = luaL_checkstring(L, 1);
	const char *dir;
	char path[PATH_MAX];
	char *src = NULL;
	size_t n = 0;
	bool found = false;

	if (!helper_name_ok(name))
		return luaL_error(L, "winnow.use: bad helper name '%s'", name);
	lua_getfield(L, LUA_REGISTRYINDEX, "winnow.used");
	if (lua_getfield(L, -1, name) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	for (size_t i = 0; !found && (dir = wn_script_dir_(s->ctx, i)); i++) {
		snprintf(path, sizeof(path), "%s/lib/%s.lua", dir, name);
		found = wn_script_read_(path, &src, &n) == 0;
	}
	if (!found)
		return luaL_error(L, "winnow.use: no helper '%s' (lib/%s.lua "
				     "in the script path)",
				  name, name);
	lua_pushfstring(L, "@%s", path);
	if (luaL_loadbufferx(L, src, n, lua_tostring(L, -1), "t")) {
		free(src);
		return lua_error(L);
	}
	free(src);
	push_env(L);
	lua_setupvalue(L, -2, 1);
	lua_call(L, 0, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -4, name);
	return 1;
}

static void open_winnow(lua_State *L)
{
	static const luaL_Reg fns[] = {{"el", w_el},   {"text", w_text},
				       {"log", l_log}, {"use", w_use},
				       {NULL, NULL}};

	lua_pushglobaltable(L);
	luaL_newlib(L, fns);
	lua_createtable(L, 2, 2);
	lua_pushinteger(L, API_MAJOR);
	lua_rawseti(L, -2, 1);
	lua_pushinteger(L, API_MINOR);
	lua_rawseti(L, -2, 2);
	lua_pushinteger(L, API_MAJOR);
	lua_setfield(L, -2, "major");
	lua_pushinteger(L, API_MINOR);
	lua_setfield(L, -2, "minor");
	lua_setfield(L, -2, "API");
	lua_setfield(L, -2, "winnow");
	lua_pop(L, 1);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "winnow.used");

	luaL_newmetatable(L, NODE_MT);
	lua_pushcfunction(L, n_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, n_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, n_eq);
	lua_setfield(L, -2, "__eq");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	luaL_newlib(L, node_methods);
	lua_setfield(L, -2, "methods");
	lua_pop(L, 1);

	luaL_newmetatable(L, DOC_MT);
	lua_pushcfunction(L, d_index);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	luaL_newlib(L, doc_methods);
	lua_setfield(L, -2, "methods");
	lua_pop(L, 1);
}

/* ---- loading ---------------------------------------------------------- */

/* The line of the first occurrence of needle in src, or 0. */
static int line_of(const char *src, const char *needle)
{
	const char *p = needle && *needle ? strstr(src, needle) : NULL;
	int line = 1;

	if (!p)
		return 0;
	for (const char *q = src; q < p; q++)
		line += *q == '\n';
	return line;
}

struct loader {
	struct script *s;
	const char *src;
	int status; /* 0, or the first error */
};

static void load_error(struct loader *ld, const char *needle, const char *fmt,
		       ...) WN_PRINTF(3, 4);

static void load_error(struct loader *ld, const char *needle, const char *fmt,
		       ...)
{
	char msg[1024];
	va_list ap;
	int line = line_of(ld->src, needle);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		wn_log(ld->s->ctx, WN_LOG_ERROR, NULL, "%s:%d: %s", ld->s->path,
		       line, msg);
	else
		wn_log(ld->s->ctx, WN_LOG_ERROR, NULL, "%s: %s", ld->s->path,
		       msg);
	if (!ld->status)
		ld->status = WN_ELOAD;
}

static const struct wn_sel *compile_sel(struct loader *ld, const char *src,
					bool xpath, const char *where)
{
	const struct wn_sel *sel = NULL;
	struct wn_buf err = {0};
	int rc = wn_sel_get_(ld->s->ctx, src,
			     xpath ? WN_SEL_XPATH : WN_SEL_CSS, &sel, &err);

	if (rc) {
		load_error(ld, src, "%s: %s", where,
			   err.data ? err.data : wn_strerror(rc));
		wn_buf_free(&err);
		return NULL;
	}
	return sel;
}

/* Check and keep the host pattern on top of the stack. */
static void add_site(struct loader *ld, int idx)
{
	struct script *s = ld->s;
	const char *p;
	const char *bare;
	const struct wn_psl_ops *po;
	void *list;
	char **v;

	if (lua_type(ld->s->L, idx) != LUA_TSTRING) {
		load_error(ld, "sites", "sites: each pattern is a string");
		return;
	}
	p = lua_tostring(s->L, idx);
	bare = !strncmp(p, "*.", 2) ? p + 2 : p;
	if (!strcmp(p, "*")) {
		/* every host: platform scripts narrow it with `when` */
	} else if (!*bare || strchr(bare, '*') || strchr(bare, '/') ||
		   strchr(bare, ':') || bare[0] == '.') {
		load_error(ld, p, "sites: bad host pattern '%s' (use "
				  "example.com or *.example.com)",
			   p);
		return;
	} else if ((list = wn_scripts_psl_(s->ctx, &po)) &&
		   po->is_public_suffix(list, bare)) {
		load_error(ld, p, "sites: '%s' is a public suffix: the rule "
				  "would apply to every site under it",
			   bare);
		return;
	}
	v = realloc(s->sites, (s->nsites + 1) * sizeof(*v));
	if (!v) {
		ld->status = WN_ENOMEM;
		return;
	}
	s->sites = v;
	if (!(s->sites[s->nsites] = wn_strdup_(p)))
		ld->status = WN_ENOMEM;
	else {
		for (char *c = s->sites[s->nsites]; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		s->nsites++;
	}
}

static struct rule *new_rule(struct loader *ld, enum rule_kind kind,
			     const char *label)
{
	struct script *s = ld->s;
	struct rule *v = realloc(s->rules, (s->nrules + 1) * sizeof(*v));

	if (!v) {
		ld->status = WN_ENOMEM;
		return NULL;
	}
	s->rules = v;
	v = &s->rules[s->nrules];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->fn = LUA_NOREF;
	if (!(v->label = wn_strdup_(label))) {
		ld->status = WN_ENOMEM;
		return NULL;
	}
	s->nrules++;
	return v;
}

static void rule_add_sel(struct loader *ld, struct rule *r, const char *src,
			 bool xpath)
{
	const struct wn_sel *sel = compile_sel(ld, src, xpath, r->label);
	const struct wn_sel **v;

	if (!sel)
		return;
	v = realloc(r->sels, (r->nsels + 1) * sizeof(*v));
	if (!v) {
		ld->status = WN_ENOMEM;
		return;
	}
	r->sels = v;
	r->sels[r->nsels++] = sel;
}

/* A short form (remove/unwrap/keep = string or list) at index idx. */
static void short_form(struct loader *ld, int idx, enum rule_kind kind,
		       const char *key, const char *where)
{
	lua_State *L = ld->s->L;
	char label[256];
	struct rule *r;

	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TSTRING) {
		snprintf(label, sizeof(label), "%s%s (%s)", where, key,
			 lua_tostring(L, idx));
		if ((r = new_rule(ld, kind, label)))
			rule_add_sel(ld, r, lua_tostring(L, idx), false);
		return;
	}
	if (lua_type(L, idx) != LUA_TTABLE) {
		load_error(ld, key, "%s%s: expected a selector or a list of "
				    "selectors",
			   where, key);
		return;
	}
	for (lua_Integer k = 1, n = luaL_len(L, idx); k <= n; k++) {
		lua_geti(L, idx, k);
		if (lua_type(L, -1) != LUA_TSTRING) {
			load_error(ld, key, "%s%s: item %d is not a selector",
				   where, key, (int)k);
		} else {
			snprintf(label, sizeof(label), "%s%s (%s)", where, key,
				 lua_tostring(L, -1));
			if ((r = new_rule(ld, kind, label)))
				rule_add_sel(ld, r, lua_tostring(L, -1), false);
		}
		lua_pop(L, 1);
	}
}

/* One entry of `rules` on top of the stack. */
static void load_rule(struct loader *ld, int k)
{
	lua_State *L = ld->s->L;
	char where[64], label[320];
	const char *css, *xp, *name;
	int t = lua_gettop(L);
	struct rule *r;

	snprintf(where, sizeof(where), "rule %d", k);
	if (!lua_istable(L, t)) {
		load_error(ld, "rules", "%s: expected a table", where);
		return;
	}
	lua_getfield(L, t, "name");
	name = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
	if (name)
		snprintf(where, sizeof(where), "rule %d '%.40s'", k, name);
	lua_getfield(L, t, "css");
	lua_getfield(L, t, "xpath");
	css = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
	xp = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
	lua_getfield(L, t, "fn");
	if (lua_isfunction(L, -1)) {
		if (!css == !xp) {
			load_error(ld, NULL, "%s: give either css or xpath", where);
			lua_settop(L, t);
			return;
		}
		snprintf(label, sizeof(label), "%s (%s)", where, css ? css : xp);
		if ((r = new_rule(ld, R_FN, label))) {
			lua_pushvalue(L, -1);
			r->fn = luaL_ref(L, LUA_REGISTRYINDEX);
			rule_add_sel(ld, r, css ? css : xp, xp != NULL);
		}
		lua_settop(L, t);
		return;
	}
	if (!lua_isnil(L, -1)) {
		load_error(ld, NULL, "%s: fn is not a function", where);
		lua_settop(L, t);
		return;
	}
	if (css || xp) {
		/* { css = "...", action = "remove" } */
		static const char *const acts[] = {"remove", "unwrap", "keep",
						   NULL};
		static const enum rule_kind kinds[] = {R_REMOVE, R_UNWRAP,
						       R_KEEP};
		const char *a;
		int i;

		lua_getfield(L, t, "action");
		a = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
						   : "remove";
		for (i = 0; acts[i] && strcmp(acts[i], a); i++)
			;
		if (!acts[i]) {
			load_error(ld, a, "%s: action must be remove, unwrap "
					  "or keep",
				   where);
		} else {
			snprintf(label, sizeof(label), "%s (%s)", where,
				 css ? css : xp);
			if ((r = new_rule(ld, kinds[i], label)))
				rule_add_sel(ld, r, css ? css : xp, xp != NULL);
		}
		lua_settop(L, t);
		return;
	}
	lua_settop(L, t);
	{
		bool any = false;
		static const char *const keys[] = {"keep", "remove", "unwrap"};
		static const enum rule_kind kinds[] = {R_KEEP, R_REMOVE,
						       R_UNWRAP};
		char w2[80];

		snprintf(w2, sizeof(w2), "%s: ", where);
		for (int i = 0; i < 3; i++) {
			if (lua_getfield(L, t, keys[i]) != LUA_TNIL) {
				short_form(ld, -1, kinds[i], keys[i], w2);
				any = true;
			}
			lua_pop(L, 1);
		}
		if (!any)
			load_error(ld, NULL, "%s: needs css or xpath with fn or "
					     "action, or remove/unwrap/keep",
				   where);
	}
}

static const char *const known_fields[] = {
	"api", "sites", "when", "rules", "keep", "remove", "unwrap",
	"Document", "name", "description", NULL};

/* Read the table the chunk returned (on top of the stack). */
static void read_spec(struct loader *ld)
{
	lua_State *L = ld->s->L;
	int t = lua_gettop(L);

	if (!lua_istable(L, t)) {
		load_error(ld, NULL, "the script must return a table "
				     "(return { api = 1, rules = {...} })");
		return;
	}
	lua_getfield(L, t, "api");
	if (!lua_isinteger(L, -1)) {
		load_error(ld, NULL, "'api = %d' is missing", API_MAJOR);
	} else if (lua_tointeger(L, -1) != API_MAJOR) {
		load_error(ld, "api", "written for script API %d; this winnow "
				      "has API %d.%d",
			   (int)lua_tointeger(L, -1), API_MAJOR, API_MINOR);
	}
	lua_pop(L, 1);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING
					? lua_tostring(L, -2)
					: NULL;
		size_t i;

		for (i = 0; k && known_fields[i] && strcmp(known_fields[i], k);
		     i++)
			;
		if (!k || !known_fields[i])
			wn_log(ld->s->ctx, WN_LOG_WARN, NULL,
			       "%s: unknown field '%s' ignored", ld->s->path,
			       k ? k : "?");
		lua_pop(L, 1);
	}
	switch (lua_getfield(L, t, "sites")) {
	case LUA_TNIL:
		break;
	case LUA_TSTRING:
		add_site(ld, -1);
		break;
	case LUA_TTABLE:
		for (lua_Integer k = 1, n = luaL_len(L, -1); k <= n; k++) {
			lua_geti(L, -1, k);
			add_site(ld, -1);
			lua_pop(L, 1);
		}
		break;
	default:
		load_error(ld, "sites", "sites: expected a list of host "
					"patterns");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "when") == LUA_TSTRING)
		ld->s->when = compile_sel(ld, lua_tostring(L, -1), false, "when");
	else if (!lua_isnil(L, -1))
		load_error(ld, "when", "when: expected a selector");
	lua_pop(L, 1);
	{
		static const char *const keys[] = {"keep", "remove", "unwrap"};
		static const enum rule_kind kinds[] = {R_KEEP, R_REMOVE,
						       R_UNWRAP};

		for (int i = 0; i < 3; i++) {
			if (lua_getfield(L, t, keys[i]) != LUA_TNIL)
				short_form(ld, -1, kinds[i], keys[i], "");
			lua_pop(L, 1);
		}
	}
	switch (lua_getfield(L, t, "rules")) {
	case LUA_TNIL:
		break;
	case LUA_TTABLE:
		for (lua_Integer k = 1, n = luaL_len(L, -1); k <= n; k++) {
			lua_geti(L, -1, k);
			load_rule(ld, (int)k);
			lua_pop(L, 1);
		}
		break;
	default:
		load_error(ld, "rules", "rules: expected a list");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "Document") == LUA_TFUNCTION)
		ld->s->doc_hook = luaL_ref(L, LUA_REGISTRYINDEX);
	else if (!lua_isnil(L, -1)) {
		load_error(ld, "Document", "Document: expected a function");
		lua_pop(L, 1);
	} else {
		lua_pop(L, 1);
	}
}

/* Compile the script at path, shown as name: 0 and *out, or the error
 * (said through the context's log) and NULL. */
static int load(struct wn_ctx *ctx, const char *path, const char *name,
		void **out)
{
	struct loader ld = {0};
	struct script *s;
	char *src = NULL;
	size_t n = 0;
	int e;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return WN_ENOMEM;
	s->ctx = ctx;
	s->memcap = MEM_CAP;
	s->budget = STEP_BUDGET;
	s->doc_hook = LUA_NOREF;
	s->path = wn_strdup_(path);
	s->name = wn_strdup_(name);
	if (!s->path || !s->name) {
		script_free(s);
		return WN_ENOMEM;
	}
	ld.s = s;
	e = wn_script_read_(path, &src, &n);
	if (e) {
		wn_log(ctx, WN_LOG_ERROR, NULL, "%s: %s", path, strerror(-e));
		script_free(s);
		return e == -ENOENT ? WN_ENOTFOUND : WN_ELOAD;
	}
	ld.src = src;
	s->L = lua_newstate(l_alloc, s);
	if (!s->L) {
		free(src);
		script_free(s);
		return WN_ENOMEM;
	}
	*(struct script **)lua_getextraspace(s->L) = s;
	lua_sethook(s->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	open_libs(s->L);
	open_winnow(s->L);
	freeze_globals(s->L);
	lua_pushfstring(s->L, "@%s", path);
	if (luaL_loadbufferx(s->L, src, n, lua_tostring(s->L, -1), "t")) {
		wn_log(ctx, WN_LOG_ERROR, NULL, "%s", lua_tostring(s->L, -1));
		ld.status = WN_ELOAD;
	} else {
		push_env(s->L);
		lua_setupvalue(s->L, -2, 1);
		if (pcall(s, 0, 1)) {
			wn_log(ctx, WN_LOG_ERROR, NULL, "%s",
			       lua_tostring(s->L, -1));
			ld.status = WN_ELOAD;
		} else {
			read_spec(&ld);
		}
	}
	lua_settop(s->L, 0);
	free(src);
	if (ld.status) {
		script_free(s);
		return ld.status;
	}
	*out = s;
	return 0;
}

/* ---- running ---------------------------------------------------------- */

static bool script_applies(struct script *s, const struct wn_doc *doc)
{
	if (!s->nsites)
		return true;
	if (!doc->host)
		return false;
	for (size_t i = 0; i < s->nsites; i++)
		if (wn_host_matches_(doc->host, s->sites[i]))
			return true;
	return false;
}

/* ran: the run may have made Lua garbage. */
static void end_run(struct script *s, bool ran)
{
	for (size_t i = 0; i < s->nfresh; i++) {
		xmlNodePtr x = s->fresh[i];

		/* never inserted and no new parent owns it */
		if ((x->extra & WN_NODE_FRESH) && !x->parent)
			xmlFreeNode(x);
	}
	s->nfresh = 0;
	if (s->xctx)
		xmlXPathFreeContext(s->xctx);
	s->xctx = NULL;
	s->run = NULL;
	s->tok_state = 0;
	s->gen++;
	lua_settop(s->L, 0);
	/* garbage of one document is not kept for the next */
	if (ran)
		lua_gc(s->L, LUA_GCSTEP, 0);
}

static int run_rules(lua_State *L)
{
	struct script *s = S(L);
	struct wn_run *run = s->run;

	for (size_t i = 0; i < s->nrules; i++) {
		struct rule *r = &s->rules[i];

		run->rule = r->label;
		for (size_t j = 0; j < r->nsels; j++) {
			size_t n;

			/* the snapshot is freed by script_run on error */
			eval_nodes(L, r->sels[j], &s->snap, &n);
			for (size_t k = 0; k < n; k++) {
				xmlNodePtr x = s->snap[k];
				int rc = 0;

				if (!wn_node_attached(x))
					continue; /* inside a removed node */
				switch (r->kind) {
				case R_REMOVE:
					rc = wn_run_remove(run, x);
					break;
				case R_UNWRAP:
					if (x->type == XML_ELEMENT_NODE &&
					    x != run->doc->body)
						rc = wn_run_unwrap(run, x);
					break;
				case R_KEEP:
					if (x->type == XML_ELEMENT_NODE)
						rc = wn_run_keep(run, x);
					break;
				case R_FN:
					s->used = 0;
					lua_rawgeti(L, LUA_REGISTRYINDEX, r->fn);
					push_node(L, x);
					lua_call(L, 1, 1);
					if (lua_isboolean(L, -1) &&
					    !lua_toboolean(L, -1))
						rc = wn_run_remove(run, x);
					else if (!lua_isnil(L, -1) &&
						 !lua_isboolean(L, -1))
						replace(L, x, lua_gettop(L));
					lua_pop(L, 1);
					break;
				}
				check_rc(L, rc, r->label);
			}
			free(s->snap);
			s->snap = NULL;
		}
	}
	run->rule = NULL;
	if (s->doc_hook != LUA_NOREF) {
		struct ldoc *d;

		run->rule = "Document";
		s->used = 0;
		lua_rawgeti(L, LUA_REGISTRYINDEX, s->doc_hook);
		d = lua_newuserdatauv(L, sizeof(*d), 0);
		d->gen = s->gen;
		luaL_setmetatable(L, DOC_MT);
		lua_call(L, 1, 0);
		run->rule = NULL;
	}
	return 0;
}

/* Run one compiled script over the document of `run`. */
static int script_run(struct script *s, struct wn_run *run)
{
	lua_State *L = s->L;
	int rc = 0;

	if (!script_applies(s, run->doc))
		return 0;
	s->run = run;
	/* Most platform scripts leave most pages alone: a `when` in C needs
	 * no XPath context (whose making registers every XPath function),
	 * and a page it rules out ran no Lua, so there is no garbage. */
	if (s->when && wn_sel_native_(s->when) &&
	    !wn_sel_exists_(NULL, run->doc->xml, s->when)) {
		end_run(s, false);
		return 0;
	}
	s->xctx = wn_xpath_ctx_(s->ctx, run->doc->xml);
	if (!s->xctx) {
		end_run(s, true);
		return WN_ENOMEM;
	}
	if (s->when && !wn_sel_native_(s->when) &&
	    !wn_sel_exists_(s->xctx, run->doc->xml, s->when)) {
		end_run(s, true);
		return 0;
	}
	lua_pushcfunction(L, run_rules);
	if ((rc = pcall(s, 0, 0)) != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		char mem[PATH_MAX + 64];

		if (rc == LUA_ERRMEM) {
			/* no Lua allocation here: memory is still full */
			snprintf(mem, sizeof(mem),
				 "%s: not enough memory (the limit is %zu MB "
				 "a script)",
				 s->path, s->memcap >> 20);
			msg = mem;
		}
		free(s->snap); /* a snapshot the error cut short */
		s->snap = NULL;
		wn_log_doc_(s->ctx, WN_LOG_ERROR, s->name, run->doc, "%s%s%s",
			    run->rule ? run->rule : "", run->rule ? ": " : "",
			    msg ? msg : "error");
		run->rule = NULL;
		rc = WN_ESTEP;
	}
	end_run(s, true);
	return rc;
}

static int run_script(void *script, struct wn_run *run)
{
	return script_run(script, run);
}

static void free_script(void *script)
{
	script_free(script);
}

WN_API const struct wn_lua_ops wn_lua_ops_ = {load, run_script, free_script};
