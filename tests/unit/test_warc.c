/* SPDX-License-Identifier: MIT */
/* Unit tests: the WARC reader on good, gzipped and hostile input, and
 * the split of HTTP responses. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "warc.h"

static const char rec1[] = "WARC/1.0\r\n"
			   "WARC-Type: response\r\n"
			   "WARC-Target-URI: <http://a.example/>\r\n"
			   "WARC-Record-ID: <urn:uuid:1>\r\n"
			   "WARC-Date: 2026-01-02T03:04:05Z\r\n"
			   "Content-Length: 5\r\n"
			   "\r\n"
			   "hello\r\n\r\n";
static const char rec2[] = "WARC/1.1\r\n"
			   "WARC-Type: metadata\r\n"
			   "Content-Length: 0\r\n"
			   "\r\n"
			   "\r\n\r\n";

/* Read every record of buf; the count, or -1 after an error (its
 * message in *err). */
static int count(const void *buf, size_t n, const char **err)
{
	static char msg[200];
	struct warc_reader *r;
	struct warc_record rec;
	int k = 0, rc;

	if (warc_open_mem(buf, n, &r))
		return -2;
	while ((rc = warc_next(r, &rec)) > 0)
		k++;
	snprintf(msg, sizeof(msg), "%s", warc_error(r));
	*err = msg;
	warc_close(r);
	return rc < 0 ? -1 : k;
}

/* gzip s as one member appended to out. */
static size_t gz(const char *s, size_t n, unsigned char *out, size_t cap)
{
	z_stream z = {0};
	size_t k;

	deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)s;
	z.avail_in = (unsigned)n;
	z.next_out = out;
	z.avail_out = (unsigned)cap;
	deflate(&z, Z_FINISH);
	k = cap - z.avail_out;
	deflateEnd(&z);
	return k;
}

int main(void)
{
	struct warc_reader *r;
	struct warc_record rec;
	struct warc_http h;
	const char *err;
	char both[sizeof(rec1) + sizeof(rec2)];
	unsigned char z[4096];
	size_t zn;
	char *big;

	ok(warc_open_mem(rec1, sizeof(rec1) - 1, &r) == 0, "open");
	is_int(warc_next(r, &rec), 1, "a record");
	is_str(rec.type, "response", "WARC-Type");
	is_str(rec.target_uri, "http://a.example/", "URI without <>");
	is_str(rec.record_id, "<urn:uuid:1>", "WARC-Record-ID");
	is_str(rec.date, "2026-01-02T03:04:05Z", "WARC-Date");
	ok(rec.block_len == 5 && !memcmp(rec.block, "hello", 5), "block");
	is_int(warc_next(r, &rec), 0, "then the end");
	warc_close(r);

	snprintf(both, sizeof(both), "%s%s", rec1, rec2);
	is_int(count(both, strlen(both), &err), 2, "two records");
	zn = gz(rec1, strlen(rec1), z, sizeof(z));
	zn += gz(rec2, strlen(rec2), z + zn, sizeof(z) - zn);
	is_int(count(z, zn, &err), 2, "one gzip member per record");
	is_int(count(z, zn - 5, &err), -1, "truncated gzip: an error");
	ok(!strncmp(err, "truncated gzip data (the record at byte ", 40),
	   "... that says so: %s", err);
	is_int(count("", 0, &err), 0, "an empty file has no record");

	is_int(count("HTTP/1.1 200 OK\r\n\r\n", 19, &err), -1,
	       "not WARC: an error");
	{
		static const char s[] = "WARC/1.0\r\nWARC-Type: x\r\n\r\n";

		is_int(count(s, sizeof(s) - 1, &err), -1, "no Content-Length");
		is_str(err,
		       "a record without Content-Length (the record at "
		       "byte 0)",
		       "... named");
	}
	{
		static const char s[] =
			"WARC/1.0\r\nContent-Length: -5\r\n\r\nxx";

		is_int(count(s, sizeof(s) - 1, &err), -1, "a negative length");
	}
	{
		static const char s[] = "WARC/1.0\r\nContent-Length: "
					"99999999999999999999999\r\n\r\n";

		is_int(count(s, sizeof(s) - 1, &err), -1,
		       "an overflowing length");
	}
	{
		/* a huge block is skipped, never allocated; here it is cut */
		static const char s[] = "WARC/1.0\r\nContent-Length: "
					"900000000000\r\n\r\nabc";

		is_int(count(s, sizeof(s) - 1, &err), -1,
		       "a huge block: skipped, then truncated");
		is_str(err, "truncated record (the record at byte 0)", "...");
	}
	big = malloc(WARC_MAX_HEADER + 100);
	memcpy(big, "WARC/1.0\r\nX: ", 13);
	memset(big + 13, 'a', WARC_MAX_HEADER + 80);
	is_int(count(big, WARC_MAX_HEADER + 93, &err), -1,
	       "a header line longer than the header block");
	is_str(err, "header line too long (the record at byte 0)", "...");
	free(big);

	{
		static const char s[] = "HTTP/1.1 200 OK\r\nContent-Type: "
					"text/html; charset=\"ISO-8859-1\"\r\n"
					"\r\n<p>x";

		ok(warc_http_parse(s, sizeof(s) - 1, &h) == 0,
		   "an HTTP response");
	}
	ok(h.status == 200 && h.is_html, "status and HTML");
	is_str(h.charset, "ISO-8859-1", "charset without quotes");
	ok(h.body_len == 4 && !memcmp(h.body, "<p>x", 4), "the body");
	ok(warc_http_parse("HTTP/1.0 404 No\nContent-Type: image/png\n\nx", 42,
			   &h) == 0 &&
		   h.status == 404 && !h.is_html && !h.charset[0],
	   "LF only, not HTML");
	ok(warc_http_parse("HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html><p>", 36,
			   &h) == 0 &&
		   h.is_html,
	   "no Content-Type: HTML by its start");
	ok(warc_http_parse("GET / HTTP/1.1\r\n\r\n", 18, &h) < 0,
	   "a request is not a response");
	ok(warc_http_parse("HTTP/1.1 2", 10, &h) < 0, "a cut status line");
	return done_testing();
}
