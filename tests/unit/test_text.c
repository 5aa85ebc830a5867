/* SPDX-License-Identifier: MIT */
/* Unit tests: the text model (paragraphs, tight lines, hard-wrapped
 * dumps, bullets) and text charsets. */
#include "tap.h"
#include "common.h"

static char *text_out(const char *s)
{
	return render(s, strlen(s), WN_KIND_TEXT, NULL, WN_FMT_TEXT, NULL);
}

static int count_blocks(const char *s)
{
	struct wn_parse_opts o = {.kind = WN_KIND_TEXT};
	struct wn_doc *d = NULL;
	xmlNodePtr *b = NULL;
	size_t n = 0;

	if (wn_doc_parse(s, strlen(s), &o, &d))
		return -1;
	wn_blocks(wn_doc_body(d), &b, &n);
	free(b);
	wn_doc_free(d);
	return (int)n;
}

/* A paragraph hard-wrapped at `width` columns with `indent` spaces. */
static void wrap(struct wn_buf *b, const char *para, int width, int indent)
{
	int col = 0;
	const char *p = para;

	while (*p) {
		const char *q = strchr(p, ' ');
		int k = q ? (int)(q - p) : (int)strlen(p);

		if (col && col + 1 + k > width) {
			wn_buf_puts(b, "\n");
			col = 0;
		}
		if (!col) {
			for (int i = 0; i < indent; i++)
				wn_buf_puts(b, " ");
			col = indent;
		} else {
			wn_buf_puts(b, " ");
			col++;
		}
		wn_buf_append(b, p, (size_t)k);
		col += k;
		p += k;
		while (*p == ' ')
			p++;
	}
	wn_buf_puts(b, "\n");
}

/* w3m's way with East Asian text: break at `width` screen columns, a
 * Hangul syllable or a kana taking two, anywhere in a word. */
static void wrap_cols(struct wn_buf *b, const char *para, int width)
{
	int col = 0;

	for (const char *p = para; *p;) {
		int n = ((unsigned char)*p & 0xf0) == 0xe0 ? 3 : 1;
		int w = n == 3 ? 2 : 1;

		if (col + w > width) {
			wn_buf_puts(b, "\n");
			col = 0;
			if (*p == ' ') {
				p++;
				continue;
			}
		}
		wn_buf_append(b, p, (size_t)n);
		col += w;
		p += n;
	}
	wn_buf_puts(b, "\n\n");
}

/* Three copies of para wrapped at width columns (a dump's paragraphs)
 * come back as three blocks, each para unchanged: no space added where
 * a line was broken inside a word. */
static void wrapped_back(const char *para, int width, const char *what)
{
	struct wn_buf w = {0};
	char *out;

	for (int i = 0; i < 3; i++)
		wrap_cols(&w, para, width);
	is_int(count_blocks(w.data), 3, "%s: lines joined back", what);
	out = text_out(w.data);
	ok(out && strstr(out, para), "%s: no space added inside a word", what);
	free(out);
	wn_buf_free(&w);
}

static const char *const paras[] = {
	"The committee met on Tuesday to discuss the proposal, which would "
	"change how the city allocates money for road repairs over the next "
	"ten years, and several members raised concerns about the timeline.",
	"Officials said the plan had been drafted after a year of public "
	"consultation, during which residents were asked which streets they "
	"considered the most dangerous for cyclists and pedestrians alike.",
	"A final vote is expected next month, after the budget office "
	"publishes its estimate of the cost and the council has had time to "
	"review the comments submitted by neighbourhood associations.",
};

