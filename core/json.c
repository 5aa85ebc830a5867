/* SPDX-License-Identifier: MIT */
/*
 * The JSON writer: one object per document, built with jansson (which
 * does all the escaping).  Fields are the page's metadata, its cleaned
 * text, HTML and Markdown, and what each step of the chain removed;
 * the caller may pick fields and pass fields of its own through.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

static const char *const all_fields[] = {
	"url",       "title",       "author", "date", "lang",
	"site_name", "description", "image",  "text", "html",
	"markdown",  "removed",     NULL};

bool wn_json_field_known(const char *name)
{
	for (const char *const *f = all_fields; *f; f++)
		if (!strcmp(*f, name))
			return true;
	return false;
}

/* Append s[0..n), valid UTF-8, to out as a JSON string, escaped as
 * jansson's dump escapes (so the bytes are json_dumps's). */
static int put_string(struct wn_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;
	int rc = wn_buf_append(out, "\"", 1);

	for (size_t i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7] = {'\\', 0};
		size_t k = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			k = 6;
		}
		rc = wn_buf_append(out, s + run, i - run);
		if (!rc)
			rc = wn_buf_append(out, esc, k);
		run = i + 1;
	}
	if (!rc)
		rc = wn_buf_append(out, s + run, n - run);
	return rc ? rc : wn_buf_append(out, "\"", 1);
}

/* Append text s[0..n) to out as a JSON string; invalid UTF-8 bytes
 * become U+FFFD. */
static int put_text(struct wn_buf *out, const char *s, size_t n)
{
	char *fixed;
	size_t fn;
	int rc;

	if (wn_utf8_valid_(s, n))
		return put_string(out, s, n);
	rc = wn_to_utf8_(s, n, "UTF-8", &fixed, &fn);
	if (!rc) {
		rc = put_string(out, fixed, fn);
		free(fixed);
	}
	return rc;
}

/* Append the document rendered as fmt to out as a JSON string, straight
 * from the rendering (no copy of it in a jansson string). */
static int put_rendered(struct wn_buf *out, struct wn_doc *doc,
			enum wn_format fmt)
{
	struct wn_buf b = {0};
	int rc = wn_doc_write(doc, fmt, &b);

	if (!rc)
		rc = put_text(out, b.data ? b.data : "", b.len);
	wn_buf_free(&b);
	return rc;
}

