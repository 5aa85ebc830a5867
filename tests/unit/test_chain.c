/* SPDX-License-Identifier: MIT */
/* Unit tests: the chain runs steps in order, skips what it is told to,
 * undoes a failing step completely and stops on it under strict. */
#include <pthread.h>

#include "tap.h"
#include "common.h"

/* WN_NODE_KEEP of core/internal.h: site rules set it. */

static struct memlog lg;

static struct wn_ctx *new_ctx(bool strict, bool explain)
{
	const char *dirs[] = {test_plugin_dir(), NULL};
	struct wn_ctx_opts o = {.plugin_path = dirs,
				.log = lg.f,
				.strict = strict,
				.explain = explain};
	struct wn_ctx *c = NULL;

	wn_ctx_new(&o, &c);
	return c;
}

static char *as(struct wn_doc *d, enum wn_format f)
{
	struct wn_buf b = {0};

	wn_doc_write(d, f, &b);
	return b.data ? b.data : strdup("");
}

static const char *page =
	"<html><body><div class=a><p id=p1>One <b>x</b></p><p>Two</p></div>"
	"<section><p class=k>Three</p>tail</section></body></html>";

/* One page through a chain on a thread of its own: the caches the steps
 * keep per thread (the answers of dom.c, the token index of select.c)
 * are freed when it ends, which valgrind's leak check sees. */
struct on_thread {
	struct wn_chain *ch;
	const char *page;
	char *out;
};

static void *run_on_thread(void *arg)
{
	struct on_thread *t = arg;
	struct wn_doc *d = html_doc(t->page);

	if (d && !wn_chain_run(t->ch, d))
		t->out = as(d, WN_FMT_TEXT);
	wn_doc_free(d);
	return NULL;
}

