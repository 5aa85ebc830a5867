/* SPDX-License-Identifier: MIT */
/* Unit tests: with the context's `mark` option, what the steps remove
 * goes back to its place, labelled with the step, and the rest of the
 * document is exactly what an unmarked run leaves. */
#include "tap.h"
#include "common.h"

#include <libxml/xpath.h>

static struct memlog lg;

static struct wn_ctx *new_ctx(bool mark)
{
	static char plugins[4096];
	const char *top = getenv("abs_top_builddir");
	const char *dirs[] = {plugins, test_plugin_dir(), NULL};
	struct wn_ctx_opts o = {.plugin_path = dirs, .log = lg.f, .mark = mark};
	struct wn_ctx *c = NULL;

	snprintf(plugins, sizeof(plugins), "%s/plugins/.libs", top ? top : ".");
	wn_ctx_new(&o, &c);
	return c;
}

static struct wn_doc *doc_of(const char *s, enum wn_kind kind)
{
	struct wn_parse_opts o = {.kind = kind, .url = "https://x.example/"};
	struct wn_doc *d = NULL;

	wn_doc_parse(s, strlen(s), &o, &d);
	return d;
}

static char *as(struct wn_doc *d, enum wn_format f)
{
	struct wn_buf b = {0};

	wn_doc_write(d, f, &b);
	return b.data ? b.data : strdup("");
}

static xmlXPathObjectPtr query(struct wn_doc *d, const char *xp)
{
	xmlXPathContextPtr x = xmlXPathNewContext(wn_doc_xml(d));
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xp, x);

	xmlXPathFreeContext(x);
	return r;
}

static int count(struct wn_doc *d, const char *xp)
{
	xmlXPathObjectPtr r = query(d, xp);
	int n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;

	xmlXPathFreeObject(r);
	return n;
}

/* Drop the marked subtrees (outermost first) and the stylesheet. */
static void drop_marked(struct wn_doc *d)
{
	xmlXPathObjectPtr r = query(
		d, "//*[@data-winnow-step][not(ancestor::*[@data-winnow-step])]"
		   " | //style[@id='winnow-mark']");
	int n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlNodePtr *gone = calloc((size_t)n + 1, sizeof(*gone));

	for (int i = 0; gone && i < n; i++) {
		gone[i] = r->nodesetval->nodeTab[i];
		xmlUnlinkNode(gone[i]);
	}
	/* the node set reads its nodes when freed */
	xmlXPathFreeObject(r);
	for (int i = 0; gone && i < n; i++)
		xmlFreeNode(gone[i]);
	free(gone);
}

static size_t removed_total(struct wn_chain *ch)
{
	const struct wn_step_stats *st;
	size_t n = wn_chain_stats(ch, &st), sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += st[i].removed;
	return sum;
}

/* Clean `page` with `chain` with and without marks and compare. */
static void same_as_plain(const char *name, const char *page, enum wn_kind kind,
			  const char *chain)
{
	struct wn_ctx *plain = new_ctx(false), *marking = new_ctx(true);
	struct wn_chain *cp, *cm;
	struct wn_doc *dp = doc_of(page, kind), *dm = doc_of(page, kind);
	char *tp, *tm;
	int marked;

	wn_chain_new(plain, &cp);
	wn_chain_new(marking, &cm);
	ok(wn_chain_parse(cp, chain, name, NULL) == 0 &&
		   wn_chain_parse(cm, chain, name, NULL) == 0,
	   "%s: chain loads", name);
	wn_chain_run(cp, dp);
	wn_chain_run(cm, dm);
	marked = count(dm, "//*[@data-winnow-step]");
	ok(marked > 0, "%s: something is marked (%d)", name, marked);
	is_int(marked, removed_total(cm), "%s: one mark per removal", name);
	is_int(count(dm, "//head/style[@id='winnow-mark']"), 1,
	       "%s: the stylesheet is in the head", name);
	drop_marked(dm);
	tp = as(dp, WN_FMT_TEXT);
	tm = as(dm, WN_FMT_TEXT);
	is_str(tm, tp, "%s: without the marked parts, the plain result", name);
	free(tp);
	free(tm);
	wn_doc_free(dp);
	wn_doc_free(dm);
	wn_chain_free(cp);
	wn_chain_free(cm);
	wn_ctx_free(plain);
	wn_ctx_free(marking);
}

int main(void)
{
	struct wn_ctx *c;
	struct wn_chain *ch;
	struct wn_doc *d;
	char *page, *out;

	memlog_open(&lg);

	page = slurp("tests/cases/seed-ghost-html/input.html");
	same_as_plain("ghost", page, WN_KIND_HTML,
		      "skiplinks\nbanners\nteasers\ndupes\nnav\ncontent\n"
		      "tracking\nwhitespace\n");
	free(page);
	page = slurp("tests/cases/seed-text/input.txt");
	same_as_plain("text", page, WN_KIND_TEXT,
		      "skiplinks\nbanners\nteasers\ndupes\ncontent\n");
	free(page);

	/* a block removed first goes back inside the container a later
	 * step removed, at its place */
	c = new_ctx(true);
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_fail greedy=1\nempty\n", "nest.chain", NULL);
	d = doc_of("<html><body><div id=keep><img src=a.png></div>"
		   "<div id=box><p id=a>one</p><p id=b>two</p></div>"
		   "</body></html>",
		   WN_KIND_HTML);
	wn_chain_run(ch, d);
	is_int(count(d, "//div[@id='box'][@data-winnow-step='empty']"
			"/p[@data-winnow-step='t_fail']"),
	       2, "nested: both blocks back inside their removed container");
	is_int(count(d, "//p[@id='a']/following-sibling::p[@id='b']"), 1,
	       "nested: in their order");
	is_int(count(d, "//body/div[@id='keep']/following-sibling::div"
			"[@id='box']"),
	       1, "nested: the container at its place");
	out = as(d, WN_FMT_HTML);
	ok(strstr(out, "line-through") != NULL,
	   "the stylesheet strikes marked parts through");
	free(out);
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	/* a failing step leaves no marks */
	c = new_ctx(true);
	wn_chain_new(c, &ch);
	wn_chain_parse(ch, "t_fail\n", "fail.chain", NULL);
	d = doc_of("<div><p>one</p><p>two</p></div>", WN_KIND_HTML);
	wn_chain_run(ch, d);
	is_int(count(d, "//*[@data-winnow-step]"), 0,
	       "a failed step's removals are undone, not marked");
	wn_doc_free(d);
	wn_chain_free(ch);
	wn_ctx_free(c);

	memlog_close(&lg);
	return done_testing();
}
