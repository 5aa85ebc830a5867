/* SPDX-License-Identifier: MIT */
/*
 * Scripts without Lua: the script path, the site index, which site
 * scripts a page's host calls for, and the scripts compiled so far.
 *
 * Lua itself is the "lua" backend (lua.c, opened by backend.c): most
 * runs run no script (no URL, or no site rules for its host), and a
 * process that maps and relocates liblua for nothing starts slower.
 * The backend is opened for the first script that is compiled: a
 * script step of the chain, or a site script that matches the host.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define MAX_SCRIPT_BYTES (4u << 20)

struct site_index {
	char *dir; /* <scriptdir>/sites */
	char **pat, **file;
	size_t n;
	bool loaded;
};

/* A script compiled (or tried) once per context. */
struct compiled {
	char *path; /* as first asked for */
	char *name; /* for messages and --explain */
	const struct wn_lua_ops *lua;
	void *script; /* the backend's; NULL: it did not load */
};

struct wn_scripts {
	char **dirs;
	size_t ndirs, capdirs;
	bool defaults_added;
	struct compiled **all;
	size_t nall, capall;
	struct site_index *idx;           /* one per dir, lazily */
	const struct wn_psl_ops *psl_ops; /* the "psl" backend */
	void *psl;
	bool psl_tried;
	bool no_lua_said; /* a script was refused for want of Lua */
};

/* ---- the scripts registry -------------------------------------------- */

static struct wn_scripts *scripts(struct wn_ctx *ctx)
{
	if (!ctx->scripts)
		ctx->scripts = calloc(1, sizeof(*ctx->scripts));
	return ctx->scripts;
}

static void compiled_free(struct compiled *c)
{
	if (!c)
		return;
	if (c->script)
		c->lua->free(c->script);
	free(c->path);
	free(c->name);
	free(c);
}

void wn_scripts_free_(struct wn_scripts *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ndirs; i++) {
		free(r->dirs[i]);
		if (r->idx) {
			struct site_index *x = &r->idx[i];

			for (size_t j = 0; j < x->n; j++) {
				free(x->pat[j]);
				free(x->file[j]);
			}
			free(x->pat);
			free(x->file);
			free(x->dir);
		}
	}
	free(r->idx);
	free(r->dirs);
	for (size_t i = 0; i < r->nall; i++)
		compiled_free(r->all[i]);
	free(r->all);
	if (r->psl)
		r->psl_ops->close(r->psl);
	free(r);
}

static int push_script_dir(struct wn_scripts *r, const char *dir)
{
	char real[PATH_MAX];
	struct stat st;

	if (!dir || !*dir || !realpath(dir, real) || stat(real, &st) ||
	    !S_ISDIR(st.st_mode))
		return 0;
	for (size_t i = 0; i < r->ndirs; i++)
		if (!strcmp(r->dirs[i], real))
			return 0;
	if (r->ndirs == r->capdirs) {
		size_t nc = r->capdirs ? 2 * r->capdirs : 8;
		char **p = realloc(r->dirs, nc * sizeof(*p));
		struct site_index *x = realloc(r->idx, nc * sizeof(*x));

		if (p)
			r->dirs = p;
		if (x)
			r->idx = x;
		if (!p || !x)
			return WN_ENOMEM;
		r->capdirs = nc;
	}
	memset(&r->idx[r->ndirs], 0, sizeof(r->idx[0]));
	if (!(r->dirs[r->ndirs] = wn_strdup_(real)))
		return WN_ENOMEM;
	r->ndirs++;
	return 0;
}

int wn_ctx_add_script_dir(struct wn_ctx *ctx, const char *dir)
{
	struct wn_scripts *r = scripts(ctx);

	if (!r)
		return WN_ENOMEM;
	if (r->defaults_added)
		return WN_EINVAL;
	return push_script_dir(r, dir);
}

static int push_script_dir_cb(void *r, const char *dir)
{
	return push_script_dir(r, dir);
}

