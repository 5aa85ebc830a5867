/* SPDX-License-Identifier: MIT */
/* Unit tests of the permissive Full-Text RSS config parser: comments,
 * continuation lines, CRLF and BOM, unknown directives and typos, lines
 * without a colon, name(arg) forms, yes/no values, bounds, XPath
 * checks.  Nothing it is given is fatal. */
#include <stdlib.h>

#include "tap.h"
#include "common.h"

#include "../../plugins/ftr-config.h"

struct seen {
	struct wn_buf log;
	size_t n;
};

static void report(void *ud, enum ftr_sev sev, const char *file, unsigned line,
		   const char *msg)
{
	static const char *const what[] = {"error", "warning", "note"};
	struct seen *s = ud;
	char b[1024];

	s->n++;
	snprintf(b, sizeof(b), "%s:%u: %s: %s\n", file, line, what[sev], msg);
	wn_buf_puts(&s->log, b);
}

static int parse(struct ftr_config *c, struct seen *s, const char *text)
{
	memset(c, 0, sizeof(*c));
	wn_buf_free(&s->log);
	s->n = 0;
	return ftr_config_parse(c, text, strlen(text), "t.txt", report, s);
}

static bool logged(const struct seen *s, const char *what)
{
	return s->log.data && strstr(s->log.data, what);
}

