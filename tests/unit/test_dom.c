/* SPDX-License-Identifier: MIT */
/* Unit tests: HTML documents (sniffing, charsets, script bodies, URL),
 * the text writer on HTML and the DOM helpers. */
#include "tap.h"
#include "common.h"
#include "internal.h" /* the flags kept in xmlNode.extra */

static char *html_text(const char *s, size_t n, const char *enc)
{
	return render(s, n, WN_KIND_AUTO, enc, WN_FMT_TEXT, NULL);
}

static struct wn_doc *parse(const char *s, const char *url)
{
	struct wn_parse_opts o = {.url = url};
	struct wn_doc *d = NULL;

	wn_doc_parse(s, strlen(s), &o, &d);
	return d;
}

static const char *const cookie_hints[] = {"cookie", NULL};

/* A step that changes the class of the element impl in place, through
 * the text node of the attribute, asks its class again, and fails: its
 * change is undone.  *seen gets the answer inside the step. */
struct class_edit {
	xmlNodePtr el;
	int seen;
};

static int edit_class_text(void *impl, struct wn_run *run)
{
	struct class_edit *c = impl;
	int rc = wn_run_set_text(run, c->el->properties->children, "plain");

	if (rc)
		return rc;
	c->seen = wn_node_hint(c->el, cookie_hints, true);
	return WN_ESTEP;
}

/* Kept texts (dom.c): a step asks the text and fold of a block, changes
 * the tree below it, and asks again; fail makes the step fail, so that
 * its changes are undone. */
struct text_edit {
	xmlNodePtr block, inner; /* inner: an element inside block */
	bool fail;
	char before[64], after[64], fold[64], other[64];
};

static void text_of(const xmlNode *n, char *out, size_t cap)
{
	struct wn_buf b = {0};

	wn_node_text(n, &b);
	snprintf(out, cap, "%s", b.data ? b.data : "(null)");
	wn_buf_free(&b);
}

static int edit_text(void *impl, struct wn_run *run)
{
	struct text_edit *e = impl;
	char f[64];
	int rc;

	wn_node_text_len(e->block); /* files the entries */
	text_of(e->block, e->before, sizeof(e->before));
	wn_node_fold(e->block, f, sizeof(f)); /* kept, from the text */
	text_of(e->block, e->before, sizeof(e->before)); /* from the kept */
	if ((rc = wn_run_set_text(run, e->inner->children, "Changed")) ||
	    (rc = wn_run_remove(run, e->inner->next)))
		return rc;
	wn_node_text_len(e->block);
	text_of(e->block, e->after, sizeof(e->after));
	wn_node_fold(e->block, e->fold, sizeof(e->fold));
	/* an element the change did not reach keeps its text */
	text_of(e->block->next, e->other, sizeof(e->other));
	return e->fail ? WN_ESTEP : 0;
}

/* Link text lengths kept (dom.c): a step asks the length of the text
 * inside links of a block, changes a link's text, removes a link, and
 * asks again after each change; fail makes the step fail. */
struct link_edit {
	xmlNodePtr block, other;
	bool fail;
	size_t first, inner, set, removed, other_len, link;
};

static int edit_links(void *impl, struct wn_run *run)
{
	struct link_edit *e = impl;
	xmlNodePtr p = xmlFirstElementChild(e->block);
	xmlNodePtr a = xmlFirstElementChild(p);
	int rc;

	e->first = wn_node_link_text_len(e->block); /* files the entries */
	e->inner = wn_node_link_text_len(p);        /* from its entry */
	e->link = wn_node_link_text_len(a);
	if ((rc = wn_run_set_text(run, a->children, "Changed words here")))
		return rc;
	e->set = wn_node_link_text_len(e->block);
	if ((rc = wn_run_remove(run, xmlNextElementSibling(a))))
		return rc;
	e->removed = wn_node_link_text_len(e->block);
	e->other_len = wn_node_link_text_len(e->other);
	return e->fail ? WN_ESTEP : 0;
}

