/* SPDX-License-Identifier: MIT */
/*
 * The plugin loader.  Plugins are found by name along a search path
 * (program dirs, WINNOW_PLUGIN_PATH, $XDG_DATA_HOME/winnow/plugins, then
 * the installed dir, or the build tree's when winnow runs from it), only
 * ever by absolute path, never in the working directory.  The descriptor
 * is read as data and checked before any plugin code runs.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlversion.h>

#include "internal.h"

#ifndef LT_MODULE_EXT
#define LT_MODULE_EXT ".so"
#endif

static int push_dir(struct wn_ctx *ctx, const char *dir)
{
	char *real;

	if (!dir || !*dir)
		return 0;
	/* absolute paths only: a relative entry is resolved now, so the
	 * working directory at load time never matters.  Malloc'd, not
	 * in a PATH_MAX buffer here: under wn_user_dirs_'s own, that was
	 * the deepest the stack of a run went (a page fault a page). */
	real = realpath(dir, NULL);
	if (!real)
		return 0; /* a missing dir is simply not searched */
	for (size_t i = 0; i < ctx->ndirs; i++)
		if (!strcmp(ctx->dirs[i], real)) {
			free(real);
			return 0;
		}
	if (ctx->ndirs == ctx->capdirs) {
		size_t nc = ctx->capdirs ? ctx->capdirs * 2 : 8;
		char **p = realloc(ctx->dirs, nc * sizeof(*p));

		if (!p) {
			free(real);
			return WN_ENOMEM;
		}
		ctx->dirs = p;
		ctx->capdirs = nc;
	}
	ctx->dirs[ctx->ndirs++] = real;
	return 0;
}

const char *wn_ctx_datadir_peek(struct wn_ctx *ctx)
{
	return wn_in_build_tree_() ? WN_SRCDIR "/data" : WN_PKGDATADIR;
}

const char *wn_ctx_scriptdir_peek_(struct wn_ctx *ctx)
{
	return wn_in_build_tree_() ? WN_SRCDIR "/scripts"
			       : WN_PKGDATADIR "/scripts";
}

int wn_user_dirs_(const char *env, const char *xdgvar, const char *home_base,
		  const char *sub, int (*push)(void *ud, const char *dir),
		  void *ud)
{
	const char *list = getenv(env), *xdg = getenv(xdgvar);
	const char *home = getenv("HOME");
	char buf[PATH_MAX];
	int rc = 0;

	if (list) {
		char *copy = wn_strdup_(list), *save = NULL, *tok;

		if (!copy)
			return WN_ENOMEM;
		for (tok = strtok_r(copy, ":", &save); tok && !rc;
		     tok = strtok_r(NULL, ":", &save))
			rc = push(ud, tok);
		free(copy);
	}
	if (!rc && xdg && xdg[0] == '/') {
		snprintf(buf, sizeof(buf), "%s/winnow/%s", xdg, sub);
		rc = push(ud, buf);
	} else if (!rc && home && home[0] == '/') {
		snprintf(buf, sizeof(buf), "%s/%s/winnow/%s", home, home_base,
			 sub);
		rc = push(ud, buf);
	}
	return rc;
}

static int push_plugin_dir(void *ctx, const char *dir)
{
	return push_dir(ctx, dir);
}

/* Add the environment, XDG and installed (or build-tree) dirs once. */
static int add_default_dirs(struct wn_ctx *ctx)
{
	int rc = 0;

	if (ctx->env_added)
		return 0;
	ctx->env_added = true;
	if (ctx->use_env)
		rc = wn_user_dirs_("WINNOW_PLUGIN_PATH", "XDG_DATA_HOME",
				   ".local/share", "plugins", push_plugin_dir,
				   ctx);
	ctx->nuser = ctx->ndirs; /* then the standard steps (steps.c) */
	if (!rc)
		rc = push_dir(ctx, wn_in_build_tree_() ? WN_BUILDDIR
						"/plugins/.libs"
						      : WN_PLUGINDIR);
	return rc;
}