static int add_default_script_dirs(struct wn_ctx *ctx)
{
	struct wn_scripts *r = scripts(ctx);
	int rc = 0;

	if (!r)
		return WN_ENOMEM;
	if (r->defaults_added)
		return 0;
	r->defaults_added = true;
	if (ctx->use_env)
		rc = wn_user_dirs_("WINNOW_SCRIPT_PATH", "XDG_CONFIG_HOME",
				   ".config", "scripts", push_script_dir_cb, r);
	if (!rc)
		rc = push_script_dir(r, wn_ctx_scriptdir_peek_(ctx));
	return rc;
}

int wn_ctx_script_path(struct wn_ctx *ctx, struct wn_buf *out)
{
	int rc = add_default_script_dirs(ctx);
	struct wn_scripts *r = ctx->scripts;

	for (size_t i = 0; !rc && r && i < r->ndirs; i++)
		if (wn_buf_puts(out, r->dirs[i]) || wn_buf_puts(out, "\n"))
			rc = WN_ENOMEM;
	return rc;
}

const char *wn_script_dir_(struct wn_ctx *ctx, size_t i)
{
	struct wn_scripts *r = ctx->scripts;

	return r && i < r->ndirs ? r->dirs[i] : NULL;
}

int wn_script_read_(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct wn_buf b = {0};
	char chunk[8192];
	size_t k;
	int rc = 0;

	if (!f)
		return -errno;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + k > MAX_SCRIPT_BYTES) {
			rc = -EFBIG;
			break;
		}
		if (wn_buf_append(&b, chunk, k)) {
			rc = -ENOMEM;
			break;
		}
	}
	if (!rc && ferror(f))
		rc = -EIO;
	fclose(f);
	if (!rc && !b.data && wn_buf_puts(&b, ""))
		rc = -ENOMEM;
	if (rc) {
		wn_buf_free(&b);
		return rc;
	}
	*out = b.data;
	*len = b.len;
	return 0;
}

void *wn_scripts_psl_(struct wn_ctx *ctx, const struct wn_psl_ops **ops)
{
	struct wn_scripts *r = scripts(ctx);

	if (r && !r->psl_tried) {
		r->psl_tried = true;
		r->psl_ops = wn_backend_("psl");
		r->psl = r->psl_ops ? r->psl_ops->open() : NULL;
	}
	*ops = r ? r->psl_ops : NULL;
	return r ? r->psl : NULL;
}

static char *display_name(const char *path)
{
	const char *b = strrchr(path, '/');
	const char *sl = b;
	size_t n;

	b = b ? b + 1 : path;
	/* site scripts keep their folder: "sites/example.com" */
	if (sl && sl - path >= 5 && !strncmp(sl - 5, "sites", 5) &&
	    (sl - path == 5 || sl[-6] == '/'))
		b = sl - 5;
	n = strlen(b);
	if (n > 4 && !strcmp(b + n - 4, ".lua"))
		n -= 4;
	return wn_strndup_(b, n);
}

/* The script compiled (or tried) before under path p, or NULL. */
static struct compiled *known_script(const struct wn_scripts *r,
				     const char *p)
{
	for (size_t i = 0; i < r->nall; i++)
		if (!strcmp(r->all[i]->path, p))
			return r->all[i];
	return NULL;
}

/* Compile the script at path once per context. */
static int script_get(struct wn_ctx *ctx, const char *path,
		      struct compiled **out)
{
	struct wn_scripts *r = scripts(ctx);
	struct compiled *c;
	char real[PATH_MAX];
	int rc;

	if (!r)
		return WN_ENOMEM;
	/* the path it was found by before (no realpath() and its lstat()
	 * of each directory on the way, for every page), else the file
	 * reached by another path */
	if ((c = known_script(r, path)))
		goto known;
	if (!realpath(path, real)) {
		wn_log(ctx, WN_LOG_ERROR, NULL, "%s: %s", path,
		       strerror(errno));
		return WN_ENOTFOUND;
	}
	if ((c = known_script(r, real)))
		goto known;
	if (wn_grow(&r->all, r->nall, &r->capall, sizeof(*r->all), 8))
		return WN_ENOMEM;
	c = calloc(1, sizeof(*c));
	if (!c)
		return WN_ENOMEM;
	c->path = wn_strdup_(path);
	c->name = display_name(path);
	if (!c->path || !c->name) {
		compiled_free(c);
		return WN_ENOMEM;
	}
	/* kept even when it does not load: never tried again */
	r->all[r->nall++] = c;
	c->lua = wn_backend_("lua");
	if (!c->lua) {
		/* the backend's message names the module; this one the
		 * first script it stops (not every site script after it) */
		if (!r->no_lua_said)
			wn_log(ctx, WN_LOG_ERROR, NULL,
			       "%s: cannot run a script without the lua "
			       "backend",
			       path);
		r->no_lua_said = true;
		return WN_ELOAD;
	}
	rc = c->lua->load(ctx, path, c->name, &c->script);
	if (!rc)
		*out = c;
	return rc;
known:
	*out = c;
	return c->script ? 0 : WN_ELOAD;
}