int main(void)
{
	char *out;
	struct wn_doc *d;
	const char *html;

	/* sniffing */
	d = parse("  <p>hi</p>", NULL);
	is_int(wn_doc_kind(d), WN_KIND_HTML, "sniff: markup is HTML");
	wn_doc_free(d);
	d = parse("Hello <b>world</b>\nand more", NULL);
	is_int(wn_doc_kind(d), WN_KIND_TEXT, "sniff: prose is text");
	wn_doc_free(d);
	d = parse("Intro line\n<!DOCTYPE html><html><body>x", NULL);
	is_int(wn_doc_kind(d), WN_KIND_HTML, "sniff: doctype after text");
	wn_doc_free(d);

	/* the text writer on HTML */
	html = "<html><head><title>T</title><style>p{}</style></head><body>"
	       "<h1>Head  line</h1><p>One <b>bold</b>\n word.</p>"
	       "<div>Two<br>lines</div><script>var x;</script>"
	       "<ul><li>a</li><li>b</li></ul>"
	       "<pre>  keep\n   this</pre></body></html>";
	out = html_text(html, strlen(html), NULL);
	is_str(out,
	       "Head line\n\nOne bold word.\n\nTwo\nlines\n\na\n\nb\n\n"
	       "  keep\n   this\n",
	       "text writer: blocks, inline, br, hidden, pre");
	free(out);

	/* script bodies that would end early in libxml2 2.9 */
	html = "<body><script>var s = \"</div></p>\";</script>"
	       "<p>after</p></body>";
	out = html_text(html, strlen(html), NULL);
	is_str(out, "after\n", "script with </div> does not leak text");
	free(out);
	html = "<head><script type=\"application/ld+json\">"
	       "{\"headline\": \"A </b> B\"}</script></head><body>x</body>";
	d = parse(html, NULL);
	{
		xmlNodePtr root = xmlDocGetRootElement(wn_doc_xml(d)), n;
		xmlChar *c = NULL;

		for (n = root; n; n = wn_next_element(n, root, false))
			if (xmlStrEqual(n->name, BAD_CAST "script"))
				c = xmlNodeGetContent(n);
		is_str((char *)c, "{\"headline\": \"A <\\/b> B\"}",
		       "JSON-LD stays valid JSON");
		xmlFree(c);
	}
	wn_doc_free(d);
	{
		/* every rewrite before parsing at once: an attribute the
		 * parser cannot read, "</" in a script body, NUL bytes in
		 * a script, in an attribute value and in text */
		static const char page[] =
			"<div @click=\"a > b\" id=x>one</div>"
			"<script>if (a </b) s = \"\0\";</script>"
			"<p title=\"a\0b\">t\0u</p>";

		out = render(page, sizeof(page) - 1, WN_KIND_HTML, NULL,
			     WN_FMT_HTML, NULL);
		ok(out && strstr(out, "<body><div id=\"x\">one</div><script>"
				      "if (a <\\/b) s = \"\xef\xbf\xbd\";"
				      "</script><p title=\"a\xef\xbf\xbd"
				      "b\">t\xef\xbf\xbdu</p></body>"),
		   "rewrites before parsing: attribute, </, NUL");
		free(out);
		out = render("<p a=1>x</p>", 12, WN_KIND_HTML, NULL,
			     WN_FMT_HTML, NULL);
		ok(out && strstr(out, "<body><p a=\"1\">x</p></body>"),
		   "a page with nothing to rewrite");
		free(out);
	}

	/* script and style bodies cut out of the parser's way: the tree is
	 * the one the whole page makes, whatever the page holds */
	{
#define LONG_JS "var a = 1, b = 2; if (a < b) { document.title = 'x'; } " \
		"/* a long enough body */"
		static const struct {
			const char *page, *want, *what;
			int cut; /* 0 no cut made, 1 cuts, 2 parsed again */
		} cases[] = {
			{"<body><p>a</p><script>" LONG_JS " s = '</div>';\r\n"
			 "t = 'caf\xc3\xa9 \xf0\x9f\x98\x80 \xef\xb7\x90';</script>"
			 "<style>p { color: red; } /* " LONG_JS " */</style>"
			 "<p>b</p>",
			 "<p>a</p><script>" LONG_JS " s = '<\\/div>';\r\n"
			 "t = 'caf\xc3\xa9 \xf0\x9f\x98\x80 \xef\xb7\x90';</script>"
			 "<style>p { color: red; } /* " LONG_JS " */</style>"
			 "<p>b</p>",
			 "cuts: script and style bodies, CR LF, UTF-8, U+FDD0", 1},
			{"<body><script>" LONG_JS "\x01\x0c \xef\xbf\xbe \xc3(</script>",
			 NULL, "cuts: a body the parser must filter is left to it", 0},
			{"<body><script src=\"x.js\" /><p>a</p><b>b</b>"
			 "<script>" LONG_JS "</script>",
			 "<script src=\"x.js\"></script><p>a</p><b>b</b>"
			 "<script>" LONG_JS "</script>",
			 "cuts: a script closed by /> has no body", 1},
			{"<body><script src=x/>" LONG_JS "</script><p>a</p>",
			 "<script src=\"x/\">" LONG_JS "</script><p>a</p>",
			 "cuts: an unquoted value takes the /", 1},
			{"<body><!--[if IE]><script>" LONG_JS " a</b></script>"
			 "<![endif]--><p>a</p>",
			 "<!--[if IE]><script>" LONG_JS " a</b></script>"
			 "<![endif]--><p>a</p>",
			 "cuts: a script in a comment is comment text", 0},
			{"<p>a</p><!-- open <script>" LONG_JS "</script>",
			 NULL, "cuts: a comment with no end", 2},
			{"<div title=\"<script>" LONG_JS "</script>\">x</div>"
			 "<p>\xef\xb7\x90" "0\xef\xb7\x90</p>",
			 NULL, "cuts: a script in an attribute, a marker as text", 1},
			{"<SCRIPT type=text/javascript>" LONG_JS "</SCRIPT >"
			 "<p>a</p><script>" LONG_JS,
			 NULL, "cuts: upper case, no end tag at the end", 1},
			{"<body><p class=\"a long list of classes here\" "
			 "title='single quotes > and <script> inside' "
			 "data-x=\"caf\xc3\xa9 \xf0\x9f\x98\x80 and more text\">x</p>",
			 "<p class=\"a long list of classes here\" "
			 "title=\"single quotes &gt; and &lt;script&gt; inside\" "
			 "data-x=\"caf\xc3\xa9 \xf0\x9f\x98\x80 and more text\">x</p>",
			 "cuts: attribute values", 1},
			{"<body><p class=\"the first of two class values\" "
			 "CLASS=\"the second of two class values\">x</p>",
			 "<p class=\"the first of two class values\">x</p>",
			 "cuts: the parser keeps the first of two values", 1},
			{"<body><p title=\"fish &amp; chips &lt;b&gt; and more\" "
			 "lang=\"a value with \x01 a control byte in\">x</p>",
			 NULL, "cuts: values with references or controls", 0},
			{"<div>x</div><body class=\"a misplaced body tag here\">"
			 "<html lang=\"a misplaced html tag with a value\">"
			 "<meta http-equiv=\"Content-Type\" "
			 "content=\"text/html; charset=windows-1252\">y",
			 NULL, "cuts: html, body and meta values", 0},
			{"text before any tag<input disabled><div foo data-x>a"
			 "</div><o:p>x</o:p><svg xmlns:xlink=\"http://www.w3"
			 ".org/1999/xlink\"><a xlink:href=\"#a\">y</a></svg>"
			 "<P CLASS=Up>z</P><body lang=en><p>w",
			 NULL, "elements made without copies: booleans, "
			 "valueless, prefixed, xmlns, implied, upper case", 1},
			{"<body><a href=x\"y title=\"after an unquoted value with "
			 "a quote\">x</a></h2 class=\"an end tag with a long "
			 "value\"><p title=\"\xef\xb7\x90" "0\xef\xb7\x90\">y</p>"
			 "<p title=\"a value after a marker-like one\">z</p>",
			 NULL, "cuts: odd quoting, end tags, a marker as value", 2},
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
			const char *pg = cases[i].page;
			size_t len = strlen(pg);
			char *cut, *whole;

			wn_doc_cuts_ = false;
			whole = render(pg, len, WN_KIND_HTML, NULL,
				       WN_FMT_HTML, NULL);
			size_t pages = wn_doc_cut_pages_;
			size_t again = wn_doc_cut_again_;

			wn_doc_cuts_ = true;
			cut = render(pg, len, WN_KIND_HTML, NULL,
				     WN_FMT_HTML, NULL);
			ok(wn_doc_cut_pages_ == pages + (cases[i].cut > 0) &&
				   wn_doc_cut_again_ ==
					   again + (cases[i].cut == 2),
			   "%s: %s", cases[i].what,
			   cases[i].cut == 2   ? "parsed again"
			   : cases[i].cut == 1 ? "cut"
					       : "nothing cut");
			if (cases[i].want) {
				ok(cut && strstr(cut, cases[i].want),
				   "%s", cases[i].what);
				if (cut && !strstr(cut, cases[i].want))
					printf("# got: %s\n", strstr(cut, "<body") ? strstr(cut, "<body") : cut);
			}
			ok(cut && whole && !strcmp(cut, whole),
			   "%s: the tree of the whole page", cases[i].what);
			free(cut);
			free(whole);
		}
		{
			static const char nul[] =
				"<p title=\"a value with a NUL \0 byte in it\" "
				"lang=\"and a long value after it\">x</p>";
			char *cut, *whole;

			wn_doc_cuts_ = false;
			whole = render(nul, sizeof(nul) - 1, WN_KIND_HTML, NULL,
				       WN_FMT_HTML, NULL);
			wn_doc_cuts_ = true;
			cut = render(nul, sizeof(nul) - 1, WN_KIND_HTML, NULL,
				     WN_FMT_HTML, NULL);
			ok(cut && strstr(cut, "NUL \xef\xbf\xbd byte in it\" "
					      "lang=\"and a long value after"),
			   "cuts: a NUL byte in a value");
			ok(cut && whole && !strcmp(cut, whole),
			   "cuts: a NUL byte in a value: the tree of the "
			   "whole page");
			free(cut);
			free(whole);
		}
		{
			/* a NUL byte inside a script's start tag, and inside
			 * a tag with an attribute to drop: the parser would
			 * end the page there */
			static const char s1[] =
				"<p>before</p><script src=\"a\0b\">var x = 1;"
				"</script><p>after</p>";
			static const char s2[] =
				"<p>before</p><div @click=\"x\" title=\"a\0b\">"
				"in</div><p>after</p>";
			char *o1 = render(s1, sizeof(s1) - 1, WN_KIND_HTML,
					  NULL, WN_FMT_HTML, NULL);
			char *o2 = render(s2, sizeof(s2) - 1, WN_KIND_HTML,
					  NULL, WN_FMT_HTML, NULL);

			ok(o1 && strstr(o1, "</script><p>after</p>"),
			   "a NUL byte in a script's start tag loses nothing");
			ok(o2 && strstr(o2, "<div title=\"a\xef\xbf\xbd"
					    "b\">in</div><p>after</p>"),
			   "a NUL byte in a tag with an attribute dropped "
			   "loses nothing");
			free(o1);
			free(o2);
		}
		{
			/* a valueless attribute before the tag's "/>" or a
			 * lone '/' is one the parser reads: kept, as the parser
			 * keeps it; an '@' name is still dropped */
			static const char pg[] =
				"<p>a<input disabled/><input checked/ readonly>"
				"<div hidden/>b<span @x/ title=t>c</span></p>";
			char *o = render(pg, sizeof(pg) - 1, WN_KIND_HTML,
					 NULL, WN_FMT_HTML, NULL);

			ok(o && strstr(o, "<p>a<input disabled><input checked "
					  "readonly></p><div hidden></div>b<span "
					  "title=\"t\">c</span>"),
			   "valueless attributes before '/' are kept");
			free(o);
		}
#undef LONG_JS
	}

	/* charsets */
	html = "<meta charset=\"windows-1252\"><p>caf\xe9 \x93q\x94</p>";
	out = html_text(html, strlen(html), NULL);
	is_str(out, "café “q”\n", "meta charset windows-1252");
	free(out);
	html = "<p>caf\xe9</p>";
	out = html_text(html, strlen(html), NULL);
	is_str(out, "café\n", "no charset, invalid UTF-8: windows-1252 guess");
	free(out);
	html = "<meta charset=\"utf-8\"><p>caf\xc3\xa9</p>";
	out = html_text(html, strlen(html), "ISO-8859-1");
	is_str(out, "cafÃ©\n", "--encoding wins over <meta>");
	free(out);
	html = "\xef\xbb\xbf<meta charset=\"windows-1252\"><p>caf\xc3\xa9</p>";
	out = html_text(html, strlen(html), "ISO-8859-1");
	is_str(out, "café\n", "BOM wins over --encoding and <meta>");
	free(out);
	html = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
	       "charset=Shift_JIS\"><p>\x93\xfa\x96\x7b</p>";
	out = html_text(html, strlen(html), NULL);
	is_str(out, "日本\n", "meta http-equiv Shift_JIS");
	free(out);
	{
		static const char u16[] = "\xfe\xff\0<\0p\0>\0h\0i\0<\0/\0p\0>";

		out = html_text(u16, sizeof(u16) - 1, NULL);
		is_str(out, "hi\n", "UTF-16BE with BOM");
		free(out);
	}
	out = render("<p>&hellip;</p>", 15, WN_KIND_HTML, NULL, WN_FMT_HTML,
		     NULL);
	ok(out && strstr(out, "charset=UTF-8") && strstr(out, "\xe2\x80\xa6"),
	   "HTML output is UTF-8 and says so");
	free(out);
	out = html_text("", 0, NULL);
	is_str(out, "", "empty HTML input");
	free(out);
	html = "<!DOCTYPE html><html><head><title>x</title></head><body>"
	       "<header><p>one</p></header>\n</body>\n</html>\n"
	       "<div><section><p>two</p></section></div></body></html>";
	out = html_text(html, strlen(html), NULL);
	is_str(out, "one\n\ntwo\n",
	       "text after an early </html> is still in the body");
	free(out);
	html = "<p>one two  three\tfour \n five <b>six</b> seven<br> eight "
	       "nine </p><p> caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
	       "e\xc2\xa0x y z</p>";
	out = html_text(html, strlen(html), NULL);
	is_str(out,
	       "one two three four five six seven\neight nine\n\n"
	       "caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
	       "e\xc2\xa0x y z\n",
	       "text writer: words parted by one space, runs, <br>, UTF-8");
	free(out);

	/* URL */
	d = parse("<link rel=canonical href=\"https://News.Example.COM/a\">",
		  NULL);
	is_str(wn_doc_url_peek(d), "https://News.Example.COM/a",
	       "canonical URL");
	is_str(wn_doc_host_peek(d), "news.example.com", "host lower-cased");
	wn_doc_free(d);
	d = parse("<meta property=\"og:url\" content=\"http://b.org/x\">"
		  "<link rel=canonical href=\"https://a.org/\">",
		  "https://given.net/p");
	is_str(wn_doc_host_peek(d), "given.net", "--url wins");
	wn_doc_free(d);
	d = parse("<meta property=\"og:url\" content=\"http://b.org/x\">",
		  NULL);
	is_str(wn_doc_host_peek(d), "b.org", "og:url fallback");
	wn_doc_free(d);

	/* attribute values, compared in place */
	d = parse("<body><div role=\" Button \" aria-hidden=true "
		  "title=\"a &amp; b\">x</div></body>",
		  NULL);
	{
		xmlNodePtr body = wn_doc_body(d);
		xmlNodePtr div = wn_next_element(body, body, false);

		ok(wn_node_attr_is(div, "role", "button") &&
			   wn_node_attr_is(div, "aria-hidden", "TRUE"),
		   "attr_is: case and edge spaces ignored");
		ok(!wn_node_attr_is(div, "role", "butto") &&
			   !wn_node_attr_is(div, "role", "buttons") &&
			   !wn_node_attr_is(div, "lang", "") &&
			   !wn_node_attr_is(body, "role", "button"),
		   "attr_is: whole values only; a missing attribute is no "
		   "match");
		ok(wn_node_attr_is(div, "title", "a & b"),
		   "attr_is: a value with an entity");
	}
	wn_doc_free(d);

	/* the box a line opens */
	d = parse("<body><article><div id=outer><p>Before it.</p>"
		  "<div id=box><div><h3 id=h>About the author</h3>"
		  "<p>Short bio.</p></div></div></div></article></body>",
		  NULL);
	{
		xmlNodePtr body = wn_doc_body(d), h = NULL, b;

		for (h = body; h && !wn_node_attr_is(h, "id", "h");)
			h = wn_next_element(h, body, false);
		b = h ? wn_node_box_of(h, 1000, 1) : NULL;
		ok(b && wn_node_attr_is(b, "id", "box"),
		   "box_of: the largest box with nothing before the line");
		b = h ? wn_node_box_of(h, 1000, 40) : NULL;
		ok(b && wn_node_attr_is(b, "id", "outer"),
		   "box_of: some text before allowed; not past <article>");
		ok(h && !wn_node_box_of(h, 10, 1),
		   "box_of: NULL when the parent holds too much text");
	}
	wn_doc_free(d);

	/* DOM helpers */
	d = parse("<body><div id=a class=\"x related-posts\"><p>One "
		  "<a href=# rel=\"Prev\tnofollow\">link</a></p><div><p>Two</p><p></p></div>"
		  "Loose</div><ul><li>i</li></ul></body>",
		  NULL);
	{
		xmlNodePtr body = wn_doc_body(d), *b = NULL;
		xmlNodePtr div = wn_next_element(body, body, false);
		static const char *const hints[] = {"related", NULL};
		static const char *const nohints[] = {"x-", NULL};
		size_t n = 0;

		wn_blocks(body, &b, &n);
		is_int(n, 4, "blocks: the four leaf blocks");
		ok(n == 4 && xmlStrEqual(b[3]->name, BAD_CAST "li"),
		   "blocks: document order");
		free(b);
		ok(wn_node_has_class(div, "x") &&
			   !wn_node_has_class(div, "related"),
		   "has_class matches whole tokens");
		{
			xmlNodePtr a = wn_next_element(div, div, false);

			a = a ? wn_next_element(a, div, false) : NULL;
			ok(a && xmlStrEqual(a->name, BAD_CAST "a") &&
				   wn_node_attr_has(a, "rel", "prev") &&
				   wn_node_attr_has(a, "rel", "NOFOLLOW") &&
				   !wn_node_attr_has(a, "rel", "pre") &&
				   !wn_node_attr_has(a, "rel", "next") &&
				   !wn_node_attr_has(a, "href", "prev") &&
				   !wn_node_attr_has(div, "rel", "prev"),
			   "attr_has: whole tokens, any ASCII case");
		}
		ok(wn_node_hint_any(div, hints) &&
			   !wn_node_hint_any(div, nohints),
		   "hint_any matches inside tokens");
		is_int(wn_node_text_len(div), 18, "text length, collapsed");
		is_int(wn_node_link_text_len(div), 4, "link text length");
		/* the classes of the names are kept: nothing else */
		ok(!(div->extra & ~(WN_NODE_CLASSED | WN_NODE_CLASS_MASK)) &&
			   !(body->extra &
			     ~(WN_NODE_CLASSED | WN_NODE_CLASS_MASK)),
		   "blocks leaves no marks behind");
	}
	wn_doc_free(d);
	/* a custom element with an href is a link; one without is not,
	 * nor a built-in element with one */
	d = parse("<body><div><dropdown-item href=/a>Mics</dropdown-item> "
		  "<dropdown-item>Amps</dropdown-item> <span href=/c>Keys"
		  "</span> <a>Drums</a></div></body>",
		  NULL);
	{
		xmlNodePtr body = wn_doc_body(d);
		xmlNodePtr div = wn_next_element(body, body, false);

		is_int(wn_node_text_len(div), 20, "custom links: text length");
		is_int(wn_node_link_text_len(div), 9,
		       "custom links: an href makes a custom element a link");
	}
	wn_doc_free(d);
	d = parse("<body class=\"post tag-newsletter\"><article "
		  "class=\"tag-related\">x</article></body>",
		  NULL);
	{
		static const char *const hints[] = {"newsletter", "related",
						    NULL};
		xmlNodePtr body = wn_doc_body(d);

		ok(!wn_node_hint_any(body, hints) &&
			   !wn_node_hint_any(body->children, hints),
		   "hint_any ignores taxonomy tokens");
	}
	wn_doc_free(d);
	d = parse("<body><div class=\"grid hide-read-more-ad\">a</div>"
		  "<div class=\"page no-sidebar\">b</div><div "
		  "class=\"without-comments\">c</div><div class=\"side ad\">"
		  "d</div></body>",
		  NULL);
	{
		static const char *const hints[] = {"ad", "sidebar", "comments",
						    NULL};
		xmlNodePtr body = wn_doc_body(d);
		xmlNodePtr d1 = wn_next_element(body, body, false);
		xmlNodePtr d2 = wn_next_element(d1, body, true);
		xmlNodePtr d3 = wn_next_element(d2, body, true);
		xmlNodePtr d4 = wn_next_element(d3, body, true);

		ok(!wn_node_hint(d1, hints, true) &&
			   !wn_node_hint(d2, hints, true) &&
			   !wn_node_hint_any(d3, hints) &&
			   wn_node_hint(d4, hints, true),
		   "hint ignores tokens saying the box is without the thing");
	}
	wn_doc_free(d);
	d = parse(
		"<body><div class=\"box adSlot\">a</div><div class=\"AD-box\">"
		"b</div><div class=\"header shadow\">c</div><div "
		"id=\"x q\">d</div></body>",
		NULL);
	{
		static const char *const ad[] = {"ad", NULL};
		xmlNodePtr body = wn_doc_body(d);
		xmlNodePtr d1 = wn_next_element(body, body, false);
		xmlNodePtr d2 = wn_next_element(d1, body, true);
		xmlNodePtr d3 = wn_next_element(d2, body, true);
		xmlNodePtr d4 = wn_next_element(d3, body, true);
		/* lists a plugin builds and changes: an index of a list is
		 * used only while the list holds the same needles */
		char names[300][12];
		const char *list[301];

		ok(wn_node_hint(d1, ad, true) && wn_node_hint(d2, ad, true) &&
			   !wn_node_hint(d3, ad, true) &&
			   wn_node_hint(d3, ad, false),
		   "hint: whole words either case; inside words without");
		{
			/* tokens answered for the lists met so far, then
			 * asked of a list met after them (and "" is found
			 * in every token) */
			static const char *const late[] = {"dow", "box",
							   NULL};
			static const char *const empty[] = {"zz", "", NULL};

			ok(wn_node_hint(d3, late, false) &&
				   !wn_node_hint(d3, late, true) &&
				   wn_node_hint(d1, late, true) &&
				   wn_node_hint(d2, late, true) &&
				   wn_node_hint(d4, empty, false),
			   "hint: a list met late, an empty needle");
		}
		for (int i = 0; i < 300; i++) {
			snprintf(names[i], sizeof(names[i]), "n%dz", i);
			list[i] = names[i];
		}
		list[300] = NULL;
		ok(!wn_node_hint_any(d1, list), "hint: a long list, no match");
		list[299] = "slot";
		ok(wn_node_hint_any(d1, list) && !wn_node_hint_any(d2, list),
		   "hint: a long list, its last needle");
		list[299] = names[299];
		ok(!wn_node_hint_any(d1, list),
		   "hint: the same list changed back, no match");
		list[0] = "box";
		list[1] = NULL;
		ok(wn_node_hint_any(d1, list) && wn_node_hint_any(d2, list) &&
			   !wn_node_hint_any(d3, list),
		   "hint: the same list cut short");
		list[0] = "q";
		ok(wn_node_hint(d4, list, true) &&
			   !wn_node_hint(d1, list, true),
		   "hint: a needle of one byte");
		{
			/* a value's answers are kept for all the lists at
			 * once: asked of lists in turn, of one met after
			 * it was answered, with a token too long to keep,
			 * and again after thousands of other values */
			static const char *const cookie[] = {"cookie", NULL};
			static const char *const share[] = {"share", NULL};
			static const char *const later[] = {"sharebar", NULL};
			char longv[400], v[32];
			bool all = true;

			memset(longv, 'x', sizeof(longv));
			memcpy(longv + 300, "-cookie-", 8);
			memcpy(longv + 350, " share ", 7);
			longv[sizeof(longv) - 1] = '\0';
			xmlSetProp(d3, BAD_CAST "class",
				   BAD_CAST "cookie-bar sharebar tag-share");
			ok(wn_node_hint(d3, cookie, true) &&
				   wn_node_hint(d3, share, false) &&
				   !wn_node_hint(d3, share, true) &&
				   wn_node_hint(d3, cookie, false) &&
				   wn_node_hint(d3, later, true),
			   "hint: one value asked of lists in turn");
			xmlSetProp(d3, BAD_CAST "class", BAD_CAST longv);
			ok(wn_node_hint(d3, cookie, true) &&
				   wn_node_hint(d3, share, true) &&
				   !wn_node_hint(d3, later, false),
			   "hint: a value with a token too long to keep");
			for (int i = 0; i < 5000 && all; i++) {
				snprintf(v, sizeof(v), "w%d cookie%d", i, i);
				xmlSetProp(d3, BAD_CAST "class", BAD_CAST v);
				all = wn_node_hint(d3, cookie, false) &&
				      !wn_node_hint(d3, cookie, true) &&
				      !wn_node_hint(d3, share, false);
			}
			xmlSetProp(d3, BAD_CAST "class",
				   BAD_CAST "cookie-bar sharebar tag-share");
			ok(all && wn_node_hint(d3, cookie, true) &&
				   !wn_node_hint(d3, share, true) &&
				   wn_node_hint(d3, later, true),
			   "hint: answers right after the table fills");
		}
		{
			/* the text node of a value files where its answers
			 * are: a new value (a new text node) or a text
			 * changed in place, and its undoing, are answered
			 * anew */
			struct wn_ctx *ctx = NULL;
			struct wn_run_tally t;
			struct class_edit c = {.el = d3, .seen = -1};
			bool before, after;

			xmlSetProp(d3, BAD_CAST "class", BAD_CAST "cookie-bar");
			before = wn_node_hint(d3, cookie_hints, true) &&
				 wn_node_hint(d3, cookie_hints, true);
			xmlSetProp(d3, BAD_CAST "class", BAD_CAST "cookiebar");
			after = wn_node_hint(d3, cookie_hints, true);
			ok(before && !after,
			   "hint: a value set anew is answered anew");
			xmlSetProp(d3, BAD_CAST "class", BAD_CAST "cookie-bar");
			wn_ctx_new(NULL, &ctx);
			before = wn_node_hint(d3, cookie_hints, true);
			wn_run_isolated_(ctx, d, "edit", 0, edit_class_text, &c,
					 "step", &t);
			ok(before && c.seen == 0 &&
				   wn_node_hint(d3, cookie_hints, true),
			   "hint: a value's text changed in place, and back");
			wn_ctx_free(ctx);
		}
	}
	wn_doc_free(d);
	{
		struct wn_ctx *ctx = NULL;
		struct wn_run_tally t;
		struct text_edit e = {0};
		char now[64];

		d = parse("<html><body><div><p>One <b>Two</b><i> x</i>"
			  " three</p></div><p>Other  text</p></body></html>",
			  NULL);
		wn_ctx_new(NULL, &ctx);
		e.block = xmlFirstElementChild(wn_doc_body(d));
		e.inner = xmlFirstElementChild(xmlFirstElementChild(e.block));
		e.fail = true;
		wn_run_isolated_(ctx, d, "edit", 0, edit_text, &e, "step", &t);
		is_str(e.before, "One Two x three", "text kept: the text");
		is_str(e.after, "One Changed three",
		       "text kept: a change below is seen");
		is_str(e.fold, "one changed three",
		       "text kept: and the fold made from it");
		is_str(e.other, "Other text", "text kept: another element");
		text_of(e.block, now, sizeof(now));
		is_str(now, "One Two x three", "text kept: undone with the step");
		e.fail = false;
		wn_run_isolated_(ctx, d, "edit", 0, edit_text, &e, "step", &t);
		text_of(e.block, now, sizeof(now));
		ok(!strcmp(e.before, "One Two x three") &&
			   !strcmp(now, "One Changed three"),
		   "text kept: after a rollback, then kept");
		wn_ctx_free(ctx);
		wn_doc_free(d);
	}
	{
		struct wn_ctx *ctx = NULL;
		struct wn_run_tally t;
		struct link_edit e = {0};

		/* outside a link, no text counts, nor its spaces: the two
		 * links' words join */
		d = parse("<html><body><div><p>Intro <a href=#>one link</a>"
			  " and <a href=#><b>two</b></a> tail</p></div>"
			  "<p>Other <a>x  y</a><br></p></body></html>",
			  NULL);
		wn_ctx_new(NULL, &ctx);
		e.block = xmlFirstElementChild(wn_doc_body(d));
		e.other = xmlNextElementSibling(e.block);
		is_int(wn_node_link_text_len(e.block), 11,
		       "link text: uncached");
		e.fail = true;
		wn_run_isolated_(ctx, d, "edit", 0, edit_links, &e, "step", &t);
		ok(e.first == 11 && e.inner == 11 && e.link == 8,
		   "link text kept: the lengths, an inner one, a link's");
		is_int(e.set, 21, "link text kept: a link's text set is seen");
		is_int(e.removed, 18, "link text kept: a removal is seen");
		is_int(e.other_len, 3, "link text kept: another element");
		is_int(wn_node_link_text_len(e.block), 11,
		       "link text kept: undone with the step");
		e.fail = false;
		wn_run_isolated_(ctx, d, "edit", 0, edit_links, &e, "step", &t);
		ok(e.first == 11 && e.set == 21 && e.removed == 18 &&
			   wn_node_link_text_len(e.block) == 18,
		   "link text kept: after a rollback, then kept");
		wn_ctx_free(ctx);
		wn_doc_free(d);
	}
	{
		/* a node set through several growths: every node added is
		 * found once, no other is */
		enum { N = 5000 };
		static xmlNode nodes[N];
		struct wn_nodeset set = {0};
		int added = 0, again = 0, found = 0, stray = 0;

		for (int i = 0; i < N; i += 2)
			added += wn_nodeset_add(&set, &nodes[i]) == 1;
		for (int i = 0; i < N; i += 2)
			again += wn_nodeset_add(&set, &nodes[i]);
		for (int i = 0; i < N; i++) {
			if (wn_nodeset_has(&set, &nodes[i]))
				*(i % 2 ? &stray : &found) += 1;
		}
		is_int(added, N / 2, "nodeset: each node added once");
		is_int(again, 0, "nodeset: adding again adds nothing");
		ok(found == N / 2 && stray == 0 && set.n == N / 2,
		   "nodeset: finds what it holds, only that");
		ok(!wn_nodeset_has(&set, NULL) &&
			   wn_nodeset_add(&set, NULL) == 0,
		   "nodeset: NULL is never in it");
		wn_nodeset_free(&set);
		ok(!wn_nodeset_has(&set, &nodes[0]) && set.cap == 0,
		   "nodeset: empty after free");
	}
	return done_testing();
}