int wn_ctx_new(const struct wn_ctx_opts *o, struct wn_ctx **out)
{
	static const struct wn_ctx_opts defaults = {.use_env = true};
	struct wn_ctx *ctx = calloc(1, sizeof(*ctx));
	int rc = 0;

	if (!ctx)
		return WN_ENOMEM;
	if (!o)
		o = &defaults;
	ctx->use_env = o->use_env;
	ctx->verbose = o->verbose;
	ctx->explain = o->explain;
	ctx->mark = o->mark;
	ctx->strict = o->strict;
	ctx->unsafe_plugins = o->unsafe_plugin_path;
	ctx->log = o->log;
	for (const char *const *d = o->plugin_path; d && *d && !rc; d++)
		rc = push_dir(ctx, *d);
	for (const char *const *d = o->script_path; d && *d && !rc; d++)
		rc = wn_ctx_add_script_dir(ctx, *d);
	if (rc) {
		wn_ctx_free(ctx);
		return rc;
	}
	*out = ctx;
	return 0;
}

int wn_ctx_add_plugin_dir(struct wn_ctx *ctx, const char *dir)
{
	if (ctx->env_added)
		return WN_EINVAL; /* the path is fixed once a step loaded */
	return push_dir(ctx, dir);
}

int wn_ctx_add_param(struct wn_ctx *ctx, const char *key, const char *value)
{
	char *k, *v;

	if (!ctx || !key || !value)
		return WN_EINVAL;
	if (ctx->nparams == ctx->capparams) {
		size_t nc = ctx->capparams ? 2 * ctx->capparams : 4;
		char **p = realloc(ctx->params, 2 * nc * sizeof(*p));

		if (!p)
			return WN_ENOMEM;
		ctx->params = p;
		ctx->capparams = nc;
	}
	k = wn_strdup_(key);
	v = wn_strdup_(value);
	if (!k || !v) {
		free(k);
		free(v);
		return WN_ENOMEM;
	}
	ctx->params[2 * ctx->nparams] = k;
	ctx->params[2 * ctx->nparams + 1] = v;
	ctx->nparams++;
	return 0;
}

const char *wn_ctx_param(const struct wn_ctx *ctx, const char *key, size_t i)
{
	for (size_t j = 0; ctx && key && j < ctx->nparams; j++)
		if (!strcmp(ctx->params[2 * j], key) && i-- == 0)
			return ctx->params[2 * j + 1];
	return NULL;
}

void wn_ctx_free(struct wn_ctx *ctx)
{
	if (!ctx)
		return;
	for (size_t i = 0; i < 2 * ctx->nparams; i++)
		free(ctx->params[i]);
	free(ctx->params);
	for (size_t i = 0; i < ctx->nmods; i++) {
		if (ctx->mods[i].handle)
			ctx->ltdl->close(ctx->mods[i].handle);
		free(ctx->mods[i].name);
		free(ctx->mods[i].path);
	}
	free(ctx->mods);
	for (size_t i = 0; i < ctx->ndirs; i++)
		free(ctx->dirs[i]);
	free(ctx->dirs);
	wn_scripts_free_(ctx->scripts);
	wn_filters_free_(ctx->filters);
	wn_selcache_free_(ctx->sel);
	if (ctx->ltdl)
		ctx->ltdl->exit();
	free(ctx);
}

int wn_ctx_plugin_path(struct wn_ctx *ctx, struct wn_buf *out)
{
	int rc = add_default_dirs(ctx);

	for (size_t i = 0; i < ctx->ndirs && !rc; i++)
		rc = wn_buf_printf_(out, "%s\n", ctx->dirs[i]);
	return rc;
}

