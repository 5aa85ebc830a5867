/* SPDX-License-Identifier: MIT */
/*
 * CSS selectors compiled to XPath 1.0, for libxml2 to evaluate.
 *
 * A complex selector is matched right to left, as browsers do: the last
 * compound is the node tested, and each combinator becomes a predicate
 * on a reverse axis ("A > B C" is C[ancestor::B[parent::A]]).  One
 * generator thus serves both selection ("//" + step) and the predicate
 * forms that :not(), :is() and matches() need.  :has() looks forward
 * and gets forward steps.
 *
 * Extensions for cosmetic filter lists: :contains(text),
 * :has-text(text|/re/), :-abp-contains(...), and :matches-text(/re/i),
 * which calls the XPath function wn-re() registered by wn_xpath_ctx_().
 * Class tests call wn-class(), which reads the attribute in place: the
 * pure XPath 1.0 form (contains(concat(' ', normalize-space(@class),
 * ' '), ' x ')) builds three strings for every element it tests.
 */
#include <config.h>

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "internal.h"

#define MAX_DEPTH 32 /* nesting of :not()/:has()/:is() */

struct parser {
	const char *s; /* the whole selector */
	size_t i;      /* position */
	size_t depth;
	const char *err;
	size_t errpos;
	bool oom;
};

/* One compound selector: its name test and its predicates. */
struct compound {
	struct wn_buf tag;   /* "div", "*" or "*[name()='x']" */
	struct wn_buf preds; /* "[...][...]" */
	char type[64];       /* the lower-case type name, or "" */
};

static int fail(struct parser *p, size_t at, const char *msg)
{
	if (!p->err) {
		p->err = msg;
		p->errpos = at;
	}
	return -1;
}

static int out(struct parser *p, struct wn_buf *b, const char *s)
{
	if (wn_buf_puts(b, s)) {
		p->oom = true;
		return fail(p, p->i, "out of memory");
	}
	return 0;
}

static int outn(struct parser *p, struct wn_buf *b, const char *s, size_t n)
{
	if (wn_buf_append(b, s, n)) {
		p->oom = true;
		return fail(p, p->i, "out of memory");
	}
	return 0;
}

static char peek(const struct parser *p)
{
	return p->s[p->i];
}

static bool skip_ws(struct parser *p)
{
	size_t start = p->i;

	while (peek(p) == ' ' || peek(p) == '\t' || peek(p) == '\n' ||
	       peek(p) == '\r' || peek(p) == '\f')
		p->i++;
	return p->i > start;
}

static bool ident_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c == '-' || c >= 0x80 || c == '\\';
}

static bool ident_char(unsigned char c)
{
	return ident_start(c) || isdigit(c);
}

/* Append the UTF-8 encoding of code point cp. */
static int put_utf8(struct parser *p, struct wn_buf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return outn(p, b, u, n);
}

/* A backslash escape at p->i (the backslash): hex or a literal char. */
static int escape(struct parser *p, struct wn_buf *b)
{
	unsigned long cp = 0;
	int nhex = 0;

	p->i++;
	if (!peek(p))
		return fail(p, p->i, "escape at the end of the selector");
	while (nhex < 6 && isxdigit((unsigned char)peek(p))) {
		char c = peek(p);

		cp = cp * 16 + (unsigned long)(isdigit((unsigned char)c)
						       ? c - '0'
						       : tolower((unsigned char)c) -
								 'a' + 10);
		p->i++;
		nhex++;
	}
	if (nhex) {
		if (peek(p) == ' ')
			p->i++;
		return put_utf8(p, b, cp);
	}
	if (peek(p) == '\n')
		return fail(p, p->i, "escaped newline");
	return outn(p, b, &p->s[p->i++], 1);
}

/* An identifier into b (unescaped, raw bytes), a buffer of the
 * caller's; on failure b is freed (a name cut short by a bad escape
 * would otherwise be left for the caller to free on every path). */
