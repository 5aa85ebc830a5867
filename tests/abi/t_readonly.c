/* SPDX-License-Identifier: MIT */
/* t_readonly (test): declares WN_CAP_READONLY, then tries to remove the
 * first block; the core must refuse and the step fail. */
#include <stdlib.h>

#include <winnow/plugin.h>

static int ro_run(void *inst, struct wn_run *run)
{
	xmlNodePtr *blocks = NULL;
	size_t nb = 0;
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	(void)inst;
	if (!rc && nb)
		rc = wn_run_remove(run, blocks[0]);
	free(blocks);
	return rc;
}

WN_PLUGIN_DEFINE(t_readonly, .version = "1.0",
		 .summary = "test: a read-only step that writes",
		 .license = "MIT", .caps = WN_CAP_READONLY, .run = ro_run);
