/* SPDX-License-Identifier: MIT */
/*
 * One step's borrow of a document.  Every change goes through a journal:
 * removed subtrees are unlinked at once but kept until the step ends
 * (so node sets taken during the step stay valid), and a failing step is
 * rolled back by replaying the journal backwards.  Insertions link nodes
 * by hand, never through xmlAdd*, which may merge and free text nodes
 * the journal still points to.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EXPLAIN_CHARS 60

void wn_run_init_(struct wn_run *run, struct wn_ctx *ctx, struct wn_doc *doc,
		  const char *step)
{
	memset(run, 0, sizeof(*run));
	run->ctx = ctx;
	run->doc = doc;
	run->step = step;
}

void wn_run_not_article(struct wn_run *run)
{
	run->not_article = true;
}

struct wn_doc *wn_run_doc(struct wn_run *run)
{
	return run->doc;
}

xmlXPathContextPtr wn_run_xpath_context(struct wn_run *run)
{
	return wn_xpath_ctx_(run->ctx, run->doc->xml);
}

xmlNodePtr wn_run_body(struct wn_run *run)
{
	return run->doc->body;
}

enum wn_kind wn_run_kind(struct wn_run *run)
{
	return run->doc->kind;
}

void wn_run_log(struct wn_run *run, enum wn_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* a batch cleans many pages: each message names its own */
	wn_vlog_(run->ctx, lvl, run->step,
		 run->doc ? wn_doc_name_peek(run->doc) : NULL, fmt, ap);
	va_end(ap);
}

static struct wn_op *push_op(struct wn_run *run)
{
	if (wn_grow(&run->ops, run->nops, &run->capops, sizeof(*run->ops),
		    32)) {
		run->oom = true;
		return NULL;
	}
	memset(&run->ops[run->nops], 0, sizeof(run->ops[0]));
	return &run->ops[run->nops++];
}

static bool writable(struct wn_run *run, const char *what)
{
	if (run->caps & WN_CAP_READONLY) {
		wn_run_log(run, WN_LOG_ERROR,
			   "%s refused: the step is declared read-only", what);
		return false;
	}
	return true;
}

/*
 * Journal a move of node from where it is to before `next` under
 * `parent` (parent NULL: out of the tree; `removal` then parks it in the
 * graveyard, freed at commit).  NULL when out of memory.
 */
static struct wn_op *move(struct wn_run *run, xmlNodePtr node,
			  xmlNodePtr parent, xmlNodePtr next, bool removal)
{
	struct wn_op *op = push_op(run);

	if (!op)
		return NULL;
	op->kind = WN_OP_MOVE;
	op->node = node;
	op->parent = node->parent;
	op->next = node->next;
	op->prev = node->prev;
	op->removal = removal;
	wn_text_cache_dirty_(run->doc, node->parent);
	wn_unlink_(node);
	if (parent) {
		wn_link_before_(parent, next, node);
		wn_text_cache_dirty_(run->doc, parent);
	}
	return op;
}

static void explain_record(struct wn_run *run, xmlNodePtr node)
{
	struct wn_removal *r;
	struct wn_buf t = {0};
	char where[32];

	if (wn_grow(&run->rem, run->nrem, &run->caprem, sizeof(*run->rem),
		    16)) {
		run->oom = true;
		return;
	}
	r = &run->rem[run->nrem++];
	memset(r, 0, sizeof(*r));
	if (run->rule && !(r->rule = wn_strdup_(run->rule)))
		run->oom = true;
	if (run->doc->kind == WN_KIND_TEXT && node->line) {
		snprintf(where, sizeof(where), "line %u", (unsigned)node->line);
		r->where = wn_strdup_(where);
	} else {
		xmlChar *path = xmlGetNodePath(node);

		r->where = wn_strdup_(path ? (const char *)path : "?");
		xmlFree(path);
	}
	if (wn_node_text(node, &t) == 0 && t.data) {
		size_t i = 0, cps = 0;

		r->chars = t.len;
		while (i < t.len && cps < EXPLAIN_CHARS) {
			i++;
			while (i < t.len &&
			       ((unsigned char)t.data[i] & 0xc0) == 0x80)
				i++;
			cps++;
		}
		r->text = wn_strndup_(t.data, i);
		if (r->text && i < t.len) {
			char *p = realloc(r->text, i + 4);

			if (p) {
				memcpy(p + i, "\xe2\x80\xa6", 4);
				r->text = p;
			}
		}
	}
	wn_buf_free(&t);
	if (!r->where)
		run->oom = true;
}