static int ident(struct parser *p, struct wn_buf *b)
{
	size_t start = p->i;

	if (!ident_start((unsigned char)peek(p)) ||
	    (peek(p) == '-' && isdigit((unsigned char)p->s[p->i + 1])))
		return fail(p, p->i, "expected a name");
	while (ident_char((unsigned char)peek(p))) {
		if (peek(p) == '\\') {
			if (escape(p, b))
				goto bad;
		} else if (outn(p, b, &p->s[p->i++], 1)) {
			goto bad;
		}
	}
	if (p->i == start || !b->len) {
		fail(p, start, "expected a name");
		goto bad;
	}
	return 0;
bad:
	wn_buf_free(b);
	return -1;
}

/* A quoted string (either quote) into b. */
static int string(struct parser *p, struct wn_buf *b)
{
	char q = peek(p);
	size_t start = p->i;

	p->i++;
	while (peek(p) != q) {
		if (!peek(p) || peek(p) == '\n')
			return fail(p, start, "unterminated string");
		if (peek(p) == '\\') {
			if (p->s[p->i + 1] == '\n') {
				p->i += 2;
				continue;
			}
			if (escape(p, b))
				return -1;
		} else if (outn(p, b, &p->s[p->i++], 1)) {
			return -1;
		}
	}
	p->i++;
	if (!b->data && out(p, b, ""))
		return -1;
	return 0;
}

/* An XPath string literal for s[0..n). */
static int literal(struct parser *p, struct wn_buf *b, const char *s, size_t n)
{
	const char *sq = memchr(s, '\'', n), *dq = memchr(s, '"', n);

	if (!sq) {
		return out(p, b, "'") || outn(p, b, s, n) || out(p, b, "'");
	}
	if (!dq) {
		return out(p, b, "\"") || outn(p, b, s, n) || out(p, b, "\"");
	}
	/* both quotes: concat('...', "'", '...') */
	if (out(p, b, "concat(''"))
		return -1;
	for (size_t i = 0; i < n;) {
		size_t j = i;

		if (s[i] == '\'') {
			if (out(p, b, ",\"'\""))
				return -1;
			i++;
			continue;
		}
		while (j < n && s[j] != '\'')
			j++;
		if (out(p, b, ",'") || outn(p, b, s + i, j - i) ||
		    out(p, b, "'"))
			return -1;
		i = j;
	}
	return out(p, b, ")");
}

static bool xml_name(const char *s, size_t n)
{
	if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '_' && s[i] != '.')
			return false;
	return true;
}

static void ascii_lower(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
}

#define UPPER "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"
#define LOWER "'abcdefghijklmnopqrstuvwxyz'"

/*
 * The XPath test of an attribute operator: \1 stands for the attribute
 * expression, \2 for the value literal.  Values that can never match
 * (an empty ^= value, a ~= value with a space) give false(), as CSS says.
 */
static const char *attr_template(char op, const struct wn_buf *val)
{
	bool empty = !val->len;

	switch (op) {
	case 0:
		return "\1";
	case '=':
		return "\1=\2";
	case '~':
		return empty || strpbrk(val->data, " \t\n\r\f")
			       ? "false()"
			       : "contains(concat(' ',normalize-space(\1),' '),"
				 "concat(' ',\2,' '))";
	case '|':
		return "(\1=\2 or starts-with(\1,concat(\2,'-')))";
	case '^':
		return empty ? "false()" : "starts-with(\1,\2)";
	case '$':
		return empty ? "false()"
			     : "substring(\1,string-length(\1)-"
			       "string-length(\2)+1)=\2";
	default: /* '*' */
		return empty ? "false()" : "contains(\1,\2)";
	}
}

/* Append tpl with \1 and \2 replaced by a and v. */
static int expand(struct parser *p, struct wn_buf *b, const char *tpl,
		  const struct wn_buf *a, const struct wn_buf *v)
{
	for (const char *t = tpl; *t; t++) {
		const struct wn_buf *x = *t == '\1' ? a : *t == '\2' ? v : NULL;
		int rc = x ? outn(p, b, x->data, x->len) : outn(p, b, t, 1);

		if (rc)
			return -1;
	}
	return 0;
}

