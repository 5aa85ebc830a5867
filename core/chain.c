/* SPDX-License-Identifier: MIT */
/*
 * The chain: an ordered list of steps.  A step kind is a small vtable
 * (run, destroy); C plugins are one kind, and others (Lua scripts) slot
 * in beside it.  Chain files hold one step a line with optional
 * key=value arguments and '#' comments.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

struct wn_args {
	struct wn_ctx *ctx;
	const char *step;
	char **kv; /* key, value, key, value ... */
	size_t n;  /* pairs */
};

struct step {
	char *name;
	const struct wn_step_ops *ops;
	void *impl;
	uint32_t caps;
	bool off; /* wn_chain_disable */
};

struct wn_chain {
	struct wn_ctx *ctx;
	struct step *steps;
	struct wn_step_stats *last;    /* the last document, one per step */
	struct wn_step_profile *total; /* every document, one per step */
	size_t n, cap;
	long guard; /* wn_chain_guard of the last document */
};

/* ---- arguments --------------------------------------------------- */

const char *wn_args_get(const struct wn_args *a, const char *key)
{
	for (size_t i = 0; a && i < a->n; i++)
		if (!strcmp(a->kv[2 * i], key))
			return a->kv[2 * i + 1];
	return NULL;
}

size_t wn_args_count(const struct wn_args *a)
{
	return a ? a->n : 0;
}

const char *wn_args_key(const struct wn_args *a, size_t i)
{
	return a && i < a->n ? a->kv[2 * i] : NULL;
}

const char *wn_args_value(const struct wn_args *a, size_t i)
{
	return a && i < a->n ? a->kv[2 * i + 1] : NULL;
}

void wn_args_error(const struct wn_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wn_vlog_(a->ctx, WN_LOG_ERROR, a->step, NULL, fmt, ap);
	va_end(ap);
}

static void args_free(struct wn_args *a)
{
	for (size_t i = 0; i < 2 * a->n; i++)
		free(a->kv[i]);
	free(a->kv);
	a->kv = NULL;
	a->n = 0;
}

static int args_parse(struct wn_args *a, const char *const *args, size_t nargs)
{
	a->kv = calloc(nargs ? 2 * nargs : 1, sizeof(char *));
	if (!a->kv)
		return WN_ENOMEM;
	for (size_t i = 0; i < nargs; i++) {
		const char *eq = strchr(args[i], '=');

		if (!eq || eq == args[i]) {
			wn_log(a->ctx, WN_LOG_ERROR, a->step,
			       "argument '%s' is not key=value", args[i]);
			return WN_EINVAL;
		}
		a->kv[2 * i] = wn_strndup_(args[i], (size_t)(eq - args[i]));
		a->kv[2 * i + 1] = wn_strdup_(eq + 1);
		a->n = i + 1;
		if (!a->kv[2 * i] || !a->kv[2 * i + 1])
			return WN_ENOMEM;
	}
	return 0;
}

/* ---- the plugin step kind ---------------------------------------- */

struct plugin_step {
	const struct wn_plugin *desc;
	void *inst;
	struct wn_args args;
};

static int plugin_run(void *impl, struct wn_run *run)
{
	struct plugin_step *p = impl;

	return p->desc->run(p->inst, run);
}

static void plugin_destroy(void *impl)
{
	struct plugin_step *p = impl;

	if (p->desc->destroy)
		p->desc->destroy(p->inst);
	args_free(&p->args);
	free(p);
}

static const struct wn_step_ops plugin_ops = {"plugin", plugin_run,
					      plugin_destroy};

static int plugin_step_new(struct wn_ctx *ctx, const char *name,
			   const char *const *args, size_t nargs,
			   struct step *st)
{
	const struct wn_module *m;
	struct plugin_step *p;
	int rc = wn_module_get_(ctx, name, &m);

	if (rc)
		return rc;
	p = calloc(1, sizeof(*p));
	if (!p)
		return WN_ENOMEM;
	p->desc = m->desc;
	p->args.ctx = ctx;
	p->args.step = m->desc->name;
	rc = args_parse(&p->args, args, nargs);
	if (!rc && p->desc->create) {
		rc = p->desc->create(&p->args, &p->inst);
		if (rc) {
			wn_log(ctx, WN_LOG_ERROR, name, "cannot create: %s",
			       wn_strerror(rc));
			rc = rc == WN_ENOMEM ? rc : WN_ELOAD;
		}
	}
	if (rc) {
		args_free(&p->args);
		free(p);
		return rc;
	}
	st->ops = &plugin_ops;
	st->impl = p;
	st->caps = p->desc->caps;
	return 0;
}

/* ---- chains ------------------------------------------------------ */

int wn_chain_new(struct wn_ctx *ctx, struct wn_chain **out)
{
	struct wn_chain *c = calloc(1, sizeof(*c));

	if (!c)
		return WN_ENOMEM;
	c->ctx = ctx;
	*out = c;
	return 0;
}

