/* SPDX-License-Identifier: MIT */
/*
 * winnow: the command-line filter.  A thin layer over libwinnow: parse
 * options, build the chain once, then read, clean and write each input.
 * Only the document goes to stdout; diagnostics go to stderr.  Exit
 * statuses are documented in winnow(1).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#ifdef WN_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <winnow/winnow.h>

#include "cli.h"
#include "rules.h"

enum {
	OPT_SKIP = 256,
	OPT_LIST,
	OPT_EXPLAIN,
	OPT_PROFILE,
	OPT_STRICT,
	OPT_PATHS,
	OPT_PARSER,
	OPT_SCRIPT,
	OPT_SCRIPT_PATH,
	OPT_SCRIPT_PATHS,
	OPT_FILTER_LIST,
	/* output formats, batch and stream modes */
	OPT_JSON_FIELDS,
	OPT_MARK,
	OPT_JOBS,
	OPT_JSONL,
	OPT_WARC,
	/* rule sets */
	OPT_FTR_DIR,
	OPT_CHECK_RULES,
	OPT_NO_SANITIZE,
	OPT_UNSAFE_PLUGIN_PATH,
	OPT_MAX_SIZE
};

static const struct option longopts[] = {
	{"from", required_argument, NULL, 'f'},
	{"to", required_argument, NULL, 't'},
	{"encoding", required_argument, NULL, 'e'},
	{"url", required_argument, NULL, 'u'},
	{"chain", required_argument, NULL, 'c'},
	{"steps", required_argument, NULL, 's'},
	{"skip", required_argument, NULL, OPT_SKIP},
	{"plugin-path", required_argument, NULL, 'P'},
	{"output", required_argument, NULL, 'o'},
	{"list", no_argument, NULL, OPT_LIST},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"profile", no_argument, NULL, OPT_PROFILE},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"no-sanitize", no_argument, NULL, OPT_NO_SANITIZE},
	{"unsafe-plugin-path", no_argument, NULL, OPT_UNSAFE_PLUGIN_PATH},
	{"print-plugin-path", no_argument, NULL, OPT_PATHS},
	{"parser", required_argument, NULL, OPT_PARSER},
	{"script", required_argument, NULL, OPT_SCRIPT},
	{"script-path", required_argument, NULL, OPT_SCRIPT_PATH},
	{"print-script-path", no_argument, NULL, OPT_SCRIPT_PATHS},
	{"filter-list", required_argument, NULL, OPT_FILTER_LIST},
	/* output formats, batch and stream modes */
	{"json-fields", required_argument, NULL, OPT_JSON_FIELDS},
	{"mark", no_argument, NULL, OPT_MARK},
	{"recursive", required_argument, NULL, 'r'},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"max-size", required_argument, NULL, OPT_MAX_SIZE},
	{"jsonl", no_argument, NULL, OPT_JSONL},
	{"warc", required_argument, NULL, OPT_WARC},
	/* rule sets */
	{"ftr-dir", required_argument, NULL, OPT_FTR_DIR},
	{"check-rules", required_argument, NULL, OPT_CHECK_RULES},
	{"verbose", no_argument, NULL, 'v'},
	{"version", no_argument, NULL, 'V'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
	fputs("Usage: winnow [OPTION]... [FILE]...\n"
	      "Clean a web page (HTML) or a text dump of one: run a chain of "
	      "steps that remove\n"
	      "clutter and write the article.  With no FILE, or when FILE "
	      "is -, read standard\n"
	      "input; several FILEs need -o DIR, or --to json for JSON lines.  "
	      "Gzipped\n"
	      "inputs are read as they are.\n"
	      "\n"
	      "Input and output:\n"
	      "  -f, --from=KIND        input is 'html' or 'text' (default: "
	      "sniffed)\n"
	      "  -t, --to=FORMAT        write 'html', 'text', 'markdown' or "
	      "'json' (default:\n"
	      "                         the input's kind)\n"
	      "      --json-fields=A,B  the fields of --to json, in this "
	      "order (default: url,\n"
	      "                         title, author, date, lang, site_name, "
	      "description,\n"
	      "                         image, text, html, markdown, "
	      "removed)\n"
	      "  -e, --encoding=CHARSET input charset when the page does not "
	      "say (BOM wins)\n"
	      "  -u, --url=URL          the page's address (for per-site "
	      "rules; default:\n"
	      "                         <link rel=canonical> or og:url)\n"
	      "  -o, --output=DIR       write each result to DIR/NAME.EXT "
	      "instead of stdout\n"
	      "      --parser=NAME      HTML parser: 'libxml2' or 'html5' "
	      "(gumbo)\n"
	      "  -r, --recursive=DIR    also clean the pages below DIR (.html, "
	      ".htm, .txt ...,\n"
	      "                         gzipped too); the tree is kept "
	      "below -o DIR\n"
	      "      --jobs=N           clean in N worker processes "
	      "(default: one per core)\n"
	      "      --max-size=SIZE    refuse an input file larger than "
	      "SIZE bytes (suffix K, M\n"
	      "                         or G; 0: no limit; default 32M)\n"
	      "      --jsonl            read JSON lines ({\"url\", \"html\" "
	      "or \"text\"} and more),\n"
	      "                         write JSON lines, in input order\n"
	      "      --warc=FILE        read the HTML responses of a WARC file "
	      "(gzipped too;\n"
	      "                         - for stdin; repeatable), write JSON "
	      "lines\n"
	      "\n"
	      "The chain:\n"
	      "  -c, --chain=FILE       steps from FILE (default: the "
	      "installed default.chain)\n"
	      "  -s, --steps=A,B,C      these steps, in this order ('' for "
	      "none)\n"
	      "      --skip=A,B         leave these steps out (repeatable)\n"
	      "  -P, --plugin-path=DIR  look for plugins in DIR first "
	      "(repeatable)\n"
	      "      --unsafe-plugin-path  also load plugins that other "
	      "users could change\n"
	      "      --script=FILE      run the Lua script FILE first "
	      "(repeatable)\n"
	      "      --script-path=DIR  look for scripts and site rules in DIR "
	      "first (repeatable)\n"
	      "      --filter-list=FILE a cosmetic filter list (EasyList "
	      "syntax) for the\n"
	      "                         'filters' step (repeatable)\n"
	      "      --ftr-dir=DIR      Full-Text RSS site configs for the "
	      "ftr step (repeatable;\n"
	      "                         a later DIR overrides an earlier "
	      "one)\n"
	      "      --check-rules=DIR  check the rule files in DIR, print a "
	      "summary and exit\n"
	      "      --strict           a failing step is fatal (exit 4)\n"
	      "      --no-sanitize      keep scripts, event handlers and "
	      "javascript: URLs\n"
	      "                         (skip the chain's 'sanitize' step)\n"
	      "      --list             list the available steps and exit\n"
	      "      --print-plugin-path  print the plugin search path and "
	      "exit\n"
	      "      --print-script-path  print the script search path and "
	      "exit\n"
	      "\n"
	      "Diagnostics:\n"
	      "      --explain          report every removal on stderr\n"
	      "      --mark             write HTML with what the steps "
	      "removed kept in place,\n"
	      "                         struck through and labelled with "
	      "the step's name\n"
	      "      --profile          after the run, print on stderr the "
	      "time, elements\n"
	      "                         walked and removals of each step, "
	      "the parse and the\n"
	      "                         output, summed over all inputs\n"
	      "  -v, --verbose          more messages, parser warnings "
	      "included\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and exit\n"
	      "\n"
	      "Environment: WINNOW_PLUGIN_PATH, WINNOW_SCRIPT_PATH "
	      "(colon-separated dirs),\n"
	      "XDG_DATA_HOME, XDG_CONFIG_HOME.\n"
	      "Exit status: 0 success, 1 usage, 2 an input could not be "
	      "read, 3 a step could\n"
	      "not be loaded, 4 a step failed under --strict, 5 output "
	      "error.\n"
	      "See winnow(1) and winnow-lua(7).\n",
	      f);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("winnow: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'winnow --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* Split "a,b,c" into a NULL-terminated array (malloc'd, in place). */
static char **split_commas(char *s, size_t *n)
{
	size_t cap = 1;
	char **v;
	size_t k = 0;

	for (const char *p = s; *p; p++)
		cap += *p == ',';
	v = calloc(cap + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
		if (*tok)
			v[k++] = tok;
	*n = k;
	return v;
}

struct opts {
	int from, to, parser;
	const char *encoding, *url, *chain, *steps, *outdir;
	const char **skip;
	size_t nskip;
	const char **ppath;
	size_t nppath;
	const char **scripts, **spath, **flists;
	size_t nscripts, nspath, nflists;
	const char **ftrdirs, *check_rules; /* rule sets */
	size_t nftrdirs;
	bool list, explain, profile, strict, verbose, paths, spaths;
	bool unsafe_plugins, no_sanitize;
	/* output formats, batch and stream modes */
	const char *json_fields;
	bool mark;
	const char **rdirs; /* -r DIR */
	size_t nrdirs;
	int jobs; /* 0: one per core */
	bool jsonl;
	const char **warcs; /* --warc FILE */
	size_t nwarcs;
};

/*
 * The steps --skip names (each a comma-separated list) and, for
 * --no-sanitize, "sanitize" last: a NULL-terminated array (malloc'd)
 * into *joined, their copy (malloc'd); *nuser: how many came from
 * --skip.
 */
static char **skip_list(const struct opts *o, char **joined, size_t *nuser)
{
	size_t len = sizeof("sanitize"), at = 0, n;
	char **v;

	for (size_t i = 0; i < o->nskip; i++)
		len += strlen(o->skip[i]) + 1;
	if (!(*joined = malloc(len)))
		return NULL;
	for (size_t i = 0; i < o->nskip; i++) {
		size_t k = strlen(o->skip[i]);

		memcpy(*joined + at, o->skip[i], k);
		at += k;
		(*joined)[at++] = ',';
	}
	/* the step the default chain ends with */
	strcpy(*joined + at, o->no_sanitize ? "sanitize" : "");
	if (!(v = split_commas(*joined, &n))) {
		free(*joined);
		*joined = NULL;
		return NULL;
	}
	*nuser = n - o->no_sanitize;
	return v;
}

/* Does chain text name step (or script) name?  Read as wn_chain_parse
 * reads it: a step a line, or "plugin NAME", "script NAME"; '#'
 * comments.  Out of memory: yes (no false complaint). */
static bool chain_text_names(const char *text, const char *name)
{
	char *copy = strdup(text), *save = NULL, *line;
	bool found = !copy;

	for (line = copy ? strtok_r(copy, "\n", &save) : NULL;
	     line && !found; line = strtok_r(NULL, "\n", &save)) {
		char *ws = NULL, *w;

		line[strcspn(line, "#")] = '\0';
		w = strtok_r(line, " \t\r", &ws);
		if (w && (!strcmp(w, "plugin") || !strcmp(w, "script")))
			w = strtok_r(NULL, " \t\r", &ws);
		found = w && !strcmp(w, name);
	}
	free(copy);
	return found;
}

/* A --skip NAME the chain does not have is a typo: said, not ignored
 * (a step left in that was meant out). */
static bool skips_known(const char *const *skip, size_t nuser,
			const char *const *names, size_t n, const char *text,
			const char *file)
{
	for (size_t i = 0; i < nuser; i++) {
		bool found = false;

		for (size_t j = 0; j < n && !found; j++)
			found = !strcmp(names[j], skip[i]);
		if (!found && text)
			found = chain_text_names(text, skip[i]);
		if (!found) {
			fprintf(stderr,
				"winnow: --skip %s: %s has no step of that "
				"name (see winnow --list)\n",
				skip[i], file ? file : "the chain");
			return false;
		}
	}
	return true;
}

static int build_chain(struct wn_ctx *ctx, const struct opts *o,
		       struct wn_chain **out)
{
	struct wn_chain *chain;
	char *joined = NULL;
	size_t nuser = 0;
	char **skip = skip_list(o, &joined, &nuser);
	int rc = skip ? wn_chain_new(ctx, &chain) : WN_ENOMEM;

	if (rc) {
		free(skip);
		free(joined);
		return rc;
	}
	for (size_t i = 0; i < o->nscripts && !rc; i++) {
		/* a file named on the command line is that file, even
		 * without a '/'; other names are looked up */
		struct stat st;
		char path[PATH_MAX];

		if (!strchr(o->scripts[i], '/') && !stat(o->scripts[i], &st) &&
		    S_ISREG(st.st_mode)) {
			snprintf(path, sizeof(path), "./%s", o->scripts[i]);
			rc = wn_chain_add_script(chain, path);
		} else {
			rc = wn_chain_add_script(chain, o->scripts[i]);
		}
	}
	if (rc) {
		wn_chain_free(chain);
		free(skip);
		free(joined);
		return rc;
	}
	if (o->steps) {
		char *copy = strdup(o->steps);
		size_t n = 0;
		char **names = copy ? split_commas(copy, &n) : NULL;

		rc = names ? 0 : WN_ENOMEM;
		for (size_t i = 0; i < n && !rc; i++) {
			bool skipped = false;

			for (size_t j = 0; skip[j]; j++)
				skipped |= !strcmp(skip[j], names[i]);
			if (!skipped)
				rc = wn_chain_add(chain, names[i], NULL, 0);
		}
		if (!rc && !skips_known((const char *const *)skip, nuser,
					(const char *const *)names, n, NULL,
					"--steps"))
			rc = WN_EINVAL;
		free(names);
		free(copy);
	} else {
		char path[PATH_MAX];
		const char *file = o->chain;
		char *text = NULL;
		size_t n;
		int e;

		if (!file) {
			snprintf(path, sizeof(path), "%s/default.chain",
				 wn_ctx_datadir_peek(ctx));
			file = path;
		}
		e = cli_read_file(file, &text, &n);
		if (e) {
			fprintf(stderr, "winnow: %s: %s\n", file, strerror(-e));
			wn_chain_free(chain);
			free(skip);
			free(joined);
			return WN_ELOAD;
		}
		rc = wn_chain_parse(chain, text, file,
				    (const char *const *)skip);
		if (!rc && !skips_known((const char *const *)skip, nuser, NULL,
					0, text, file))
			rc = WN_EINVAL;
		free(text);
	}
	free(skip);
	free(joined);
	if (rc) {
		wn_chain_free(chain);
		return rc;
	}
	*out = chain;
	return 0;
}

/* The second line of --version: the parser's library and the
 * allocator, which the speed depends on. */
static void print_libraries(void)
{
	long x = strtol(xmlParserVersion, NULL, 10); /* e.g. 20914 */
#ifdef WN_JEMALLOC
	const char *v = NULL;
	size_t len = sizeof v;

	if (mallctl("version", &v, &len, NULL, 0) || !v)
		v = "?";
	printf("libxml2 %ld.%ld.%ld, jemalloc %.*s\n", x / 10000,
	       x / 100 % 100, x % 100, (int)strcspn(v, "-"), v);
#else
	printf("libxml2 %ld.%ld.%ld, the C library's malloc\n", x / 10000,
	       x / 100 % 100, x % 100);
#endif
}

/* Parse the command line into o; returns -1 to go on, else the exit
 * status to end with. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	int c;

	while ((c = getopt_long(argc, argv, "f:t:e:u:c:s:P:o:r:vVh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "html"))
				o->from = WN_KIND_HTML;
			else if (!strcmp(optarg, "text") ||
				 !strcmp(optarg, "txt"))
				o->from = WN_KIND_TEXT;
			else
				return usage_error("--from: unknown kind '%s' "
						   "(html, text)",
						   optarg);
			break;
		case 't':
			o->to = wn_format_from_name(optarg);
			if (o->to < 0)
				return usage_error(
					"--to: unknown format '%s' "
					"(html, text, markdown, json)",
					optarg);
			break;
		case 'e':
			o->encoding = optarg;
			break;
		case OPT_PARSER:
			if (!strcmp(optarg, "libxml2"))
				o->parser = WN_PARSER_LIBXML2;
			else if (!strcmp(optarg, "html5") ||
				 !strcmp(optarg, "gumbo"))
				o->parser = WN_PARSER_HTML5;
			else
				return usage_error("--parser: unknown parser "
						   "'%s' (libxml2, html5)",
						   optarg);
			break;
		case 'u':
			o->url = optarg;
			break;
		case 'c':
			o->chain = optarg;
			break;
		case 's':
			o->steps = optarg;
			break;
		case OPT_SKIP:
			o->skip[o->nskip++] = optarg;
			break;
		case OPT_UNSAFE_PLUGIN_PATH:
			o->unsafe_plugins = true;
			break;
		case OPT_NO_SANITIZE:
			o->no_sanitize = true;
			break;
		case 'P':
			o->ppath[o->nppath++] = optarg;
			break;
		case 'o':
			o->outdir = optarg;
			break;
		case OPT_LIST:
			o->list = true;
			break;
		case OPT_PATHS:
			o->paths = true;
			break;
		case OPT_SCRIPT_PATHS:
			o->spaths = true;
			break;
		case OPT_SCRIPT:
			o->scripts[o->nscripts++] = optarg;
			break;
		case OPT_SCRIPT_PATH:
			o->spath[o->nspath++] = optarg;
			break;
		case OPT_FILTER_LIST:
			o->flists[o->nflists++] = optarg;
			break;
		case OPT_FTR_DIR:
			o->ftrdirs[o->nftrdirs++] = optarg;
			break;
		case OPT_CHECK_RULES:
			o->check_rules = optarg;
			break;
		case OPT_EXPLAIN:
			o->explain = true;
			break;
		case OPT_PROFILE:
			o->profile = true;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		/* output formats, batch and stream modes */
		case OPT_JSON_FIELDS:
			o->json_fields = optarg;
			break;
		case OPT_MARK:
			o->mark = true;
			break;
		case 'r':
			o->rdirs[o->nrdirs++] = optarg;
			break;
		case OPT_JSONL:
			o->jsonl = true;
			break;
		case OPT_WARC:
			o->warcs[o->nwarcs++] = optarg;
			break;
		case OPT_MAX_SIZE: {
			char *end;
			unsigned long long v;

			errno = 0;
			v = strtoull(optarg, &end, 10);
			if (end != optarg && !errno) {
				unsigned shift = *end == 'K'   ? 10
						 : *end == 'M' ? 20
						 : *end == 'G' ? 30
							       : 0;

				if (shift)
					end++;
				if (v > (SIZE_MAX >> shift))
					errno = ERANGE;
				v <<= shift;
			}
			if (*end || end == optarg || errno || optarg[0] == '-')
				return usage_error("--max-size: '%s' is not a "
						   "size (bytes, or with K, M "
						   "or G)",
						   optarg);
			cli_max_size = (size_t)v;
			break;
		}
		case OPT_JOBS: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || end == optarg || v < 0 || v > 1024)
				return usage_error("--jobs: '%s' is not a "
						   "number from 0 to 1024",
						   optarg);
			o->jobs = (int)v;
			break;
		}
		case 'v':
			o->verbose = true;
			break;
		case 'V':
			printf("winnow %s\n", PACKAGE_VERSION);
			print_libraries();
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			fputs("Try 'winnow --help' for more information.\n",
			      stderr);
			return EXIT_USAGE;
		}
	}
	if (o->mark && o->to >= 0 && o->to != WN_FMT_HTML)
		return usage_error("%s", "--mark writes HTML: it excludes --to "
					 "other than html");
	if (o->mark)
		o->to = WN_FMT_HTML;
	if (o->steps && o->chain)
		return usage_error("%s", "--steps and --chain exclude each "
					 "other");
	if ((o->jsonl || o->nwarcs) && o->to >= 0 && o->to != WN_FMT_JSON)
		return usage_error("%s", "--jsonl and --warc write JSON lines: "
					 "they exclude --to other than json");
	if ((o->jsonl || o->nwarcs) &&
	    (o->mark || o->outdir || o->nrdirs || (o->jsonl && o->nwarcs)))
		return usage_error("%s", "--jsonl and --warc exclude each "
					 "other, --mark, -o and -r");
	if (o->nwarcs && argc - optind > 0)
		return usage_error("%s", "with --warc, give every WARC file as "
					 "--warc FILE");
	if (o->jsonl || o->nwarcs)
		o->to = WN_FMT_JSON;
	if ((argc - optind > 1 || o->nrdirs) && !o->outdir &&
	    o->to != WN_FMT_JSON)
		return usage_error("%s", "several inputs need -o DIR (or --to "
					 "json, for JSON lines)");
	if (o->outdir) {
		struct stat st;

		if (stat(o->outdir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "winnow: %s: not a directory\n",
				o->outdir);
			return EXIT_OUTPUT;
		}
	}
	return -1;
}

