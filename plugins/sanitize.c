/* SPDX-License-Identifier: MIT */
/*
 * sanitize: make the cleaned HTML safe to show in a reader.  It drops
 * what can run code or leave the page: script elements; iframe, frame,
 * object, embed and applet elements (their fallback content stays); <base>, <meta http-equiv=refresh> (and
 * set-cookie), inline event handlers (on*), srcdoc, URLs with the
 * javascript:, vbscript: or an HTML/SVG/XML data: scheme in any
 * attribute that takes a URL, script in style attributes, SVG
 * animations that set a link, and IE conditional comments.  It runs
 * last in the default chain; its removals are final (a site rule's
 * protection does not hold and --mark does not put them back).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <winnow/plugin.h>

#include "steps.h"

/* Elements dropped whole, with everything inside. */
static const char *const active_tags[] = {"script", "base", NULL};

/* Elements that embed another document or a program: they go, and
 * their content stays (checked in turn).  It is the fallback a browser
 * shows when the embedding fails, and a parser that does not know the
 * element empty (embed) puts the rest of the page inside it. */
static const char *const embed_tags[] = {"iframe", "frame",       "frameset",
					 "object", "embed",       "applet",
					 "portal", "fencedframe", NULL};

/* Attributes holding a URL the browser may follow or load. */
static const char *const url_attrs[] = {
	"href",     "src",    "action",     "formaction", "xlink:href",
	"data",     "poster", "background", "lowsrc",     "dynsrc",
	"codebase", "cite",   "longdesc",   "usemap",     "manifest",
	"ping",     "srcset", "to",         "from",       "values",
	"by",       NULL};

/* URL schemes (lower case, white space and controls removed) that run
 * code or carry a document of their own. */
static const char *const bad_schemes[] = {"javascript:",
					  "vbscript:",
					  "livescript:",
					  "mocha:",
					  "data:text/html",
					  "data:application/xhtml",
					  "data:image/svg",
					  "data:text/xml",
					  "data:application/xml",
					  "data:text/javascript",
					  "data:application/javascript",
					  NULL};

/* s and t are equal but for ASCII case.  Asked of every attribute of
 * every element against a dozen names: the first byte, either case,
 * rules most of them out without a call. */
static inline bool ieq(const char *s, const char *t)
{
	return (s[0] | 0x20) == (t[0] | 0x20) && !strcasecmp(s, t);
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (ieq(s, *list))
			return true;
	return false;
}

/* s without ASCII white space and control characters, lower-cased, into
 * out (cap bytes); browsers ignore those inside a scheme. */
static void squeeze(const char *s, char *out, size_t cap)
{
	size_t k = 0;

	for (; *s && k + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c == 0x7f)
			continue;
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[k] = '\0';
}

static bool is_bad_url(const char *v)
{
	char u[48];

	squeeze(v, u, sizeof(u));
	for (const char *const *p = bad_schemes; *p; p++)
		if (!strncmp(u, *p, strlen(*p)))
			return true;
	return false;
}

/* A style attribute with script in it (old IE expression(), a
 * javascript: URL, behaviors and bindings). */
static bool is_bad_style(const char *v)
{
	size_t n = strlen(v);
	char *u = malloc(n + 1);
	bool bad;

	if (!u)
		return true;
	squeeze(v, u, n + 1);
	bad = strstr(u, "expression(") || strstr(u, "javascript:") ||
	      strstr(u, "vbscript:") || strstr(u, "behavior:") ||
	      strstr(u, "-moz-binding");
	free(u);
	return bad;
}

/* Should the attribute go?  A name must be plain (wn_name_is_plain):
 * an HTML5 tree builder keeps names such as "scr<script", which another
 * parser would read as a script. */
static bool attr_is_bad(const xmlNode *el, const char *name, const char *value)
{
	if (!wn_name_is_plain(name))
		return true;
	if ((name[0] == 'o' || name[0] == 'O') &&
	    (name[1] == 'n' || name[1] == 'N'))
		return true; /* event handlers */
	if (ieq(name, "srcdoc"))
		return true;
	if (ieq(name, "style"))
		return is_bad_style(value);
	if (in_list(name, url_attrs) || ieq(name, "xlink:href"))
		return is_bad_url(value);
	(void)el;
	return false;
}

