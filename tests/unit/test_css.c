/* SPDX-License-Identifier: MIT */
/* Unit tests: CSS selectors.  Each selector of the table is compiled to
 * XPath and run over one page whose elements all carry an id; the ids
 * matched, in document order, must be the expected ones.  Bad selectors
 * must fail at the right column.  Compilation happens once per context. */
#include "tap.h"
#include "common.h"

#include <libxml/xpathInternals.h>

static const char *page =
	"<!DOCTYPE html><html id=html lang=en><head id=head>"
	"<title id=title>T</title></head>"
	"<body id=body class='page home'>"
	"<header id=hdr class='site-header top'><nav id=nav>"
	"<ul id=menu><li id=m1 class='item first'>"
	"<a id=a1 href='/a' lang='en-US'>A</a></li>"
	"<li id=m2 class=item><a id=a2 href='https://x.com/b' "
	"data-x='Foo Bar'>B</a></li>"
	"<li id=m3 class='item last'><a id=a3 href='#c' "
	"title='Hello world'>C</a></li></ul></nav></header>"
	"<div id=main><div id=art class=post itemprop=articleBody>"
	"<h1 id=h1a>Title</h1><h1 id=h1b>Title again</h1>"
	"<p id=p1 class=lead>Read also: nothing</p>"
	"<p id=p2>Second paragraph, with <b id=b1>bold</b> and "
	"<i id=i1>italic</i>.</p>"
	"<div id=d1 class='newsletter box'><h2 id=h2a>Newsletter</h2>"
	"<form id=f1><input id=in1 type=email disabled>"
	"<button id=btn1>Subscribe</button></form></div>"
	"<p id=p3></p>"
	"<div id=fig1 class=figure><img id=img1 src='a.jpg' alt=''>"
	"<span id=cap1>Caption 2024</span></div>"
	"<p id=p4>Last paragraph. It's \"quoted\".</p>"
	"</div>"
	"<div id=side class='sidebar related'>"
	"<div id=d2 class=teaser><a id=a4 href='/x'>Latest news</a></div>"
	"<div id=d3 class='teaser'><a id=a5 href='/y'>More</a></div>"
	"</div></div>"
	"<div id=foot><p id=p5>(c) 2024</p><!-- c --></div>"
	"</body></html>";

