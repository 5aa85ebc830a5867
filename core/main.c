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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include <winnow/winnow.h>

#include "rules.h"

enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,
	EXIT_INPUT = 2,
	EXIT_LOAD = 3,
	EXIT_STEP = 4,
	EXIT_OUTPUT = 5
};

enum {
	OPT_SKIP = 256,
	OPT_LIST,
	OPT_EXPLAIN,
	OPT_STRICT,
	OPT_PATHS,
	OPT_PARSER,
	OPT_SCRIPT,
	OPT_SCRIPT_PATH,
	OPT_SCRIPT_PATHS,
	OPT_FTR_DIR,
	OPT_CHECK_RULES
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
	{"strict", no_argument, NULL, OPT_STRICT},
	{"print-plugin-path", no_argument, NULL, OPT_PATHS},
	{"parser", required_argument, NULL, OPT_PARSER},
	{"script", required_argument, NULL, OPT_SCRIPT},
	{"script-path", required_argument, NULL, OPT_SCRIPT_PATH},
	{"print-script-path", no_argument, NULL, OPT_SCRIPT_PATHS},
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
	      "input; several FILEs need -o DIR.\n"
	      "\n"
	      "Input and output:\n"
	      "  -f, --from=KIND        input is 'html' or 'text' (default: "
	      "sniffed)\n"
	      "  -t, --to=FORMAT        write 'html' or 'text' (default: the "
	      "input's kind)\n"
	      "  -e, --encoding=CHARSET input charset when the page does not "
	      "say (BOM wins)\n"
	      "  -u, --url=URL          the page's address (for per-site "
	      "rules; default:\n"
	      "                         <link rel=canonical> or og:url)\n"
	      "  -o, --output=DIR       write each result to DIR/NAME.EXT "
	      "instead of stdout\n"
	      "      --parser=NAME      HTML parser: 'libxml2' or 'html5' "
	      "(gumbo)\n"
	      "\n"
	      "The chain:\n"
	      "  -c, --chain=FILE       steps from FILE (default: the "
	      "installed default.chain)\n"
	      "  -s, --steps=A,B,C      these steps, in this order ('' for "
	      "none)\n"
	      "      --skip=NAME        leave step NAME out (repeatable)\n"
	      "  -P, --plugin-path=DIR  look for plugins in DIR first "
	      "(repeatable)\n"
	      "      --script=FILE      run the Lua script FILE first "
	      "(repeatable)\n"
	      "      --script-path=DIR  look for scripts and site rules in DIR "
	      "first (repeatable)\n"
	      "      --ftr-dir=DIR      Full-Text RSS site configs for the "
	      "ftr step (repeatable;\n"
	      "                         a later DIR overrides an earlier "
	      "one)\n"
	      "      --check-rules=DIR  check the rule files in DIR, print a "
	      "summary and exit\n"
	      "      --strict           a failing step is fatal (exit 4)\n"
	      "      --list             list the available steps and exit\n"
	      "      --print-plugin-path  print the plugin search path and "
	      "exit\n"
	      "      --print-script-path  print the script search path and "
	      "exit\n"
	      "\n"
	      "Diagnostics:\n"
	      "      --explain          report every removal on stderr\n"
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

/* Read a whole file ("-" is stdin) into a malloc'd buffer. */
static int read_all(const char *path, char **out, size_t *outn)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	struct stat st;
	size_t cap = 65536, n = 0;
	char *buf;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			if (fd)
				close(fd);
			return -EISDIR;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			cap = (size_t)st.st_size + 1;
	}
	buf = malloc(cap);
	if (!buf) {
		if (fd)
			close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			char *p = cap > SIZE_MAX / 2 ? NULL
						     : realloc(buf, cap * 2);

			if (!p) {
				free(buf);
				if (fd)
					close(fd);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			free(buf);
			if (fd)
				close(fd);
			return -e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd)
		close(fd);
	buf[n] = '\0';
	*out = buf;
	*outn = n;
	return 0;
}

static int write_fd(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write to DIR/<base>.<ext> through a temporary file and rename, so a
 * crash never leaves a half-written file that looks complete. */
static int write_to_dir(const char *dir, const char *input, const char *ext,
			const struct wn_buf *b, char *dest, size_t destcap)
{
	char tmp[PATH_MAX], base[PATH_MAX];
	char *dot, *bn;
	int fd, rc;

	snprintf(base, sizeof(base), "%s",
		 strcmp(input, "-") ? input : "stdin");
	bn = basename(base);
	dot = strrchr(bn, '.');
	if (dot && dot != bn)
		*dot = '\0';
	snprintf(dest, destcap, "%s/%s.%s", dir, bn, ext);
	snprintf(tmp, sizeof(tmp), "%s/.%s.%s.XXXXXX", dir, bn, ext);
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	rc = write_fd(fd, b->data ? b->data : "", b->len);
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, dest) < 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
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
	const char **scripts, **spath;
	size_t nscripts, nspath;
	const char **ftrdirs, *check_rules; /* rule sets */
	size_t nftrdirs;
	bool list, explain, strict, verbose, paths, spaths;
};

static int build_chain(struct wn_ctx *ctx, const struct opts *o,
		       struct wn_chain **out)
{
	struct wn_chain *chain;
	int rc = wn_chain_new(ctx, &chain);

