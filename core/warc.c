/* SPDX-License-Identifier: MIT */
/*
 * The WARC reader (see warc.h).  Bytes come from a descriptor or from
 * memory through one buffer; when the first two bytes are the gzip
 * magic they go through zlib, which restarts at every member, so a file
 * of one member per record reads like one stream.  A record is a
 * version line, header lines up to a blank line, Content-Length bytes
 * of block and a CRLF CRLF; a block over WARC_MAX_BLOCK is skipped, not
 * read, and anything malformed ends the reader with an error naming
 * the offset.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <zlib.h>

#include "warc.h"

#define CHUNK 65536

struct warc_reader {
	int fd;                   /* -1 for memory */
	const unsigned char *mem; /* memory input */
	size_t memlen, mempos;
	bool gz, gz_end, eof;
	z_stream z;
	unsigned char raw[CHUNK]; /* compressed input */
	unsigned char buf[CHUNK]; /* uncompressed bytes */
	size_t pos, len;
	unsigned long long offset; /* of buf[0] in the stream */
	unsigned long long start;  /* of the record being read */
	char *hdr;                 /* the header block, NUL-separated */
	size_t hdrlen;
	char *block;
	size_t blockcap;
	char err[160];
	bool failed;
};

/* ---- bytes ------------------------------------------------------- */

/* Up to n raw bytes; 0 at the end, -1 on a read error. */
static ssize_t raw_read(struct warc_reader *r, unsigned char *dst, size_t n)
{
	if (r->fd < 0) {
		size_t k =
			r->memlen - r->mempos < n ? r->memlen - r->mempos : n;

		memcpy(dst, r->mem + r->mempos, k);
		r->mempos += k;
		return (ssize_t)k;
	}
	for (;;) {
		ssize_t k = read(r->fd, dst, n);

		if (k < 0 && errno == EINTR)
			continue;
		return k;
	}
}

static int fail(struct warc_reader *r, const char *what)
{
	if (!r->failed)
		snprintf(r->err, sizeof(r->err), "%s (the record at byte %llu)",
			 what, r->start);
	r->failed = true;
	return -1;
}

/* Refill buf; 1 when bytes came, 0 at the end, -1 on an error. */
static int fill(struct warc_reader *r)
{
	if (r->pos < r->len)
		return 1;
	r->offset += r->len;
	r->pos = r->len = 0;
	if (r->eof)
		return 0;
	if (!r->gz) {
		ssize_t k = raw_read(r, r->buf, sizeof(r->buf));

		if (k < 0)
			return fail(r, strerror(errno));
		if (k == 0)
			r->eof = true;
		r->len = (size_t)k;
		return k > 0;
	}
	while (!r->len) {
		int zr;

		if (!r->z.avail_in) {
			ssize_t k = raw_read(r, r->raw, sizeof(r->raw));

			if (k < 0)
				return fail(r, strerror(errno));
			if (k == 0) {
				r->eof = true;
				if (!r->gz_end)
					return fail(r, "truncated gzip data");
				return 0;
			}
			r->z.next_in = r->raw;
			r->z.avail_in = (unsigned)k;
		}
		if (r->gz_end) {
			/* the next member starts here */
			if (inflateReset(&r->z) != Z_OK)
				return fail(r, "broken gzip data");
			r->gz_end = false;
		}
		r->z.next_out = r->buf;
		r->z.avail_out = sizeof(r->buf);
		zr = inflate(&r->z, Z_NO_FLUSH);
		r->len = sizeof(r->buf) - r->z.avail_out;
		if (zr == Z_STREAM_END)
			r->gz_end = true;
		else if (zr != Z_OK && (zr != Z_BUF_ERROR || r->z.avail_in))
			return fail(r, "broken gzip data");
	}
	return 1;
}

/* A line (without CR LF) into dst, at most cap - 1 bytes; its length,
 * or -1 (too long, an error, or the end when `at_end` is NULL). */
static long get_line(struct warc_reader *r, char *dst, size_t cap, bool *at_end)
{
	size_t n = 0;

	if (at_end)
		*at_end = false;
	for (;;) {
		int f = fill(r);

		if (f < 0)
			return -1;
		if (f == 0) {
			if (n == 0 && at_end) {
				*at_end = true;
				return 0;
			}
			return fail(r, "truncated record");
		}
		while (r->pos < r->len) {
			char c = (char)r->buf[r->pos++];

			if (c == '\n') {
				if (n && dst[n - 1] == '\r')
					n--;
				dst[n] = '\0';
				return (long)n;
			}
			if (n + 1 >= cap)
				return fail(r, "header line too long");
			dst[n++] = c;
		}
	}
}