static const struct {
	const char *css;
	const char *ids; /* space-separated, document order */
} cases[] = {
	/* type, universal */
	{"h1", "h1a h1b"},
	{"li", "m1 m2 m3"},
	{"LI", "m1 m2 m3"},
	{"form", "f1"},
	{"table", ""},
	{"head > *", "title"},
	{"ul *", "m1 a1 m2 a2 m3 a3"},
	/* class, id */
	{".item", "m1 m2 m3"},
	{".item.first", "m1"},
	{"li.last", "m3"},
	{".teaser", "d2 d3"},
	{".newsletter", "d1"},
	{".news", ""},
	{"#p2", "p2"},
	{"p#p2", "p2"},
	{"div#p2", ""},
	{"#side .teaser a", "a4 a5"},
	{".page", "body"},
	{".site-header.top nav", "nav"},
	/* attributes */
	{"[lang]", "html a1"},
	{"a[href]", "a1 a2 a3 a4 a5"},
	{"[href='/a']", "a1"},
	{"[href=\"/a\"]", "a1"},
	{"a[href=/a]", ""}, /* unquoted '/' is not an identifier: error */
	{"[data-x~=Bar]", "a2"},
	{"[data-x~=Fo]", ""},
	{"[data-x~='']", ""},
	{"[lang|=en]", "html a1"},
	{"[lang|=en-US]", "a1"},
	{"[href^='https:']", "a2"},
	{"[href^='']", ""},
	{"[href$='.com/b']", "a2"},
	{"[src$='.jpg']", "img1"},
	{"[title*='lo wo']", "a3"},
	{"[title*='LO WO' i]", "a3"},
	{"[title*='LO WO']", ""},
	{"[data-x='foo bar' i]", "a2"},
	{"[data-x='foo bar' s]", ""},
	{"[itemprop=articleBody]", "art"},
	{"[type=email][disabled]", "in1"},
	{"[alt='']", "img1"},
	{"[ title = 'Hello world' ]", "a3"},
	/* combinators */
	{"nav a", "a1 a2 a3"},
	{"ul > li > a", "a1 a2 a3"},
	{"nav > a", ""},
	{"h1 + h1", "h1b"},
	{"h1 + p", "p1"},
	{"h1 ~ p", "p1 p2 p3 p4"},
	{"h2 ~ *", "f1"},
	{"p + div", "d1 fig1"},
	{"#m1 ~ li", "m2 m3"},
	{"#m3 ~ li", ""},
	{"#m1 + li + li", "m3"},
	{"div > div > p", "p1 p2 p3 p4"},
	{"#main > div", "art side"},
	{"body > div div > a", "a4 a5"},
	{"h1+h1", "h1b"},
	{"ul>li", "m1 m2 m3"},
	{"#main p~div", "d1 fig1"},
	/* lists */
	{"h1, h2", "h1a h1b h2a"},
	{":is(h2, #p5), b", "b1 h2a p5"},
	{":is(li.last, [href^='https:'])", "a2 m3"},
	{"*", NULL},
	{"*.item#m2", "m2"},
	{"P.lead", "p1"},
	{"[LANG|='']", ""},
	{"[lang|='EN' i]", "html a1"},
	{"[src$='.JPG' i]", "img1"},
	{"[class~=box]", "d1"},
	{"[class~='box ']", ""},
	{"[class^=news][class$=box]", "d1"},
	{"[id=m1],[id='m3']", "m1 m3"},
	{"#p4, #p1", "p1 p4"},
	{"b,i", "b1 i1"},
	/* structural pseudo-classes */
	{"li:first-child", "m1"},
	{"li:last-child", "m3"},
	{"#art > :first-child", "h1a"},
	{"#art > :last-child", "p4"},
	{"a:only-child", "a1 a2 a3 a4 a5"},
	{"li:nth-child(2)", "m2"},
	{"li:nth-child(odd)", "m1 m3"},
	{"li:nth-child(even)", "m2"},
	{"li:nth-child(2n+1)", "m1 m3"},
	{"li:nth-child(n+2)", "m2 m3"},
	{"li:nth-child(-n+2)", "m1 m2"},
	{"li:nth-child( 3n - 1 )", "m2"},
	{"li:nth-last-child(1)", "m3"},
	{"li:nth-last-child(odd)", "m1 m3"},
	{"h1:nth-of-type(2)", "h1b"},
	{"p:nth-of-type(1)", "p1 p5"},
	{"p:nth-last-of-type(1)", "p4 p5"},
	{"p:first-of-type", "p1 p5"},
	{"p:last-of-type", "p4 p5"},
	{"form:only-of-type", "f1"},
	{"h1:only-of-type", ""},
	{"p:empty", "p3"},
	{"title:empty", ""},
	{":root", "html"},
	/* negation and matching lists */
	{"li:not(.first)", "m2 m3"},
	{"li:not(.first, .last)", "m2"},
	{"#art > p:not(:empty)", "p1 p2 p4"},
	{"a:not([href^='/'])", "a2 a3"},
	{"#side div:not(.teaser)", ""},
	{"li:is(.first, .last) a", "a1 a3"},
	{":where(h1, h2):first-child", "h1a h2a"},
	{"p:not(#art p)", "p5"},
	/* :has */
	{"li:has(a[href^=http])", "m2"},
	{"div:has(> form)", "d1"},
	{"div:has(form)", "main art d1"},
	{"h1:has(+ h1)", "h1a"},
	{"h1:has(~ p)", "h1a h1b"},
	{"div:has(> .teaser > a)", "side"},
	{"#art > *:has(b, img)", "p2 fig1"},
	{"div:not(:has(p))", "d1 fig1 side d2 d3"},
	/* text */
	{"p:contains('Read also')", "p1"},
	{"a:contains(Latest)", "a4"},
	{"div.teaser:has-text(Latest)", "d2"},
	{"p:-abp-contains(paragraph)", "p2 p4"},
	{"p:contains(\"It's\")", "p4"},
	{"p:contains('\"quoted\"')", "p4"},
	{"p:contains('It\\'s \"quoted\"')", "p4"},
	{"span:matches-text(/[0-9]{4}/)", "cap1"},
	{"p:matches-text(/^read ALSO/i)", "p1"},
	{"p:matches-text(/^read ALSO/)", ""},
	{"p:has-text(/\\d{4}/)", "p5"},
	{"#art > :matches-text(/^(?:Title|Newsletter)/)", "h1a h1b d1"},
	/* escapes, odd names */
	{"#\\70 2", "p2"},
	{".site\\-header", "hdr"},
	{"*[id='m1']", "m1"},
	{"a:link", "a1 a2 a3 a4 a5"},
	{"input:disabled", "in1"},
};

