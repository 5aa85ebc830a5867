/* SPDX-License-Identifier: MIT */
/* t_args (test): accepts only the argument "mode" with value a or b, so
 * tests can see argument errors reported and loading refused. */
#include <string.h>

#include <winnow/plugin.h>

static int args_create(const struct wn_args *args, void **inst)
{
	for (size_t i = 0; i < wn_args_count(args); i++) {
		const char *k = wn_args_key(args, i),
			   *v = wn_args_value(args, i);

		if (strcmp(k, "mode") != 0) {
			wn_args_error(args, "unknown argument '%s'", k);
			return WN_EINVAL;
		}
		if (strcmp(v, "a") && strcmp(v, "b")) {
			wn_args_error(args, "mode must be a or b, not '%s'", v);
			return WN_EINVAL;
		}
	}
	*inst = NULL;
	return 0;
}

static int args_run(void *inst, struct wn_run *run)
{
	(void)inst;
	(void)run;
	return 0;
}

WN_PLUGIN_DEFINE(t_args, .version = "1.0", .summary = "test: argument checking",
		 .license = "MIT", .caps = WN_CAP_READONLY,
		 .create = args_create, .run = args_run);
