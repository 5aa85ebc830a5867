/* SPDX-License-Identifier: MIT */
/*
 * winnow --check-rules (see rules.h).  The FTR parser is the one the
 * `ftr` step uses (plugins/ftr-config.c, compiled in), so a file that
 * checks clean here reads the same way when pages are cleaned.
 */
#include <config.h>

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/ftr-config.h"
#include "rules.h"

struct tally {
	char *name;
	size_t n;
	int kind; /* 0 applied, 1 accepted, 2 fetch, 3 unknown */
};

struct check {
	bool verbose;
	size_t errors, warnings, notes;
	struct tally *t;
	size_t nt, capt;
	size_t kinds[4];
};

static void report(void *ud, enum ftr_sev sev, const char *file, unsigned line,
		   const char *msg)
{
	static const char *const what[] = {"error", "warning", "note"};
	struct check *c = ud;

	if (sev == FTR_ERROR)
		c->errors++;
	else if (sev == FTR_WARN)
		c->warnings++;
	else
		c->notes++;
	if (sev == FTR_NOTE && !c->verbose)
		return;
	fprintf(stderr, "winnow: %s:%u: %s: %s\n", file, line, what[sev], msg);
}

static int count(struct check *c, const char *name, int kind)
{
	c->kinds[kind]++;
	for (size_t i = 0; i < c->nt; i++)
		if (c->t[i].kind == kind && !strcmp(c->t[i].name, name)) {
			c->t[i].n++;
			return 0;
		}
	if (wn_grow(&c->t, c->nt, &c->capt, sizeof(*c->t), 32))
		return WN_ENOMEM;
	c->t[c->nt].name = strdup(name);
	if (!c->t[c->nt].name)
		return WN_ENOMEM;
	c->t[c->nt].n = 1;
	c->t[c->nt].kind = kind;
	c->nt++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_tally(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* The sorted names in dir ending in ext (NULL-terminated, malloc'd). */
static char **list(const char *dir, const char *ext, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0, el = strlen(ext);

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t nl = strlen(e->d_name);

		if (nl <= el || strcmp(e->d_name + nl - el, ext))
			continue;
		if (*n + 1 >= cap) {
			size_t nc = cap ? 2 * cap : 64;
			char **p = realloc(v, nc * sizeof(*p));

			if (!p)
				break;
			v = p;
			cap = nc;
		}
		if (!(v[*n] = strdup(e->d_name)))
			break;
		(*n)++;
		v[*n] = NULL;
	}
	closedir(d);
	if (v)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int check_ftr(struct check *c, const char *path, size_t *directives)
{
	struct ftr_config cfg = {0};
	int rc = ftr_config_load(&cfg, path, report, c);

	if (rc == WN_EIO)
		rc = 0;
	if (!rc)
		ftr_config_compile(&cfg, report, c);
	for (size_t i = 0; i < cfg.n && !rc; i++) {
		const struct ftr_rule *r = &cfg.rules[i];
		char name[80];

		if (!r->d) {
			snprintf(name, sizeof(name), "%.60s%s", r->name,
				 r->arg ? "(...)" : "");
			rc = count(c, name, 3);
		} else {
			snprintf(name, sizeof(name), "%s%s", r->d->name,
				 r->d->paren ? "(...)" : "");
			rc = count(c, name,
				   r->d->support == FTR_APPLIED    ? 0
				   : r->d->support == FTR_ACCEPTED ? 1
								   : 2);
		}
	}
	*directives += cfg.n;
	ftr_config_free(&cfg);
	return rc;
}

static int check_lua(struct wn_ctx *ctx, struct check *c, const char *path)
{
	struct wn_chain *chain;
	int rc = wn_chain_new(ctx, &chain);

	if (rc)
		return rc;
	rc = wn_chain_add_script(chain, path);
	wn_chain_free(chain);
	if (rc == WN_ENOMEM)
		return rc;
	if (rc) {
		/* the loader has said why, with file:line */
		fprintf(stderr, "winnow: %s: error: the script does not load\n",
			path);
		c->errors++;
	}
	return 0;
}

static void summary(struct check *c, FILE *out, size_t nftr, size_t nlua,
		    size_t directives)
{
	static const char *const titles[] = {
		NULL, "accepted without effect",
		"unsupported (winnow never fetches pages)", "unknown"};

	fprintf(out,
		"files: %zu (%zu Full-Text RSS configs, %zu Lua scripts)\n"
		"directives: %zu (%zu applied, %zu accepted without effect, "
		"%zu unsupported, %zu unknown)\n"
		"errors: %zu, warnings: %zu\n",
		nftr + nlua, nftr, nlua, directives, c->kinds[0], c->kinds[1],
		c->kinds[2], c->kinds[3], c->errors, c->warnings);
	qsort(c->t, c->nt, sizeof(*c->t), cmp_tally);
	for (int k = 1; k < 4; k++) {
		if (!c->kinds[k])
			continue;
		fprintf(out, "%s:\n", titles[k]);
		for (size_t i = 0; i < c->nt; i++)
			if (c->t[i].kind == k)
				fprintf(out, "  %-28s %zu\n", c->t[i].name,
					c->t[i].n);
	}
}

int wn_rules_check(struct wn_ctx *ctx, const char *dir, bool verbose, FILE *out)
{
	struct check c = {.verbose = verbose};
	size_t ntxt = 0, nlua = 0, nsites = 0, directives = 0;
	char **txt = list(dir, ".txt", &ntxt), **lua = list(dir, ".lua", &nlua);
	char sub[4096], path[4200];
	char **sites;
	int rc = 0;

	if (!txt && !lua) {
		DIR *d = opendir(dir);

		if (!d)
			return WN_EIO;
		closedir(d);
	}
	snprintf(sub, sizeof(sub), "%s/sites", dir);
	sites = list(sub, ".lua", &nsites);
	for (size_t i = 0; i < ntxt && !rc; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, txt[i]);
		rc = check_ftr(&c, path, &directives);
	}
	for (size_t i = 0; i < nlua && !rc; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, lua[i]);
		rc = check_lua(ctx, &c, path);
	}
	for (size_t i = 0; i < nsites && !rc; i++) {
		snprintf(path, sizeof(path), "%s/%s", sub, sites[i]);
		rc = check_lua(ctx, &c, path);
	}
	if (!rc)
		summary(&c, out, ntxt, nlua + nsites, directives);
	free_list(txt, ntxt);
	free_list(lua, nlua);
	free_list(sites, nsites);
	for (size_t i = 0; i < c.nt; i++)
		free(c.t[i].name);
	free(c.t);
	if (rc)
		return rc;
	return c.errors > (size_t)INT_MAX ? INT_MAX : (int)c.errors;
}