/* Is n, or an element above it, flagged keep?  A kept element is kept
 * whole: what it holds is as untouchable as itself.  Documents where no
 * step kept anything (nearly all) answer at once. */
static bool kept(const struct wn_run *run, const xmlNode *n)
{
	if (!run->doc->may_keep)
		return false;
	for (; n && n->type != XML_DOCUMENT_NODE &&
	       n->type != XML_HTML_DOCUMENT_NODE;
	     n = n->parent)
		if (n->type == XML_ELEMENT_NODE && (n->extra & WN_NODE_KEEP))
			return true;
	return false;
}

/* Does an element below n carry the keep flag? */
static bool holds_kept(const struct wn_run *run, const xmlNode *n)
{
	const xmlNode *c = n->children;

	if (!run->doc->may_keep || n->type != XML_ELEMENT_NODE)
		return false;
	while (c) {
		if (c->type == XML_ELEMENT_NODE) {
			if (c->extra & WN_NODE_KEEP)
				return true;
			if (c->children) {
				c = c->children;
				continue;
			}
		}
		while (!c->next && c->parent != n)
			c = c->parent;
		c = c->next;
	}
	return false;
}

static int remove_node(struct wn_run *run, xmlNodePtr node);

/* Remove what n holds except its kept elements and the elements on the
 * way to them, which stay in place. */
static int remove_around(struct wn_run *run, xmlNodePtr n)
{
	xmlNodePtr c = n->children;
	int rc = 0;

	while (c && !rc) {
		xmlNodePtr parent = c->parent, next = c->next;

		if (c->type == XML_ELEMENT_NODE && (c->extra & WN_NODE_KEEP)) {
			/* stays whole */
		} else if (holds_kept(run, c)) {
			c = c->children;
			continue;
		} else {
			rc = remove_node(run, c);
		}
		while (!next && parent != n) {
			next = parent->next;
			parent = parent->parent;
		}
		c = next;
	}
	return rc;
}

int wn_run_remove(struct wn_run *run, xmlNodePtr node)
{
	if (!node || !node->parent || !wn_node_attached(node))
		return 0;
	if (node == run->doc->body || node->type == XML_DOCUMENT_NODE ||
	    node->type == XML_HTML_DOCUMENT_NODE ||
	    node == xmlDocGetRootElement(run->doc->xml))
		return WN_EINVAL;
	if (!writable(run, "removal"))
		return WN_EINVAL;
	if (kept(run, node))
		return 0;
	if (holds_kept(run, node))
		return remove_around(run, node);
	return remove_node(run, node);
}

static int remove_node(struct wn_run *run, xmlNodePtr node)
{
	struct wn_op *op;

	if (run->ctx->explain)
		explain_record(run, node);
	if (run->doc->kind == WN_KIND_TEXT && !(node->extra & WN_NODE_TIGHT)) {
		/* the blank line before a removed block stays before the
		 * block that followed it without one */
		xmlNodePtr nx = node->next;

		while (nx && nx->type != XML_ELEMENT_NODE)
			nx = nx->next;
		if (nx && (nx->extra & WN_NODE_TIGHT)) {
			op = push_op(run);
			if (!op)
				return WN_ENOMEM;
			op->kind = WN_OP_FLAGS;
			op->node = nx;
			op->extra = nx->extra;
			nx->extra &= (unsigned short)~WN_NODE_TIGHT;
		}
	}
	op = move(run, node, NULL, NULL, true);
	if (!op)
		return WN_ENOMEM;
	op->marked = true;
	run->removed++;
	run->removed_chars += wn_node_text_len(node);
	return 0;
}

int wn_run_drop(struct wn_run *run, xmlNodePtr node)
{
	size_t first = run->nops;
	int rc;

	if (!node || !node->parent || !wn_node_attached(node))
		return 0;
	if (node == run->doc->body ||
	    node == xmlDocGetRootElement(run->doc->xml))
		return WN_EINVAL;
	if (!writable(run, "removal"))
		return WN_EINVAL;
	/* a protection a rule gave does not outrank output safety: no
	 * kept() check */
	rc = remove_node(run, node);
	/* never put back by --mark */
	for (size_t i = first; !rc && i < run->nops; i++)
		if (run->ops[i].kind == WN_OP_MOVE && run->ops[i].node == node)
			run->ops[i].marked = false;
	return rc;
}

