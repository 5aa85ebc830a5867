/* SPDX-License-Identifier: MIT */
/* A plugin the loader must refuse: a descriptor smaller than ABI 1.0's. */
#include <winnow/plugin.h>

static int run(void *inst, struct wn_run *r)
{
	(void)inst;
	(void)r;
	return 0;
}

WN_API extern const struct wn_plugin abi_size_LTX_winnow_plugin;
const struct wn_plugin abi_size_LTX_winnow_plugin = {
	.magic = WN_PLUGIN_MAGIC,
	.abi_major = WN_ABI_MAJOR,
	.abi_minor = WN_ABI_MINOR,
	.size = 16,
	.libxml_version = LIBXML_VERSION,
	.name = "abi_size",
	.summary = "test: a descriptor smaller than ABI 1.0's",
	.run = run,
};
