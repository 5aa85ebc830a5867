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
#include <stdio.h>

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

struct cli_profile;

/* What every mode needs to clean and write a document. */
struct cli {
	struct wn_chain *chain;
	struct wn_parse_opts po; /* kind, parser, encoding, url, verbose */
	int to;                  /* a wn_format, or -1 for the input's kind */
	const char *const *json_fields; /* NULL-terminated, or NULL */
	const char *outdir;             /* -o DIR, or NULL */
	int jobs;                       /* worker processes; 1: none */
	bool progress;                  /* a progress line on stderr */
	struct cli_profile *profile;    /* --profile: this process's totals,
					   or NULL */
};

/* ---- read.c ---- */

/* The largest JSONL line: a page, not a bomb. */
#define CLI_MAX_INPUT ((size_t)256 << 20)

/* The largest input file, after gzip inflation (--max-size; 0: none).
 * A web page is rarely over a few MB, and a parsed page takes about ten
 * times its size in memory. */
#define CLI_DEFAULT_MAX_SIZE ((size_t)32 << 20)
extern size_t cli_max_size;

/* Read a whole file ("-" is stdin) into a malloc'd, NUL-terminated
 * buffer; gzip data is inflated.  Returns 0 or a negative errno value
 * (-EBADMSG: broken gzip data, -EFBIG: over cli_max_size). */
int cli_read_file(const char *path, char **out, size_t *outn);

/* The message for an error of cli_read_file. */
const char *cli_read_error(int e);

/* Write all of s to fd; 0 or a negative errno value. */
int cli_write_fd(int fd, const char *s, size_t n);

/* The output name of `input` without extension: its base name, or its
 * path below `root` (an -r directory, or NULL); ".gz" and the
 * extension dropped. */
void cli_out_name(const char *input, const char *root, char *out, size_t cap);

/* Write b to DIR/NAME.EXT (NAME from cli_out_name; its directories are
 * made) through a temporary file and a rename; the path goes to dest.
 * 0 or a negative errno. */
int cli_write_to_dir(const char *dir, const char *name, const char *ext,
		     const struct wn_buf *b, char *dest, size_t destcap);

/* ---- clean.c ---- */

/*
 * Parse `n` bytes of `buf` with po, run the chain and render the result
 * in the chosen format (set in *fmt when fmt is not NULL) into `out` (a
 * JSON object also gets the members of `extra`, a JSON object text,
 * when not NULL).  With `release` not NULL, *release (the caller's
 * allocation holding buf) is freed and set to NULL once the chain is
 * done, before rendering.  Returns an EXIT_* status; on failure a
 * one-line reason (without the input's name) is in `err`.
 */
int cli_clean(const struct cli *c, const char *buf, size_t n, char **release,
	      const struct wn_parse_opts *po, const char *extra,
	      struct wn_buf *out, enum wn_format *fmt, struct wn_buf *err);

/* The output format for a document of kind `kind`. */
enum wn_format cli_format(const struct cli *c, enum wn_kind kind);

/* ---- pool.c ---- */

struct pool;

/* In a worker: do the task (n bytes, NUL-terminated), put the output in
 * out and a reason for a failure in err; returns an EXIT_* status. */
typedef int (*pool_work_fn)(void *ud, const char *task, size_t n,
			    struct wn_buf *out, struct wn_buf *err);
/* In the parent: one result (err NULL when none).  A non-zero return
 * stops the pool: later tasks are refused, and pool_finish returns it. */
typedef int (*pool_done_fn)(void *ud, uint64_t seq, int status, const char *out,
			    size_t outn, const char *err);
/* In a worker whose task pipe has closed (every task done): put what
 * the worker has to tell the parent in out; 0, or non-zero to send
 * nothing. */
typedef int (*pool_report_fn)(void *ud, struct wn_buf *out);
/* In the parent: the report of one worker, or NULL (n 0) for a worker
 * whose report is lost (it died, or its report did not come whole). */
typedef void (*pool_gather_fn)(void *ud, const char *report, size_t n);

/* Start `jobs` worker processes (none for 1).  With `ordered`, results
 * reach `done` in submission order.  `report` and `gather` (both, or
 * neither: NULL) carry a report from each worker to the parent at the
 * end (pool_finish).  0 or a negative errno. */
int pool_new(int jobs, bool ordered, pool_work_fn work, pool_done_fn done,
	     pool_report_fn report, pool_gather_fn gather, void *ud,
	     struct pool **out);
