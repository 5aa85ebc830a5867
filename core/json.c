/* SPDX-License-Identifier: MIT */
/*
 * The JSON writer: one object per document, built with jansson (which
 * does all the escaping).  Fields are the page's metadata, its cleaned
 * text, HTML and Markdown, and what each step of the chain removed;
 * the caller may pick fields and pass fields of its own through.
 */
#include <config.h>

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

/* A JSON string of UTF-8 text; invalid bytes become U+FFFD.  NULL text
 * is JSON null. */
static json_t *jstr(const char *s, size_t n)
{
	json_t *j;
	char *fixed;
	size_t fn;

	if (!s)
		return json_null();
	j = json_stringn(s, n);
	if (j || wn_to_utf8_(s, n, "UTF-8", &fixed, &fn))
		return j;
	j = json_stringn(fixed, fn);
	free(fixed);
	return j;
}

static json_t *rendered(struct wn_doc *doc, enum wn_format fmt, int *rc)
{
	struct wn_buf b = {0};
	json_t *j;

	*rc = wn_doc_write(doc, fmt, &b);
	if (*rc) {
		wn_buf_free(&b);
		return NULL;
	}
	j = jstr(b.data ? b.data : "", b.len);
	wn_buf_free(&b);
	return j;
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

static json_t *field(struct wn_doc *doc, const struct wn_json_opts *o,
		     const char *name, int *rc)
{
	const struct wn_meta *m = wn_doc_meta(doc);
	const char *v = NULL;

	*rc = 0;
	if (!strcmp(name, "text"))
		return rendered(doc, WN_FMT_TEXT, rc);
	if (!strcmp(name, "html"))
		return rendered(doc, WN_FMT_HTML, rc);
	if (!strcmp(name, "markdown"))
		return rendered(doc, WN_FMT_MARKDOWN, rc);
	if (!strcmp(name, "removed"))
		return removed(o ? o->chain : NULL);
	if (!strcmp(name, "url"))
		v = m->url ? m->url : wn_doc_url_peek(doc);
	else if (!strcmp(name, "title"))
		v = m->title;
	else if (!strcmp(name, "author"))
		v = m->author;
	else if (!strcmp(name, "date"))
		v = m->date;
	else if (!strcmp(name, "lang"))
		v = m->lang;
	else if (!strcmp(name, "site_name"))
		v = m->site_name;
	else if (!strcmp(name, "description"))
		v = m->description;
	else if (!strcmp(name, "image"))
		v = m->image;
	else
		return json_null();
	return jstr(v, v ? strlen(v) : 0);
}

int wn_doc_write_json(struct wn_doc *doc, const struct wn_json_opts *o,
		      struct wn_buf *out)
{
	const char *const *fields = o && o->fields ? o->fields : all_fields;
	json_t *obj;
	char *s;
	int rc = 0;

	if (o && o->extra) {
		json_error_t err;

		obj = json_loads(o->extra, JSON_REJECT_DUPLICATES, &err);
		if (!obj)
			return WN_EINVAL;
		if (!json_is_object(obj)) {
			json_decref(obj);
			return WN_EINVAL;
		}
	} else {
		obj = json_object();
		if (!obj)
			return WN_ENOMEM;
	}
	for (; *fields && !rc; fields++) {
		json_t *v;

		/* fields passed through keep their value */
		if (json_object_get(obj, *fields))
			continue;
		v = field(doc, o, *fields, &rc);
		if (!rc && (!v || json_object_set_new(obj, *fields, v)))
			rc = WN_ENOMEM;
	}
	if (rc) {
		json_decref(obj);
		return rc;
	}
	s = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	if (!s)
		return WN_ENOMEM;
	rc = wn_buf_puts(out, s);
	if (!rc)
		rc = wn_buf_append(out, "\n", 1);
	free(s);
	return rc;
}

int wn_write_json_(struct wn_doc *doc, struct wn_buf *out)
{
	return wn_doc_write_json(doc, NULL, out);
}
