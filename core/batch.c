/* SPDX-License-Identifier: MIT */
/*
 * Batch mode: clean a list of files, writing each result to standard
 * output (a single input) or into the output directory.  A failing
 * input is reported and the others go on.
 */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_batch(const struct cli *c, char *const *inputs, size_t ninputs)
{
	int status = EXIT_OK;

	for (size_t i = 0; i < ninputs; i++) {
		const char *in = inputs[i];
		const char *shown = strcmp(in, "-") ? in : "(stdin)";
		struct wn_parse_opts po = c->po;
		struct wn_buf out = {0}, err = {0};
		char *buf = NULL;
		size_t n = 0;
		enum wn_format fmt = WN_FMT_HTML;
		int e, st;

		po.name = shown;
		e = cli_read_file(in, &buf, &n);
		if (e) {
			fprintf(stderr, "winnow: %s: %s\n", shown,
				strerror(-e));
			status = EXIT_INPUT;
			continue;
		}
		st = cli_clean(c, buf, n, &po, NULL, &out, &fmt, &err);
		free(buf);
		if (st) {
			fprintf(stderr, "winnow: %s: %s\n", shown,
				err.data ? err.data : "failed");
			wn_buf_free(&out);
			wn_buf_free(&err);
			if (st != EXIT_INPUT)
				return st;
			status = st;
			continue;
		}
		wn_buf_free(&err);
		if (c->outdir) {
			char dest[PATH_MAX];
			e = cli_write_to_dir(c->outdir, in, wn_format_ext(fmt),
					     &out, dest, sizeof(dest));
			if (e)
				fprintf(stderr, "winnow: %s: %s\n", dest,
					strerror(-e));
		} else {
			e = cli_write_fd(1, out.data ? out.data : "", out.len);
			if (e)
				fprintf(stderr, "winnow: standard output: %s\n",
					strerror(-e));
		}
		wn_buf_free(&out);
		if (e)
			return EXIT_OUTPUT;
	}
	return status;
}