/* [attr op value flag] at p->i (after '['). */
static int attribute(struct parser *p, struct compound *c)
{
	struct wn_buf name = {0}, val = {0}, a = {0}, v = {0};
	struct wn_buf *pr = &c->preds;
	size_t start = p->i - 1;
	char op = 0;
	bool icase = false;
	int rc = -1;

	skip_ws(p);
	if (ident(p, &name))
		goto done;
	ascii_lower(name.data, name.len);
	skip_ws(p);
	if (peek(p) == '=') {
		op = '=';
		p->i++;
	} else if (peek(p) && strchr("~|^$*", peek(p)) &&
		   p->s[p->i + 1] == '=') {
		op = peek(p);
		p->i += 2;
	} else if (peek(p) != ']') {
		fail(p, p->i, "expected an attribute operator or ']'");
		goto done;
	}
	if (op) {
		skip_ws(p);
		if (peek(p) == '"' || peek(p) == '\'') {
			if (string(p, &val))
				goto done;
		} else if (ident(p, &val)) {
			fail(p, p->i, "expected an attribute value");
			goto done;
		}
		if (skip_ws(p) && (peek(p) == 'i' || peek(p) == 'I' ||
				   peek(p) == 's' || peek(p) == 'S')) {
			icase = tolower((unsigned char)peek(p)) == 'i';
			p->i++;
			skip_ws(p);
		}
	}
	if (peek(p) != ']') {
		fail(p, p->i, "expected ']'");
		goto done;
	}
	p->i++;
	/* the attribute expression */
	if (xml_name(name.data, name.len)) {
		if (out(p, &a, "@") || outn(p, &a, name.data, name.len))
			goto done;
	} else if (out(p, &a, "@*[name()=") ||
		   literal(p, &a, name.data, name.len) || out(p, &a, "]")) {
		goto done;
	}
	if (icase && op) {
		struct wn_buf t = {0};

		ascii_lower(val.data, val.len);
		if (out(p, &t, "translate(") || outn(p, &t, a.data, a.len) ||
		    out(p, &t, "," UPPER "," LOWER ")")) {
			wn_buf_free(&t);
			goto done;
		}
		wn_buf_free(&a);
		a = t;
	}
	if (op && literal(p, &v, val.data ? val.data : "", val.len))
		goto done;
	if (out(p, pr, "["))
		goto done;
	rc = expand(p, pr, attr_template(op, &val), &a, &v);
	if (!rc)
		rc = out(p, pr, "]");
done:
	if (rc && !p->err)
		fail(p, start, "bad attribute selector");
	wn_buf_free(&name);
	wn_buf_free(&val);
	wn_buf_free(&a);
	wn_buf_free(&v);
	return rc ? -1 : 0;
}

/* An+B of :nth-*(); true when parsed. */
static int nth_arg(struct parser *p, long *a, long *b)
{
	size_t start = p->i;
	long sign = 1, num = 0;
	bool digits = false;

	skip_ws(p);
	if (!strncasecmp(p->s + p->i, "odd", 3) &&
	    !ident_char((unsigned char)p->s[p->i + 3])) {
		*a = 2;
		*b = 1;
		p->i += 3;
		goto end;
	}
	if (!strncasecmp(p->s + p->i, "even", 4) &&
	    !ident_char((unsigned char)p->s[p->i + 4])) {
		*a = 2;
		*b = 0;
		p->i += 4;
		goto end;
	}
	if (peek(p) == '+' || peek(p) == '-') {
		sign = peek(p) == '-' ? -1 : 1;
		p->i++;
	}
	while (isdigit((unsigned char)peek(p))) {
		if (num < 100000000)
			num = num * 10 + (peek(p) - '0');
		digits = true;
		p->i++;
	}
	if (peek(p) == 'n' || peek(p) == 'N') {
		p->i++;
		*a = sign * (digits ? num : 1);
		*b = 0;
		skip_ws(p);
		if (peek(p) == '+' || peek(p) == '-') {
			long s2 = peek(p) == '-' ? -1 : 1, n2 = 0;

			p->i++;
			skip_ws(p);
			if (!isdigit((unsigned char)peek(p)))
				return fail(p, p->i, "expected a number");
			while (isdigit((unsigned char)peek(p))) {
				if (n2 < 100000000)
					n2 = n2 * 10 + (peek(p) - '0');
				p->i++;
			}
			*b = s2 * n2;
		}
	} else if (digits) {
		*a = 0;
		*b = sign * num;
	} else {
		return fail(p, start, "expected An+B, 'odd' or 'even'");
	}
end:
	skip_ws(p);
	if (peek(p) != ')')
		return fail(p, p->i, "expected ')'");
	p->i++;
	return 0;
}

