/* SPDX-License-Identifier: MIT */
/* Unit tests: the worker pool's reports at the end of a run (each
 * worker's reaches the parent; one cut short, of another kind, too big
 * or never sent is lost, never read as a report) and the --profile
 * totals made of them (a report that does not fit is dropped whole). */
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
	static const struct {
		enum mode mode;
		const char *what;
	} lost[] = {
		{CUT, "a report cut short is lost"},
		{OTHER, "a last frame that is no report is lost"},
		{HUGE, "a report of an absurd length is lost, nothing allocated"},
		{DIE, "a worker that dies at the end: its report is lost"},
		{REFUSE, "a report that cannot be made is lost"},
	};
	struct tally t;
	struct memlog lg;
	struct wn_ctx *ctx = NULL;
	struct wn_chain *ch = NULL;
	struct wn_ctx_opts co = {0};
	struct cli_profile pf, par;
	struct wn_buf rep = {0};
	const char *text;

	t = run_pool(3, GOOD, 10);
	ok(t.results == 10 && t.reports == 3 && t.lost == 0 && t.tasks == 10,
	   "each worker's report reaches the parent, whole");
	t = run_pool(1, GOOD, 4);
	ok(t.results == 4 && t.reports == 0 && t.lost == 0,
	   "no workers, no reports");
	/* a last frame that does not arrive whole is lost, never read */
	for (size_t i = 0; i < sizeof(lost) / sizeof(lost[0]); i++) {
		t = run_pool(2, lost[i].mode, 6);
		ok(t.results == 6 && t.reports == 0 && t.lost == 2, "%s",
		   lost[i].what);
	}

	/* --profile: a worker's totals, sent and summed */
	memlog_open(&lg);
	co.log = lg.f;
	wn_ctx_new(&co, &ctx);
	wn_chain_new(ctx, &ch);
	wn_chain_parse(ch, "empty\nwhitespace\n", "p.chain", NULL);
	if (cli_profile_init(&pf, ch) || cli_profile_init(&par, ch)) {
		ok(0, "cli_profile_init");
		return done_testing();
	}
	for (int i = 0; i < 2; i++) {
		struct wn_doc *d = html_doc("<div><p></p><p>text</p></div>");

		pf.pages++;
		wn_chain_run(ch, d);
		wn_doc_free(d);
	}
	pf.parse = (struct cli_prof_row){2, 2000};
	pf.chain = (struct cli_prof_row){2, 3000};
	pf.output = (struct cli_prof_row){2, 500};
	ok(!cli_profile_put(&pf, ch, &rep) && rep.len > 0, "a report made");
	cli_profile_take(&par, rep.data, rep.len);
	{
		const struct wn_step_profile *s;
		size_t n = wn_chain_profile(ch, &s);

		ok(n == 2 && par.workers == 1 && par.lost == 0 &&
			   par.w_pages == 2 && par.w_parse.ns == 2000 &&
			   par.w_chain.calls == 2 && par.w_output.ns == 500 &&
			   par.w_steps[0].runs == 2 &&
			   par.w_steps[0].visited == s[0].visited &&
			   par.w_steps[0].visited > 0 &&
			   par.w_steps[0].removed == s[0].removed &&
			   par.w_steps[1].ns == s[1].ns,
		   "the parent has the worker's totals");
	}
	cli_profile_take(&par, rep.data, rep.len - 1);
	cli_profile_take(&par, NULL, 0);
	cli_profile_take(&par, rep.data, 16);
	{
		uint64_t w = 3; /* another number of steps */

		memcpy(rep.data + 8, &w, sizeof(w));
		cli_profile_take(&par, rep.data, rep.len);
		w = 7; /* another magic */
		memcpy(rep.data, &w, sizeof(w));
		cli_profile_take(&par, rep.data, rep.len);
	}
	ok(par.workers == 1 && par.lost == 5 && par.w_pages == 2 &&
		   par.w_steps[0].runs == 2,
	   "reports that do not fit are dropped whole, counted lost");

	memlog_reset(&lg);
	cli_profile_print(&par, ch, lg.f);
	text = memlog_text(&lg);
	{
		const char *a = strstr(text, "\n  (parse) "),
			   *b = a ? strstr(a, "\n  empty ") : NULL,
			   *c = b ? strstr(b, "\n  whitespace ") : NULL,
			   *d = c ? strstr(c, "\n  (chain) ") : NULL,
			   *e = d ? strstr(d, "\n  (output) ") : NULL,
			   *f = e ? strstr(e, "\n  total ") : NULL;

		ok(f != NULL, "the table: parse, the steps in order, chain, "
			      "output, total");
		ok(strstr(text, "winnow: profile: 2 pages") &&
			   strstr(text, "6 worker processes"),
		   "the pages and the workers in the heading");
		ok(strstr(text, "5 worker processes died") != NULL,
		   "the footer says figures were lost");
	}
	wn_buf_free(&rep);
	cli_profile_free(&pf);
	cli_profile_free(&par);
	wn_chain_free(ch);
	wn_ctx_free(ctx);
	memlog_close(&lg);
	return done_testing();
}
