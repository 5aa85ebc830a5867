/* SPDX-License-Identifier: MIT */
/* Unit tests: error names, the buffer, text folding and phrase
 * matching. */
#include "tap.h"
#include "common.h"
#include "internal.h" /* wn_text_fold_raw_, wn_text_fold_cut_ */

static const char *fold(const char *s)
{
	static char out[256];

	wn_text_fold(s, strlen(s), out, sizeof(out));
	return out;
}

int main(void)
{
	static const char *const phrases[] = {"skip", "skip to content",
					      "read also", NULL};
	struct wn_buf b = {0};
	char small[8];

	is_str(wn_strerror(WN_EABI), "plugin ABI mismatch",
	       "strerror names ABI");
	is_str(wn_strerror(12345), "unknown error", "strerror of junk");

	ok(wn_buf_puts(&b, "ab") == 0 && wn_buf_append(&b, "cdef", 2) == 0,
	   "buffer appends");
	is_str(b.data, "abcd", "buffer content");
	for (int i = 0; i < 1000; i++)
		wn_buf_append(&b, "0123456789", 10);
	is_int(b.len, 10004, "buffer grows");
	wn_buf_free(&b);
	ok(b.data == NULL && b.len == 0, "buffer freed");

	is_str(fold("  Skip   to\tContent  "), "skip to content",
	       "fold: case and white space");
	is_str(fold("Read also:"), "read also", "fold: trailing colon");
	is_str(fold("» Weiterlesen …"), "weiterlesen", "fold: edge junk");
	is_str(fold("ÜBER UNS"), "über uns", "fold: Latin-1 capitals");
	is_str(fold("ЧИТАЙТЕ ТАКЖЕ"), "читайте также", "fold: Cyrillic");
	is_str(fold("¿Ya eres suscriptor?"), "ya eres suscriptor",
	       "fold: Spanish marks");
	is_str(fold("Don’t miss"), "don't miss", "fold: curly apostrophe");
	is_str(fold("a...b"), "a...b", "fold: inner punctuation kept");
	wn_text_fold("abcdefghijkl", 12, small, sizeof(small));
	ok(strlen(small) < sizeof(small), "fold: truncates to fit");

	{
		/* a fold at any cap, cut from the untrimmed fold at a larger
		 * one (how wn_node_fold reuses a fold), is the fold at that
		 * cap: ends in punctuation, spaces, multibyte characters and
		 * edge junk fall at every cap in turn */
		static const char *const texts[] = {
			"Accept all cookies... and \xe2\x80\x94 more!  ",
			"\xc2\xbb Read also: \xe2\x80\x9cThe story\xe2\x80\x9d \xe2\x80\xa6",
			"  ,,, \xd0\xa7\xd0\x98\xd0\xa2\xd0\x90\xd0\x99 --- a.b.c \xf0\x9f\x98\x80 x ?!",
			"word\xc2\xa0word\xe2\x80\x89w \xc3\x80\xc3\x89 \xe2\x86\x92 end \xe2\x80\xa2",
			"", "...", "a", NULL};
		char raw[512], cut[96], want[96];
		bool same = true;

		for (const char *const *t = texts; *t && same; t++) {
			size_t n = strlen(*t), used, good, len;

			len = wn_text_fold_raw_(*t, n, raw, sizeof(raw), &used,
						&good);
			for (size_t cap = 0; cap <= sizeof(cut) && same; cap++) {
				size_t k = wn_text_fold_cut_(raw, len, used == n,
							     good, cut, cap);
				size_t w = wn_text_fold(*t, n, want, cap);

				same = k == w && (!cap || !strcmp(cut, want));
				if (!same)
					printf("#   %s at %zu: '%s' for '%s'\n", *t, cap,
					     cut, want);
			}
		}
		ok(same, "fold: cut from a larger fold, at every cap");
	}
	ok(wn_phrase_is("read also", phrases), "phrase_is: match");
	ok(!wn_phrase_is("read", phrases), "phrase_is: no partial match");
	is_int(wn_phrase_prefix("skip to content now", phrases), 15,
	       "phrase_prefix: longest wins");
	is_int(wn_phrase_prefix("skipper", phrases), 0,
	       "phrase_prefix: whole words only");
	{
		/* a list a plugin builds (writable: not indexed) answers
		 * the same */
		const char *mine[] = {"skip", "skip to content", "read also",
				      NULL};

		ok(wn_phrase_is("read also", mine) &&
			   !wn_phrase_is("read", mine) &&
			   wn_phrase_prefix("skip to content now", mine) == 15 &&
			   wn_phrase_prefix("skipper", mine) == 0 &&
			   wn_phrase_prefix("skip, then", mine) == 4,
		   "phrase_is, phrase_prefix: a list in writable memory");
		mine[2] = "read more";
		ok(wn_phrase_is("read more", mine) &&
			   !wn_phrase_is("read also", mine),
		   "phrase_is: the list as it is now");
	}
	is_int(wn_format_from_name("txt"), WN_FMT_TEXT, "format alias");
	is_int(wn_format_from_name("pdf"), WN_EINVAL, "unknown format");
	{
		/* a growable array through many doublings keeps its items */
		int *v = NULL, good = 1;
		size_t n = 0, cap = 0, caps = 0;

		for (int i = 0; i < 1000 && good; i++) {
			size_t before = cap;

			good = wn_grow(&v, n, &cap, sizeof(*v), 4) == 0 &&
			       cap > n;
			caps += cap != before;
			if (good)
				v[n++] = i;
		}
		for (size_t i = 0; i < n && good; i++)
			good = v[i] == (int)i;
		ok(good && n == 1000, "grow: 1,000 items kept in order");
		is_int(cap, 1024, "grow: capacity doubles from the first");
		is_int(caps, 9, "grow: grows only when full");
		is_int(wn_grow(&v, 10, &cap, sizeof(*v), 4), 0,
		       "grow: no growth with room left");
		free(v);
	}
	return done_testing();
}