static const struct {
	const char *css;
	size_t col; /* 1-based column of the fault */
} bad[] = {
	{"", 1},
	{"div >", 6},
	{"div,", 5},
	{"div[", 5},
	{"div[id", 7},
	{"div[id=]", 8},
	{"div[id='x]", 8},
	{"p:nope", 2},
	{"p::before", 2},
	{"p:nth-child(x)", 13},
	{"p:not(.a", 9},
	{"*:nth-of-type(2)", 2},
	{"a)", 2},
	{"a[href=/a]", 8},
	{"div!", 4},
	{"p:matches-text(/a(/)", 16},
	{"p:matches-text(abc)", 16},
	{". x", 2},
	{"#", 2},
	{"div > > p", 7},
};

/* wn-class() as select.c defines it, for the XPath comparison: class
 * tokens split at XML white space and form feed. */
static void xp_class(xmlXPathParserContextPtr pc, int nargs)
{
	xmlChar *tok = xmlXPathPopString(pc);
	xmlChar *cls = xmlGetNoNsProp(pc->context->node, BAD_CAST "class");
	const char *p = (const char *)cls;
	size_t k = tok ? strlen((const char *)tok) : 0;
	int hit = 0;

	(void)nargs;
	while (p && k && *p && !hit) {
		size_t n;

		p += strspn(p, " \t\n\r\f");
		n = strcspn(p, " \t\n\r\f");
		hit = n == k && !memcmp(p, tok, k);
		p += n;
	}
	xmlFree(cls);
	xmlFree(tok);
	valuePush(pc, xmlXPathNewBoolean(hit));
}

/* The ids of the matches of css, space-separated. */
static char *ids(struct wn_ctx *c, struct wn_doc *d, const char *css, int *rc)
{
	xmlNodePtr *v = NULL;
	size_t n = 0;
	struct wn_buf b = {0};

	*rc = wn_select(c, d, css, &v, &n);
	for (size_t i = 0; i < n; i++) {
		xmlChar *id = xmlGetProp(v[i], BAD_CAST "id");

		if (b.len)
			wn_buf_puts(&b, " ");
		wn_buf_puts(&b, id ? (const char *)id : "?");
		xmlFree(id);
	}
	free(v);
	return b.data ? b.data : strdup("");
}