int wn_run_unwrap(struct wn_run *run, xmlNodePtr node)
{
	xmlNodePtr parent, c;

	if (!node || !node->parent || !wn_node_attached(node))
		return 0;
	if (node == run->doc->body || node->type != XML_ELEMENT_NODE ||
	    node == xmlDocGetRootElement(run->doc->xml))
		return WN_EINVAL;
	if (!writable(run, "unwrap"))
		return WN_EINVAL;
	if (kept(run, node))
		return 0;
	parent = node->parent;
	while ((c = node->children))
		if (!move(run, c, parent, node, false))
			return WN_ENOMEM;
	return move(run, node, NULL, NULL, true) ? 0 : WN_ENOMEM;
}

int wn_run_set_attr(struct wn_run *run, xmlNodePtr node, const char *name,
		    const char *value)
{
	struct wn_op *op;
	xmlAttrPtr had;

	if (!node || node->type != XML_ELEMENT_NODE || !name)
		return WN_EINVAL;
	if (!writable(run, "attribute change"))
		return WN_EINVAL;
	if (kept(run, node))
		return 0;
	op = push_op(run);
	if (!op)
		return WN_ENOMEM;
	op->kind = WN_OP_ATTR;
	op->node = node;
	op->name = xmlStrdup(BAD_CAST name);
	had = xmlHasProp(node, BAD_CAST name);
	op->had = had != NULL;
	op->old = had ? xmlGetNoNsProp(node, BAD_CAST name) : NULL;
	if (!op->name || (had && !op->old)) {
		run->oom = true;
		return WN_ENOMEM;
	}
	if (value) {
		if (!xmlSetProp(node, BAD_CAST name, BAD_CAST value)) {
			run->oom = true;
			return WN_ENOMEM;
		}
	} else if (had) {
		xmlUnsetProp(node, BAD_CAST name);
	}
	/* no text changes (mods stays), but what is kept of the tree's
	 * classes and ids (the scripts' token set, lua.c) no longer holds */
	run->doc->attr_mods++;
	return 0;
}

int wn_run_insert_before(struct wn_run *run, xmlNodePtr ref, xmlNodePtr fresh)
{
	struct wn_op *op;

	if (!ref || !ref->parent || !fresh || fresh->parent)
		return WN_EINVAL;
	if (!writable(run, "insertion") || kept(run, ref->parent))
		return WN_EINVAL;
	op = push_op(run);
	if (!op)
		return WN_ENOMEM;
	op->kind = WN_OP_NEW;
	op->node = fresh;
	wn_link_before_(ref->parent, ref, fresh);
	xmlSetTreeDoc(fresh, run->doc->xml);
	wn_text_cache_dirty_(run->doc, fresh->parent);
	return 0;
}

int wn_run_append(struct wn_run *run, xmlNodePtr parent, xmlNodePtr fresh)
{
	struct wn_op *op;

	if (!parent || parent->type != XML_ELEMENT_NODE || !fresh ||
	    fresh->parent || !wn_node_attached(parent))
		return WN_EINVAL;
	if (!writable(run, "insertion") || kept(run, parent))
		return WN_EINVAL;
	op = push_op(run);
	if (!op)
		return WN_ENOMEM;
	op->kind = WN_OP_NEW;
	op->node = fresh;
	wn_link_before_(parent, NULL, fresh);
	xmlSetTreeDoc(fresh, run->doc->xml);
	wn_text_cache_dirty_(run->doc, parent);
	return 0;
}

