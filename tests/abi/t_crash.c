/* SPDX-License-Identifier: MIT */
/*
 * t_crash (test): kills its process with SIGSEGV on a page whose text
 * holds "crash-me", so tests can check that a worker dying on one page
 * fails only that page.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

static int crash_run(void *inst, struct wn_run *run)
{
	struct wn_buf t = {0};
	int rc = wn_node_text(wn_run_body(run), &t);

	(void)inst;
	if (!rc && t.data && strstr(t.data, "crash-me"))
		raise(SIGSEGV);
	wn_buf_free(&t);
	return rc;
}

WN_PLUGIN_DEFINE(t_crash, .version = "1.0",
		 .summary = "test: crash on pages saying crash-me",
		 .license = "MIT", .caps = WN_CAP_READONLY, .run = crash_run);