static json_t *removed(const struct wn_chain *chain)
{
	static const char *const status[] = {"ok", "skipped", "failed"};
	const struct wn_step_stats *st;
	size_t n = chain ? wn_chain_stats(chain, &st) : 0;
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_pack(
			"{s:s, s:I, s:I, s:s}", "step", st[i].step, "count",
			(json_int_t)st[i].removed, "chars",
			(json_int_t)st[i].chars, "status",
			(unsigned)st[i].status < 3 ? status[st[i].status]
						   : "?");

		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static int append_cb(const char *buf, size_t size, void *data)
{
	return wn_buf_append(data, buf, size) ? -1 : 0;
}

/* Append `,"key":` (`{"key":` for the first member) to out. */
static int member_key(struct wn_buf *out, bool *first, const char *key)
{
	int rc = wn_buf_append(out, *first ? "{" : ",", 1);

	*first = false;
	if (!rc)
		rc = put_string(out, key, strlen(key));
	return rc ? rc : wn_buf_append(out, ":", 1);
}

/* Append `,"key":value`, the value escaped by jansson as json_dumps
 * would. */
static int member(struct wn_buf *out, bool *first, const char *key,
		  const json_t *v)
{
	int rc = member_key(out, first, key);

	if (!rc && json_dump_callback(v, append_cb, out,
				      JSON_COMPACT | JSON_ENCODE_ANY))
		rc = WN_ENOMEM;
	return rc;
}

/* Append the value of the field `name` to out; `md`, when not NULL,
 * holds the Markdown rendering made beforehand. */
static int put_field(struct wn_buf *out, struct wn_doc *doc,
		     const struct wn_json_opts *o, const char *name,
		     const struct wn_buf *md)
{
	static const struct {
		const char *name;
		enum wn_format fmt;
	} rendered[] = {{"text", WN_FMT_TEXT},
			{"html", WN_FMT_HTML},
			{"markdown", WN_FMT_MARKDOWN}};
	const char *v;

	if (md && !strcmp(name, "markdown"))
		return put_text(out, md->data ? md->data : "", md->len);
	for (size_t i = 0; i < sizeof(rendered) / sizeof(rendered[0]); i++)
		if (!strcmp(name, rendered[i].name))
			return put_rendered(out, doc, rendered[i].fmt);
	if (!strcmp(name, "removed")) {
		json_t *a = removed(o ? o->chain : NULL);
		int rc = !a || json_dump_callback(a, append_cb, out,
						  JSON_COMPACT)
				 ? WN_ENOMEM
				 : 0;

		json_decref(a);
		return rc;
	}
	/* a metadata field, the document's URL when none was found */
	v = wn_doc_meta_get(doc, name);
	if (!v && !strcmp(name, "url"))
		v = wn_doc_url_peek(doc);
	return v ? put_text(out, v, strlen(v)) : wn_buf_puts(out, "null");
}

/* True when the field `name` is written: listed, and not passed
 * through in extra. */
static bool written(const char *const *fields, const json_t *extra,
		    const char *name)
{
	for (const char *const *f = fields; *f; f++)
		if (!strcmp(*f, name))
			return !(extra && json_object_get(extra, name));
	return false;
}

/*
 * The object is written member by member, each field rendered and
 * escaped into out: the text, HTML and Markdown of a big page are never
 * all held twice over (a jansson object of them all and its dump),
 * which made JSON the format with the highest peak.  The Markdown is
 * rendered first when the text or HTML comes too: cmark-gfm builds a
 * tree of its own, as big as the page's, and that tree is better built
 * before out holds the other renderings than beside them (on the 10 MB
 * page: 140 MB at the peak, 125 MB so).  The bytes are those of
 * json_dumps(JSON_COMPACT) on the whole object: passed-through members
 * first, in their order, then the fields.
 */
int wn_doc_write_json(struct wn_doc *doc, const struct wn_json_opts *o,
		      struct wn_buf *out)
{
	const char *const *fields = o && o->fields ? o->fields : all_fields;
	size_t mark = out->len;
	json_t *extra = NULL;
	struct wn_buf md = {0};
	bool first = true, md_first;
	int rc = 0;

	if (o && o->extra) {
		json_error_t err;

		extra = json_loads(o->extra, JSON_REJECT_DUPLICATES, &err);
		if (!extra)
			return WN_EINVAL;
		if (!json_is_object(extra)) {
			json_decref(extra);
			return WN_EINVAL;
		}
	}
	md_first = written(fields, extra, "markdown") &&
		   (written(fields, extra, "text") ||
		    written(fields, extra, "html"));
	if (md_first)
		rc = wn_doc_write(doc, WN_FMT_MARKDOWN, &md);
	if (extra) {
		const char *key;
		json_t *v;

		json_object_foreach(extra, key, v)
		{
			if (!rc)
				rc = member(out, &first, key, v);
		}
	}
	for (const char *const *f = fields; *f && !rc; f++) {
		bool dup = false;

		/* fields passed through keep their value; a field named
		 * twice is written once */
		for (const char *const *g = fields; g < f && !dup; g++)
			dup = !strcmp(*g, *f);
		if (dup || (extra && json_object_get(extra, *f)))
			continue;
		rc = member_key(out, &first, *f);
		if (!rc)
			rc = put_field(out, doc, o, *f, md_first ? &md : NULL);
	}
	json_decref(extra);
	wn_buf_free(&md);
	if (!rc)
		rc = wn_buf_append(out, first ? "{}\n" : "}\n", first ? 3 : 2);
	if (rc) {
		/* nothing half-written stays */
		out->len = mark;
		if (out->data)
			out->data[mark] = '\0';
	}
	return rc;
}

int wn_write_json_(struct wn_doc *doc, struct wn_buf *out)
{
	return wn_doc_write_json(doc, NULL, out);
}