static bool is_active_element(const xmlNode *n)
{
	const char *tag = (const char *)n->name;

	if (in_list(tag, active_tags))
		return true;
	if (ieq(tag, "meta")) {
		xmlChar *eq = xmlGetProp(n, BAD_CAST "http-equiv");
		bool bad = eq && (!strcasecmp((char *)eq, "refresh") ||
				  !strcasecmp((char *)eq, "set-cookie"));

		xmlFree(eq);
		return bad;
	}
	if (ieq(tag, "animate") || ieq(tag, "set")) {
		/* <set attributeName=href to="javascript:..."> */
		xmlChar *an = xmlGetProp(n, BAD_CAST "attributeName");
		bool bad = an && (!strcasecmp((char *)an, "href") ||
				  !strcasecmp((char *)an, "xlink:href"));

		xmlFree(an);
		return bad;
	}
	return false;
}

/* <!--[if IE]> ... <![endif]-->: old browsers parse the inside. */
static bool is_conditional_comment(const xmlNode *n)
{
	const char *s = (const char *)n->content;

	while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return s && (!strncmp(s, "[if", 3) || strstr(s, "<!["));
}

/* Drop the bad attributes of one element. */
static int clean_attrs(struct wn_run *run, xmlNodePtr el)
{
	for (xmlAttrPtr a = el->properties; a;) {
		xmlAttrPtr next = a->next;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		char name[256];
		int rc = 0;

		if (a->ns && a->ns->prefix)
			snprintf(name, sizeof(name), "%s:%s", a->ns->prefix,
				 (const char *)a->name);
		else
			snprintf(name, sizeof(name), "%s",
				 (const char *)a->name);
		if (attr_is_bad(el, name, v ? (const char *)v : "")) {
			if (a->ns) {
				/* neither parser makes namespaced attributes;
				 * the journal keys attributes by bare name, so
				 * this one goes unjournalled (an undo could only
				 * lose it) */
				xmlRemoveProp(a);
			} else {
				rc = wn_run_set_attr(
					run, el, (const char *)a->name, NULL);
			}
		}
		xmlFree(v);
		if (rc)
			return rc;
		a = next;
	}
	return 0;
}

static int sanitize_run(void *inst, struct wn_run *run)
{
	xmlDocPtr doc = wn_doc_xml(wn_run_doc(run));
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	int rc = 0;

	(void)inst;
	for (n = root; n && !rc;) {
		xmlNodePtr next;

		if (n->type == XML_ELEMENT_NODE && n != root &&
		    n != wn_run_body(run) &&
		    (!wn_name_is_plain((const char *)n->name) ||
		     in_list((const char *)n->name, embed_tags))) {
			/* its content stays, checked in turn */
			next = n->children ? n->children
					   : next_node(n, root, true);
			rc = wn_run_unwrap(run, n);
		} else if (n->type == XML_ELEMENT_NODE && n != root &&
			   n != wn_run_body(run) && is_active_element(n)) {
			next = next_node(n, root, true);
			rc = wn_run_drop(run, n);
		} else if (n->type == XML_COMMENT_NODE &&
			   is_conditional_comment(n)) {
			next = next_node(n, root, true);
			rc = wn_run_drop(run, n);
		} else {
			if (n->type == XML_ELEMENT_NODE)
				rc = clean_attrs(run, n);
			next = next_node(n, root, false);
		}
		n = next;
	}
	/* comments and nodes before or after the root element */
	for (n = doc->children; n && !rc; n = n->next)
		if (n != root && n->type == XML_ELEMENT_NODE)
			rc = clean_attrs(run, n);
	return rc;
}

WN_PLUGIN_DEFINE(sanitize, .version = "1.0",
		 .summary = "drop scripts, event handlers and javascript: "
			    "URLs, so the HTML output is safe to show",
		 .license = "MIT", .caps = WN_CAP_MUTATES | WN_CAP_REENTRANT,
		 .run = sanitize_run);
