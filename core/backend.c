/* SPDX-License-Identifier: MIT */
/*
 * Backends: the parts of winnow that most runs never use live in modules
 * opened on first use.  The HTML5 parser (gumbo), the Markdown writer
 * (cmark-gfm) and the public suffix list (libpsl, with libidn2 and
 * libunistring) are a third of the start-up of a run that uses none of
 * them: the dynamic linker maps and relocates every library a program
 * links, needed or not (a 1 KB page: 1.6 million instructions and 50
 * page faults of 3.3 million and 120 over a bare libxml2 parse).  Lua
 * (scripts and site rules, lua.c) and libltdl (plugin modules) are
 * backends too: each library in the process also lengthens every symbol
 * lookup of the libraries after it (each of them: over 100,000
 * instructions on the same page).
 *
 * A backend module exports one table of functions, wn_<name>_ops_
 * (internal.h); it is opened once per process from the build tree when
 * the program runs from there, from $(pkglibdir)/backends otherwise, and
 * stays open.  A module that cannot be opened is reported on stderr once
 * and its callers fail (or, for the suffix list, do without).
 *
 * They are opened with dlopen(3): libltdl is one of them, and they are
 * winnow's own modules, under the file name libtool gives them.
 */
#include <config.h>

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#ifndef LT_MODULE_EXT
#define LT_MODULE_EXT ".so"
#endif
#ifndef LT_OBJDIR
#define LT_OBJDIR ".libs/"
#endif

static pthread_once_t tree_once = PTHREAD_ONCE_INIT;
static bool tree;

static bool under(const char *path, const char *dir)
{
	size_t k = strlen(dir);

	return strncmp(path, dir, k) == 0 && path[k] == '/';
}

static void find_tree(void)
{
	char exe[PATH_MAX], *top;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return;
	exe[n] = '\0';
	/* the link is the program's real path: under the build dir as
	 * configured, it is in the tree without a realpath() of that (a
	 * readlink per part of the path) */
	tree = under(exe, WN_BUILDDIR);
	if (!tree && (top = realpath(WN_BUILDDIR, NULL))) {
		tree = under(exe, top);
		free(top);
	}
}

bool wn_in_build_tree_(void)
{
	pthread_once(&tree_once, find_tree);
	return tree;
}

static const struct {
	const char *name, *sym;
} known[] = {
	{"html5", "wn_html5_ops_"},
	{"markdown", "wn_markdown_ops_"},
	{"psl", "wn_psl_ops_"},
	{"lua", "wn_lua_ops_"},
	{"ltdl", "wn_ltdl_ops_"},
};
#define NKNOWN (sizeof(known) / sizeof(known[0]))

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const void *ops[NKNOWN];
static bool tried[NKNOWN];

static const void *open_backend(size_t i)
{
	char path[PATH_MAX];
	const char *why;
	size_t k;
	void *h;
	const void *p = NULL;

	snprintf(path, sizeof(path), "%s%s" LT_MODULE_EXT,
		 wn_in_build_tree_() ? WN_BUILDDIR "/core/" LT_OBJDIR
				     : WN_PLUGINDIR "/backends/",
		 known[i].name);
	h = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
	if (h)
		p = dlsym(h, known[i].sym);
	if (!p) {
		why = h ? "no table of functions" : dlerror();
		/* dlerror() names the file too */
		k = strlen(path);
		if (why && !strncmp(why, path, k) && !strncmp(why + k, ": ", 2))
			why += k + 2;
		fprintf(stderr, "winnow: cannot load the %s backend %s: %s\n",
			known[i].name, path, why ? why : "?");
		if (h)
			dlclose(h);
	}
	return p;
}

const void *wn_backend_(const char *name)
{
	const void *p = NULL;

	for (size_t i = 0; i < NKNOWN; i++) {
		if (strcmp(name, known[i].name))
			continue;
		pthread_mutex_lock(&lock);
		if (!tried[i]) {
			tried[i] = true;
			ops[i] = open_backend(i);
		}
		p = ops[i];
		pthread_mutex_unlock(&lock);
	}
	return p;
}
