/* SPDX-License-Identifier: MIT */
/* Unit tests: the worker pool's reports at the end of a run (each
 * worker's reaches the parent; one cut short, of another kind, too big
 * or never sent is lost, never read as a report). */
#include "tap.h"
#include "common.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* pool.c's marker of a report frame */
#define REPORT_SEQ UINT64_MAX

enum mode { GOOD, CUT, OTHER, HUGE, DIE, REFUSE };

static enum mode mode;          /* what the workers' report does */
static unsigned long done_here; /* tasks done by this worker */

struct tally {
	size_t results, reports, lost;
	unsigned long tasks; /* summed from the reports */
};

static int work(void *ud, const char *task, size_t n, struct wn_buf *out,
		struct wn_buf *err)
{
	(void)ud;
	(void)err;
	done_here++;
	return wn_buf_append(out, task, n) ? EXIT_OUTPUT : EXIT_OK;
}

static int done(void *ud, uint64_t seq, int status, const char *out,
		size_t outn, const char *err)
{
	struct tally *t = ud;

	(void)seq;
	(void)out;
	(void)outn;
	(void)err;
	t->results += status == EXIT_OK;
	return 0;
}

/* The worker's end of its result pipe: its only pipe open for
 * writing. */
static int result_fd(void)
{
	for (int fd = 3; fd < 1024; fd++) {
		struct stat st;
		int fl = fcntl(fd, F_GETFL);

		if (fl >= 0 && (fl & O_ACCMODE) == O_WRONLY &&
		    !fstat(fd, &st) && S_ISFIFO(st.st_mode))
			return fd;
	}
	return -1;
}

/* Write a frame of words and bytes by hand, then die. */
static void forge(uint64_t seq, uint64_t len, const char *bytes, size_t n)
{
	int fd = result_fd();

	if (fd >= 0 && write(fd, &seq, sizeof(seq)) == sizeof(seq) &&
	    write(fd, &len, sizeof(len)) == sizeof(len) && n)
		(void)!write(fd, bytes, n);
	_exit(0);
}

static int report(void *ud, struct wn_buf *out)
{
	char s[32];

	(void)ud;
	switch (mode) {
	case GOOD:
		snprintf(s, sizeof(s), "%lu", done_here);
		return wn_buf_puts(out, s);
	case CUT: /* 100 bytes announced, 10 sent */
		forge(REPORT_SEQ, 100, "0123456789", 10);
		break;
	case OTHER: /* a result frame's seq */
		forge(5, 3, "abc", 3);
		break;
	case HUGE:
		forge(REPORT_SEQ, (uint64_t)1 << 40, "1", 1);
		break;
	case DIE:
		_exit(0);
	case REFUSE:
		return WN_ENOMEM;
	}
	return 0;
}

static void gather(void *ud, const char *r, size_t n)
{
	struct tally *t = ud;

	if (!r) {
		t->lost++;
		return;
	}
	t->reports++;
	if (n && n < 32 && r[n] == '\0') /* NUL-terminated by the pool */
		t->tasks += strtoul(r, NULL, 10);
}

/* Run `ntasks` tasks through `jobs` workers whose report does m. */
static struct tally run_pool(int jobs, enum mode m, int ntasks)
{
	struct tally t = {0};
	struct pool *p = NULL;
	int rc;

	mode = m;
	rc = pool_new(jobs, false, work, done, report, gather, &t, &p);
	if (rc)
		return (struct tally){.lost = 999};
	for (int i = 0; i < ntasks && !rc; i++)
		rc = pool_submit(p, "task", 4);
	if (pool_finish(p) || rc)
		t.lost += 1000;
	return t;
}

int main(void)
{
	struct tally t;

	t = run_pool(3, GOOD, 10);
	ok(t.results == 10 && t.reports == 3 && t.lost == 0 && t.tasks == 10,
	   "each worker's report reaches the parent, whole");
	t = run_pool(1, GOOD, 4);
	ok(t.results == 4 && t.reports == 0 && t.lost == 0,
	   "no workers, no reports");
	t = run_pool(2, CUT, 6);
	ok(t.results == 6 && t.reports == 0 && t.lost == 2,
	   "a report cut short is lost");
	t = run_pool(2, OTHER, 6);
	ok(t.results == 6 && t.reports == 0 && t.lost == 2,
	   "a last frame that is no report is lost");
	t = run_pool(2, HUGE, 6);
	ok(t.results == 6 && t.reports == 0 && t.lost == 2,
	   "a report of an absurd length is lost, nothing allocated");
	t = run_pool(2, DIE, 6);
	ok(t.results == 6 && t.reports == 0 && t.lost == 2,
	   "a worker that dies at the end: its report is lost");
	t = run_pool(2, REFUSE, 6);
	ok(t.results == 6 && t.reports == 0 && t.lost == 2,
	   "a report that cannot be made is lost");

	return done_testing();
}
