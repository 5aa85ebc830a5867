/* SPDX-License-Identifier: MIT */
/*
 * noscript: show what a page built by scripts gives readers without
 * them.  Forum and shop engines that render in the browser often ship
 * the whole text a second time inside <noscript> for crawlers, and no
 * text outside it: such a page would render empty.  When the body shows
 * less text than a <noscript> holds, that <noscript> is unwrapped.  A
 * page that still shows almost nothing (the text arrives by script
 * alone) gets its description as a paragraph, which is better than no
 * text at all.  Ordinary pages, whose <noscript> holds a tracking pixel
 * or a "please enable JavaScript" line, are left alone.  Text documents
 * have no <noscript>.
 */
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

/* Bytes of shown text below which a page counts as empty. */
#define SHOWS_NOTHING 80
/* A fallback must hold at least this much text to be unwrapped. */
#define FALLBACK_MIN 200

/* Text bytes inside a <noscript> (wn_node_text_len skips it whole). */
static size_t fallback_len(const xmlNode *ns)
{
	size_t t = 0;

	for (const xmlNode *c = ns->children; c; c = c->next)
		t += wn_node_text_len(c);
	return t;
}

static int show_fallbacks(struct wn_run *run, xmlNodePtr body, size_t shown,
			  bool *done)
{
	xmlNodePtr n = wn_next_element(body, body, false);
	int rc = 0;

	*done = false;
	while (n && !rc) {
		bool ns = xmlStrEqual(n->name, BAD_CAST "noscript");
		xmlNodePtr next = wn_next_element(n, body, ns);

		if (ns) {
			size_t t = fallback_len(n);

			if (t >= FALLBACK_MIN && t > shown) {
				rc = wn_run_unwrap(run, n);
				*done = true;
			}
		}
		n = next;
	}
	return rc;
}

static int add_description(struct wn_run *run, xmlNodePtr body)
{
	const struct wn_meta *m = wn_doc_meta(wn_run_doc(run));
	xmlNodePtr p, t;
	int rc;

	if (!m->description || strlen(m->description) < 2 * SHOWS_NOTHING)
		return 0;
	p = xmlNewDocNode(body->doc, NULL, BAD_CAST "p", NULL);
	if (!p)
		return WN_ENOMEM;
	t = xmlNewDocText(body->doc, BAD_CAST m->description);
	if (!t) {
		xmlFreeNode(p);
		return WN_ENOMEM;
	}
	xmlAddChild(p, t);
	rc = wn_run_append(run, body, p);
	if (rc)
		xmlFreeNode(p);
	else
		wn_run_log(run, WN_LOG_INFO, "no text: the description shown");
	return rc;
}

static int noscript_run(void *inst, struct wn_run *run)
{
	xmlNodePtr body = wn_run_body(run);
	size_t shown;
	bool done;
	int rc;

	(void)inst;
	if (wn_run_kind(run) != WN_KIND_HTML)
		return 0;
	shown = wn_node_text_len(body);
	rc = show_fallbacks(run, body, shown, &done);
	if (!rc && !done && shown < SHOWS_NOTHING)
		rc = add_description(run, body);
	return rc;
}

WN_PLUGIN_DEFINE(noscript, .version = "1.0",
		 .summary = "show the no-script text of pages built by scripts",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = noscript_run);