/* The predicate "position pos is An+B". */
static int nth_pred(struct parser *p, struct wn_buf *pr, const char *pos,
		    long a, long b)
{
	char tmp[1024];

	if (a == 0)
		snprintf(tmp, sizeof(tmp), "[%s=%ld]", pos, b);
	else
		snprintf(tmp, sizeof(tmp),
			 "[(%s-(%ld)) mod %ld=0 and (%s-(%ld)) div %ld>=0]",
			 pos, b, a, pos, b, a);
	return out(p, pr, tmp);
}

static int list_match(struct parser *p, struct wn_buf *b, char close);
static int list_has(struct parser *p, struct wn_buf *b);

/* The argument of :contains()/:has-text(): a string, bare text or a
 * /regex/flags; the predicate into pr. */
static int text_arg(struct parser *p, struct wn_buf *pr, bool regex_only)
{
	struct wn_buf t = {0}, lit = {0};
	size_t start;
	bool re = false;
	char flags[8] = "";
	int rc = -1;

	skip_ws(p);
	start = p->i;
	if (peek(p) == '"' || peek(p) == '\'') {
		if (string(p, &t))
			goto done;
	} else if (peek(p) == '/') {
		size_t j = p->i + 1;

		while (p->s[j] && p->s[j] != '/') {
			if (p->s[j] == '\\' && p->s[j + 1])
				j++;
			j++;
		}
		if (p->s[j] != '/') {
			fail(p, start, "unterminated /regex/");
			goto done;
		}
		if (outn(p, &t, p->s + p->i + 1, j - p->i - 1))
			goto done;
		p->i = j + 1;
		for (size_t k = 0; isalpha((unsigned char)peek(p)); k++) {
			if (k + 1 >= sizeof(flags) || !strchr("imsu", peek(p))) {
				fail(p, p->i, "unknown regex flag");
				goto done;
			}
			flags[k] = peek(p);
			flags[k + 1] = '\0';
			p->i++;
		}
		re = true;
	} else {
		/* bare text up to the closing parenthesis */
		int depth = 0;

		while (peek(p) && (peek(p) != ')' || depth > 0)) {
			if (peek(p) == '(')
				depth++;
			else if (peek(p) == ')')
				depth--;
			if (outn(p, &t, &p->s[p->i++], 1))
				goto done;
		}
		while (t.len && t.data[t.len - 1] == ' ')
			t.data[--t.len] = '\0';
	}
	skip_ws(p);
	if (peek(p) != ')') {
		fail(p, p->i, "expected ')'");
		goto done;
	}
	p->i++;
	if (regex_only && !re) {
		fail(p, start, "expected a /regex/");
		goto done;
	}
	if (re) {
		const char *err = wn_regex_check_(t.data ? t.data : "", flags);

		if (err) {
			fail(p, start, err);
			goto done;
		}
	}
	if (literal(p, &lit, t.data ? t.data : "", t.len))
		goto done;
	if (re) {
		rc = out(p, pr, "[wn-re(string(.),") ||
		     outn(p, pr, lit.data, lit.len) || out(p, pr, ",'") ||
		     out(p, pr, flags) || out(p, pr, "')]");
	} else {
		rc = out(p, pr, "[contains(string(.),") ||
		     outn(p, pr, lit.data, lit.len) || out(p, pr, ")]");
	}
done:
	wn_buf_free(&t);
	wn_buf_free(&lit);
	return rc ? -1 : 0;
}