/* Split --json-fields into a NULL-terminated list (malloc'd, in the
 * copy `*copy`); NULL with a message when a name is unknown. */
static char **json_fields(const char *arg, char **copy)
{
	size_t n = 0;
	char **v;

	*copy = strdup(arg);
	v = *copy ? split_commas(*copy, &n) : NULL;
	if (!v) {
		fputs("winnow: out of memory\n", stderr);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (!wn_json_field_known(v[i])) {
			usage_error("--json-fields: unknown field '%s' (url, "
				    "title, author, date, lang, site_name, "
				    "description, image, text, html, "
				    "markdown, removed)",
				    v[i]);
			free(v);
			return NULL;
		}
	return v;
}

/*
 * A batch run frees each page's buffers (the file, libxml2's copies of
 * it, the output) and allocates buffers of about the same sizes for the
 * next page.  glibc returns the top of the heap to the system once 128
 * KB of it are free, and serves blocks from a threshold that rises with
 * the pages on their own mappings, so every page faulted its buffers in
 * again: 40 page faults a page, a fifth of the run's time on 181 news
 * pages.  Blocks under 4 MB now come from the heap and up to 8 MB of
 * freed heap is kept; above that, as before, memory goes back to the
 * system at once, so a 10 MB page peaks no higher.  Only for runs of
 * many pages.  One big page is better served by its own mappings: its
 * growing buffers move by mremap instead of by copying (a 10 MB page
 * to JSON took 15% more time in the heap).  But glibc's threshold
 * rises to the size of each mapped block freed, so after the first
 * rendering is freed the next ones grow in the heap, copied at each
 * step, old and new copy alive at once: the 10 MB benchmark page's
 * peak was 135 MB in most runs and 140 MB in some.  One page gets a
 * fixed threshold of 1 MB: 127 MB in every run, at the same speed.
 * Settings given in GLIBC_TUNABLES are left alone.
 *
 * jemalloc (configure links it when found) keeps freed pages for ten
 * seconds before it gives them back, which serves a batch well: the
 * next page reuses them.  One big page has no next: its freed buffers
 * (the file, the parser's copy, the renderings the JSON writer escapes)
 * only raise the peak, by 11 to 20 MB on the 10 MB page, so they go
 * back at once when the one input is a file of 1 MB or more.  (Not for
 * every page: the pages given back are faulted in again, and a 200 KB
 * page took 7% more time so.)  MALLOC_CONF, when set, is left alone.
 * `one` is the one input's path ("-" or NULL: standard input).
 */
static void tune_malloc(bool many, const char *one)
{
#if defined(WN_JEMALLOC)
	static const char *const decay[] = {"dirty_decay_ms", "muzzy_decay_ms"};
	unsigned narenas = 0;
	size_t len = sizeof narenas;
	ssize_t now = 0;
	char name[64];
	struct stat st;

	if (many || getenv("MALLOC_CONF"))
		return;
	if ((one && strcmp(one, "-") ? stat(one, &st) : fstat(0, &st)) ||
	    !S_ISREG(st.st_mode) || st.st_size < (1 << 20))
		return;
	/* the arenas made from now on, then those there are (the ones
	 * not in use yet refuse) */
	(void)mallctl("arenas.narenas", &narenas, &len, NULL, 0);
	for (int d = 0; d < 2; d++) {
		snprintf(name, sizeof name, "arenas.%s", decay[d]);
		(void)mallctl(name, NULL, NULL, &now, sizeof now);
		for (unsigned i = 0; i < narenas; i++) {
			snprintf(name, sizeof name, "arena.%u.%s", i,
				 decay[d]);
			(void)mallctl(name, NULL, NULL, &now, sizeof now);
		}
	}
#elif defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD) && \
	defined(M_TRIM_THRESHOLD)
	const char *t = getenv("GLIBC_TUNABLES");

	if (t && strstr(t, "glibc.malloc."))
		return;
	(void)one;
	if (!many) {
		mallopt(M_MMAP_THRESHOLD, 1 << 20);
		return;
	}
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
#else
	(void)many;
	(void)one;
#endif
}

/* Hand the inputs to the mode the options chose; returns the exit
 * status. */
static int run_mode(struct wn_chain *chain, const struct opts *o,
		    char *const *inputs, size_t ninputs)
{
	struct cli c = {.chain = chain,
			.po = {.kind = o->from,
			       .parser = o->parser,
			       .encoding = o->encoding,
			       .url = o->url,
			       .verbose = o->verbose},
			.to = o->to,
			.outdir = o->outdir,
			.jobs = 1};
	struct cli_profile prof;
	char **fields = NULL, *copy = NULL, **all = NULL;
	const char **roots = NULL;
	size_t nall = 0, cap = 0;
	int status = EXIT_OK;

	if (o->profile) {
		if (cli_profile_init(&prof, chain)) {
			fputs("winnow: out of memory\n", stderr);
			return EXIT_INPUT;
		}
		c.profile = &prof;
	}
	if (o->json_fields) {
		fields = json_fields(o->json_fields, &copy);
		if (!fields) {
			free(copy);
			if (c.profile)
				cli_profile_free(c.profile);
			return EXIT_USAGE;
		}
		c.json_fields = (const char *const *)fields;
	}
	tune_malloc(ninputs > 1 || o->nwarcs || o->jsonl || o->nrdirs,
		    ninputs ? inputs[0] : NULL);
	/* one page needs no count of the processors (a read in /sys) */
	if (o->jobs || (ninputs <= 1 && !o->nwarcs && !o->jsonl && !o->nrdirs))
		c.jobs = o->jobs ? o->jobs : 1;
	else
		c.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (c.jobs < 1)
		c.jobs = 1;
	c.progress = isatty(2);
	if (o->nwarcs) {
		status = cli_stream(&c, true, (char *const *)o->warcs,
				    o->nwarcs);
	} else if (o->jsonl) {
		status = cli_stream(&c, false, inputs, ninputs);
	} else if (!o->nrdirs) {
		status = cli_batch(&c, inputs, NULL, ninputs);
	} else {
		/* the FILEs given, then the pages of each -r DIR */
		size_t *ends = calloc(o->nrdirs, sizeof(*ends));

		all = calloc(ninputs + 1, sizeof(*all));
		cap = ninputs + 1;
		for (size_t i = 0; all && i < ninputs; i++)
			all[nall++] = inputs[i];
		for (size_t d = 0; ends && all && d < o->nrdirs && !status;
		     d++) {
			size_t before = nall;
			int rc =
				cli_collect_dir(o->rdirs[d], &all, &nall, &cap);

			if (rc) {
				fprintf(stderr, "winnow: %s: %s\n", o->rdirs[d],
					strerror(-rc));
				status = EXIT_INPUT;
			} else if (nall == before) {
				fprintf(stderr, "winnow: %s: no pages found\n",
					o->rdirs[d]);
			}
			ends[d] = nall;
		}
		roots = calloc(nall + 1, sizeof(*roots));
		if (!ends || !all || !roots) {
			fputs("winnow: out of memory\n", stderr);
			status = EXIT_INPUT;
		}
		for (size_t i = ninputs, d = 0; !status && i < nall; i++) {
			while (i >= ends[d])
				d++;
			roots[i] = o->rdirs[d];
		}
		if (!status && nall)
			status = cli_batch(&c, all, roots, nall);
		free(ends);
	}
	if (c.profile) {
		/* after the mode's summary line */
		cli_profile_print(c.profile, chain, stderr);
		cli_profile_free(c.profile);
	}
	/* the FILEs are argv's; only the collected paths are owned */
	for (size_t i = ninputs; all && i < nall; i++)
		free(all[i]);
	free(all);
	free(roots);
	free(fields);
	free(copy);
	return status;
}

int main(int argc, char **argv)
{
	static char *const stdin_only[] = {"-", NULL};
	struct opts o = {.from = WN_KIND_AUTO, .to = -1};
	struct wn_ctx_opts co = {.use_env = true};
	struct wn_ctx *ctx = NULL;
	struct wn_chain *chain = NULL;
	int status, rc;

	o.skip = calloc((size_t)argc + 1, sizeof(char *));
	o.ppath = calloc((size_t)argc + 1, sizeof(char *));
	o.scripts = calloc((size_t)argc + 1, sizeof(char *));
	o.spath = calloc((size_t)argc + 1, sizeof(char *));
	o.flists = calloc((size_t)argc + 1, sizeof(char *));
	o.rdirs = calloc((size_t)argc + 1, sizeof(char *));
	o.warcs = calloc((size_t)argc + 1, sizeof(char *));
	o.ftrdirs = calloc((size_t)argc + 1, sizeof(char *));
	if (!o.skip || !o.ppath || !o.scripts || !o.spath || !o.flists ||
	    !o.rdirs || !o.warcs || !o.ftrdirs) {
		fputs("winnow: out of memory\n", stderr);
		status = EXIT_INPUT;
		goto out;
	}
	status = parse_args(argc, argv, &o);
	if (status >= 0)
		goto out;
	status = EXIT_OK;

	signal(SIGPIPE, SIG_IGN);
	LIBXML_TEST_VERSION;
	co.plugin_path = o.ppath;
	co.script_path = o.spath;
	co.verbose = o.verbose;
	co.explain = o.explain;
	co.strict = o.strict;
	co.mark = o.mark;
	co.unsafe_plugin_path = o.unsafe_plugins;
	if (wn_ctx_new(&co, &ctx)) {
		fputs("winnow: cannot initialise the plugin loader\n", stderr);
		status = EXIT_LOAD;
		goto out;
	}
	if (o.paths || o.spaths || o.list) {
		struct wn_buf b = {0};

		rc = o.paths	? wn_ctx_plugin_path(ctx, &b)
		     : o.spaths ? wn_ctx_script_path(ctx, &b)
				: wn_ctx_list(ctx, &b);
		if (!rc && b.len)
			rc = cli_write_fd(1, b.data, b.len);
		wn_buf_free(&b);
		status = rc ? EXIT_OUTPUT : EXIT_OK;
		goto out;
	}
	/* rule sets: --check-rules reports and exits; --ftr-dir reaches the
	 * ftr step as the context parameter "ftr-dir" */
	if (o.check_rules) {
		rc = wn_rules_check(ctx, o.check_rules, o.verbose, stdout);
		if (rc < 0)
			fprintf(stderr, "winnow: %s: %s\n", o.check_rules,
				wn_strerror(rc));
		status = rc < 0 ? EXIT_INPUT : rc > 0 ? EXIT_INPUT : EXIT_OK;
		goto out;
	}
	for (size_t i = 0; i < o.nftrdirs; i++)
		if (wn_ctx_add_param(ctx, "ftr-dir", o.ftrdirs[i])) {
			fputs("winnow: out of memory\n", stderr);
			status = EXIT_LOAD;
			goto out;
		}
	for (size_t i = 0; i < o.nflists; i++)
		if (wn_ctx_add_filter_list(ctx, o.flists[i])) {
			status = EXIT_LOAD;
			goto out;
		}
	rc = build_chain(ctx, &o, &chain);
	if (rc) {
		if (rc == WN_ENOTFOUND || rc == WN_EABI || rc == WN_ELOAD)
			fputs("winnow: a step could not be loaded; fix it or "
			      "leave it out with --skip NAME\n",
			      stderr);
		status = rc == WN_EINVAL ? EXIT_USAGE : EXIT_LOAD;
		goto out;
	}
	if (o.nflists) {
		bool found = false;

		for (size_t i = 0; i < wn_chain_len(chain); i++)
			found |= !strcmp(wn_chain_step_name(chain, i),
					 "filters");
		if (!found)
			fputs("winnow: warning: --filter-list: the chain has "
			      "no "
			      "'filters' step; the lists are not used\n",
			      stderr);
	}
	if (argc - optind > 0)
		status = run_mode(chain, &o, argv + optind,
				  (size_t)(argc - optind));
	else if (o.nrdirs || o.nwarcs)
		status = run_mode(chain, &o, NULL, 0);
	else
		status = run_mode(chain, &o, stdin_only, 1);
out:
	wn_chain_free(chain);
	wn_ctx_free(ctx);
	xmlCleanupParser();
	free(o.skip);
	free(o.ppath);
	free(o.scripts);
	free(o.spath);
	free(o.flists);
	free(o.rdirs);
	free(o.warcs);
	free(o.ftrdirs);
	return status;
}
