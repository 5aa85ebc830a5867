/* SPDX-License-Identifier: MIT */
/*
 * xsscheck FILE: parse an HTML output with libxml2's HTML parser and
 * list the executable markup left in it (script-like elements, event
 * handler and srcdoc attributes, script URLs, script in style, refresh
 * and base).  Exit 0 when there is none, 1 when there is, 2 when the
 * file cannot be read.  Written apart from the sanitize step, so the
 * two do not share their blind spots.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

static const char *const tags[] = {"script",   "iframe", "frame",
				   "frameset", "object", "embed",
				   "applet",   "base",   NULL};
static const char *const schemes[] = {
	"javascript:",    "vbscript:",   "data:text/html",
	"data:image/svg", "livescript:", NULL};

/* v lower-cased without white space or control characters. */
static char *squeeze(const char *v)
{
	char *o = malloc(strlen(v) + 1), *p = o;

	if (!o)
		exit(2);
	for (; *v; v++)
		if ((unsigned char)*v > 0x20 && *v != 0x7f)
			*p++ = (char)tolower((unsigned char)*v);
	*p = '\0';
	return o;
}

static int check_attr(const xmlNode *el, const xmlAttr *a)
{
	const char *name = (const char *)a->name;
	xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
	char *s = squeeze(v ? (const char *)v : "");
	int bad = 0;

	if (!strncasecmp(name, "on", 2) || !strcasecmp(name, "srcdoc"))
		bad = 1;
	for (const char *const *p = schemes; *p && !bad; p++)
		bad = !strncmp(s, *p, strlen(*p));
	if (!strcasecmp(name, "style") &&
	    (strstr(s, "expression(") || strstr(s, "javascript:")))
		bad = 1;
	if (!strcasecmp((const char *)el->name, "meta") &&
	    !strcasecmp(name, "http-equiv") && !strcmp(s, "refresh"))
		bad = 1;
	if (bad)
		printf("<%s %s=\"%s\">\n", (const char *)el->name, name,
		       v ? (const char *)v : "");
	free(s);
	xmlFree(v);
	return bad;
}

int main(int argc, char **argv)
{
	htmlDocPtr doc;
	xmlNodePtr n;
	int bad = 0;

	if (argc != 2) {
		fputs("usage: xsscheck FILE\n", stderr);
		return 2;
	}
	doc = htmlReadFile(argv[1], "UTF-8",
			   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				   HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc)
		return 0; /* nothing parseable: nothing to run */
	for (n = (xmlNodePtr)doc; n;) {
		if (n->type == XML_ELEMENT_NODE) {
			for (const char *const *t = tags; *t; t++)
				if (!strcasecmp((const char *)n->name, *t)) {
					printf("<%s>\n", *t);
					bad++;
				}
			for (xmlAttrPtr a = n->properties; a; a = a->next)
				bad += check_attr(n, a);
		}
		if ((n->type == XML_ELEMENT_NODE ||
		     n->type == XML_HTML_DOCUMENT_NODE) &&
		    n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return bad ? 1 : 0;
}