/* A pseudo-class at p->i (after ':'). */
static int pseudo(struct parser *p, struct compound *c)
{
	struct wn_buf name = {0};
	struct wn_buf *pr = &c->preds;
	size_t start = p->i - 1;
	const char *n;
	char ofpos[160];
	int rc = -1;

	if (peek(p) == ':') {
		fail(p, start, "pseudo-elements select no element");
		goto done;
	}
	if (ident(p, &name))
		goto done;
	ascii_lower(name.data, name.len);
	n = name.data;
	if (c->type[0])
		snprintf(ofpos, sizeof(ofpos), "%s", c->type);
	else
		ofpos[0] = '\0';
	if (peek(p) != '(') {
		if (!strcmp(n, "first-child"))
			rc = out(p, pr, "[not(preceding-sibling::*)]");
		else if (!strcmp(n, "last-child"))
			rc = out(p, pr, "[not(following-sibling::*)]");
		else if (!strcmp(n, "only-child"))
			rc = out(p, pr, "[not(preceding-sibling::*) and "
					"not(following-sibling::*)]");
		else if (!strcmp(n, "empty"))
			rc = out(p, pr, "[not(node()[not(self::comment())])]");
		else if (!strcmp(n, "root"))
			rc = out(p, pr, "[not(parent::*)]");
		else if (!strcmp(n, "first-of-type") ||
			 !strcmp(n, "last-of-type") ||
			 !strcmp(n, "only-of-type")) {
			if (!ofpos[0]) {
				fail(p, start, "needs a type selector "
					       "before it (as in p:first-of-type)");
				goto done;
			}
			if (n[1] != 'a')
				rc = out(p, pr, "[not(preceding-sibling::") ||
				     out(p, pr, ofpos) || out(p, pr, ")]");
			else
				rc = 0;
			if (!rc && n[0] != 'f')
				rc = out(p, pr, "[not(following-sibling::") ||
				     out(p, pr, ofpos) || out(p, pr, ")]");
		} else if (!strcmp(n, "link") || !strcmp(n, "any-link"))
			rc = out(p, pr, "[(self::a or self::area) and @href]");
		else if (!strcmp(n, "checked"))
			rc = out(p, pr, "[@checked or @selected]");
		else if (!strcmp(n, "disabled"))
			rc = out(p, pr, "[@disabled]");
		else
			fail(p, start, "unknown pseudo-class");
		goto done;
	}
	p->i++; /* '(' */
	if (!strcmp(n, "not") || !strcmp(n, "is") || !strcmp(n, "matches") ||
	    !strcmp(n, "where") || !strcmp(n, "any")) {
		bool neg = n[0] == 'n';

		rc = out(p, pr, neg ? "[not(" : "[(") ||
		     list_match(p, pr, ')') || out(p, pr, ")]");
	} else if (!strcmp(n, "has") || !strcmp(n, "-abp-has")) {
		rc = out(p, pr, "[(") || list_has(p, pr) || out(p, pr, ")]");
	} else if (!strcmp(n, "contains") || !strcmp(n, "has-text") ||
		   !strcmp(n, "-abp-contains")) {
		rc = text_arg(p, pr, false);
	} else if (!strcmp(n, "matches-text")) {
		rc = text_arg(p, pr, true);
	} else if (!strcmp(n, "nth-child") || !strcmp(n, "nth-last-child") ||
		   !strcmp(n, "nth-of-type") ||
		   !strcmp(n, "nth-last-of-type")) {
		bool last = strstr(n, "last") != NULL;
		bool type = strstr(n, "type") != NULL;
		char pos[320];
		long a = 0, b = 0;

		if (type && !ofpos[0]) {
			fail(p, start, "needs a type selector before it "
				       "(as in p:nth-of-type(2))");
			goto done;
		}
		if (nth_arg(p, &a, &b))
			goto done;
		snprintf(pos, sizeof(pos), "(count(%s::%s)+1)",
			 last ? "following-sibling" : "preceding-sibling",
			 type ? ofpos : "*");
		rc = nth_pred(p, pr, pos, a, b);
	} else {
		fail(p, start, "unknown pseudo-class");
	}
done:
	wn_buf_free(&name);
	return rc ? -1 : 0;
}

static void compound_free(struct compound *c)
{
	wn_buf_free(&c->tag);
	wn_buf_free(&c->preds);
}

