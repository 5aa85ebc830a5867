/* SPDX-License-Identifier: MIT */
/* A plugin the loader must refuse: built against another libxml2 generation. */
#include <winnow/plugin.h>

static int run(void *inst, struct wn_run *r)
{
	(void)inst;
	(void)r;
	return 0;
}

WN_API extern const struct wn_plugin abi_libxml_LTX_winnow_plugin;
const struct wn_plugin abi_libxml_LTX_winnow_plugin = {
	.magic = WN_PLUGIN_MAGIC,
	.abi_major = WN_ABI_MAJOR,
	.abi_minor = WN_ABI_MINOR,
	.size = sizeof(struct wn_plugin),
	.libxml_version = LIBXML_VERSION >= 21400 ? 20914 : 21400,
	.name = "abi_libxml",
	.summary = "test: built against another libxml2 generation",
	.run = run,
};
