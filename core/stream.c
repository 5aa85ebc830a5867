/* SPDX-License-Identifier: MIT */
/*
 * Stream modes: JSON lines in (--jsonl: {"url":..., "html":...} or
 * {"url":..., "text":...} per line, other members passed through) and
 * WARC files in (--warc: the HTML responses), JSON lines out, one
 * object per record in input order, through the worker pool.  A record
 * that cannot be read or cleaned gives an error object in its place
 * ({"line": N, "error": "..."} or, for WARC, the record's URL and id
 * with "error") and the stream goes on.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "warc.h"

#define MAX_LINE CLI_MAX_INPUT

/* Tasks: a JSON line; a WARC response; a WARC response that could not
 * be read whole (its headers, and the reason, for an error object). */
enum { TASK_JSONL = 'J', TASK_WARC = 'W', TASK_WARC_BROKEN = 'E' };

struct stream {
	const struct cli *c;
	struct progress pr;
	int status; /* output errors only: records fail in-band */
	size_t skipped;
};

/* ---- error objects ----------------------------------------------- */

/* Append {"line": N, "error": msg} (or the WARC record's members) and a
 * newline; `base` (a JSON object, or NULL) gives the members first. */
static void error_object(json_t *base, long line, const char *msg,
			 struct wn_buf *out)
{
	json_t *o = base ? json_copy(base) : json_object(), *m;
	char *s;

	if (!o)
		return;
	if (line > 0)
		json_object_set_new(o, "line", json_integer(line));
	m = json_string(msg);
	json_object_set_new(o, "error", m ? m : json_string("?"));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s) {
		wn_buf_puts(out, s);
		wn_buf_append(out, "\n", 1);
		free(s);
	}
}

/* Clean `n` bytes of page with po and write the object; errors become an
 * error object on `base`. */
static int clean_record(const struct cli *c, const char *page, size_t n,
			struct wn_parse_opts *po, json_t *base, long line,
			struct wn_buf *out, struct wn_buf *err)
{
	char *extra = json_dumps(base, JSON_COMPACT);
	int st;

	if (!extra) {
		error_object(NULL, line, "out of memory", out);
		return EXIT_INPUT;
	}
	st = cli_clean(c, page, n, NULL, po, extra, out, NULL, err);
	if (st == EXIT_INPUT && po->encoding && err->len &&
	    strstr(err->data, "encoding")) {
		/* a charset iconv does not know: let winnow guess */
		err->len = 0;
		out->len = 0;
		po->encoding = NULL;
		st = cli_clean(c, page, n, NULL, po, extra, out, NULL, err);
	}
	free(extra);
	if (st) {
		out->len = 0;
		error_object(base, line, err->data ? err->data : "failed", out);
	}
	return st;
}

/* ---- the worker side --------------------------------------------- */

static int work_jsonl(const struct cli *c, const char *p, const char *end,
		      struct wn_buf *out, struct wn_buf *err)
{
	const char *line, *name;
	size_t n, nn;
	long lineno;
	json_t *o, *page, *url;
	json_error_t je;
	struct wn_parse_opts po = c->po;
	char label[64];
	bool is_html;
	int st;

	if (!task_get(&p, end, &name, &nn) || !task_get(&p, end, &line, &n))
		return EXIT_INPUT;
	{
		char num[32];

		snprintf(num, sizeof(num), "%.*s", (int)(nn < 31 ? nn : 31),
			 name);
		lineno = strtol(num, NULL, 10);
	}
	if (n > 0 && line[0] == '!') {
		error_object(NULL, lineno, line + 1, out);
		wn_buf_puts(err, line + 1);
		return EXIT_INPUT;
	}
	o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
	if (!o || !json_is_object(o)) {
		char msg[256];

		snprintf(msg, sizeof(msg), "not a JSON object%s%s",
			 o ? "" : ": ", o ? "" : je.text);
		json_decref(o);
		error_object(NULL, lineno, msg, out);
		wn_buf_puts(err, msg);
		return EXIT_INPUT;
	}
	page = json_object_get(o, "html");
	is_html = page != NULL;
	if (!page)
		page = json_object_get(o, "text");
	url = json_object_get(o, "url");
	if (!json_is_string(page) || (url && !json_is_string(url))) {
		const char *msg = !page ? "no \"html\" or \"text\" member"
				  : json_is_string(page)
					  ? "\"url\" is not a string"
					  : "the page is not a string";

		json_object_del(o, "html");
		json_object_del(o, "text");
		error_object(o, lineno, msg, out);
		json_decref(o);
		wn_buf_puts(err, msg);
		return EXIT_INPUT;
	}
	json_incref(page);
	json_object_del(o, is_html ? "html" : "text");
	snprintf(label, sizeof(label), "line %ld", lineno);
	po.kind = is_html ? WN_KIND_HTML : WN_KIND_TEXT;
	po.encoding = "UTF-8"; /* JSON strings are */
	po.url = url ? json_string_value(url) : c->po.url;
	po.name = label;
	st = clean_record(c, json_string_value(page), json_string_length(page),
			  &po, o, lineno, out, err);
	json_decref(page);
	json_decref(o);
	return st;
}

