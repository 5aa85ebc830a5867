/* SPDX-License-Identifier: MIT */
/* A plugin the loader must refuse: wrong magic number. */
#include <winnow/plugin.h>

static int run(void *inst, struct wn_run *r)
{
	(void)inst;
	(void)r;
	return 0;
}

WN_API extern const struct wn_plugin abi_magic_LTX_winnow_plugin;
const struct wn_plugin abi_magic_LTX_winnow_plugin = {
	.magic = 0xdeadbeef,
	.abi_major = WN_ABI_MAJOR,
	.abi_minor = WN_ABI_MINOR,
	.size = sizeof(struct wn_plugin),
	.libxml_version = LIBXML_VERSION,
	.name = "abi_magic",
	.summary = "test: wrong magic number",
	.run = run,
};