/* A compound selector at p->i. */
static int compound(struct parser *p, struct compound *c)
{
	size_t start = p->i;

	memset(c, 0, sizeof(*c));
	if (peek(p) == '*') {
		p->i++;
		if (out(p, &c->tag, "*"))
			return -1;
	} else if (ident_start((unsigned char)peek(p)) && peek(p) != '\\' &&
		   !(peek(p) == '-' && p->s[p->i + 1] == '-')) {
		struct wn_buf t = {0};

		if (ident(p, &t))
			return -1;
		ascii_lower(t.data, t.len);
		if (xml_name(t.data, t.len) && t.len < sizeof(c->type)) {
			memcpy(c->type, t.data, t.len + 1);
			if (outn(p, &c->tag, t.data, t.len)) {
				wn_buf_free(&t);
				return -1;
			}
		} else if (out(p, &c->tag, "*[name()=") ||
			   literal(p, &c->tag, t.data, t.len) ||
			   out(p, &c->tag, "]")) {
			wn_buf_free(&t);
			return -1;
		}
		wn_buf_free(&t);
	} else if (out(p, &c->tag, "*")) {
		return -1;
	}
	for (;;) {
		char ch = peek(p);

		if (ch == '#' || ch == '.') {
			struct wn_buf v = {0}, lit = {0};
			int rc;

			p->i++;
			if (ident(p, &v))
				return -1;
			rc = literal(p, &lit, v.data, v.len);
			if (!rc && ch == '#')
				rc = out(p, &c->preds, "[@id=") ||
				     outn(p, &c->preds, lit.data, lit.len) ||
				     out(p, &c->preds, "]");
			else if (!rc && strpbrk(v.data, " \t\n\r\f"))
				rc = out(p, &c->preds, "[false()]");
			else if (!rc)
				rc = out(p, &c->preds, "[wn-class(") ||
				     outn(p, &c->preds, lit.data, lit.len) ||
				     out(p, &c->preds, ")]");
			wn_buf_free(&v);
			wn_buf_free(&lit);
			if (rc)
				return -1;
		} else if (ch == '[') {
			p->i++;
			if (attribute(p, c))
				return -1;
		} else if (ch == ':') {
			p->i++;
			if (pseudo(p, c))
				return -1;
		} else {
			break;
		}
	}
	if (p->i == start)
		return fail(p, p->i, peek(p) ? "expected a selector"
					     : "selector ends too early");
	return 0;
}

/*
 * A complex selector, emitted right to left into b as one step without
 * axis ("div[...][parent::...]").  Stops at ',', ')' or the end.
 */
static int complex_sel(struct parser *p, struct wn_buf *b)
{
	struct wn_buf acc = {0}; /* the step so far (left part) */
	char comb = 0;
	int rc = -1;

	for (;;) {
		struct compound c;
		struct wn_buf step = {0};

		if (compound(p, &c)) {
			compound_free(&c);
			goto done;
		}
		if (outn(p, &step, c.tag.data, c.tag.len) ||
		    (c.preds.len &&
		     outn(p, &step, c.preds.data, c.preds.len))) {
			compound_free(&c);
			wn_buf_free(&step);
			goto done;
		}
		compound_free(&c);
		if (acc.len) {
			const char *ax = comb == '>'   ? "[parent::"
					 : comb == '+' ? "[preceding-sibling::*"
							 "[1][self::"
					 : comb == '~' ? "[preceding-sibling::"
						       : "[ancestor::";

			if (out(p, &step, ax) ||
			    outn(p, &step, acc.data, acc.len) ||
			    out(p, &step, comb == '+' ? "]]" : "]")) {
				wn_buf_free(&step);
				goto done;
			}
		}
		wn_buf_free(&acc);
		acc = step;
		/* a combinator, or the end */
		{
			bool ws = skip_ws(p);
			char ch = peek(p);

			if (ch == '>' || ch == '+' || ch == '~') {
				comb = ch;
				p->i++;
				skip_ws(p);
			} else if (!ch || ch == ',' || ch == ')') {
				break;
			} else if (ws) {
				comb = ' ';
			} else {
				fail(p, p->i, "unexpected character");
				goto done;
			}
			if (!peek(p) || peek(p) == ',' || peek(p) == ')') {
				fail(p, p->i, "a combinator needs a selector "
					      "after it");
				goto done;
			}
		}
	}
	rc = outn(p, b, acc.data, acc.len);
done:
	wn_buf_free(&acc);
	return rc ? -1 : 0;
}

/* A selector list as a predicate expression "self::A or self::B",
 * up to `close` (')' or end). */
