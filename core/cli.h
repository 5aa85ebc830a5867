/* SPDX-License-Identifier: MIT */
/*
 * The modules of the winnow command (not of libwinnow): reading inputs,
 * cleaning one document into its output, the batch and stream modes and
 * the worker processes behind --jobs.  main.c parses the options into a
 * struct cli and hands it to one of the modes.
 */
#ifndef WINNOW_CLI_H
#define WINNOW_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <winnow/winnow.h>

/* Exit statuses, documented in winnow(1). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_INPUT = 2,
	EXIT_LOAD = 3,
	EXIT_STEP = 4,
	EXIT_OUTPUT = 5
};

/* What every mode needs to clean and write a document. */
struct cli {
	struct wn_chain *chain;
	struct wn_parse_opts po; /* kind, parser, encoding, url, verbose */
	int to;                  /* a wn_format, or -1 for the input's kind */
	const char *const *json_fields; /* NULL-terminated, or NULL */
	const char *outdir;             /* -o DIR, or NULL */
	int jobs;                       /* worker processes; 1: none */
	bool progress;                  /* a progress line on stderr */
};

/* ---- read.c ---- */

/* Read a whole file ("-" is stdin) into a malloc'd, NUL-terminated
 * buffer.  Returns 0 or a negative errno value. */
int cli_read_file(const char *path, char **out, size_t *outn);

/* Write all of s to fd; 0 or a negative errno value. */
int cli_write_fd(int fd, const char *s, size_t n);

/* Write b to DIR/<base of input>.<ext> through a temporary file and
 * rename; the path written goes to dest.  0 or a negative errno. */
int cli_write_to_dir(const char *dir, const char *input, const char *ext,
		     const struct wn_buf *b, char *dest, size_t destcap);

/* ---- clean.c ---- */

/*
 * Parse `n` bytes of `buf` with po, run the chain and render the result
 * in the chosen format (set in *fmt when fmt is not NULL) into `out` (a
 * JSON object also gets the members of `extra`, a JSON object text,
 * when not NULL).  Returns an EXIT_* status; on failure a one-line
 * reason (without the input's name) is in `err`.
 */
int cli_clean(const struct cli *c, const char *buf, size_t n,
	      const struct wn_parse_opts *po, const char *extra,
	      struct wn_buf *out, enum wn_format *fmt, struct wn_buf *err);

/* The output format for a document of kind `kind`. */
enum wn_format cli_format(const struct cli *c, enum wn_kind kind);

/* ---- batch.c ---- */

/* Clean the files (or "-") in `inputs` and write each result to stdout
 * (one input) or to c->outdir.  Returns the exit status. */
int cli_batch(const struct cli *c, char *const *inputs, size_t ninputs);

#endif