int main(void)
{
	const char *in1 = "Title line\n\nFirst paragraph.\n\nSecond one.\n";
	const char *in2 = "Header\nline two right after\n\nThird\n";
	char *out;
	struct wn_buf w = {0};

	out = text_out(in1);
	is_str(out, in1, "round trip: paragraphs");
	free(out);
	out = text_out(in2);
	is_str(out, in2, "round trip: tight lines keep no blank line");
	free(out);
	out = text_out("a  \r\n\r\nb\t\r\n");
	is_str(out, "a\n\nb\n", "CRLF and trailing space");
	free(out);
	out = text_out("");
	is_str(out, "", "empty input, empty output");
	free(out);
	out = text_out("\n\n   \n");
	is_str(out, "", "blank input, empty output");
	free(out);
	is_int(count_blocks("one\ntwo\n\nthree"), 3, "one block per line");

	for (int i = 0; i < 3; i++) {
		wrap(&w, paras[i], 72, 3);
		wn_buf_puts(&w, "\n");
	}
	is_int(count_blocks(w.data), 3, "wrapped dump: lines joined back");
	out = text_out(w.data);
	ok(out && strstr(out, paras[0]) && strstr(out, paras[2]),
	   "wrapped dump: paragraphs restored");
	free(out);
	wn_buf_free(&w);

	/* a news page: a long menu of short lines, one short article */
	for (int i = 0; i < 60; i++)
		wn_buf_puts(&w, "     * Section\n");
	wn_buf_puts(&w, "\n");
	wrap(&w, paras[0], 72, 3);
	is_int(count_blocks(w.data), 61,
	       "a dump mostly of menu lines: the article's lines joined");
	wn_buf_free(&w);

	wn_buf_puts(&w, "   * Home\n   * World\n   * Business\n"
			"   * A bulleted item that is long enough to need "
			"wrapping when the dump\n     was made at seventy "
			"columns\n");
	for (int i = 0; i < 2; i++) {
		wn_buf_puts(&w, "\n");
		wrap(&w, paras[i], 72, 3);
	}
	is_int(count_blocks(w.data), 6,
	       "bullets stay separate, continuation joined");
	out = text_out(w.data);
	ok(out && strstr(out, "* Home\n") &&
		   strstr(out, "the dump was made at seventy"),
	   "bullets kept as text");
	free(out);
	wn_buf_free(&w);

	/* East Asian text: a dumper counting columns breaks inside words,
	 * and the two halves are joined back without a space */
	{
		static const char *const ko[] = {
			"\xea\xb7\xb8\xeb\x9e\x98\xec\x84\x9c",
			"\xec\xb2\x98\xec\x9d\x8c", "\xec\x9d\xb4",
			"\xec\x82\xac\xeb\x9e\x8c\xeb\x93\xa4\xec\x9d\x80",
			"\xeb\xa7\x90\xed\x96\x88\xeb\x8b\xa4"}; /* Korean */
		const char *ja = "\xe3\x81\x93\xe3\x82\x8c\xe3\x81\xaf"
				 "\xe6\x96\x87\xe3\x81\xa7\xe3\x81\x99"
				 "\xe3\x80\x82"; /* Japanese */
		struct wn_buf para = {0}, want = {0};

		for (int i = 0; i < 60; i++) {
			wn_buf_puts(&want, ko[i % 5]);
			if (i < 59)
				wn_buf_puts(&want, " ");
		}
		/* at 79 columns no line breaks at a space */
		wrapped_back(want.data, 79, "Korean wrapped at columns");
		for (int i = 0; i < 30; i++)
			wn_buf_puts(&para, ja);
		wrapped_back(para.data, 78, "Japanese wrapped");
		wn_buf_free(&para);
		wn_buf_free(&want);
	}

	/* text charsets */
	out = render("caf\xe9 cr\xe8me\n", 11, WN_KIND_TEXT, NULL, WN_FMT_TEXT,
		     NULL);
	is_str(out, "café crème\n", "invalid UTF-8 guessed as windows-1252");
	free(out);
	out = render("caf\xc3\xa9 na\xc3\xafve cr\xc3\xa8me \xff!\n", 23,
		     WN_KIND_TEXT, NULL, WN_FMT_TEXT, NULL);
	is_str(out, "café naïve crème \xef\xbf\xbd!\n",
	       "mostly UTF-8 with a stray byte stays UTF-8");
	free(out);
	out = render("caf\xe9\n", 5, WN_KIND_TEXT, "ISO-8859-15", WN_FMT_TEXT,
		     NULL);
	is_str(out, "café\n", "--encoding converts text");
	free(out);
	out = render("\xff\xfeh\0i\0\n\0", 8, WN_KIND_TEXT, NULL, WN_FMT_TEXT,
		     NULL);
	is_str(out, "hi\n", "UTF-16LE with BOM");
	free(out);
	{
		int rc = 0;

		out = render("x", 1, WN_KIND_TEXT, "no-such-charset",
			     WN_FMT_TEXT, &rc);
		ok(out == NULL && rc == WN_EINVAL, "unknown --encoding fails");
	}
	out = render("a\0b\n", 4, WN_KIND_TEXT, NULL, WN_FMT_TEXT, NULL);
	is_str(out,
	       "a\xef\xbf\xbd"
	       "b\n",
	       "NUL in text becomes U+FFFD");
	free(out);
	return done_testing();
}