static int list_match(struct parser *p, struct wn_buf *b, char close)
{
	bool first = true;

	if (++p->depth > MAX_DEPTH)
		return fail(p, p->i, "selectors nested too deeply");
	for (;;) {
		skip_ws(p);
		if (out(p, b, first ? "self::" : " or self::") ||
		    complex_sel(p, b))
			return -1;
		first = false;
		skip_ws(p);
		if (peek(p) == ',') {
			p->i++;
			continue;
		}
		if (peek(p) == close) {
			if (close)
				p->i++;
			break;
		}
		return fail(p, p->i, close ? "expected ')'" : "expected ','");
	}
	p->depth--;
	return 0;
}

/* A relative selector list of :has() as forward steps joined by "or". */
static int list_has(struct parser *p, struct wn_buf *b)
{
	bool first = true;

	if (++p->depth > MAX_DEPTH)
		return fail(p, p->i, "selectors nested too deeply");
	for (;;) {
		char comb = ' ';

		skip_ws(p);
		if (!first && out(p, b, " or "))
			return -1;
		first = false;
		if (peek(p) == '>' || peek(p) == '+' || peek(p) == '~') {
			comb = peek(p);
			p->i++;
			skip_ws(p);
		}
		for (bool lead = true;; lead = false) {
			struct compound c;
			const char *ax = comb == '>'   ? "child::"
					 : comb == '+' ? "following-sibling::*"
							 "[1]/self::"
					 : comb == '~' ? "following-sibling::"
						       : "descendant::";
			int rc;

			if (compound(p, &c)) {
				compound_free(&c);
				return -1;
			}
			rc = out(p, b, lead ? "" : "/") || out(p, b, ax) ||
			     outn(p, b, c.tag.data, c.tag.len) ||
			     (c.preds.len &&
			      outn(p, b, c.preds.data, c.preds.len));
			compound_free(&c);
			if (rc)
				return -1;
			{
				bool ws = skip_ws(p);
				char ch = peek(p);

				if (ch == '>' || ch == '+' || ch == '~') {
					comb = ch;
					p->i++;
					skip_ws(p);
				} else if (ch == ',' || ch == ')') {
					break;
				} else if (ws && ch) {
					comb = ' ';
				} else {
					return fail(p, p->i,
						    ch ? "unexpected character"
						       : "expected ')'");
				}
			}
		}
		if (peek(p) == ',') {
			p->i++;
			continue;
		}
		p->i++; /* ')' */
		break;
	}
	p->depth--;
	return 0;
}

int wn_css_to_xpath(const char *css, struct wn_buf *xp, size_t *errpos,
		    const char **errmsg)
{
	struct parser p = {.s = css};
	bool first = true;
	size_t mark = xp->len;

	for (;;) {
		skip_ws(&p);
		if (!peek(&p)) {
			fail(&p, p.i, first ? "empty selector"
					    : "expected a selector after ','");
			break;
		}
		if (out(&p, xp, first ? "//" : " | //") || complex_sel(&p, xp))
			break;
		first = false;
		skip_ws(&p);
		if (peek(&p) == ',') {
			p.i++;
			continue;
		}
		if (!peek(&p))
			return 0;
		fail(&p, p.i, peek(&p) == ')' ? "unbalanced ')'"
					      : "unexpected character");
		break;
	}
	if (errpos)
		*errpos = p.errpos;
	if (errmsg)
		*errmsg = p.err;
	if (xp->data) {
		xp->len = mark;
		xp->data[mark] = '\0';
	}
	return p.oom ? WN_ENOMEM : WN_EINVAL;
}

int wn_css_match_xpath_(const char *css, struct wn_buf *xp, size_t *errpos,
			const char **errmsg)
{
	struct parser p = {.s = css};
	size_t mark = xp->len;

	skip_ws(&p);
	if (!peek(&p))
		fail(&p, p.i, "empty selector");
	else if (!out(&p, xp, "boolean(") && !list_match(&p, xp, '\0') &&
		 !out(&p, xp, ")"))
		return 0;
	if (errpos)
		*errpos = p.errpos;
	if (errmsg)
		*errmsg = p.err;
	if (xp->data) {
		xp->len = mark;
		xp->data[mark] = '\0';
	}
	return p.oom ? WN_ENOMEM : WN_EINVAL;
}