static int work_warc(const struct cli *c, bool broken, const char *p,
		     const char *end, struct wn_buf *out, struct wn_buf *err)
{
	const char *f[5];
	size_t n[5];
	char *s[4] = {NULL};
	json_t *base;
	struct wn_parse_opts po = c->po;
	int st = EXIT_INPUT;

	for (int i = 0; i < 5; i++)
		if (!task_get(&p, end, &f[i], &n[i]))
			return EXIT_INPUT;
	for (int i = 0; i < 4; i++) {
		s[i] = malloc(n[i] + 1);
		if (!s[i])
			goto out;
		memcpy(s[i], f[i], n[i]);
		s[i][n[i]] = '\0';
	}
	base = json_pack("{s:s%, s:s%, s:s%}", "url", s[0], n[0],
			 "warc_record_id", s[1], n[1], "warc_date", s[2], n[2]);
	if (!base) {
		error_object(NULL, 0, "the record's headers are not UTF-8",
			     out);
		goto out;
	}
	if (broken) {
		/* f[4] is the reason */
		wn_buf_append(err, f[4], n[4]);
		error_object(base, 0, err->data ? err->data : "broken record",
			     out);
		json_decref(base);
		goto out;
	}
	po.kind = WN_KIND_HTML;
	po.url = s[0];
	po.name = s[0];
	po.encoding = *s[3] ? s[3] : NULL;
	st = clean_record(c, f[4], n[4], &po, base, 0, out, err);
	json_decref(base);
out:
	for (int i = 0; i < 4; i++)
		free(s[i]);
	return st;
}

static int stream_work(void *ud, const char *task, size_t n, struct wn_buf *out,
		       struct wn_buf *err)
{
	struct stream *s = ud;

	if (!n)
		return EXIT_INPUT;
	if (task[0] == TASK_JSONL)
		return work_jsonl(s->c, task + 1, task + n, out, err);
	return work_warc(s->c, task[0] == TASK_WARC_BROKEN, task + 1, task + n,
			 out, err);
}

/* ---- the parent side --------------------------------------------- */

static int stream_done(void *ud, uint64_t seq, int status, const char *out,
		       size_t outn, const char *err)
{
	struct stream *s = ud;

	(void)seq;
	progress_step(&s->pr, status != EXIT_OK);
	if (outn && cli_write_fd(1, out, outn)) {
		progress_clear(&s->pr);
		fprintf(stderr, "winnow: standard output: %s\n",
			strerror(errno));
		s->status = EXIT_OUTPUT;
		return EXIT_OUTPUT;
	}
	if (status && err && s->c->po.verbose) {
		progress_clear(&s->pr);
		fprintf(stderr, "winnow: record %llu: %s\n",
			(unsigned long long)seq + 1, err);
	}
	return 0;
}

/* Read one line (without its newline) into b; false at the end.  A
 * line longer than max is skipped to its end and flagged. */
static bool read_line(FILE *f, struct wn_buf *b, size_t max, bool *too_long)
{
	char chunk[65536];
	bool any = false;

	b->len = 0;
	*too_long = false;
	while (fgets(chunk, sizeof(chunk), f)) {
		size_t k = strlen(chunk);
		bool eol = k && chunk[k - 1] == '\n';

		any = true;
		if (eol)
			k--;
		if (!*too_long && b->len + k <= max) {
			if (wn_buf_append(b, chunk, k))
				*too_long = true;
		} else {
			*too_long = true;
		}
		if (eol)
			break;
	}
	if (b->len && b->data[b->len - 1] == '\r')
		b->len--;
	return any;
}

static int submit_jsonl(struct pool *p, long lineno, const char *line, size_t n)
{
	struct wn_buf t = {0};
	char num[32];
	int rc;

	snprintf(num, sizeof(num), "%ld", lineno);
	rc = wn_buf_append(&t, (char[]){TASK_JSONL}, 1);
	if (!rc)
		rc = task_put(&t, num, strlen(num));
	if (!rc)
		rc = task_put(&t, line, n);
	if (!rc)
		rc = pool_submit(p, t.data, t.len);
	else
		rc = -ENOMEM;
	wn_buf_free(&t);
	return rc;
}