/* Find NAME (a path when it holds '/', else NAME.lua along the script
 * path). */
static int script_find(struct wn_ctx *ctx, const char *name, char *path,
		       size_t cap)
{
	struct wn_scripts *r;
	struct stat st;
	int rc = add_default_script_dirs(ctx);

	if (rc)
		return rc;
	r = ctx->scripts;
	if (strchr(name, '/')) {
		snprintf(path, cap, "%s", name);
		return 0;
	}
	for (size_t i = 0; i < r->ndirs; i++) {
		size_t k = strlen(name);

		snprintf(path, cap, "%s/%s%s", r->dirs[i], name,
			 k > 4 && !strcmp(name + k - 4, ".lua") ? "" : ".lua");
		if (!stat(path, &st) && S_ISREG(st.st_mode))
			return 0;
	}
	wn_log(ctx, WN_LOG_ERROR, NULL,
	       "no script '%s' in the script path (see --print-script-path)",
	       name);
	return WN_ENOTFOUND;
}

bool wn_host_matches_(const char *host, const char *pat)
{
	size_t h = strlen(host), p;

	if (!strcmp(pat, "*"))
		return true;
	if (!strncmp(pat, "*.", 2)) {
		pat += 2;
		p = strlen(pat);
		return h > p + 1 && host[h - p - 1] == '.' &&
		       !strcmp(host + h - p, pat);
	}
	p = strlen(pat);
	return !strcmp(host, pat) || (h > p + 1 && host[h - p - 1] == '.' &&
				      !strcmp(host + h - p, pat));
}

/* ---- the step kinds ----------------------------------------------------- */

static int script_step_run(void *impl, struct wn_run *run)
{
	struct compiled *c = impl;

	return c->lua->run(c->script, run);
}

static const struct wn_step_ops script_ops = {"script", script_step_run, NULL};

int wn_script_step_new_(struct wn_ctx *ctx, const char *name,
			const struct wn_step_ops **ops, void **impl,
			char **stepname)
{
	char path[PATH_MAX];
	struct compiled *c;
	int rc = script_find(ctx, name, path, sizeof(path));

	if (!rc)
		rc = script_get(ctx, path, &c);
	if (rc)
		return rc;
	*ops = &script_ops;
	*impl = c;
	*stepname = wn_strdup_(c->name);
	return *stepname ? 0 : WN_ENOMEM;
}

/* Load <dir>/sites/index: "PATTERN FILE" lines. */
static void load_index(struct wn_ctx *ctx, size_t d)
{
	struct wn_scripts *r = ctx->scripts;
	struct site_index *x = &r->idx[d];
	char path[PATH_MAX];
	char *text = NULL, *save = NULL, *line;
	size_t n, lineno = 0;

	x->loaded = true;
	snprintf(path, sizeof(path), "%s/sites", r->dirs[d]);
	x->dir = wn_strdup_(path);
	snprintf(path, sizeof(path), "%s/sites/index", r->dirs[d]);
	if (wn_script_read_(path, &text, &n))
		return;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char pat[256], file[256], extra;
		int k;

		lineno++;
		if (strchr(line, '#'))
			*strchr(line, '#') = '\0';
		k = sscanf(line, " %255s %255s %c", pat, file, &extra);
		if (k <= 0)
			continue;
		if (k != 2 || strchr(file, '/') || file[0] == '.') {
			wn_log(ctx, WN_LOG_WARN, NULL,
			       "%s:%zu: expected 'PATTERN FILE.lua'; line "
			       "ignored",
			       path, lineno);
			continue;
		}
		{
			char **p1 = realloc(x->pat, (x->n + 1) * sizeof(*p1));
			char **p2;

			if (!p1)
				break;
			x->pat = p1;
			p2 = realloc(x->file, (x->n + 1) * sizeof(*p2));
			if (!p2)
				break;
			x->file = p2;
			x->pat[x->n] = wn_strdup_(pat);
			x->file[x->n] = wn_strdup_(file);
			if (!x->pat[x->n] || !x->file[x->n]) {
				free(x->pat[x->n]);
				free(x->file[x->n]);
				break;
			}
			x->n++;
		}
	}
	free(text);
}

