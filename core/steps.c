/* SPDX-License-Identifier: MIT */
/*
 * The standard steps.  Each plugins/NAME.c is a plugin like any other
 * (its one descriptor NAME_LTX_winnow_plugin, the plugin API only), but
 * linked into libwinnow: the default chain then opens no module file,
 * which is most of winnow's start-up when a process cleans one page
 * (GNU parallel, Hadoop streaming, a shell loop).  The loader looks here
 * after the user's plugin directories, so a module dropped there still
 * replaces a standard step of the same name.
 */
#include <config.h>

#include <string.h>

#include <winnow/plugin.h>

#include "internal.h"

#define WN_STEPS(X)                                                            \
	X(ads)                                                                 \
	X(banners)                                                             \
	X(bio)                                                                 \
	X(captions)                                                            \
	X(comments)                                                            \
	X(content)                                                             \
	X(controls)                                                            \
	X(cookies)                                                             \
	X(dupes)                                                               \
	X(empty)                                                               \
	X(ftr)                                                                 \
	X(headline)                                                            \
	X(hidden)                                                              \
	X(media)                                                               \
	X(nav)                                                                 \
	X(noscript)                                                            \
	X(sanitize)                                                            \
	X(share)                                                               \
	X(skiplinks)                                                           \
	X(teasers)                                                             \
	X(tracking)                                                            \
	X(whitespace)

#define WN_STEP_DECL(n) extern const struct wn_plugin WN_PLUGIN_SYM(n);
WN_STEPS(WN_STEP_DECL)

#define WN_STEP_ENTRY(n) &WN_PLUGIN_SYM(n),
static const struct wn_plugin *const steps[] = {WN_STEPS(WN_STEP_ENTRY)};

const struct wn_plugin *wn_builtin_step_(size_t i)
{
	return i < sizeof(steps) / sizeof(steps[0]) ? steps[i] : NULL;
}

const struct wn_plugin *wn_builtin_find_(const char *name)
{
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(steps[i]->name, name))
			return steps[i];
	return NULL;
}