int main(void)
{
	struct wn_ctx *c;
	struct wn_chain *ch;
	struct wn_doc *d;
	char *before, *after;
	int rc;

	memlog_open(&lg);

	/* order and arguments */
	c = new_ctx(false, false);
	wn_chain_new(c, &ch);
	rc = wn_chain_parse(ch,
			    "# a comment\nt_mark text=A\n\n"
			    "plugin t_mark text=B  # two instances\n",
			    "order.chain", NULL);
	is_int(rc, 0, "chain file parses");
	is_int(wn_chain_len(ch), 2, "two steps");
	d = html_doc("<p>start</p>");
	wn_chain_run(ch, d);
	after = as(d, WN_FMT_TEXT);
	is_str(after, "start\n\nA\n\nB\n", "steps run in order, own args");
	free(after);
	wn_doc_free(d);
	wn_chain_free(ch);

	/* skip */
	wn_chain_new(c, &ch);
	{
		const char *skip[] = {"abi_major", NULL};

		rc = wn_chain_parse(ch, "abi_major\nt_mark\n", "skip.chain",
				    skip);
		is_int(rc, 0, "a skipped bad plugin is never loaded");
		is_int(wn_chain_len(ch), 1, "one step left");
		is_str(wn_chain_step_name(ch, 0), "t_mark", "the right one");
	}
	wn_chain_free(ch);

	/* errors with file:line */
	wn_chain_new(c, &ch);
	memlog_reset(&lg);
	rc = wn_chain_parse(ch, "t_mark\nt_mark text\n", "bad.chain", NULL);
	is_int(rc, WN_EINVAL, "not key=value");
	ok(strstr(memlog_text(&lg), "argument 'text' is not key=value") &&
		   strstr(memlog_text(&lg), "bad.chain:2"),
	   "error names file and line");
	memlog_reset(&lg);
	rc = wn_chain_parse(ch, "\n\nplugin\n", "bad2.chain", NULL);
	ok(rc == WN_EINVAL && strstr(memlog_text(&lg), "bad2.chain:3: "
						       "expected a step name"),
	   "missing name");
	memlog_reset(&lg);
	rc = wn_chain_parse(ch, "t_args mode=c\n", "args.chain", NULL);
	ok(rc == WN_ELOAD && strstr(memlog_text(&lg), "mode must be a or b"),
	   "plugin argument error");
	rc = wn_chain_parse(ch, "t_args mode=b\n", "args.chain", NULL);
	is_int(rc, 0, "good plugin argument");
	wn_chain_free(ch);

	/* a failing step is undone, the chain goes on */
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_fail\nt_mark text=after\n", "f.chain", NULL);
	d = html_doc(page);
	before = as(d, WN_FMT_HTML);
	memlog_reset(&lg);
	rc = wn_chain_run(ch, d);
	is_int(rc, 0, "a failure is not fatal");
	ok(strstr(memlog_text(&lg), "t_fail: (stdin)") == NULL &&
		   strstr(memlog_text(&lg), "t_fail: -: failed (step failed)"),
	   "failure reported with the step name");
	after = as(d, WN_FMT_HTML);
	{
		/* the document is exactly as before, plus the later step */
		char *mark = strstr(after, "<p>after</p>");

		ok(mark != NULL, "later steps still run");
		if (mark)
			memmove(mark, mark + 12, strlen(mark + 12) + 1);
		is_str(after, before, "every change of the failed step undone");
	}
	free(before);
	free(after);
	wn_doc_free(d);
	wn_chain_free(ch);

	/* read-only steps cannot write */
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_readonly\n", "ro.chain", NULL);
	d = html_doc(page);
	before = as(d, WN_FMT_HTML);
	memlog_reset(&lg);
	wn_chain_run(ch, d);
	after = as(d, WN_FMT_HTML);
	is_str(after, before, "read-only step left the page alone");
	ok(strstr(memlog_text(&lg), "declared read-only") != NULL,
	   "read-only violation reported");
	free(before);
	free(after);
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* strict */
	c = new_ctx(true, false);
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_fail\nt_mark\n", "s.chain", NULL);
	d = html_doc(page);
	rc = wn_chain_run(ch, d);
	is_int(rc, WN_ESTEP, "--strict stops on a failing step");
	after = as(d, WN_FMT_TEXT);
	is_str(after, "One x\n\nTwo\n\nThree\n\ntail\n",
	       "and the page is as before it");
	free(after);
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* elements kept (t_touch keeps ids k*) stay as they are, with all
	 * they hold */
	c = new_ctx(false, false);
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_touch\n", "k.chain", NULL);
	d = html_doc("<html><body>"
		   "<div class=rm><p>gone</p><p id=k1>kept <b class=rm>"
		   "bold</b></p><p>gone too</p></div>"
		   "<p class='rm' id=k2>kept whole</p>"
		   "<div class='uw at'><p class=tx>inner</p></div>"
		   "<p class='tx' id=k3>untouched</p>"
		   "<div class='tx'><span id=k4>inside</span> out</div>"
		   "</body></html>");
	wn_chain_run(ch, d);
	after = as(d, WN_FMT_HTML);
	ok(strstr(after, "<div class=\"rm\"><p id=\"k1\">kept <b "
			 "class=\"rm\">bold</b></p></div>") != NULL,
	   "removing an element removes all around the kept one in it");
	ok(strstr(after, "kept whole") != NULL, "a kept element stays");
	ok(strstr(after, "<p class=\"tx\">changed</p>") != NULL &&
		   strstr(after, "data-t") == NULL &&
		   strstr(after, ">untouched<") != NULL &&
		   strstr(after, "<span id=\"k4\">inside</span> out") != NULL,
	   "other elements change, kept ones and their parents' text not");
	free(after);
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* the profile: totals over the documents, a failed run's time and
	 * walk counted but not its removals, no run for a disabled step */
	c = new_ctx(false, false);
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_mark\nt_fail greedy=1\nt_fail\n", "p.chain",
		       NULL);
	{
		const struct wn_step_profile *p, *p2;
		const struct wn_step_stats *st;
		struct wn_step_profile first[3];
		size_t n = wn_chain_profile(ch, &p);
		bool zero = true;

		is_int(n, 3, "profile: one entry per step");
		for (size_t i = 0; i < n; i++)
			zero &= p[i].runs == 0 && p[i].ns == 0 &&
				p[i].visited == 0 && p[i].removed == 0;
		ok(zero, "profile: all zero before a run");
		ok(!strcmp(p[0].step, "t_mark") &&
			   !strcmp(p[1].step, "t_fail") &&
			   !strcmp(p[2].step, "t_fail"),
		   "profile: the steps in chain order");
		d = html_doc(page);
		memlog_reset(&lg);
		wn_chain_run(ch, d);
		wn_doc_free(d);
		memcpy(first, p, sizeof(first));
		wn_chain_stats(ch, &st);
		ok(first[0].runs == 1 && first[1].runs == 1 &&
			   first[2].runs == 1 && first[2].failed == 1 &&
			   first[0].failed == 0 && first[1].failed == 0,
		   "profile: one run each, the failing one counted failed");
		ok(first[0].visited == 0 && first[1].visited > 0 &&
			   first[2].visited > 0,
		   "profile: elements walked by the steps that walk");
		ok(first[1].removed == st[1].removed &&
			   first[1].chars == st[1].chars && st[1].removed > 0,
		   "profile: removals as the stats of the document");
		ok(first[2].removed == 0 && first[2].chars == 0,
		   "profile: a rolled-back run removed nothing");
		d = html_doc(page);
		wn_chain_run(ch, d);
		wn_doc_free(d);
		n = wn_chain_profile(ch, &p2);
		ok(p2 == p, "profile: the same array after a run");
		zero = true;
		for (size_t i = 0; i < n; i++)
			zero &= p[i].runs == 2 * first[i].runs &&
				p[i].failed == 2 * first[i].failed &&
				p[i].visited == 2 * first[i].visited &&
				p[i].removed == 2 * first[i].removed &&
				p[i].chars == 2 * first[i].chars &&
				p[i].ns >= first[i].ns;
		ok(zero, "profile: the second page adds as much again");
		wn_chain_disable(ch, 0, true);
		d = html_doc(page);
		wn_chain_run(ch, d);
		wn_doc_free(d);
		ok(p[0].runs == 2 && p[1].runs == 3,
		   "profile: a disabled step has no run");
	}
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* explain reports committed removals only */
	c = new_ctx(false, true);
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_fail greedy=1\n", "g.chain", NULL);
	d = html_doc(page);
	memlog_reset(&lg);
	wn_chain_run(ch, d);
	ok(strstr(memlog_text(&lg),
		  "explain: t_fail: /html/body/div/p[1]: One x") != NULL,
	   "explain names step, path and text");
	after = as(d, WN_FMT_TEXT);
	is_str(after, "tail\n", "greedy step removed every block");
	free(after);
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* the metadata is the page's as parsed: read before the first step,
	 * though a step removes what it came from (sanitize drops the
	 * JSON-LD script) */
	c = new_ctx(false, false);
	wn_chain_new(c, &ch);
	rc = wn_chain_parse(ch, "sanitize\n", "m.chain", NULL);
	d = html_doc("<html><head><title>T</title></head><body>"
		     "<script type=\"application/ld+json\">{\"@type\": "
		     "\"NewsArticle\", \"author\": {\"@type\": \"Person\", "
		     "\"name\": \"Ada Byron\"}}</script>"
		     "<p>The article itself, a sentence or two of it.</p>"
		     "</body></html>");
	if (!rc && d && !wn_chain_run(ch, d)) {
		after = as(d, WN_FMT_HTML);
		ok(!strstr(after, "ld+json"), "metadata: the step removed the "
					      "JSON-LD");
		free(after);
		is_str(wn_doc_meta(d)->author, "Ada Byron",
		       "metadata: read before the step changed the page");
	} else {
		ok(0, "metadata: the chain runs");
		ok(0, "metadata: read before the step changed the page");
	}
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* a thread's caches go with it */
	c = new_ctx(false, false);
	wn_chain_new(c, &ch);
	{
		char *lua = NULL;
		const char *top = getenv("top_srcdir");
		struct on_thread t = {
			.ch = ch,
			.page = "<html><body><a class=skip-link href=#m>Skip "
				"to content</a><div class=box>one</div>"
				"<p id=m class=k>The article's only paragraph, "
				"long enough to be one.</p></body></html>"};
		pthread_t th;

		if (asprintf(&lua, "%s/tests/lua/tokens-index.lua",
			     top ? top : ".") < 0)
			lua = NULL;
		rc = lua ? wn_chain_parse(ch, "skiplinks\n", "thread.chain",
					  NULL)
			 : -1;
		if (!rc)
			rc = wn_chain_add_script(ch, lua);
		free(lua);
		is_int(rc, 0, "thread: a step and a script");
		ok(!pthread_create(&th, NULL, run_on_thread, &t) &&
			   !pthread_join(th, NULL),
		   "thread: runs and ends");
		is_str(t.out,
		       "box:one\n\nThe article's only paragraph, long enough "
		       "to be one.\n",
		       "thread: the step and the script's index did their "
		       "work");
		free(t.out);
	}
	wn_chain_free(ch);
	wn_ctx_free(c);
	memlog_close(&lg);
	return done_testing();
}
