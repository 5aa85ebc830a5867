/* SPDX-License-Identifier: MIT */
/*
 * Batch mode: clean a list of files (from the command line and -r
 * directories) through the worker pool, writing each result into the
 * output directory, or to standard output in input order (one input,
 * or JSON lines).  A failing page is reported with its error and the
 * others go on; the exit status is the worst one met.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

struct batch {
	const struct cli *c;
	char *const *inputs;
	const char *const *roots;
	size_t n;
	struct progress pr;
	int status;
};

static const char *shown(const char *in)
{
	return strcmp(in, "-") ? in : "(stdin)";
}

/* Write page i's output into the -o directory. */
static int write_out(const struct batch *b, size_t i, enum wn_format fmt,
		     struct wn_buf *out, struct wn_buf *err)
{
	char name[PATH_MAX], dest[PATH_MAX + 64];
	int e;

	cli_out_name(b->inputs[i], b->roots ? b->roots[i] : NULL, name,
		     sizeof(name));
	e = cli_write_to_dir(b->c->outdir, name, wn_format_ext(fmt), out, dest,
			     sizeof(dest));
	out->len = 0;
	if (e) {
		wn_buf_puts(err, dest);
		wn_buf_puts(err, ": ");
		wn_buf_puts(err, strerror(-e));
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

/* In a worker: the task is the index of the input.  The paths of -o
 * are write_out()'s: 8 KB in this frame would push the whole cleaning
 * two pages further down the stack, a page fault each. */
static int batch_work(void *ud, const char *task, size_t tn, struct wn_buf *out,
		      struct wn_buf *err)
{
	struct batch *b = ud;
	const struct cli *c = b->c;
	size_t i = strtoul(task, NULL, 10);
	const char *in = b->inputs[i];
	struct wn_parse_opts po = c->po;
	enum wn_format fmt = WN_FMT_HTML;
	char *buf = NULL;
	size_t n = 0;
	int e, st;

	(void)tn;
	po.name = shown(in);
	e = cli_read_file(in, &buf, &n);
	if (e) {
		wn_buf_puts(err, cli_read_error(e));
		return EXIT_INPUT;
	}
	st = cli_clean(c, buf, n, &buf, &po, NULL, out, &fmt, err);
	free(buf);
	if (st || !c->outdir)
		return st;
	return write_out(b, i, fmt, out, err);
}

/* In the parent, in input order when writing to stdout. */
static int batch_done(void *ud, uint64_t seq, int status, const char *out,
		      size_t outn, const char *err)
{
	struct batch *b = ud;

	progress_step(&b->pr, status != EXIT_OK);
	if (status) {
		progress_clear(&b->pr);
		fprintf(stderr, "winnow: %s: %s\n", shown(b->inputs[seq]),
			err ? err : "failed");
		if (status > b->status)
			b->status = status;
	}
	if (outn && cli_write_fd(1, out, outn)) {
		progress_clear(&b->pr);
		fprintf(stderr, "winnow: standard output: %s\n",
			strerror(errno));
		b->status = EXIT_OUTPUT;
		return EXIT_OUTPUT;
	}
	return 0;
}

/* --profile: a worker's totals, at its end; in the parent, added up. */
static int batch_report(void *ud, struct wn_buf *out)
{
	const struct batch *b = ud;

	return cli_profile_put(b->c->profile, b->c->chain, out);
}

static void batch_gather(void *ud, const char *report, size_t n)
{
	const struct batch *b = ud;

	cli_profile_take(b->c->profile, report, n);
}

int cli_batch(const struct cli *c, char *const *inputs,
	      const char *const *roots, size_t ninputs)
{
	struct batch b = {
		.c = c, .inputs = inputs, .roots = roots, .n = ninputs};
	struct pool *p;
	int jobs = c->jobs, rc;

	if (jobs > (int)ninputs)
		jobs = (int)ninputs;
	progress_start(&b.pr, c->progress && ninputs > 1, ninputs);
	rc = pool_new(jobs, !c->outdir, batch_work, batch_done,
		      c->profile ? batch_report : NULL,
		      c->profile ? batch_gather : NULL, &b, &p);
	if (rc) {
		fprintf(stderr, "winnow: cannot start workers: %s\n",
			strerror(-rc));
		return EXIT_OUTPUT;
	}
	for (size_t i = 0; i < ninputs; i++) {
		char task[32];

		snprintf(task, sizeof(task), "%zu", i);
		rc = pool_submit(p, task, strlen(task));
		if (rc)
			break;
	}
	{
		int frc = pool_finish(p);

		rc = rc ? rc : frc;
	}
	if (rc < 0) {
		progress_clear(&b.pr);
		fprintf(stderr, "winnow: workers: %s\n", strerror(-rc));
		b.status = EXIT_OUTPUT;
	}
	if (ninputs > 1)
		progress_summary(&b.pr, "pages");
	return b.status;
}

/* ---- -r DIR -------------------------------------------------------- */

static bool is_page(const char *name)
{
	static const char *const exts[] = {".html", ".htm",  ".xhtml", ".shtml",
					   ".txt",  ".text", NULL};
	size_t n = strlen(name);

	if (n > 3 && !strcmp(name + n - 3, ".gz"))
		n -= 3;
	for (const char *const *e = exts; *e; e++) {
		size_t k = strlen(*e);

		if (n > k && !strncasecmp(name + n - k, *e, k))
			return true;
	}
	return false;
}

static int push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		char **p = realloc(*v, nc * sizeof(*p));

		if (!p) {
			free(s);
			return -ENOMEM;
		}
		*v = p;
		*cap = nc;
	}
	(*v)[(*n)++] = s;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *dir, char ***v, size_t *n, size_t *cap, int depth)
{
	struct dirent **ents;
	int k, rc = 0;

	if (depth > 64)
		return -ELOOP;
	k = scandir(dir, &ents, NULL, alphasort);
	if (k < 0)
		return -errno;
	for (int i = 0; i < k; i++) {
		const char *nm = ents[i]->d_name;
		char path[PATH_MAX];
		struct stat st;

		if (!rc && nm[0] != '.' &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, nm) <
			    sizeof(path) &&
		    stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				rc = walk(path, v, n, cap, depth + 1);
			else if (S_ISREG(st.st_mode) && is_page(nm))
				rc = push(v, n, cap, strdup(path));
			if (!rc && *n && !(*v)[*n - 1])
				rc = -ENOMEM;
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int cli_collect_dir(const char *dir, char ***v, size_t *n, size_t *cap)
{
	size_t first = *n;
	int rc = walk(dir, v, n, cap, 0);

	if (!rc)
		qsort(*v + first, *n - first, sizeof(**v), cmp_str);
	return rc;
}
