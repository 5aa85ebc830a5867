/* SPDX-License-Identifier: MIT */
/*
 * t_fail (test): changes the document in every way a step can (removes
 * the first block and a nested block, unwraps, edits text and
 * attributes, inserts), then fails, so tests can check that the core
 * undoes it all.  With greedy=1 it removes every block and succeeds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

static int fail_create(const struct wn_args *args, void **inst)
{
	const char *g = wn_args_get(args, "greedy");

	*inst = (void *)(uintptr_t)(g && !strcmp(g, "1") ? 1 : 0);
	return 0;
}

static int fail_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run), *blocks = NULL, fresh;
	size_t nb = 0;
	int rc = wn_blocks(body, &blocks, &nb);

	if (rc)
		return rc;
	if (inst) {
		for (size_t i = 0; i < nb && !rc; i++)
			rc = wn_run_remove(run, blocks[i]);
		free(blocks);
		return rc;
	}
	for (size_t i = 0; i < nb && !rc; i++) {
		xmlNodePtr b = blocks[i];

		if (b->children && b->children->type == XML_TEXT_NODE)
			rc = wn_run_set_text(run, b->children, "CHANGED");
		if (!rc)
			rc = wn_run_set_attr(run, b, "class", "changed");
		if (!rc && b->parent && b->parent != body)
			rc = wn_run_unwrap(run, b->parent);
		if (!rc && i % 2 == 0)
			rc = wn_run_remove(run, b);
	}
	free(blocks);
	fresh = xmlNewNode(NULL, BAD_CAST "p");
	if (!rc && fresh && body->children)
		rc = wn_run_insert_before(run, body->children, fresh);
	else
		xmlFreeNode(fresh);
	if (!rc)
		rc = wn_run_remove(run, body->children);
	return rc ? rc : WN_ESTEP;
}

WN_PLUGIN_DEFINE(t_fail, .version = "1.0",
		 .summary = "test: change everything, then fail",
		 .license = "MIT", .caps = WN_CAP_MUTATES,
		 .create = fail_create, .run = fail_run);