struct site_list {
	char **paths;
	size_t n;
};

static int list_add(struct site_list *l, const char *path)
{
	char **p;

	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->paths[i], path))
			return 0;
	p = realloc(l->paths, (l->n + 1) * sizeof(*p));
	if (!p)
		return WN_ENOMEM;
	l->paths = p;
	if (!(l->paths[l->n] = wn_strdup_(path)))
		return WN_ENOMEM;
	l->n++;
	return 0;
}

/*
 * The site scripts for host, in a stable order: along the script path,
 * the index entries that match (in file order), then sites/<domain>.lua
 * from the registrable domain to the full host name (general first).
 */
static int sites_for(struct wn_ctx *ctx, const char *host,
		     struct site_list *out)
{
	struct wn_scripts *r = ctx->scripts;
	const char *reg = NULL;
	const char *suf[64];
	const struct wn_psl_ops *po;
	void *list;
	size_t nsuf = 0;
	int rc = 0;

	if ((list = wn_scripts_psl_(ctx, &po)))
		reg = po->registrable(list, host);
	/* host, then each parent down to the registrable domain */
	for (const char *h = host; h && nsuf < 64;) {
		suf[nsuf++] = h;
		if (!reg || h == reg || strlen(h) <= strlen(reg))
			break;
		h = strchr(h, '.');
		h = h ? h + 1 : NULL;
	}
	for (size_t d = 0; d < r->ndirs && !rc; d++) {
		char path[PATH_MAX];
		struct stat st;

		if (!r->idx[d].loaded)
			load_index(ctx, d);
		for (size_t i = 0; i < r->idx[d].n && !rc; i++)
			if (wn_host_matches_(host, r->idx[d].pat[i])) {
				snprintf(path, sizeof(path), "%s/%s",
					 r->idx[d].dir, r->idx[d].file[i]);
				rc = list_add(out, path);
			}
		for (size_t i = nsuf; i-- > 0 && !rc;) {
			snprintf(path, sizeof(path), "%s/sites/%s.lua",
				 r->dirs[d], suf[i]);
			if (!stat(path, &st) && S_ISREG(st.st_mode))
				rc = list_add(out, path);
		}
	}
	return rc;
}

static int sites_run(void *impl, struct wn_run *run)
{
	struct wn_ctx *ctx = run->ctx;
	struct site_list l = {0};
	const char *host = run->doc->host;
	int rc = 0;

	(void)impl;
	if (!host)
		return 0;
	rc = add_default_script_dirs(ctx);
	if (!rc)
		rc = sites_for(ctx, host, &l);
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct compiled *c;
		struct wn_run_tally t;
		int e = script_get(ctx, l.paths[i], &c);

		if (e == WN_ENOMEM) {
			rc = e;
			break;
		}
		if (e) {
			if (ctx->strict)
				rc = WN_ESTEP;
			continue;
		}
		if (wn_run_isolated_(ctx, run->doc, c->name, run->caps,
				     script_step_run, c, "script", &t)) {
			if (ctx->strict)
				rc = WN_ESTEP;
			continue;
		}
		run->removed += t.removed;
		run->removed_chars += t.chars;
		run->not_article |= t.not_article;
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.paths[i]);
	free(l.paths);
	return rc;
}

static const struct wn_step_ops sites_ops = {"sites", sites_run, NULL};

const struct wn_step_ops *wn_sites_step_ops_(void)
{
	return &sites_ops;
}
