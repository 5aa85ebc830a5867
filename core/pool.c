/* SPDX-License-Identifier: MIT */
/*
 * Worker processes for --jobs.  The parent forks the workers after the
 * chain is built, so each inherits the loaded steps; it hands one task
 * at a time to an idle worker over a pipe and reads the result back
 * over another.  A worker that dies (a step crashing on a page) fails
 * only its task and is replaced.  In ordered mode the results are
 * handed on in submission order (a reorder buffer holds the early
 * ones, and submission waits while it is full), so a stream comes out
 * in input order.  With one job everything runs in the calling process.
 *
 * Frames: a task is (seq u64, len u64, bytes); a result is (seq u64,
 * status i32, outlen u64, errlen u64, out, err).  With a `report`
 * function, a worker whose task pipe closes at the end of a frame
 * sends a last frame, its report (REPORT_SEQ u64, len u64, bytes),
 * before it exits; pool_finish reads it before it closes the result
 * pipe and waits for the worker.  A report that does not come whole
 * (the worker died, or sent something else) is lost, never read as
 * one: `gather` hears NULL for it, as for a worker that died earlier.
 *
 * The parent does no parsing: in batch mode a task is the index of a
 * file, which the worker reads, cleans and writes itself; in the stream
 * modes it is the record, read by the parent.  The pipes are enlarged
 * (where the system allows) so that a page and its result usually fit
 * whole: the parent hands over a task and a worker its result without
 * waiting for the other side to be scheduled.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

#define MAX_FRAME  ((uint64_t)1 << 34) /* 16 GiB: a corrupt frame */
#define REPORT_SEQ UINT64_MAX          /* no task's: tasks count from 0 */
#define MAX_REPORT ((uint64_t)1 << 24) /* 16 MiB: a corrupt report */

struct result {
	bool ready;
	int status;
	char *out, *err; /* malloc'd */
	size_t outn;
};

struct worker {
	pid_t pid;
	int to, from; /* task pipe (write end), result pipe (read end) */
	bool busy;
	uint64_t seq;
};

struct pool {
	int jobs;
	bool ordered, stopped;
	pool_work_fn work;
	pool_done_fn done;
	pool_report_fn report; /* NULL: no reports */
	pool_gather_fn gather;
	void *ud;
	struct worker *w;
	uint64_t next_seq;  /* of the next task submitted */
	uint64_t next_emit; /* ordered: the next result handed on */
	struct result *win; /* ordered: results seq next_emit.. */
	size_t window;
	int rc; /* first error (negative errno or done's return) */
};

/* ---- I/O --------------------------------------------------------- */

/* Read n bytes: 0, a negative errno, -ENODATA at the end of the pipe
 * before the first byte, -EPIPE at its end after some. */
