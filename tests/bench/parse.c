/* SPDX-License-Identifier: MIT */
/*
 * parse [-s] FILE...: the floor of tests/bench/perf.sh.  Each FILE is
 * read into memory and parsed with libxml2's HTML parser, with the
 * options winnow uses (parse_html() in core/doc.c, which also counts
 * the elements against a budget: not done here), then freed; with
 * -s the tree is also serialized (htmlDocDumpMemory) and the bytes
 * thrown away.  Nothing else: no charset sniffing, no clean-up, no
 * output files.  Many FILEs are parsed in one process (like winnow -o
 * DIR FILE...); run it once a page for one process per page.
 *
 * Built by the benchmark itself:
 *     cc -O2 parse.c $(pkg-config --cflags --libs libxml-2.0)
 * Exit status: 0, or 1 when a file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>

static void quiet_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_COMPACT |
		   XML_PARSE_HUGE | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
	int i = 1, dump = 0, rc = 0;

	if (i < argc && strcmp(argv[i], "-s") == 0) {
		dump = 1;
		i++;
	}
	if (i >= argc) {
		fputs("usage: parse [-s] FILE...\n", stderr);
		return 2;
	}
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet_error);
	for (; i < argc; i++) {
		size_t n;
		char *buf = slurp(argv[i], &n);
		htmlDocPtr doc;

		if (!buf) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		doc = n > 0 ? htmlReadMemory(buf, (int)n, NULL, "UTF-8", opts)
			    : NULL;
		if (doc && dump) {
			xmlChar *out = NULL;
			int len = 0;

			htmlDocDumpMemory(doc, &out, &len);
			xmlFree(out);
		}
		xmlFreeDoc(doc);
		free(buf);
	}
	xmlCleanupParser();
	return rc;
}
