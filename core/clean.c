/* SPDX-License-Identifier: MIT */
/*
 * One document through the command: parse, run the chain, render in
 * the chosen format.  Every mode (single file, batch, JSON lines, WARC)
 * and every worker process cleans through here.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "cli.h"

/* At most this many steps are disabled by the guard for one page. */
#define GUARD_ROUNDS 4

/* --profile: the clock, read only when profiling (pf not NULL). */
static uint64_t tick(const struct cli_profile *pf)
{
	return pf ? cli_now_ns() : 0;
}

/* --profile: one call on row r, from t0 (tick) to now; r NULL when not
 * profiling. */
static void charge(struct cli_prof_row *r, uint64_t t0)
{
	if (r) {
		r->calls++;
		r->ns += cli_now_ns() - t0;
	}
}

enum wn_format cli_format(const struct cli *c, enum wn_kind kind)
{
	if (c->to >= 0)
		return (enum wn_format)c->to;
	return kind == WN_KIND_TEXT ? WN_FMT_TEXT : WN_FMT_HTML;
}

int cli_clean(const struct cli *c, const char *buf, size_t n, char **release,
	      const struct wn_parse_opts *po, const char *extra,
	      struct wn_buf *out, enum wn_format *fmt_out, struct wn_buf *err)
{
	struct wn_doc *doc = NULL;
	struct cli_profile *pf = c->profile;
	enum wn_format fmt;
	size_t disabled[GUARD_ROUNDS], ndisabled = 0;
	uint64_t t0 = tick(pf);
	int rc;

	rc = wn_doc_parse(buf, n, po, &doc);
	charge(pf ? &pf->parse : NULL, t0);
	if (rc) {
		wn_buf_puts(err, wn_strerror(rc));
		if (rc == WN_EINVAL)
			wn_buf_puts(err, " (unknown --encoding?)");
		return EXIT_INPUT;
	}
	if (pf)
		pf->pages++;
	t0 = tick(pf);
	rc = wn_chain_run(c->chain, doc);
	charge(pf ? &pf->chain : NULL, t0);
	/* the guard: a step lost the article; clean a fresh parse again
	 * without it, and so on (each round disables one more step) */
	for (long g; !rc && (g = wn_chain_guard(c->chain)) >= 0;) {
		wn_chain_disable(c->chain, (size_t)g, true);
		ndisabled++;
		fprintf(stderr,
			"winnow: %s: the step '%s' removed the article's text; "
			"cleaned again without it\n",
			po->name ? po->name : "-",
			wn_chain_step_name(c->chain, (size_t)g));
		disabled[ndisabled - 1] = (size_t)g;
		wn_doc_free(doc);
		doc = NULL;
		t0 = tick(pf);
		rc = wn_doc_parse(buf, n, po, &doc);
		charge(pf ? &pf->parse : NULL, t0);
		if (rc) {
			rc = 0;
			break;
		}
		t0 = tick(pf);
		rc = wn_chain_run(c->chain, doc);
		charge(pf ? &pf->chain : NULL, t0);
		if (ndisabled >= GUARD_ROUNDS)
			break;
	}
	for (size_t i = 0; i < ndisabled; i++)
		wn_chain_disable(c->chain, disabled[i], false);
	if (!doc) {
		wn_buf_puts(err, "cannot parse it again");
		return EXIT_INPUT;
	}
	if (rc) {
		wn_doc_free(doc);
		wn_buf_puts(err, "a step failed under --strict");
		return EXIT_STEP;
	}
	if (release) {
		/* the page is not needed to render: a big one need not be
		 * held beside its rendering */
		free(*release);
		*release = NULL;
	}
	fmt = cli_format(c, wn_doc_kind(doc));
	if (fmt_out)
		*fmt_out = fmt;
	t0 = tick(pf);
	if (fmt == WN_FMT_JSON) {
		struct wn_json_opts jo = {.fields = c->json_fields,
					  .chain = c->chain,
					  .extra = extra};

		rc = wn_doc_write_json(doc, &jo, out);
	} else {
		rc = wn_doc_write(doc, fmt, out);
	}
	charge(pf ? &pf->output : NULL, t0);
	wn_doc_free(doc);
	if (rc) {
		wn_buf_puts(err, "cannot render: ");
		wn_buf_puts(err, wn_strerror(rc));
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}