int main(void)
{
	struct ftr_config c;
	struct seen s = {0};
	char *big;

	/* comments, blank lines, white space, several values in order */
	ok(parse(&c, &s,
		 "# a comment\n\n   # indented comment\n"
		 "body: //article\n  body :  //main  \n"
		 "strip: //aside\n") == 0,
	   "parse a plain config");
	is_int(c.n, 3, "three directives kept");
	is_str(c.rules[1].val, "//main", "name and value trimmed");
	ok(c.rules[0].dir == FTR_BODY && c.rules[2].dir == FTR_STRIP,
	   "directives recognised");
	is_int(c.rules[2].line, 6, "line numbers count comments and blanks");
	is_int(s.n, 0, "nothing to report");
	ftr_config_free(&c);

	/* CRLF, a byte-order mark, no final newline */
	ok(parse(&c, &s,
		 "\xef\xbb\xbftitle: //h1\r\nbody: //div\r\n"
		 "prune: no") == 0,
	   "CRLF and BOM");
	is_int(c.n, 3, "all three read");
	is_str(c.rules[0].val, "//h1", "BOM and CR gone");
	is_int(c.prune, 0, "prune: no");
	is_int(c.autodetect, -1, "autodetect unset");
	ftr_config_free(&c);

	/* continuation: a trailing backslash joins the next line */
	ok(parse(&c, &s,
		 "body: //div[@id='a'] \\\n  | //div[@id='b']\n"
		 "strip: //x\n") == 0,
	   "continuation");
	is_int(c.n, 2, "one logical line plus one");
	is_str(c.rules[0].val, "//div[@id='a']   | //div[@id='b']",
	       "continued value joined");
	is_int(c.rules[0].line, 1, "reported at its first line");
	is_int(c.rules[1].line, 3, "the next line keeps its number");
	ftr_config_free(&c);

	/* unknown directives, typos and lines without a colon */
	ok(parse(&c, &s,
		 "titl: //h1\nfrobnicate: yes\nno colon here\n"
		 ": value\nbody:\n") == 0,
	   "junk is not fatal");
	ok(logged(&s, "t.txt:1: warning: unknown directive 'titl' (did you "
		      "mean 'title'?)"),
	   "a typo gets a suggestion");
	ok(logged(&s, "t.txt:2: warning: unknown directive 'frobnicate'\n"),
	   "an unknown name is reported");
	ok(logged(&s, "t.txt:3: error: not a directive (no ':')"),
	   "a line without a colon is an error with its line");
	ok(logged(&s, "t.txt:4: error: a value without a directive name"),
	   "a colon without a name");
	ok(logged(&s, "t.txt:5: warning: 'body' without a value"),
	   "an empty value");
	is_int(c.errors, 2, "two errors counted");
	is_int(c.n, 2, "unknown directives kept for the summary");
	ok(c.rules[0].dir == FTR_UNKNOWN && !strcmp(c.rules[0].name, "titl"),
	   "the unknown name is kept");
	ftr_config_free(&c);

	/* name(arg): value, with a colon inside the arg; pairs */
	ok(parse(&c, &s,
		 "replace_string(<a href=\"x:y\">): <a>\n"
		 "wrap_in(blockquote): //div[@class='tweet']\n"
		 "wrap_in(Bad Tag): //p\n"
		 "find_string: <b>\nreplace_string: <strong>\n"
		 "find_string: dangling\n"
		 "http_header(user-agent): x\n") == 0,
	   "paren forms");
	is_str(c.rules[0].arg, "<a href=\"x:y\">", "the arg keeps its colon");
	is_str(c.rules[0].val, "<a>", "and the value follows '):'");
	is_str(c.rules[1].arg, "blockquote", "wrap_in tag");
	ok(c.rules[2].bad && logged(&s, "t.txt:3: error: wrap_in(Bad Tag)"),
	   "a bad tag name is refused");
	ok(c.has_replace, "replacements noted");
	ok(logged(&s, "t.txt:6: error: 2 find_string but 1 replace_string"),
	   "unpaired find_string reported");
	ok(logged(&s, "t.txt:7: note: 'http_header' is not supported"),
	   "fetching directives are noted");
	ftr_config_free(&c);

	/* yes/no values */
	ok(parse(&c, &s,
		 "autodetect_on_failure: NO\ntidy: true\n"
		 "prune: maybe\n") == 0,
	   "yes/no values");
	is_int(c.autodetect, 0, "autodetect_on_failure: NO");
	is_int(c.tidy, 1, "tidy: true");
	is_int(c.prune, -1, "prune: maybe leaves it unset");
	ok(logged(&s, "t.txt:3: warning: 'prune' wants yes or no"),
	   "bad yes/no reported");
	ftr_config_free(&c);

	/* a huge line is reported and skipped, the rest is read */
	big = malloc(FTR_MAX_LINE + 64);
	strcpy(big, "strip: //a\nbody: ");
	memset(big + strlen(big), 'x', FTR_MAX_LINE + 10);
	big[FTR_MAX_LINE + 26] = '\0';
	strcat(big, "\nstrip: //b\n");
	ok(parse(&c, &s, big) == 0, "a huge line");
	is_int(c.n, 2, "the lines around it are kept");
	ok(logged(&s, "t.txt:2: error: line longer than"),
	   "the huge line is reported");
	ftr_config_free(&c);
	free(big);

	/* NUL bytes and binary junk never crash */
	{
		static const char junk[] = "body: //a\0\xff\xfe:\n\x01:\x02\n:";

		ok(ftr_config_parse(&c, junk, sizeof(junk) - 1, "j", report,
				    &s) == 0,
		   "binary junk parses");
		ftr_config_free(&c);
	}

	/* XPath checks */
	ok(parse(&c, &s, "body: //div[\nstrip: //p\ntitle: string(//h1)\n") ==
		   0,
	   "XPath config");
	is_int(ftr_config_compile(&c, report, &s), 1, "one bad XPath");
	ok(logged(&s, "t.txt:1: error: body: bad XPath '//div['"),
	   "the bad XPath is reported with its line");
	ok(ftr_rule_xpath(&c.rules[1]) != NULL, "a good one compiles");
	ok(ftr_rule_xpath(&c.rules[0]) == NULL, "a bad one stays NULL");
	ftr_config_free(&c);

	ok(ftr_directive_find("strip_id_or_class", 17) != NULL &&
		   ftr_directive_find("strip_id_or", 11) == NULL,
	   "directive table lookup");
	wn_buf_free(&s.log);
	return done_testing();
}