static bool valid_name(const char *name)
{
	if (!*name || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_'))
			return false;
	return true;
}

static unsigned xml_generation(unsigned long v)
{
	/* 2.14 changed the HTML parser and the soname (.so.16) */
	return v >= 21400 ? 16 : 2;
}

int wn_plugin_check_(struct wn_ctx *ctx, const struct wn_plugin *d,
		     const char *name, const char *path)
{
	const char *why = NULL;
	char msg[256];

	if (d->magic != WN_PLUGIN_MAGIC) {
		why = "not a winnow plugin (bad magic number)";
	} else if (d->abi_major != WN_ABI_MAJOR ||
		   d->abi_minor > WN_ABI_MINOR) {
		snprintf(msg, sizeof(msg),
			 "built for plugin ABI %u.%u, but this winnow has "
			 "ABI %u.%u",
			 (unsigned)d->abi_major, (unsigned)d->abi_minor,
			 (unsigned)WN_ABI_MAJOR, (unsigned)WN_ABI_MINOR);
		why = msg;
	} else if (d->size < WN_DESC_V1_SIZE) {
		snprintf(msg, sizeof(msg),
			 "descriptor is %u bytes, ABI %u.%u needs at least %u",
			 (unsigned)d->size, (unsigned)WN_ABI_MAJOR,
			 (unsigned)WN_ABI_MINOR, (unsigned)WN_DESC_V1_SIZE);
		why = msg;
	} else if (xml_generation(d->libxml_version) !=
		   xml_generation(LIBXML_VERSION)) {
		snprintf(msg, sizeof(msg),
			 "built against libxml2 %u, but winnow uses %u",
			 (unsigned)d->libxml_version, (unsigned)LIBXML_VERSION);
		why = msg;
	} else if (!d->name || strcmp(d->name, name) != 0) {
		snprintf(msg, sizeof(msg),
			 "declares the name '%.64s', but its file is named "
			 "'%.64s'",
			 d->name ? d->name : "(null)", name);
		why = msg;
	} else if (!d->run) {
		why = "has no run function";
	} else if ((d->caps & WN_CAP_READONLY) && (d->caps & WN_CAP_MUTATES)) {
		why = "claims both READONLY and MUTATES";
	} else if (d->caps & ~(uint32_t)(WN_CAP_READONLY | WN_CAP_MUTATES |
					 WN_CAP_NEEDS_URL | WN_CAP_REENTRANT)) {
		why = "sets capability bits this winnow does not know";
	} else if (d->reserved[0] || d->reserved[1] || d->reserved[2] ||
		   d->reserved[3]) {
		why = "has reserved fields set";
	}
	if (!why)
		return 0;
	wn_log(ctx, WN_LOG_ERROR, path, "refused: %s", why);
	return WN_EABI;
}

/* Open and check one module file; on success fill *m. */
static int open_module(struct wn_ctx *ctx, const char *name, const char *path,
		       struct wn_module *m, bool quiet)
{
	const struct wn_ltdl_ops *lt = ctx->ltdl;
	void *h;
	const struct wn_plugin *d;
	char sym[128];
	int rc;

	if (!lt) {
		lt = wn_backend_("ltdl");
		if (!lt || lt->init() != 0) {
			if (!quiet)
				wn_log(ctx, WN_LOG_ERROR, path,
				       "cannot open: libltdl failed to start");
			return WN_ELOAD;
		}
		ctx->ltdl = lt;
	}
	h = lt->open_local(path);
	if (!h) {
		if (!quiet)
			wn_log(ctx, WN_LOG_ERROR, path, "cannot open: %s",
			       lt->error());
		return WN_ELOAD;
	}
	snprintf(sym, sizeof(sym), "%s_LTX_winnow_plugin", name);
	d = lt->sym(h, sym);
	if (!d) {
		if (!quiet)
			wn_log(ctx, WN_LOG_ERROR, path,
			       "refused: does not export %s", sym);
		lt->close(h);
		return WN_EABI;
	}
	rc = quiet ? (d->magic == WN_PLUGIN_MAGIC &&
				      d->abi_major == WN_ABI_MAJOR &&
				      d->abi_minor <= WN_ABI_MINOR &&
				      d->size >= WN_DESC_V1_SIZE && d->name &&
				      !strcmp(d->name, name)
			      ? 0
			      : WN_EABI)
		   : wn_plugin_check_(ctx, d, name, path);
	if (rc) {
		lt->close(h);
		return rc;
	}
	m->handle = h;
	m->desc = d;
	return 0;
}

/* True when path lies in the build tree winnow runs from: whoever can
 * write there can replace the winnow program itself, so its modules
 * are as trusted as the program (whatever the umask made them). */
static bool in_own_build_tree(struct wn_ctx *ctx, const char *path)
{
	char top[PATH_MAX];
	size_t k;

	if (!wn_in_build_tree_() || !realpath(WN_BUILDDIR, top))
		return false;
	k = strlen(top);
	return strncmp(path, top, k) == 0 && path[k] == '/';
}

/*
 * NULL when the plugin file `path` and every directory above it are
 * safe to load code from, as ssh judges its keys: owned by root or by
 * the user running winnow, and writable by no one else (a directory
 * with the sticky bit owned by root, such as /tmp, may be
 * world-writable).  Else why not, in buf.
 */
static const char *unsafe_why(const char *path, char *buf, size_t cap)
{
	char p[PATH_MAX];
	uid_t me = geteuid();

	snprintf(p, sizeof(p), "%s", path);
	for (;;) {
		struct stat st;
		char *slash;
		bool sticky_root;

		if (stat(p, &st) < 0) {
			snprintf(buf, cap, "cannot check %s: %s", p,
				 strerror(errno));
			return buf;
		}
		if (st.st_uid != 0 && st.st_uid != me) {
			snprintf(buf, cap,
				 "%.2000s is owned by another user (uid %u), "
				 "who could change the plugin; fix: chown it "
				 "to root or yourself, or use "
				 "--unsafe-plugin-path",
				 p, (unsigned)st.st_uid);
			return buf;
		}
		sticky_root = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) &&
			      st.st_uid == 0;
		if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !sticky_root) {
			snprintf(buf, cap,
				 "%.2000s is %s-writable, so others could "
				 "change the plugin; fix: chmod go-w %.2000s, "
				 "or use --unsafe-plugin-path",
				 p, (st.st_mode & S_IWOTH) ? "world" : "group",
				 p);
			return buf;
		}
		slash = strrchr(p, '/');
		if (!slash || (slash == p && !p[1]))
			return NULL;
		if (slash == p)
			p[1] = '\0';
		else
			*slash = '\0';
	}
}