void wn_chain_free(struct wn_chain *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		if (c->steps[i].ops->destroy)
			c->steps[i].ops->destroy(c->steps[i].impl);
		free(c->steps[i].name);
	}
	free(c->steps);
	free(c->last);
	free(c->total);
	free(c);
}

size_t wn_chain_len(const struct wn_chain *c)
{
	return c->n;
}

const char *wn_chain_step_name(const struct wn_chain *c, size_t i)
{
	return i < c->n ? c->steps[i].name : NULL;
}

/* Room for one more step (and its stats).  An array grown before one
 * that could not be is kept: the next call grows the rest. */
static int reserve(struct wn_chain *c)
{
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 8;
		struct step *p = realloc(c->steps, nc * sizeof(*p));
		struct wn_step_stats *q;
		struct wn_step_profile *t;

		if (!p)
			return WN_ENOMEM;
		c->steps = p;
		q = realloc(c->last, nc * sizeof(*q));
		if (!q)
			return WN_ENOMEM;
		c->last = q;
		t = realloc(c->total, nc * sizeof(*t));
		if (!t)
			return WN_ENOMEM;
		c->total = t;
		c->cap = nc;
	}
	return 0;
}

static void push(struct wn_chain *c, const struct step *st)
{
	c->steps[c->n] = *st;
	c->last[c->n] = (struct wn_step_stats){.step = st->name};
	c->total[c->n] = (struct wn_step_profile){.step = st->name};
	c->n++;
}

int wn_chain_add(struct wn_chain *c, const char *name, const char *const *args,
		 size_t nargs)
{
	struct step st = {0};
	int rc = reserve(c);

	if (rc)
		return rc;
	st.name = wn_strdup_(name);
	if (!st.name)
		return WN_ENOMEM;
	if (!strcmp(name, "sites")) {
		if (nargs) {
			wn_log(c->ctx, WN_LOG_ERROR, name,
			       "takes no arguments");
			free(st.name);
			return WN_EINVAL;
		}
		st.ops = wn_sites_step_ops_();
		st.caps = WN_CAP_MUTATES;
		rc = 0;
	} else if (!strcmp(name, "filters")) {
		/* filters list=FILE ...: lists in addition to --filter-list */
		rc = 0;
		for (size_t i = 0; i < nargs && !rc; i++) {
			if (strncmp(args[i], "list=", 5)) {
				wn_log(c->ctx, WN_LOG_ERROR, name,
				       "unknown argument '%s' (list=FILE)",
				       args[i]);
				rc = WN_EINVAL;
			} else {
				rc = wn_ctx_add_filter_list(c->ctx,
							    args[i] + 5);
				if (rc == WN_ENOTFOUND)
					rc = WN_ELOAD;
			}
		}
		st.ops = wn_filters_step_ops_();
		st.caps = WN_CAP_MUTATES;
	} else {
		rc = plugin_step_new(c->ctx, name, args, nargs, &st);
	}
	if (rc) {
		free(st.name);
		return rc;
	}
	push(c, &st);
	return 0;
}

int wn_chain_add_script(struct wn_chain *c, const char *name)
{
	struct step st = {0};
	int rc = reserve(c);

	if (!rc)
		rc = wn_script_step_new_(c->ctx, name, &st.ops, &st.impl,
					 &st.name);
	if (rc)
		return rc;
	st.caps = WN_CAP_MUTATES;
	push(c, &st);
	return 0;
}

size_t wn_chain_stats(const struct wn_chain *c,
		      const struct wn_step_stats **out)
{
	*out = c->last;
	return c->n;
}

size_t wn_chain_profile(const struct wn_chain *c,
			const struct wn_step_profile **out)
{
	*out = c->total;
	return c->n;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static bool in_list(const char *name, const char *const *list)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

#define MAX_WORDS 64

int wn_chain_parse(struct wn_chain *c, const char *text, const char *file,
		   const char *const *skip)
{
	const char *p = text;
	size_t lineno = 0;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = wn_strndup_(p, len), *save = NULL, *w;
		const char *words[MAX_WORDS];
		size_t nw = 0;
		int rc = 0;

		lineno++;
		p += len + (eol ? 1 : 0);
		if (!line)
			return WN_ENOMEM;
		if (strchr(line, '#'))
			*strchr(line, '#') = '\0';
		for (w = strtok_r(line, " \t\r", &save); w;
		     w = strtok_r(NULL, " \t\r", &save)) {
			if (nw == MAX_WORDS) {
				wn_log(c->ctx, WN_LOG_ERROR, NULL,
				       "%s:%zu: too many words on one line",
				       file, lineno);
				free(line);
				return WN_EINVAL;
			}
			words[nw++] = w;
		}
		if (nw > 0) {
			size_t first = 0;

			if (!strcmp(words[0], "plugin") ||
			    !strcmp(words[0], "script"))
				first = 1;
			if (first >= nw || strchr(words[first], '=')) {
				wn_log(c->ctx, WN_LOG_ERROR, NULL,
				       "%s:%zu: expected a step name", file,
				       lineno);
				rc = WN_EINVAL;
			} else if (first == 1 && words[0][0] == 's') {
				if (nw > 2) {
					wn_log(c->ctx, WN_LOG_ERROR, NULL,
					       "%s:%zu: a script takes no "
					       "arguments",
					       file, lineno);
					rc = WN_EINVAL;
				} else if (!in_list(words[1], skip)) {
					rc = wn_chain_add_script(c, words[1]);
					if (rc)
						wn_log(c->ctx, WN_LOG_ERROR,
						       NULL,
						       "%s:%zu: cannot load "
						       "script '%s'",
						       file, lineno, words[1]);
				}
			} else if (first >= nw || strchr(words[first], '=')) {
				wn_log(c->ctx, WN_LOG_ERROR, NULL,
				       "%s:%zu: expected a step name", file,
				       lineno);
				rc = WN_EINVAL;
			} else if (!in_list(words[first], skip)) {
				rc = wn_chain_add(c, words[first],
						  words + first + 1,
						  nw - first - 1);
				if (rc)
					wn_log(c->ctx, WN_LOG_ERROR, NULL,
					       "%s:%zu: cannot load step "
					       "'%s'",
					       file, lineno, words[first]);
			}
		}
		free(line);
		if (rc)
			return rc;
	}
	return 0;
}