static int read_full(int fd, void *buf, size_t n)
{
	char *p = buf;

	while (n) {
		ssize_t r = read(fd, p, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return p == buf ? -ENODATA : -EPIPE;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int put_u64(struct wn_buf *b, uint64_t v)
{
	return wn_buf_append(b, (const char *)&v, sizeof(v));
}

/* ---- the worker side --------------------------------------------- */

/* Send the worker's report as the last frame; nothing when it cannot
 * be made (the parent then counts it lost). */
static void send_report(struct pool *p, int out)
{
	struct wn_buf r = {0}, f = {0};

	if (!p->report(p->ud, &r) && !put_u64(&f, REPORT_SEQ) &&
	    !put_u64(&f, r.len) &&
	    !wn_buf_append(&f, r.data ? r.data : "", r.len))
		(void)cli_write_fd(out, f.data, f.len);
	wn_buf_free(&r);
	wn_buf_free(&f);
}

static void worker_main(struct pool *p, int in, int out)
{
	for (;;) {
		uint64_t seq, n;
		char *task;
		struct wn_buf res = {0}, o = {0}, e = {0};
		int32_t st;
		int rc = read_full(in, &seq, sizeof(seq));

		if (rc == -ENODATA && p->report) {
			/* the parent closed the task pipe between tasks:
			 * the end of the run */
			send_report(p, out);
			break;
		}
		if (rc || read_full(in, &n, sizeof(n)) || n > MAX_FRAME)
			break;
		task = malloc(n + 1);
		if (!task || read_full(in, task, n)) {
			free(task);
			break;
		}
		task[n] = '\0';
		st = p->work(p->ud, task, n, &o, &e);
		free(task);
		if (put_u64(&res, seq) ||
		    wn_buf_append(&res, (const char *)&st, sizeof(st)) ||
		    put_u64(&res, o.len) || put_u64(&res, e.len) ||
		    wn_buf_append(&res, o.data ? o.data : "", o.len) ||
		    wn_buf_append(&res, e.data ? e.data : "", e.len) ||
		    cli_write_fd(out, res.data, res.len)) {
			wn_buf_free(&res);
			wn_buf_free(&o);
			wn_buf_free(&e);
			break;
		}
		wn_buf_free(&res);
		wn_buf_free(&o);
		wn_buf_free(&e);
	}
	close(in);
	close(out);
}

#define PIPE_SIZE (1 << 20)

/* A bigger pipe buffer for fd, when the system allows (Linux: up to
 * /proc/sys/fs/pipe-max-size, 1 MiB by default); best effort. */
static void widen(int fd)
{
#ifdef F_SETPIPE_SZ
	if (fcntl(fd, F_SETPIPE_SZ, PIPE_SIZE) < 0)
		(void)fcntl(fd, F_SETPIPE_SZ, 256 << 10);
#else
	(void)fd;
#endif
}

static int spawn(struct pool *p, int i)
{
	int tp[2], rp[2];
	pid_t pid;

	if (pipe(tp) < 0)
		return -errno;
	if (pipe(rp) < 0) {
		int e = errno;

		close(tp[0]);
		close(tp[1]);
		return -e;
	}
	widen(tp[1]);
	widen(rp[1]);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(tp[0]);
		close(tp[1]);
		close(rp[0]);
		close(rp[1]);
		return -e;
	}
	if (pid == 0) {
		/* only this worker's own ends stay open, so every worker
		 * sees the end of its task pipe when the parent closes it */
		for (int k = 0; k < p->jobs; k++)
			if (k != i && p->w[k].pid > 0) {
				close(p->w[k].to);
				close(p->w[k].from);
			}
		close(tp[1]);
		close(rp[0]);
		signal(SIGPIPE, SIG_DFL);
		worker_main(p, tp[0], rp[1]);
		_exit(0);
	}
	close(tp[0]);
	close(rp[1]);
	p->w[i] = (struct worker){.pid = pid, .to = tp[1], .from = rp[0]};
	return 0;
}

/* ---- the parent side --------------------------------------------- */

/* Hand a result on at once (unordered mode). */
static void deliver(struct pool *p, uint64_t seq, int status, char *out,
		    size_t outn, char *err)
{
	if (!p->stopped) {
		int r = p->done(p->ud, seq, status, out, outn, err);

		if (r) {
			p->stopped = true;
			p->rc = p->rc ? p->rc : r;
		}
	}
	free(out);
	free(err);
}

/* Hand on the results that are next in order. */
static void emit_ready(struct pool *p)
{
	for (;;) {
		size_t slot = (size_t)(p->next_emit % p->window);
		struct result *r = &p->win[slot];

		if (!r->ready)
			return;
		if (!p->stopped) {
			int rc = p->done(p->ud, p->next_emit, r->status, r->out,
					 r->outn, r->err);

			if (rc) {
				p->stopped = true;
				p->rc = p->rc ? p->rc : rc;
			}
		}
		free(r->out);
		free(r->err);
		*r = (struct result){0};
		p->next_emit++;
	}
}

static void store(struct pool *p, uint64_t seq, int status, char *out,
		  size_t outn, char *err)
{
	if (!p->ordered) {
		deliver(p, seq, status, out, outn, err);
		return;
	}
	p->win[(size_t)(seq % p->window)] = (struct result){
		.ready = true,
		.status = status,
		.out = out,
		.err = err,
		.outn = outn,
	};
	emit_ready(p);
}

static char *dup_msg(const char *s)
{
	char *d = malloc(strlen(s) + 1);

	if (d)
		strcpy(d, s);
	return d;
}

/* Worker i died or broke its pipe: fail its task, replace it. */
static void worker_lost(struct pool *p, int i)
{
	struct worker *w = &p->w[i];
	char msg[96];
	int ws = 0;

	close(w->to);
	close(w->from);
	while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(ws))
		snprintf(msg, sizeof(msg), "the worker died (signal %d)",
			 WTERMSIG(ws));
	else
		snprintf(msg, sizeof(msg), "the worker died (status %d)",
			 WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
	w->pid = -1;
	if (p->gather)
		p->gather(p->ud, NULL, 0); /* its report is lost */
	if (w->busy) {
		w->busy = false;
		store(p, w->seq, EXIT_INPUT, NULL, 0, dup_msg(msg));
	}
	if (spawn(p, i) < 0)
		w->pid = -1;
}

static void collect(struct pool *p, int i)
{
	struct worker *w = &p->w[i];
	uint64_t seq, on, en;
	int32_t st;
	char *out = NULL, *err = NULL;

	if (read_full(w->from, &seq, sizeof(seq)) ||
	    read_full(w->from, &st, sizeof(st)) ||
	    read_full(w->from, &on, sizeof(on)) ||
	    read_full(w->from, &en, sizeof(en)) || on > MAX_FRAME ||
	    en > MAX_FRAME || seq != w->seq) {
		worker_lost(p, i);
		return;
	}
	out = malloc(on + 1);
	err = malloc(en + 1);
	if (!out || !err || read_full(w->from, out, on) ||
	    read_full(w->from, err, en)) {
		free(out);
		free(err);
		worker_lost(p, i);
		return;
	}
	out[on] = err[en] = '\0';
	w->busy = false;
	if (!en) {
		free(err);
		err = NULL;
	}
	store(p, seq, st, out, on, err);
}

/* Wait for at least one result. */
static int wait_some(struct pool *p)
{
	struct pollfd fds[p->jobs];
	int n = 0, map[p->jobs];

	for (int i = 0; i < p->jobs; i++)
		if (p->w[i].pid > 0 && p->w[i].busy) {
			fds[n] = (struct pollfd){.fd = p->w[i].from,
						 .events = POLLIN};
			map[n++] = i;
		}
	if (!n)
		return 0;
	while (poll(fds, (nfds_t)n, -1) < 0)
		if (errno != EINTR)
			return -errno;
	for (int k = 0; k < n; k++)
		if (fds[k].revents)
			collect(p, map[k]);
	return 0;
}

/* In pool_finish, the task pipe of worker i closed: hand its last
 * frame, the report (NUL-terminated), to gather; NULL when it does not
 * come whole. */
static void gather_report(struct pool *p, int i)
{
	int fd = p->w[i].from;
	uint64_t seq, n;
	char *r = NULL;

	if (!read_full(fd, &seq, sizeof(seq)) && seq == REPORT_SEQ &&
	    !read_full(fd, &n, sizeof(n)) && n <= MAX_REPORT &&
	    (r = malloc(n + 1)) && !read_full(fd, r, n)) {
		r[n] = '\0';
		p->gather(p->ud, r, (size_t)n);
	} else {
		p->gather(p->ud, NULL, 0);
	}
	free(r);
}

int pool_new(int jobs, bool ordered, pool_work_fn work, pool_done_fn done,
	     pool_report_fn report, pool_gather_fn gather, void *ud,
	     struct pool **out)
{
	struct pool *p = calloc(1, sizeof(*p));

	if (!p)
		return -ENOMEM;
	p->jobs = jobs < 1 ? 1 : jobs;
	p->ordered = ordered;
	p->work = work;
	p->done = done;
	/* both or neither */
	p->report = report && gather ? report : NULL;
	p->gather = report && gather ? gather : NULL;
	p->ud = ud;
	if (p->jobs > 1) {
		p->window = (size_t)p->jobs * 16;
		p->w = calloc((size_t)p->jobs, sizeof(*p->w));
		p->win = calloc(p->window, sizeof(*p->win));
		if (!p->w || !p->win) {
			free(p->w);
			free(p->win);
			free(p);
			return -ENOMEM;
		}
		for (int i = 0; i < p->jobs; i++) {
			int rc = spawn(p, i);

			if (rc) {
				p->jobs = i;
				pool_finish(p);
				return rc;
			}
		}
	}
	*out = p;
	return 0;
}

int pool_submit(struct pool *p, const char *task, size_t n)
{
	uint64_t seq = p->next_seq++;
	struct wn_buf hdr = {0};
	int idle = -1;

	if (p->stopped)
		return p->rc;
	if (p->jobs == 1) {
		struct wn_buf o = {0}, e = {0};
		int st = p->work(p->ud, task, n, &o, &e);
		int r = p->done(p->ud, seq, st, o.data, o.len, e.data);

		wn_buf_free(&o);
		wn_buf_free(&e);
		if (r) {
			p->stopped = true;
			p->rc = r;
		}
		return r;
	}
	for (;;) {
		idle = -1;
		for (int i = 0; i < p->jobs && idle < 0; i++)
			if (p->w[i].pid > 0 && !p->w[i].busy)
				idle = i;
		if (idle >= 0 &&
		    (!p->ordered || seq - p->next_emit < p->window))
			break;
		bool alive = false;
		int rc = wait_some(p);

		if (rc)
			return rc;
		if (p->stopped)
			return p->rc;
		for (int i = 0; i < p->jobs; i++)
			alive |= p->w[i].pid > 0;
		if (!alive)
			return -ECHILD;
	}
	if (put_u64(&hdr, seq) || put_u64(&hdr, n)) {
		wn_buf_free(&hdr);
		return -ENOMEM;
	}
	p->w[idle].busy = true;
	p->w[idle].seq = seq;
	if (cli_write_fd(p->w[idle].to, hdr.data, hdr.len) ||
	    cli_write_fd(p->w[idle].to, task, n))
		worker_lost(p, idle);
	wn_buf_free(&hdr);
	return 0;
}

int pool_finish(struct pool *p)
{
	int rc;

	if (!p)
		return 0;
	if (p->jobs > 1) {
		bool busy = true;

		while (busy) {
			busy = false;
			for (int i = 0; i < p->jobs; i++)
				busy |= p->w[i].pid > 0 && p->w[i].busy;
			if (busy && wait_some(p))
				break;
		}
		for (int i = 0; i < p->jobs; i++) {
			if (p->w[i].pid <= 0)
				continue;
			close(p->w[i].to);
			if (p->gather)
				gather_report(p, i);
			close(p->w[i].from);
			while (waitpid(p->w[i].pid, NULL, 0) < 0 &&
			       errno == EINTR)
				;
		}
		for (size_t k = 0; p->win && k < p->window; k++) {
			free(p->win[k].out);
			free(p->win[k].err);
		}
	}
	rc = p->rc;
	free(p->w);
	free(p->win);
	free(p);
	return rc;
}

/* ---- task fields ------------------------------------------------- */

int task_put(struct wn_buf *t, const char *s, size_t n)
{
	int rc = put_u64(t, n);

	return rc ? rc : wn_buf_append(t, s ? s : "", n);
}

bool task_get(const char **p, const char *end, const char **s, size_t *n)
{
	uint64_t k;

	if ((size_t)(end - *p) < sizeof(k))
		return false;
	memcpy(&k, *p, sizeof(k));
	if (k > (uint64_t)(end - *p) - sizeof(k))
		return false;
	*s = *p + sizeof(k);
	*n = (size_t)k;
	*p += sizeof(k) + k;
	return true;
}
