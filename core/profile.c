/* SPDX-License-Identifier: MIT */
/*
 * --profile: where the time of a run goes.  Each process that cleans
 * pages (the command itself, or each worker behind --jobs) times its
 * parses, its runs of the chain and its renderings (clean.c), and the
 * chain keeps each step's totals (wn_chain_profile).  A worker sends
 * all of them to the parent as a report when its task pipe closes
 * (pool.c); the parent adds them up and prints one table on stderr
 * after the run.  The parent cleans nothing while it has workers, and
 * forks each with its totals at zero, so a worker's totals are its own.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* A report is 64-bit words in the machine's order (the parent and its
 * workers are one program): REPORT_MAGIC, the number of steps, the
 * pages, the calls and ns of parse, chain and output (HEAD_WORDS in
 * all), then STEP_WORDS for each step: runs, failed, ns, visited,
 * removed, chars. */
#define REPORT_MAGIC UINT64_C(0x77696e6e6f775031) /* "winnowP1" */
#define HEAD_WORDS   9
#define STEP_WORDS   6

uint64_t cli_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int cli_profile_init(struct cli_profile *pf, const struct wn_chain *chain)
{
	size_t n = wn_chain_len(chain);

	*pf = (struct cli_profile){.nsteps = n};
	pf->w_steps = calloc(n ? n : 1, sizeof(*pf->w_steps));
	if (!pf->w_steps)
		return WN_ENOMEM;
	pf->start = cli_now_ns();
	return 0;
}

void cli_profile_free(struct cli_profile *pf)
{
	free(pf->w_steps);
	pf->w_steps = NULL;
}

int cli_profile_put(const struct cli_profile *pf, const struct wn_chain *chain,
		    struct wn_buf *out)
{
	const struct wn_step_profile *s;
	size_t n = wn_chain_profile(chain, &s);
	const uint64_t head[HEAD_WORDS] = {REPORT_MAGIC, n,
					   pf->pages,    pf->parse.calls,
					   pf->parse.ns, pf->chain.calls,
					   pf->chain.ns, pf->output.calls,
					   pf->output.ns};
	int rc = wn_buf_append(out, (const char *)head, sizeof(head));

	for (size_t i = 0; i < n && !rc; i++) {
		const uint64_t w[STEP_WORDS] = {s[i].runs,    s[i].failed,
						s[i].ns,      s[i].visited,
						s[i].removed, s[i].chars};

		rc = wn_buf_append(out, (const char *)w, sizeof(w));
	}
	return rc ? WN_ENOMEM : 0;
}

static void add_row(struct cli_prof_row *r, const uint64_t *w)
{
	r->calls += w[0];
	r->ns += w[1];
}

void cli_profile_take(struct cli_profile *pf, const char *report, size_t n)
{
	uint64_t head[HEAD_WORDS];

	/* a report that does not fit is dropped whole: figures from a
	 * worker that went wrong are not summed with the others */
	if (!report || n < sizeof(head)) {
		pf->lost++;
		return;
	}
	memcpy(head, report, sizeof(head));
	if (head[0] != REPORT_MAGIC || head[1] != pf->nsteps ||
	    n != (HEAD_WORDS + STEP_WORDS * pf->nsteps) * sizeof(uint64_t)) {
		pf->lost++;
		return;
	}
	pf->w_pages += head[2];
	add_row(&pf->w_parse, head + 3);
	add_row(&pf->w_chain, head + 5);
	add_row(&pf->w_output, head + 7);
	report += sizeof(head);
	for (size_t i = 0; i < pf->nsteps; i++) {
		uint64_t w[STEP_WORDS];
		struct wn_step_profile *s = &pf->w_steps[i];

		memcpy(w, report, sizeof(w));
		report += sizeof(w);
		s->runs += w[0];
		s->failed += w[1];
		s->ns += w[2];
		s->visited += w[3];
		s->removed += w[4];
		s->chars += w[5];
	}
	pf->workers++;
}

/* ---- the table ----------------------------------------------------- */

struct table {
	FILE *f;
	int width;      /* of the first column */
	uint64_t total; /* ns of every row */
	uint64_t pages;
};