int main(void)
{
	struct memlog lg;
	struct wn_ctx_opts o = {.use_env = false};
	struct wn_parse_opts po = {.kind = WN_KIND_HTML};
	struct wn_ctx *c = NULL;
	struct wn_doc *d = NULL;
	size_t ncases = sizeof(cases) / sizeof(cases[0]);
	size_t compiled;
	int rc;

	memlog_open(&lg);
	o.log = lg.f;
	if (wn_ctx_new(&o, &c) || wn_doc_parse(page, strlen(page), &po, &d)) {
		puts("Bail out! setup failed");
		return 1;
	}

	for (size_t i = 0; i < ncases; i++) {
		char *got = ids(c, d, cases[i].css, &rc);

		if (!strcmp(cases[i].css, "a[href=/a]"))
			is_int(rc, WN_EINVAL, "'%s' is an error", cases[i].css);
		else if (!cases[i].ids) /* "*": every element */
			ok(rc == 0 && !strncmp(got, "html head title body", 20),
			   "%s", cases[i].css);
		else
			is_str(got, cases[i].ids, "%s", cases[i].css);
		free(got);
	}

	/* the same nodes as libxml2's XPath engine gives for the XPath
	 * translation: selectors matched in C (compound.c) agree with it */
	for (size_t i = 0; i < ncases; i++) {
		struct wn_buf x = {0};
		size_t pos = 0;
		const char *msg = NULL;
		char *got = ids(c, d, cases[i].css, &rc);
		struct wn_buf want = {0};

		/* (regular expressions need select.c's wn-re()) */
		if (!wn_css_to_xpath(cases[i].css, &x, &pos, &msg) &&
		    !strstr(x.data, "wn-re(")) {
			xmlXPathContextPtr xc =
				xmlXPathNewContext(wn_doc_xml(d));
			xmlXPathObjectPtr r;

			xmlXPathRegisterFunc(xc, BAD_CAST "wn-class", xp_class);
			r = xmlXPathEval(BAD_CAST x.data, xc);
			for (int k = 0;
			     r && r->nodesetval && k < r->nodesetval->nodeNr;
			     k++) {
				xmlChar *id =
					xmlGetProp(r->nodesetval->nodeTab[k],
						   BAD_CAST "id");

				if (want.len)
					wn_buf_puts(&want, " ");
				wn_buf_puts(&want, id ? (const char *)id : "?");
				xmlFree(id);
			}
			xmlXPathFreeObject(r);
			xmlXPathFreeContext(xc);
			is_str(got, want.data ? want.data : "",
			       "%s: as its XPath", cases[i].css);
		}
		wn_buf_free(&want);
		wn_buf_free(&x);
		free(got);
	}

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct wn_buf x = {0};
		size_t pos = 0;
		const char *msg = NULL;

		rc = wn_css_to_xpath(bad[i].css, &x, &pos, &msg);
		ok(rc == WN_EINVAL && msg && pos + 1 == bad[i].col,
		   "bad '%s': column %zu (got %zu: %s)", bad[i].css, bad[i].col,
		   pos + 1, msg ? msg : "no error");
		wn_buf_free(&x);
	}

	/* compiled once: running every selector again compiles nothing */
	compiled = wn_ctx_selectors_compiled(c);
	ok(compiled >= ncases - 5 && compiled <= ncases,
	   "each selector compiled once (%zu for %zu cases)", compiled, ncases);
	for (size_t i = 0; i < ncases; i++) {
		char *got = ids(c, d, cases[i].css, &rc);

		free(got);
	}
	is_int((int)wn_ctx_selectors_compiled(c), (int)compiled,
	       "a second pass compiles no selector");

	/* a bad selector is reported on the log with its column */
	{
		xmlNodePtr *v = NULL;
		size_t n = 0;

		fflush(lg.f);
		rc = wn_select(c, d, "div[id", &v, &n);
		fflush(lg.f);
		is_int(rc, WN_EINVAL, "bad selector: WN_EINVAL");
		ok(lg.buf && strstr(lg.buf, "bad selector 'div[id'") &&
			   strstr(lg.buf, "column 7"),
		   "the log names the selector and the column");
	}

	/* found by fuzz_css (tests/fuzz/regressions/css): a name cut short
	 * by an escape at the end leaked its buffer (valgrind and LSan
	 * runs of this test catch it) */
	{
		struct wn_buf x = {0};
		size_t pos = 0;
		const char *msg = NULL;

		rc = wn_css_to_xpath("#p\\", &x, &pos, &msg);
		wn_buf_free(&x);
		rc |= wn_css_to_xpath("\x84\\", &x, &pos, &msg);
		is_int(rc, WN_EINVAL,
		       "a name ending in a lone '\\' is refused");
		wn_buf_free(&x);
	}

	/* found by fuzz_css: regcomp copies a repeated group once per
	 * repetition, so "a" followed by 56 '+' (or nested bounds) asked
	 * for 2^56 copies; such a pattern is refused at once */
	{
		static const char *const big[] = {
			"p:-abp-contains(/a+++++++++++++++++++++++++++++++++++"
			"+++++++++++++++++++++/)",
			"p:-abp-contains(/((a{99}){99}){99}/)",
			"p:-abp-contains(/(((((((((((((((x+)+)+)+)+)+)+)+)+)+)"
			"+)+)+)+)+)/)",
			NULL};

		for (const char *const *b = big; *b; b++) {
			struct wn_buf x = {0};
			size_t pos = 0;
			const char *msg = NULL;

			rc = wn_css_to_xpath(*b, &x, &pos, &msg);
			is_int(rc, WN_EINVAL,
			       "a regular expression that repeats repetitions "
			       "is refused");
			ok(msg && strstr(msg, "too complex"),
			   "and the message says why");
			wn_buf_free(&x);
		}
	}

	wn_doc_free(d);
	wn_ctx_free(c);
	memlog_close(&lg);
	return done_testing();
}
