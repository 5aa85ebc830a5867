/* SPDX-License-Identifier: MIT */
/*
 * Character sets: byte-order marks, the <meta> charset prescan, UTF-8
 * validation and conversion to UTF-8 through iconv.  Output of winnow is
 * always UTF-8, so everything that is not goes through wn_to_utf8_.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

const char *wn_bom_(const char *s, size_t n, size_t *bomlen)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		*bomlen = 3;
		return "UTF-8";
	}
	if (n >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		*bomlen = 2;
		return "UTF-16LE";
	}
	if (n >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		*bomlen = 2;
		return "UTF-16BE";
	}
	*bomlen = 0;
	return NULL;
}

/* Count valid multi-byte UTF-8 sequences and bytes that are not. */
void wn_utf8_census_(const char *s, size_t n, size_t *valid, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	*valid = *bad = 0;
	while (i < n) {
		unsigned char c = p[i];
		size_t k;

		if (c < 0x80) {
			uint64_t w;

			/* then eight bytes at a time while they are ASCII:
			 * most of a page is markup */
			for (i++; i + 8 <= n; i += 8) {
				memcpy(&w, p + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
			}
			continue;
		}
		k = c >= 0xc2 && c <= 0xdf   ? 1
		    : c >= 0xe0 && c <= 0xef ? 2
		    : c >= 0xf0 && c <= 0xf4 ? 3
					     : 0;
		if (k) {
			size_t j = 1;

			while (j <= k && i + j < n && (p[i + j] & 0xc0) == 0x80)
				j++;
			if (j == k + 1) {
				(*valid)++;
				i += k + 1;
				continue;
			}
		}
		(*bad)++;
		i++;
	}
}

bool wn_utf8_valid_(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		size_t k;
		uint32_t cp;

		if (c < 0x80) {
			uint64_t w, v;

			/* then sixteen bytes at a time while they are ASCII
			 * (most of a page is markup), and byte by byte up
			 * to the one that is not */
			for (i++; i + 16 <= n; i += 16) {
				memcpy(&w, p + i, 8);
				memcpy(&v, p + i + 8, 8);
				if ((w | v) & UINT64_C(0x8080808080808080))
					break;
			}
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		if (!(k = wn_utf8_seq_(p + i, n - i, &cp)))
			return false;
		i += k;
	}
	return true;
}

static bool ieq_prefix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && strncasecmp(s, lit, k) == 0;
}

/* Copy a charset name starting at s (up to a delimiter). */
static bool take_name(const char *s, const char *end, char *out, size_t cap)
{
	size_t o = 0;

	while (s < end && (*s == ' ' || *s == '"' || *s == '\'' || *s == '='))
		s++;
	while (s < end && o + 1 < cap &&
	       (isalnum((unsigned char)*s) || *s == '-' || *s == '_' ||
		*s == '.' || *s == ':'))
		out[o++] = *s++;
	out[o] = '\0';
	return o > 0;
}

bool wn_meta_charset_(const char *s, size_t n, char *out, size_t cap)
{
	const char *end = s + (n < 8192 ? n : 8192);
	const char *p = s;

	while (p < end) {
		const char *tag = memchr(p, '<', (size_t)(end - p));
		const char *gt;

		if (!tag)
			break;
		/* the first letter turns most tags away without a call */
		if (end - tag < 5 || (tag[1] | 0x20) != 'm' ||
		    !ieq_prefix(tag + 1, (size_t)(end - tag - 1), "meta")) {
			p = tag + 1;
			continue;
		}
		gt = memchr(tag, '>', (size_t)(end - tag));
		if (!gt)
			gt = end;
		for (const char *q = tag + 5; q + 7 < gt; q++) {
			if ((*q | 0x20) == 'c' &&
			    ieq_prefix(q, (size_t)(gt - q), "charset") &&
			    take_name(q + 7, gt, out, cap))
				return true;
		}
		p = gt;
	}
	return false;
}

/* Normalise a few labels iconv does not know to the names it does. */
static const char *iconv_name(const char *enc)
{
	if (!strcasecmp(enc, "x-sjis") || !strcasecmp(enc, "sjis"))
		return "SHIFT_JIS";
	if (!strcasecmp(enc, "latin1") || !strcasecmp(enc, "iso-8859-1") ||
	    !strcasecmp(enc, "us-ascii") || !strcasecmp(enc, "ascii"))
		return "WINDOWS-1252"; /* what browsers do */
	if (!strcasecmp(enc, "utf8"))
		return "UTF-8";
	return enc;
}

int wn_to_utf8_(const char *in, size_t n, const char *enc, char **out,
		size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", iconv_name(enc));
	size_t cap, left, avail;
	char *buf, *ip = (char *)in, *op;

	if (cd == (iconv_t)-1)
		return WN_EINVAL;
	if (n > (SIZE_MAX - 16) / 4) {
		iconv_close(cd);
		return WN_ENOMEM;
	}
	cap = n * 4 + 16; /* enough for every charset up to UTF-8 growth */
	buf = malloc(cap);
	if (!buf) {
		iconv_close(cd);
		return WN_ENOMEM;
	}
	left = n;
	op = buf;
	avail = cap - 1;
	while (left > 0) {
		if (iconv(cd, &ip, &left, &op, &avail) != (size_t)-1)
			break;
		if (errno == EILSEQ || errno == EINVAL) {
			/* an undecodable byte: U+FFFD, go on */
			if (avail < 3)
				break;
			memcpy(op, "\xef\xbf\xbd", 3);
			op += 3;
			avail -= 3;
			ip++;
			left--;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		break; /* E2BIG cannot happen with the bound above */
	}
	iconv_close(cd);
	*op = '\0';
	*out = buf;
	*outlen = (size_t)(op - buf);
	return 0;
}