static int jsonl_file(struct stream *s, struct pool *p, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct wn_buf line = {0};
	long lineno = 0;
	bool too_long;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "winnow: %s: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	while (!rc && read_line(f, &line, MAX_LINE, &too_long)) {
		size_t i = 0;

		lineno++;
		while (i < line.len && strchr(" \t\r", line.data[i]))
			i++;
		if (i == line.len && !too_long)
			continue; /* blank */
		if (too_long) {
			static const char msg[] = "!the line is too long";

			rc = submit_jsonl(p, lineno, msg, sizeof(msg) - 1);
		} else {
			rc = submit_jsonl(p, lineno, line.data, line.len);
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "winnow: %s: %s\n", path, strerror(errno));
		rc = rc ? rc : EXIT_INPUT;
	}
	if (f != stdin)
		fclose(f);
	wn_buf_free(&line);
	return rc;
}

/* A response to clean (h set), or one that could not be read whole (h
 * NULL; `why` says why). */
static int submit_warc(struct pool *p, const struct warc_record *r,
		       const struct warc_http *h, const char *why)
{
	struct wn_buf t = {0};
	int rc = wn_buf_append(&t, (char[]){h ? TASK_WARC : TASK_WARC_BROKEN},
			       1);
	const char *f[4] = {r->target_uri, r->record_id, r->date,
			    h ? h->charset : ""};

	for (int i = 0; i < 4 && !rc; i++)
		rc = task_put(&t, f[i] ? f[i] : "", f[i] ? strlen(f[i]) : 0);
	if (!rc)
		rc = h ? task_put(&t, h->body, h->body_len)
		       : task_put(&t, why, strlen(why));
	rc = rc ? -ENOMEM : pool_submit(p, t.data, t.len);
	wn_buf_free(&t);
	return rc;
}

static int warc_file(struct stream *s, struct pool *p, const char *path)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	struct warc_reader *w;
	struct warc_record r;
	int rc = 0, e;

	if (fd < 0) {
		fprintf(stderr, "winnow: %s: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	e = warc_open_fd(fd, &w);
	if (e) {
		fprintf(stderr, "winnow: %s: %s\n", path, strerror(-e));
		if (fd)
			close(fd);
		return EXIT_INPUT;
	}
	while (!rc && (e = warc_next(w, &r)) > 0) {
		struct warc_http h;

		if (!r.type || strcmp(r.type, "response"))
			continue;
		if (warc_http_parse(r.block, r.block_len, &h) ||
		    h.status < 200 || h.status > 299 || !h.is_html) {
			s->pr.skipped++;
			continue;
		}
		rc = submit_warc(p, &r, &h, NULL);
	}
	if (e < 0) {
		/* a damaged file: the records before the break are out; a
		 * response cut short is named on stderr and gets an error
		 * object in its place; the exit status will be 2 */
		bool named =
			r.record_id && r.type && !strcmp(r.type, "response");

		progress_clear(&s->pr);
		fprintf(stderr, "winnow: %s: %s%s%s%s%s\n", path, warc_error(w),
			named ? ": " : "", named ? r.record_id : "",
			named && r.target_uri ? " " : "",
			named && r.target_uri ? r.target_uri : "");
		if (named && !rc)
			rc = submit_warc(p, &r, NULL, warc_error(w));
		rc = rc ? rc : EXIT_INPUT;
	}
	warc_close(w);
	if (fd)
		close(fd);
	return rc;
}

/* --profile: a worker's totals, at its end; in the parent, added up. */
static int stream_report(void *ud, struct wn_buf *out)
{
	const struct stream *s = ud;

	return cli_profile_put(s->c->profile, s->c->chain, out);
}

static void stream_gather(void *ud, const char *report, size_t n)
{
	const struct stream *s = ud;

	cli_profile_take(s->c->profile, report, n);
}

int cli_stream(const struct cli *c, bool warc, char *const *inputs,
	       size_t ninputs)
{
	struct stream s = {.c = c};
	struct pool *p;
	int rc, status = EXIT_OK;

	progress_start(&s.pr, c->progress, 0);
	rc = pool_new(c->jobs, true, stream_work, stream_done,
		      c->profile ? stream_report : NULL,
		      c->profile ? stream_gather : NULL, &s, &p);
	if (rc) {
		fprintf(stderr, "winnow: cannot start workers: %s\n",
			strerror(-rc));
		return EXIT_OUTPUT;
	}
	for (size_t i = 0; i < ninputs && !rc; i++) {
		rc = warc ? warc_file(&s, p, inputs[i])
			  : jsonl_file(&s, p, inputs[i]);
		if (rc == EXIT_INPUT) {
			status = EXIT_INPUT; /* an unreadable file */
			rc = 0;
		}
	}
	{
		int frc = pool_finish(p);

		rc = rc ? rc : frc;
	}
	if (rc < 0) {
		progress_clear(&s.pr);
		fprintf(stderr, "winnow: workers: %s\n", strerror(-rc));
		status = EXIT_OUTPUT;
	}
	if (s.status)
		status = s.status;
	progress_summary(&s.pr, warc ? "records" : "lines");
	return status;
}
