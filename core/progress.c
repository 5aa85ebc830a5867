/* SPDX-License-Identifier: MIT */
/*
 * The progress line of the batch and stream modes, drawn on stderr only
 * when it is a terminal (pages done, pages per second, the time left
 * when the total is known, failures), and the summary at the end.
 */
#include <config.h>

#include <stdio.h>
#include <time.h>

#include "cli.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, bool tty, size_t total)
{
	*p = (struct progress){.tty = tty, .total = total};
	p->start = p->last = now();
}

static void draw(struct progress *p, double t)
{
	double rate = t > p->start ? (double)p->done / (t - p->start) : 0;

	if (p->total)
		fprintf(stderr, "\r\033[Kwinnow: %zu/%zu pages, %.1f pages/s",
			p->done, p->total, rate);
	else
		fprintf(stderr, "\r\033[Kwinnow: %zu pages, %.1f pages/s",
			p->done, rate);
	if (p->total && rate > 0) {
		unsigned long left =
			(unsigned long)((double)(p->total - p->done) / rate);

		fprintf(stderr, ", ETA %lu:%02lu", left / 60, left % 60);
	}
	if (p->failed)
		fprintf(stderr, ", %zu failed", p->failed);
	fflush(stderr);
	p->drawn = true;
	p->last = t;
}

void progress_step(struct progress *p, bool failed)
{
	double t;

	p->done++;
	p->failed += failed;
	if (!p->tty)
		return;
	t = now();
	if (t - p->last >= 0.2 || (p->total && p->done == p->total))
		draw(p, t);
}

void progress_clear(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = false;
	}
}

void progress_summary(struct progress *p, const char *what)
{
	double t = now() - p->start;

	progress_clear(p);
	fprintf(stderr, "winnow: %zu %s in %.1f s (%.1f/s): %zu ok, %zu failed",
		p->done + p->skipped, what, t,
		t > 0 ? (double)p->done / t : 0.0, p->done - p->failed,
		p->failed);
	if (p->skipped)
		fprintf(stderr, ", %zu skipped", p->skipped);
	fputc('\n', stderr);
}