/* Hand over a task (copied); may wait for a worker and call `done` for
 * finished tasks.  0, a negative errno, or done's non-zero return. */
int pool_submit(struct pool *p, const char *task, size_t n);
/* Wait for every task, end the workers and free the pool; returns the
 * value that stopped it, or 0. */
int pool_finish(struct pool *p);

/* A task made of length-prefixed fields. */
int task_put(struct wn_buf *t, const char *s, size_t n);
/* The next field of a task at *p (before end): sets *s, *n and moves
 * *p; false when the task holds no more. */
bool task_get(const char **p, const char *end, const char **s, size_t *n);

/* ---- profile.c ---- */

/* What the command times itself: calls, and wall-clock nanoseconds
 * (CLOCK_MONOTONIC) in them. */
struct cli_prof_row {
	uint64_t calls, ns;
};

/* --profile: the totals of one process, and in the parent the sums of
 * what its workers sent (cli_profile_take).  The steps' own totals are
 * the chain's (wn_chain_profile). */
struct cli_profile {
	uint64_t pages;             /* documents parsed and cleaned */
	struct cli_prof_row parse;  /* wn_doc_parse, the guard's too */
	struct cli_prof_row chain;  /* wn_chain_run, steps included */
	struct cli_prof_row output; /* rendering */
	uint64_t start;             /* cli_now_ns at the start */
	/* in the parent: the workers' totals, summed */
	struct cli_prof_row w_parse, w_chain, w_output;
	uint64_t w_pages;
	struct wn_step_profile *w_steps; /* one per step (no names) */
	size_t nsteps;
	size_t workers; /* workers whose totals came */
	size_t lost;    /* workers whose totals did not (died) */
};

/* The time now, CLOCK_MONOTONIC, in nanoseconds. */
uint64_t cli_now_ns(void);
/* Zero pf for a run of `chain`, from now.  0 or WN_ENOMEM. */
int cli_profile_init(struct cli_profile *pf, const struct wn_chain *chain);
void cli_profile_free(struct cli_profile *pf);
/* In a worker: its totals (pf's and the chain's) as a report for the
 * parent, appended to out.  0 or WN_ENOMEM. */
int cli_profile_put(const struct cli_profile *pf, const struct wn_chain *chain,
		    struct wn_buf *out);
/* In the parent: add a worker's report; NULL, or a report that does
 * not fit the chain, counts the worker as lost. */
void cli_profile_take(struct cli_profile *pf, const char *report, size_t n);
/* Print the table of the run on f: one row per step in chain order,
 * between (parse) and (chain), (output); the totals; a footer when a
 * step failed or a worker's totals were lost. */
void cli_profile_print(const struct cli_profile *pf,
		       const struct wn_chain *chain, FILE *f);

/* ---- progress.c ---- */

struct progress {
	bool tty;     /* draw the line (stderr is a terminal) */
	size_t total; /* 0 when unknown (streams) */
	size_t done, failed, skipped;
	double start, last; /* seconds */
	bool drawn;
};

void progress_start(struct progress *p, bool tty, size_t total);
/* One more page done (failed or not); redraws at most 5 times a second. */
void progress_step(struct progress *p, bool failed);
/* Clear the line before printing a message. */
void progress_clear(struct progress *p);
/* Clear the line and print "winnow: N pages in T s (R pages/s): ...". */
void progress_summary(struct progress *p, const char *what);

/* ---- batch.c ---- */

/* Clean the files (or "-") in `inputs` and write each result to stdout
 * (in order) or to c->outdir.  `roots` is the -r directory each input
 * came from (NULL entries, or NULL for none).  Returns the exit
 * status. */
int cli_batch(const struct cli *c, char *const *inputs,
	      const char *const *roots, size_t ninputs);

/* ---- stream.c ---- */

/* JSON lines (warc false) or WARC files in, JSON lines out, in input
 * order.  Returns the exit status: records that fail are reported
 * in-band and do not change it; an unreadable or damaged file (a WARC
 * file cut short) gives EXIT_INPUT. */
int cli_stream(const struct cli *c, bool warc, char *const *inputs,
	       size_t ninputs);

/* Collect the page files below dir (recursively, sorted) into a
 * malloc'd array of malloc'd paths appended to *v (length *n). */
int cli_collect_dir(const char *dir, char ***v, size_t *n, size_t *cap);

#endif