/* Copy (dst) or skip (dst NULL) exactly n bytes. */
static int get_bytes(struct warc_reader *r, char *dst, unsigned long long n)
{
	while (n) {
		size_t k;
		int f = fill(r);

		if (f <= 0)
			return f < 0 ? -1 : fail(r, "truncated record");
		k = r->len - r->pos;
		if (k > n)
			k = (size_t)n;
		if (dst) {
			memcpy(dst, r->buf + r->pos, k);
			dst += k;
		}
		r->pos += k;
		n -= k;
	}
	return 0;
}

/* ---- records ----------------------------------------------------- */

static struct warc_reader *reader_new(void)
{
	struct warc_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->hdr = malloc(WARC_MAX_HEADER);
	if (!r->hdr) {
		free(r);
		return NULL;
	}
	return r;
}

/* Look at the first bytes: gzip or not. */
static int sniff(struct warc_reader *r)
{
	ssize_t k = 0;

	while (k < 2) {
		ssize_t g = raw_read(r, r->raw + k, (size_t)(2 - k));

		if (g < 0)
			return -errno;
		if (g == 0)
			break;
		k += g;
	}
	if (k == 2 && r->raw[0] == 0x1f && r->raw[1] == 0x8b) {
		r->gz = true;
		if (inflateInit2(&r->z, 15 + 16) != Z_OK)
			return -ENOMEM;
		r->z.next_in = r->raw;
		r->z.avail_in = 2;
		return 0;
	}
	memcpy(r->buf, r->raw, (size_t)k);
	r->len = (size_t)k;
	if (k == 0)
		r->eof = true;
	return 0;
}

