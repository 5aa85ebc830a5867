/* SPDX-License-Identifier: MIT */
/* A plugin the loader must refuse: built for a newer minor ABI than this winnow knows. */
#include <winnow/plugin.h>

static int run(void *inst, struct wn_run *r)
{
	(void)inst;
	(void)r;
	return 0;
}

WN_API extern const struct wn_plugin abi_minor_LTX_winnow_plugin;
const struct wn_plugin abi_minor_LTX_winnow_plugin = {
	.magic = WN_PLUGIN_MAGIC,
	.abi_major = WN_ABI_MAJOR,
	.abi_minor = WN_ABI_MINOR + 1,
	.size = sizeof(struct wn_plugin),
	.libxml_version = LIBXML_VERSION,
	.name = "abi_minor",
	.summary = "test: built for a newer minor ABI than this winnow knows",
	.run = run,
};