int wn_run_wrap(struct wn_run *run, xmlNodePtr node, const char *tag,
		xmlNodePtr *out)
{
	xmlNodePtr w;
	int rc;

	if (out)
		*out = NULL;
	if (!node || !node->parent || !wn_node_attached(node) || !tag || !*tag ||
	    node == run->doc->body || node->type == XML_DOCUMENT_NODE ||
	    node->type == XML_HTML_DOCUMENT_NODE ||
	    node == xmlDocGetRootElement(run->doc->xml))
		return WN_EINVAL;
	w = xmlNewDocNode(run->doc->xml, NULL, BAD_CAST tag, NULL);
	if (!w) {
		run->oom = true;
		return WN_ENOMEM;
	}
	rc = wn_run_insert_before(run, node, w);
	if (rc) {
		xmlFreeNode(w);
		return rc;
	}
	if (!move(run, node, w, NULL, false))
		return WN_ENOMEM;
	if (out)
		*out = w;
	return 0;
}

int wn_run_set_meta(struct wn_run *run, const char *key, const char *value)
{
	struct wn_op *op;
	char *old = NULL;
	int rc;

	if (!key || !*key)
		return WN_EINVAL;
	if (!writable(run, "metadata change"))
		return WN_EINVAL;
	op = push_op(run);
	if (!op)
		return WN_ENOMEM;
	op->kind = WN_OP_META;
	op->name = xmlStrdup(BAD_CAST key);
	if (!op->name) {
		run->nops--;
		return WN_ENOMEM;
	}
	rc = wn_meta_set_(run->doc, key, value, &old);
	if (rc) {
		xmlFree(op->name);
		run->nops--;
		return rc;
	}
	op->had = old != NULL;
	op->old = old ? xmlStrdup(BAD_CAST old) : NULL;
	free(old);
	if (op->had && !op->old) {
		run->oom = true;
		return WN_ENOMEM;
	}
	return 0;
}

const char *wn_run_param(struct wn_run *run, const char *key, size_t i)
{
	return wn_ctx_param(run->ctx, key, i);
}

int wn_run_set_text(struct wn_run *run, xmlNodePtr node, const char *text)
{
	struct wn_op *op;

	if (!node || !text)
		return WN_EINVAL;
	if (!writable(run, "text change"))
		return WN_EINVAL;
	if (kept(run, node) || holds_kept(run, node))
		return 0;
	if (node->type == XML_TEXT_NODE) {
		op = push_op(run);
		if (!op)
			return WN_ENOMEM;
		op->kind = WN_OP_TEXT;
		op->node = node;
		op->old =
			xmlStrdup(node->content ? node->content : BAD_CAST "");
		if (!op->old) {
			run->oom = true;
			return WN_ENOMEM;
		}
		xmlNodeSetContent(node, NULL);
		xmlNodeAddContent(node, BAD_CAST text);
		/* an attribute's text node files where its value's class
		 * answers are (dom.c): not the answers of this text */
		node->_private = NULL;
		wn_text_cache_dirty_(run->doc, node->parent);
		return 0;
	}
	if (node->type != XML_ELEMENT_NODE)
		return WN_EINVAL;
	{
		xmlNodePtr t = xmlNewDocText(run->doc->xml, BAD_CAST text);
		xmlNodePtr c;

		if (!t) {
			run->oom = true;
			return WN_ENOMEM;
		}
		while ((c = node->children))
			if (!move(run, c, NULL, NULL, true)) {
				xmlFreeNode(t);
				return WN_ENOMEM;
			}
		op = push_op(run);
		if (!op) {
			xmlFreeNode(t);
			return WN_ENOMEM;
		}
		op->kind = WN_OP_NEW;
		op->node = t;
		wn_link_before_(node, NULL, t);
		wn_text_cache_dirty_(run->doc, node);
	}
	return 0;
}

int wn_run_move_before_(struct wn_run *run, xmlNodePtr ref, xmlNodePtr node)
{

	if (!ref || !ref->parent || !node || node == ref ||
	    wn_node_within(ref, node))
		return WN_EINVAL;
	if (!writable(run, "move"))
		return WN_EINVAL;
	return move(run, node, ref->parent, ref, false) ? 0 : WN_ENOMEM;
}

static int set_flags(struct wn_run *run, xmlNodePtr n, unsigned short extra)
{
	struct wn_op *op;

	if (n->extra == extra)
		return 0;
	op = push_op(run);
	if (!op)
		return WN_ENOMEM;
	op->kind = WN_OP_FLAGS;
	op->node = n;
	op->extra = n->extra;
	n->extra = extra;
	return 0;
}