	if (rc)
		return rc;
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
		return rc;
	}
	if (o->steps) {
		char *copy = strdup(o->steps);
		size_t n = 0;
		char **names = copy ? split_commas(copy, &n) : NULL;

		rc = names ? 0 : WN_ENOMEM;
		for (size_t i = 0; i < n && !rc; i++) {
			bool skipped = false;

			for (size_t j = 0; j < o->nskip; j++)
				skipped |= !strcmp(o->skip[j], names[i]);
			if (!skipped)
				rc = wn_chain_add(chain, names[i], NULL, 0);
		}
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
		e = read_all(file, &text, &n);
		if (e) {
			fprintf(stderr, "winnow: %s: %s\n", file, strerror(-e));
			wn_chain_free(chain);
			return WN_ELOAD;
		}
		rc = wn_chain_parse(chain, text, file, o->skip);
		free(text);
	}
	if (rc) {
		wn_chain_free(chain);
		return rc;
	}
	*out = chain;
	return 0;
}

/* Parse the command line into o; returns -1 to go on, else the exit
 * status to end with. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	int c;

	while ((c = getopt_long(argc, argv, "f:t:e:u:c:s:P:o:vVh", longopts,
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
				return usage_error("--to: unknown format '%s' "
						   "(html, text)",
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
		case OPT_FTR_DIR:
			o->ftrdirs[o->nftrdirs++] = optarg;
			break;
		case OPT_CHECK_RULES:
			o->check_rules = optarg;
			break;
		case OPT_EXPLAIN:
			o->explain = true;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'V':
			printf("winnow %s\n", PACKAGE_VERSION);
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
	if (o->steps && o->chain)
		return usage_error("%s", "--steps and --chain exclude each "
					 "other");
	if (argc - optind > 1 && !o->outdir)
		return usage_error("%s", "several inputs need -o DIR");
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

/* Clean each input in turn; returns the exit status. */
static int process(struct wn_chain *chain, const struct opts *o,
		   char *const *inputs, int ninputs)
{
	int status = EXIT_OK;

	for (int i = 0; i < ninputs; i++) {
		const char *in = inputs[i];
		const char *shown = strcmp(in, "-") ? in : "(stdin)";
		struct wn_parse_opts po = {.kind = o->from,
					   .parser = o->parser,
					   .encoding = o->encoding,
					   .url = o->url,
					   .name = shown,
					   .verbose = o->verbose};
		struct wn_doc *doc = NULL;
		struct wn_buf out = {0};
		char *buf = NULL;
		size_t n = 0;
		int fmt, e, rc;

		e = read_all(in, &buf, &n);
		if (e) {
			fprintf(stderr, "winnow: %s: %s\n", shown,
				strerror(-e));
			status = EXIT_INPUT;
			continue;
		}
		rc = wn_doc_parse(buf, n, &po, &doc);
		free(buf);
		if (rc) {
			fprintf(stderr, "winnow: %s: %s%s\n", shown,
				wn_strerror(rc),
				rc == WN_EINVAL ? " (unknown --encoding?)"
						: "");
			status = EXIT_INPUT;
			continue;
		}
		rc = wn_chain_run(chain, doc);
		if (rc) {
			wn_doc_free(doc);
			return EXIT_STEP;
		}
		fmt = o->to >= 0 ? o->to
				 : (wn_doc_kind(doc) == WN_KIND_TEXT
					    ? WN_FMT_TEXT
					    : WN_FMT_HTML);
		rc = wn_doc_write(doc, (enum wn_format)fmt, &out);
		wn_doc_free(doc);
		if (rc) {
			fprintf(stderr, "winnow: %s: cannot render: %s\n",
				shown, wn_strerror(rc));
			wn_buf_free(&out);
			return EXIT_OUTPUT;
		}
		if (o->outdir) {
			char dest[PATH_MAX];

			e = write_to_dir(o->outdir, in,
					 wn_format_ext((enum wn_format)fmt),
					 &out, dest, sizeof(dest));
			if (e)
				fprintf(stderr, "winnow: %s: %s\n", dest,
					strerror(-e));
		} else {
			e = write_fd(1, out.data ? out.data : "", out.len);
			if (e)
				fprintf(stderr, "winnow: standard output: %s\n",
					strerror(-e));
		}
		wn_buf_free(&out);
		if (e)
			return EXIT_OUTPUT;
	}
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
	o.ftrdirs = calloc((size_t)argc + 1, sizeof(char *));
	if (!o.skip || !o.ppath || !o.scripts || !o.spath || !o.ftrdirs) {
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
			rc = write_fd(1, b.data, b.len);
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
	rc = build_chain(ctx, &o, &chain);
	if (rc) {
		if (rc == WN_ENOTFOUND || rc == WN_EABI || rc == WN_ELOAD)
			fputs("winnow: a step could not be loaded; fix it or "
			      "leave it out with --skip NAME\n",
			      stderr);
		status = rc == WN_EINVAL ? EXIT_USAGE : EXIT_LOAD;
		goto out;
	}
	if (argc - optind > 0)
		status = process(chain, &o, argv + optind, argc - optind);
	else
		status = process(chain, &o, stdin_only, 1);
out:
	wn_chain_free(chain);
	wn_ctx_free(ctx);
	xmlCleanupParser();
	free(o.skip);
	free(o.ppath);
	free(o.scripts);
	free(o.spath);
	free(o.ftrdirs);
	return status;
}