/* One row; `s` NULL for a row without elements and removals. */
static void row(const struct table *t, const char *name, uint64_t calls,
		uint64_t ns, const struct wn_step_profile *s)
{
	fprintf(t->f, "  %-*s %7llu %9.1f %5.1f%% ", t->width, name,
		(unsigned long long)calls, (double)ns / 1e6,
		t->total ? 100.0 * (double)ns / (double)t->total : 0.0);
	if (t->pages)
		fprintf(t->f, "%9.1f", (double)ns / 1e3 / (double)t->pages);
	else
		fprintf(t->f, "%9s", "-");
	if (s)
		fprintf(t->f, " %10llu %8llu %10llu\n",
			(unsigned long long)s->visited,
			(unsigned long long)s->removed,
			(unsigned long long)s->chars);
	else
		fprintf(t->f, " %10s %8s %10s\n", "-", "-", "-");
}

void cli_profile_print(const struct cli_profile *pf,
		       const struct wn_chain *chain, FILE *f)
{
	const struct wn_step_profile *own;
	size_t n = wn_chain_profile(chain, &own);
	struct cli_prof_row parse = pf->parse, ch = pf->chain,
			    output = pf->output;
	struct wn_step_profile sum = {0};
	struct table t = {.f = f, .width = 8};
	uint64_t wall = cli_now_ns() - pf->start, steps_ns = 0;

	if (n != pf->nsteps)
		return; /* not the chain of cli_profile_init */
	add_row(&parse, (const uint64_t[]){pf->w_parse.calls, pf->w_parse.ns});
	add_row(&ch, (const uint64_t[]){pf->w_chain.calls, pf->w_chain.ns});
	add_row(&output,
		(const uint64_t[]){pf->w_output.calls, pf->w_output.ns});
	t.pages = pf->pages + pf->w_pages;
	for (size_t i = 0; i < n; i++) {
		int w = (int)strlen(own[i].step);

		if (w > t.width)
			t.width = w > 40 ? 40 : w;
		steps_ns += own[i].ns + pf->w_steps[i].ns;
	}
	/* the chain's row is its time outside the steps */
	ch.ns = ch.ns > steps_ns ? ch.ns - steps_ns : 0;
	t.total = parse.ns + steps_ns + ch.ns + output.ns;

	fprintf(f, "winnow: profile: %llu page%s, %.2f s wall-clock, ",
		(unsigned long long)t.pages, t.pages == 1 ? "" : "s",
		(double)wall / 1e9);
	if (pf->workers + pf->lost)
		fprintf(f, "%zu worker process%s (times summed)\n",
			pf->workers + pf->lost,
			pf->workers + pf->lost == 1 ? "" : "es");
	else
		fputs("one process\n", f);
	fprintf(f, "  %-*s %7s %9s %6s %9s %10s %8s %10s\n", t.width, "step",
		"runs", "total ms", "share", "us/page", "elements", "removed",
		"chars");
	row(&t, "(parse)", parse.calls, parse.ns, NULL);
	for (size_t i = 0; i < n; i++) {
		struct wn_step_profile s = own[i];
		const struct wn_step_profile *w = &pf->w_steps[i];

		s.runs += w->runs;
		s.failed += w->failed;
		s.ns += w->ns;
		s.visited += w->visited;
		s.removed += w->removed;
		s.chars += w->chars;
		row(&t, s.step, s.runs, s.ns, &s);
		sum.visited += s.visited;
		sum.removed += s.removed;
		sum.chars += s.chars;
	}
	row(&t, "(chain)", ch.calls, ch.ns, NULL);
	row(&t, "(output)", output.calls, output.ns, NULL);
	row(&t, "total", t.pages, t.total, &sum);
	for (size_t i = 0; i < n; i++) {
		uint64_t failed = own[i].failed + pf->w_steps[i].failed;

		if (failed)
			fprintf(f,
				"  %s: failed runs: %llu (undone: their time "
				"and elements count, their removals not)\n",
				own[i].step, (unsigned long long)failed);
	}
	if (pf->lost)
		fprintf(f,
			"  %zu worker process%s died: the pages %s cleaned "
			"are missing from this table\n",
			pf->lost, pf->lost == 1 ? "" : "es",
			pf->lost == 1 ? "it" : "they");
}
