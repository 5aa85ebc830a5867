/* SPDX-License-Identifier: MIT */
/*
 * t_greedy (test): removes every text block of the page, so tests can
 * check the guard against losing the article.  With share=N it removes
 * only every block but one in N; with claim=1 it first says the page
 * holds no article, which lets it remove everything.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

struct greedy {
	int share;
	bool claim;
};

static int greedy_create(const struct wn_args *args, void **inst)
{
	struct greedy *g = calloc(1, sizeof(*g));
	const char *s = wn_args_get(args, "share");
	const char *c = wn_args_get(args, "claim");

	if (!g)
		return WN_ENOMEM;
	g->share = s ? atoi(s) : 0;
	g->claim = c && !strcmp(c, "1");
	*inst = g;
	return 0;
}

static int greedy_run(void *inst, struct wn_run *run)
{
	struct greedy *g = inst;
	xmlNodePtr *blocks = NULL;
	size_t nb = 0;
	int rc = wn_blocks(wn_run_body(run), &blocks, &nb);

	if (rc)
		return rc;
	if (g->claim)
		wn_run_not_article(run);
	for (size_t i = 0; i < nb && !rc; i++)
		if (g->share <= 0 || i % (size_t)g->share)
			rc = wn_run_remove(run, blocks[i]);
	free(blocks);
	return rc;
}

WN_PLUGIN_DEFINE(t_greedy, .version = "1.0",
		 .summary = "test: remove every text block", .license = "MIT",
		 .caps = WN_CAP_MUTATES, .create = greedy_create,
		 .run = greedy_run, .destroy = free);