/* 0 when `path` may be loaded, else WN_ELOAD after saying why. */
static int check_trust(struct wn_ctx *ctx, const char *path)
{
	char why[4400];

	if (ctx->unsafe_plugins || in_own_build_tree(ctx, path) ||
	    !unsafe_why(path, why, sizeof(why)))
		return 0;
	wn_log(ctx, WN_LOG_ERROR, path, "refused: %s", why);
	return WN_ELOAD;
}

static int check_trust_quiet(struct wn_ctx *ctx, const char *path)
{
	char why[4400];

	return ctx->unsafe_plugins || in_own_build_tree(ctx, path) ||
			       !unsafe_why(path, why, sizeof(why))
		       ? 0
		       : WN_ELOAD;
}

/* The first file for `name` in dirs [from, to) of the path; "" when
 * none. */
static bool find_file(struct wn_ctx *ctx, const char *name, size_t from,
		      size_t to, char *out, size_t cap)
{
	for (size_t i = from; i < to; i++) {
		struct stat st;

		snprintf(out, cap, "%s/%s%s", ctx->dirs[i], name,
			 LT_MODULE_EXT);
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return true;
	}
	out[0] = '\0';
	return false;
}

/* Find and open (or find built in) the module `name`, new to ctx. */
static int module_new(struct wn_ctx *ctx, const char *name,
		      const struct wn_module **out)
{
	char path[PATH_MAX];
	struct wn_module m = {0};
	int rc = 0;

	if (!find_file(ctx, name, 0, ctx->nuser, path, sizeof(path)) &&
	    (m.desc = wn_builtin_find_(name)) != NULL) {
		snprintf(path, sizeof(path), "%s", WN_BUILTIN_PATH);
		rc = wn_plugin_check_(ctx, m.desc, name, path);
	} else if (path[0] || find_file(ctx, name, ctx->nuser, ctx->ndirs,
					path, sizeof(path))) {
		rc = check_trust(ctx, path);
		if (!rc)
			rc = open_module(ctx, name, path, &m, false);
	} else {
		wn_log(ctx, WN_LOG_ERROR, name,
		       "no such step (searched %zu plugin dirs; see "
		       "winnow --list)",
		       ctx->ndirs);
		return WN_ENOTFOUND;
	}
	if (rc)
		return rc;
	if (ctx->nmods == ctx->capmods) {
		size_t nc = ctx->capmods ? ctx->capmods * 2 : 8;
		struct wn_module *p = realloc(ctx->mods, nc * sizeof(*p));

		if (!p) {
			if (m.handle)
				ctx->ltdl->close(m.handle);
			return WN_ENOMEM;
		}
		/* earlier module pointers move: steps copy what they need
		 * (descriptor, name) and never keep a wn_module pointer */
		ctx->mods = p;
		ctx->capmods = nc;
	}
	m.name = wn_strdup_(name);
	m.path = wn_strdup_(path);
	if (!m.name || !m.path) {
		free(m.name);
		free(m.path);
		if (m.handle)
			ctx->ltdl->close(m.handle);
		return WN_ENOMEM;
	}
	ctx->mods[ctx->nmods] = m;
	*out = &ctx->mods[ctx->nmods++];
	return 0;
}