long wn_chain_guard(const struct wn_chain *c)
{
	return c->guard;
}

void wn_chain_disable(struct wn_chain *c, size_t i, bool off)
{
	if (i < c->n)
		c->steps[i].off = off;
}

/* After step i: note it as the guard's culprit when the prose left is
 * under the line (the first such step only). */
static void guard_check(struct wn_chain *c, struct wn_doc *doc, size_t i,
			size_t prose0)
{
	size_t now;

	if (c->guard >= 0 || prose0 < WN_GUARD_MIN_PROSE)
		return;
	/* all the text left, not only what reads as prose: an article
	 * of short paragraphs, or of text between <br>s, is no prose by
	 * that measure, and a page's prose may be its comments */
	{
		/* the cache of the steps: most of the body is as measured */
		struct wn_doc *outer = wn_text_cache_enter_(doc);

		now = wn_node_text_len(doc->body);
		wn_text_cache_leave_(outer);
	}
	/* a story of a few paragraphs kept from under a long comment
	 * thread is an article found, not one lost */
	if (now * WN_GUARD_SHARE >= prose0 || now >= WN_GUARD_ENOUGH)
		return;
	c->guard = (long)i;
	if (c->ctx->explain)
		wn_log(c->ctx, WN_LOG_ERROR, "explain",
		       "guard: %s left %zu bytes of text of %zu bytes of "
		       "prose",
		       c->steps[i].name, now, prose0);
}

int wn_chain_run(struct wn_chain *c, struct wn_doc *doc)
{
	size_t prose0 = 0;
	bool not_article = false;

	for (size_t i = 0; i < c->n; i++)
		c->last[i] = (struct wn_step_stats){.step = c->steps[i].name,
						    .status = WN_STEP_SKIPPED};
	c->guard = -1;
	/* the metadata is of the page as it came: read before any step */
	if (c->n && wn_meta_ensure_(doc))
		return WN_ENOMEM;
	/* the guard's measure; an empty chain removes nothing.  Taken
	 * with the text cache of the steps: the first of them finds the
	 * blocks measured. */
	if (!c->ctx->mark && c->n) {
		struct wn_doc *outer = wn_text_cache_enter_(doc);

		prose0 = wn_node_prose_len(doc->body);
		wn_text_cache_leave_(outer);
	}
	for (size_t i = 0; i < c->n; i++) {
		struct step *st = &c->steps[i];
		struct wn_step_profile *pf = &c->total[i];
		struct wn_run_tally t;
		uint64_t t0, walked0;
		int rc;

		if (st->off)
			continue;

		if ((st->caps & WN_CAP_NEEDS_URL) && !doc->url) {
			wn_log_doc_(c->ctx, WN_LOG_WARN, st->name, doc,
				    "skipped: the page has no URL (give --url)");
			continue;
		}
		walked0 = wn_walked_;
		t0 = now_ns();
		rc = wn_run_isolated_(c->ctx, doc, st->name, st->caps,
				      st->ops->run, st->impl, "step", &t);
		pf->ns += now_ns() - t0;
		pf->visited += wn_walked_ - walked0;
		pf->runs++;
		if (rc) {
			pf->failed++;
			c->last[i].status = WN_STEP_FAILED;
			if (c->ctx->strict) {
				if (c->ctx->mark)
					wn_mark_finish_(doc);
				return WN_ESTEP;
			}
			continue;
		}
		not_article |= t.not_article;
		if (t.removed && !not_article)
			guard_check(c, doc, i, prose0);
		pf->removed += t.removed;
		pf->chars += t.chars;
		c->last[i].status = WN_STEP_OK;
		c->last[i].removed = t.removed;
		c->last[i].chars = t.chars;
	}
	if (not_article)
		c->guard = -1;
	if (c->ctx->mark)
		wn_mark_finish_(doc);
	return 0;
}