int warc_open_fd(int fd, struct warc_reader **out)
{
	struct warc_reader *r = reader_new();
	int rc;

	if (!r)
		return -ENOMEM;
	r->fd = fd;
	rc = sniff(r);
	if (rc) {
		warc_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

int warc_open_mem(const void *buf, size_t n, struct warc_reader **out)
{
	struct warc_reader *r = reader_new();
	int rc;

	if (!r)
		return -ENOMEM;
	r->fd = -1;
	r->mem = buf;
	r->memlen = n;
	rc = sniff(r);
	if (rc) {
		warc_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

void warc_close(struct warc_reader *r)
{
	if (!r)
		return;
	if (r->gz)
		inflateEnd(&r->z);
	free(r->hdr);
	free(r->block);
	free(r);
}

const char *warc_error(const struct warc_reader *r)
{
	return r->failed ? r->err : "no error";
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* WARC-Target-URI may come in <...> (WARC 1.0 examples do). */
static char *unangle(char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '<' && s[n - 1] == '>') {
		s[n - 1] = '\0';
		return s + 1;
	}
	return s;
}

int warc_next(struct warc_reader *r, struct warc_record *rec)
{
	char *line = r->hdr;
	size_t used = 0;
	unsigned long long clen = 0;
	bool have_len = false, at_end;
	long n;

	if (r->failed)
		return -1;
	memset(rec, 0, sizeof(*rec));
	/* the version line, after any blank lines */
	do {
		r->start = r->offset + r->pos;
		n = get_line(r, line, WARC_MAX_HEADER, &at_end);
		if (n < 0)
			return -1;
		if (at_end)
			return 0;
	} while (n == 0);
	if (strncmp(line, "WARC/1.0", 8) && strncmp(line, "WARC/1.1", 8))
		return fail(r, "not a WARC/1.0 or 1.1 record");
	used = 0;
	/* header lines, each stored NUL-terminated in hdr */
	for (;;) {
		char *colon, *name, *value;

		n = get_line(r, r->hdr + used, WARC_MAX_HEADER - used, NULL);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		name = r->hdr + used;
		used += (size_t)n + 1;
		if (*name == ' ' || *name == '\t')
			continue; /* a folded line: not a field we read */
		colon = strchr(name, ':');
		if (!colon)
			return fail(r, "a header line without ':'");
		*colon = '\0';
		value = trim(colon + 1);
		name = trim(name);
		if (!strcasecmp(name, "WARC-Type"))
			rec->type = value;
		else if (!strcasecmp(name, "WARC-Target-URI"))
			rec->target_uri = unangle(value);
		else if (!strcasecmp(name, "WARC-Record-ID"))
			rec->record_id = value;
		else if (!strcasecmp(name, "WARC-Date"))
			rec->date = value;
		else if (!strcasecmp(name, "Content-Type"))
			rec->content_type = value;
		else if (!strcasecmp(name, "Content-Length")) {
			char *end;

			errno = 0;
			clen = strtoull(value, &end, 10);
			if (errno || end == value || *end || *value == '-')
				return fail(r, "a bad Content-Length");
			have_len = true;
		}
		if (used >= WARC_MAX_HEADER)
			return fail(r, "the header block is too long");
	}
	if (!have_len)
		return fail(r, "a record without Content-Length");
	if (clen > WARC_MAX_BLOCK) {
		if (get_bytes(r, NULL, clen))
			return -1;
		rec->oversize = true;
		rec->block = "";
	} else {
		if (r->blockcap < clen + 1) {
			char *p = realloc(r->block, clen + 1);

			if (!p)
				return fail(r, "out of memory");
			r->block = p;
			r->blockcap = clen + 1;
		}
		if (get_bytes(r, r->block, clen))
			return -1;
		r->block[clen] = '\0';
		rec->block = r->block;
		rec->block_len = (size_t)clen;
	}
	/* the record ends with CRLF CRLF; blank lines before the next
	 * version line are skipped there */
	return 1;
}

/* ---- HTTP -------------------------------------------------------- */

static bool starts_ci(const char *s, const char *end, const char *lit)
{
	size_t k = strlen(lit);

	return (size_t)(end - s) >= k && !strncasecmp(s, lit, k);
}

static bool looks_html(const char *s, size_t n)
{
	size_t lim = n < 1024 ? n : 1024;

	for (size_t i = 0; i + 5 <= lim; i++)
		if (starts_ci(s + i, s + lim, "<html") ||
		    starts_ci(s + i, s + lim, "<!doctype html"))
			return true;
	return false;
}

static void content_type(const char *v, const char *end, struct warc_http *h)
{
	const char *p;

	for (p = v; p + 4 <= end; p++)
		if (!strncasecmp(p, "html", 4)) {
			h->is_html = true;
			break;
		}
	for (p = v; p + 8 <= end; p++)
		if (!strncasecmp(p, "charset=", 8)) {
			size_t k = 0;

			p += 8;
			if (p < end && (*p == '"' || *p == '\''))
				p++;
			while (p < end && k + 1 < sizeof(h->charset) &&
			       (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
				(*p >= '0' && *p <= '9') || *p == '-' ||
				*p == '_' || *p == '.' || *p == ':'))
				h->charset[k++] = *p++;
			h->charset[k] = '\0';
			break;
		}
}

int warc_http_parse(const char *block, size_t n, struct warc_http *h)
{
	const char *p = block, *end = block + n;
	bool have_type = false;

	memset(h, 0, sizeof(*h));
	if (!starts_ci(p, end, "HTTP/"))
		return -1;
	while (p < end && *p != ' ')
		p++;
	while (p < end && *p == ' ')
		p++;
	for (int i = 0; i < 3; i++, p++) {
		if (p >= end || *p < '0' || *p > '9')
			return -1;
		h->status = h->status * 10 + (*p - '0');
	}
	/* to the end of the status line, then the header lines */
	while (p < end && *p != '\n')
		p++;
	while (p < end) {
		const char *eol = memchr(p + 1, '\n', (size_t)(end - p - 1));
		const char *line = p + 1, *le;

		if (!eol)
			eol = end;
		le = eol > line && eol[-1] == '\r' ? eol - 1 : eol;
		if (le == line) {
			p = eol;
			break;
		}
		if (starts_ci(line, le, "content-type:")) {
			have_type = true;
			content_type(line + 13, le, h);
		}
		p = eol;
	}
	if (p < end)
		p++; /* the blank line's '\n' */
	h->body = p;
	h->body_len = (size_t)(end - p);
	if (!have_type)
		h->is_html = looks_html(h->body, h->body_len);
	return 0;
}
