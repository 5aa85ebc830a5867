/* SPDX-License-Identifier: MIT */
/*
 * A reader of WARC 1.0 and 1.1 files (ISO 28500), plain or gzipped,
 * one gzip member per record as web archives ship them, or one for the
 * whole file.  Records come one at a time; every size is bounded (a
 * header block, a content block), so a hostile file costs at most
 * WARC_MAX_HEADER + WARC_MAX_BLOCK bytes of memory.  The HTTP part of a
 * response record is split by warc_http_parse.
 */
#ifndef WINNOW_WARC_H
#define WINNOW_WARC_H

#include <stdbool.h>
#include <stddef.h>

#define WARC_MAX_HEADER ((size_t)64 << 10) /* a record's WARC headers */
#define WARC_MAX_BLOCK  ((size_t)64 << 20) /* larger blocks are skipped */

struct warc_reader;

/* One record.  Every pointer is borrowed from the reader and valid
 * until the next warc_next or warc_close; absent headers are NULL. */
struct warc_record {
	const char *type;         /* WARC-Type */
	const char *target_uri;   /* WARC-Target-URI */
	const char *record_id;    /* WARC-Record-ID */
	const char *date;         /* WARC-Date */
	const char *content_type; /* Content-Type */
	const char *block;        /* the content block (NUL-terminated) */
	size_t block_len;
	bool oversize; /* the block was over WARC_MAX_BLOCK: skipped, and
			  block is empty */
};

/* Read records from fd (not closed by the reader).  0 or -ENOMEM. */
int warc_open_fd(int fd, struct warc_reader **out);
/* Read records from n bytes at buf (kept, not copied).  0 or -ENOMEM. */
int warc_open_mem(const void *buf, size_t n, struct warc_reader **out);
/* The next record into *rec: 1, 0 at the end, -1 on an error (then
 * warc_error says what, and the reader is done; *rec keeps the header
 * fields read before the break, block NULL, so a record cut short can
 * be named). */
int warc_next(struct warc_reader *r, struct warc_record *rec);
/* What went wrong, with the offset of the record (in the uncompressed
 * stream). */
const char *warc_error(const struct warc_reader *r);
void warc_close(struct warc_reader *r);

/* The HTTP response in a response record's block. */
struct warc_http {
	int status;       /* 200 ... */
	bool is_html;     /* Content-Type says HTML (or, when absent, the
			     body starts like HTML) */
	char charset[64]; /* the Content-Type charset, or "" */
	const char *body; /* into the block */
	size_t body_len;
};

/* Split a response block: 0, or -1 when it is not an HTTP response. */
int warc_http_parse(const char *block, size_t n, struct warc_http *h);

#endif
