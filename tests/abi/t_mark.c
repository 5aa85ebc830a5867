/* SPDX-License-Identifier: MIT */
/*
 * t_mark (test): appends <p>TEXT</p> to the body, TEXT from the argument
 * text= (default "mark"), so tests can see steps run, in which order and
 * with which arguments.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

struct mark {
	char *text;
};

static int mark_create(const struct wn_args *args, void **inst)
{
	const char *t = wn_args_get(args, "text");
	struct mark *m = calloc(1, sizeof(*m));

	if (!m)
		return WN_ENOMEM;
	m->text = strdup(t ? t : "mark");
	if (!m->text) {
		free(m);
		return WN_ENOMEM;
	}
	*inst = m;
	return 0;
}

static int mark_run(void *inst, struct wn_run *run)
{
	struct mark *m = inst;
	xmlNodePtr p = xmlNewNode(NULL, BAD_CAST "p");

	if (!p)
		return WN_ENOMEM;
	xmlNodeAddContent(p, BAD_CAST m->text);
	if (wn_run_append(run, wn_run_body(run), p) < 0) {
		xmlFreeNode(p);
		return WN_ENOMEM;
	}
	return 0;
}

static void mark_destroy(void *inst)
{
	struct mark *m = inst;

	free(m->text);
	free(m);
}

WN_PLUGIN_DEFINE(t_mark, .version = "1.0",
		 .summary = "test: append a paragraph", .license = "MIT",
		 .caps = WN_CAP_MUTATES, .create = mark_create, .run = mark_run,
		 .destroy = mark_destroy);