int wn_module_get_(struct wn_ctx *ctx, const char *name,
		   const struct wn_module **out)
{
	int rc;

	for (size_t i = 0; i < ctx->nmods; i++)
		if (!strcmp(ctx->mods[i].name, name)) {
			*out = &ctx->mods[i];
			return 0;
		}
	if (!valid_name(name)) {
		wn_log(ctx, WN_LOG_ERROR, name,
		       "invalid step name (use a-z, 0-9 and _)");
		return WN_EINVAL;
	}
	/* here, not in module_new's frame (two buffers of a path): the
	 * first call reaches realpath() down there, and each 4 KB page of
	 * stack a run reaches costs a page fault */
	rc = add_default_dirs(ctx);
	return rc ? rc : module_new(ctx, name, out);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The --list lines so far (name TAB path TAB summary), sorted at the
 * end. */
struct listing {
	char **lines;
	size_t n, cap;
};

static bool listed(const struct listing *l, const char *name)
{
	size_t k = strlen(name);

	for (size_t j = 0; j < l->n; j++)
		if (!strncmp(l->lines[j], name, k) && l->lines[j][k] == '\t')
			return true; /* shadowed by an earlier entry */
	return false;
}

static int list_add(struct listing *l, const char *name, const char *path,
		    const char *summary, bool usable)
{
	struct wn_buf line = {0};
	int rc = usable ? wn_buf_printf_(&line, "%s\t%s\t%s", name, path,
					 summary ? summary : "")
			: wn_buf_printf_(&line,
					 "%s\t%s\t(unusable: run it with "
					 "--steps %s to see why)",
					 name, path, name);

	if (!rc)
		rc = wn_grow(&l->lines, l->n, &l->cap, sizeof(*l->lines), 16);
	if (rc) {
		wn_buf_free(&line);
		return rc;
	}
	l->lines[l->n++] = line.data;
	return 0;
}

/* The modules of one plugin directory not listed yet. */
static int list_dir(struct wn_ctx *ctx, const char *dirname,
		    struct listing *l)
{
	size_t extlen = strlen(LT_MODULE_EXT);
	DIR *dir = opendir(dirname);
	struct dirent *e;
	int rc = 0;

	if (!dir)
		return 0;
	while ((e = readdir(dir)) && !rc) {
		size_t k = strlen(e->d_name);
		char name[80], path[PATH_MAX];
		struct wn_module m = {0};
		bool ok;

		if (k <= extlen || k - extlen >= sizeof(name) ||
		    strcmp(e->d_name + k - extlen, LT_MODULE_EXT))
			continue;
		memcpy(name, e->d_name, k - extlen);
		name[k - extlen] = '\0';
		if (!valid_name(name) || listed(l, name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dirname, e->d_name);
		ok = !check_trust_quiet(ctx, path) &&
		     !open_module(ctx, name, path, &m, true);
		rc = list_add(l, name, path, ok ? m.desc->summary : NULL, ok);
		if (ok)
			ctx->ltdl->close(m.handle);
	}
	closedir(dir);
	return rc;
}

int wn_ctx_list(struct wn_ctx *ctx, struct wn_buf *out)
{
	struct listing l = {0};
	int rc = add_default_dirs(ctx);

	/* the lookup order of wn_module_get_: user dirs, the standard
	 * steps, the installed dir */
	for (size_t i = 0; i <= ctx->ndirs && !rc; i++) {
		if (i == ctx->nuser) {
			const struct wn_plugin *d;

			for (size_t j = 0; !rc && (d = wn_builtin_step_(j)); j++)
				if (!listed(&l, d->name))
					rc = list_add(&l, d->name,
						      WN_BUILTIN_PATH,
						      d->summary, true);
		}
		if (i < ctx->ndirs && !rc)
			rc = list_dir(ctx, ctx->dirs[i], &l);
	}
	if (l.n)
		qsort(l.lines, l.n, sizeof(*l.lines), cmp_line);
	for (size_t j = 0; j < l.n; j++) {
		if (!rc)
			rc = wn_buf_printf_(out, "%s\n", l.lines[j]);
		free(l.lines[j]);
	}
	free(l.lines);
	return rc;
}
