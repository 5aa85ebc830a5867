/* SPDX-License-Identifier: MIT */
/*
 * The "ltdl" backend (backend.c): libltdl, which opens plugin module
 * files (loader.c).  The standard steps are linked into libwinnow, so
 * most runs open no module file and need no libltdl in the process.
 */
#include <config.h>

#include <ltdl.h>

#include "internal.h"

static int init(void)
{
	return lt_dlinit();
}

static int fini(void)
{
	return lt_dlexit();
}

static void *open_local(const char *path)
{
	lt_dladvise adv;
	lt_dlhandle h = NULL;

	if (lt_dladvise_init(&adv) == 0) {
		lt_dladvise_local(&adv);
		h = lt_dlopenadvise(path, adv);
		lt_dladvise_destroy(&adv);
	}
	return h;
}

static const void *sym(void *h, const char *name)
{
	return lt_dlsym(h, name);
}

static int close_module(void *h)
{
	return lt_dlclose(h);
}

static const char *last_error(void)
{
	return lt_dlerror();
}

WN_API const struct wn_ltdl_ops wn_ltdl_ops_ = {init, fini,         open_local,
						sym,  close_module, last_error};