int wn_run_keep(struct wn_run *run, xmlNodePtr node)
{
	if (!node || node->type != XML_ELEMENT_NODE || !wn_node_attached(node))
		return WN_EINVAL;
	/* a hint, never cleared: a rolled-back keep only costs the scan */
	run->doc->may_keep = true;
	return set_flags(run, node, (unsigned short)(node->extra | WN_NODE_KEEP));
}

static void free_ops(struct wn_run *run)
{
	for (size_t i = 0; i < run->nops; i++) {
		xmlFree(run->ops[i].name);
		xmlFree(run->ops[i].old);
	}
	free(run->ops);
	run->ops = NULL;
	run->nops = run->capops = 0;
	for (size_t i = 0; i < run->nrem; i++) {
		free(run->rem[i].where);
		free(run->rem[i].text);
		free(run->rem[i].rule);
	}
	free(run->rem);
	run->rem = NULL;
	run->nrem = run->caprem = 0;
}

void wn_run_commit_(struct wn_run *run)
{
	for (size_t i = 0; i < run->nrem; i++) {
		struct wn_removal *r = &run->rem[i];

		wn_log(run->ctx, WN_LOG_ERROR, "explain", "%s: %s%s%s: %s",
		       run->step, r->rule ? r->rule : "", r->rule ? ": " : "",
		       r->where, r->text ? r->text : "");
	}
	for (size_t i = 0; i < run->nops; i++) {
		struct wn_op *op = &run->ops[i];

		if (op->kind != WN_OP_MOVE || !op->removal || op->node->parent)
			continue;
		if (run->ctx->mark)
			wn_mark_park_(run->doc, op->node, op->parent, op->prev,
				      op->next, run->step, op->marked);
		else
			xmlFreeNode(op->node);
	}
	free_ops(run);
}

void wn_run_rollback_(struct wn_run *run)
{
	for (size_t i = run->nops; i-- > 0;) {
		struct wn_op *op = &run->ops[i];

		switch (op->kind) {
		case WN_OP_MOVE:
			wn_unlink_(op->node);
			if (op->parent) /* NULL: it came from the graveyard */
				wn_link_before_(op->parent, op->next, op->node);
			break;
		case WN_OP_ATTR:
			if (op->had)
				xmlSetProp(op->node, op->name, op->old);
			else
				xmlUnsetProp(op->node, op->name);
			break;
		case WN_OP_TEXT:
			xmlNodeSetContent(op->node, NULL);
			xmlNodeAddContent(op->node, op->old);
			op->node->_private = NULL; /* as wn_run_set_text */
			break;
		case WN_OP_NEW:
			wn_unlink_(op->node);
			xmlFreeNode(op->node);
			break;
		case WN_OP_FLAGS:
			op->node->extra = op->extra;
			break;
		case WN_OP_META: {
			char *cur = NULL;

			wn_meta_set_(run->doc, (const char *)op->name,
				     (const char *)op->old, &cur);
			free(cur);
			break;
		}
		}
	}
	run->removed = run->removed_chars = 0;
	free_ops(run);
}

int wn_run_isolated_(struct wn_ctx *ctx, struct wn_doc *doc, const char *name,
		     uint32_t caps, int (*fn)(void *impl, struct wn_run *run),
		     void *impl, const char *what, struct wn_run_tally *out)
{
	struct wn_run run;
	struct wn_doc *outer;
	int rc;

	*out = (struct wn_run_tally){0};
	wn_run_init_(&run, ctx, doc, name);
	run.caps = caps;
	outer = wn_text_cache_enter_(doc);
	rc = fn(impl, &run);
	if (rc == 0 && run.oom)
		rc = WN_ENOMEM;
	if (rc) {
		wn_run_rollback_(&run);
		wn_doc_touch_(doc);
		wn_text_cache_leave_(outer);
		if (ctx->strict)
			wn_log_doc_(ctx, WN_LOG_ERROR, name, doc,
				    "failed (%s); stopping (--strict)",
				    wn_strerror(rc));
		else
			wn_log_doc_(ctx, WN_LOG_ERROR, name, doc,
				    "failed (%s); the document goes on as "
				    "before this %s",
				    wn_strerror(rc), what);
		return rc;
	}
	wn_run_commit_(&run);
	wn_text_cache_leave_(outer);
	out->removed = run.removed;
	out->chars = run.removed_chars;
	out->not_article = run.not_article;
	return 0;
}
