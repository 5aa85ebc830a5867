/* SPDX-License-Identifier: MIT */
/*
 * Full-Text RSS site configs: a permissive parser shared by the `ftr`
 * step and `winnow --check-rules`.  Not part of libwinnow's API: both
 * compile this file in.
 *
 * A config is a text file of "directive: value" lines ('#' comments).
 * Parsing never fails on content: every line it cannot use is reported
 * through a callback with its line number and skipped.  The file is
 * untrusted input, so sizes are bounded (FTR_MAX_FILE, FTR_MAX_LINE,
 * FTR_MAX_RULES).
 */
#ifndef WINNOW_FTR_CONFIG_H
#define WINNOW_FTR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xpath.h>

#define FTR_MAX_FILE  (1u << 20) /* bytes read of one config */
#define FTR_MAX_LINE  16384      /* bytes of one logical line */
#define FTR_MAX_RULES 20000      /* directives kept from one config */

enum ftr_dir {
	FTR_UNKNOWN = 0,
	FTR_TITLE,
	FTR_BODY,
	FTR_DATE,
	FTR_AUTHOR,
	FTR_STRIP,
	FTR_STRIP_ID_OR_CLASS,
	FTR_STRIP_IMAGE_SRC,
	FTR_STRIP_ATTR,
	FTR_POST_STRIP_ATTR,
	FTR_DISSOLVE,
	FTR_WRAP_IN,
	FTR_FIND_STRING,
	FTR_REPLACE_STRING,
	FTR_SRC_LAZY_LOAD_ATTR,
	FTR_NATIVE_AD_CLUE,
	FTR_AUTODETECT,
	FTR_PRUNE,
	FTR_TIDY,
	FTR_OTHER /* accepted, or parsed and reported unsupported */
};

/* What winnow does with a directive. */
enum ftr_support {
	FTR_APPLIED,  /* applied by the ftr step */
	FTR_ACCEPTED, /* accepted without effect (tests, tidy, parser ...) */
	FTR_FETCH     /* needs fetching pages: unsupported */
};

enum ftr_value { FTR_V_XPATH, FTR_V_STRING, FTR_V_BOOL, FTR_V_ANY };

struct ftr_directive {
	const char *name;
	enum ftr_dir dir;
	enum ftr_support support;
	enum ftr_value value;
	bool paren; /* written name(arg): value */
};

struct ftr_rule {
	enum ftr_dir dir;
	const struct ftr_directive *d; /* NULL for unknown directives */
	char *name;                    /* as written (unknown ones) or NULL */
	char *arg;                     /* name(arg): the arg, else NULL */
	char *val;                     /* the value, never NULL */
	unsigned line;
	xmlXPathCompExprPtr comp; /* compiled on first use (ftr_rule_xpath) */
	bool bad;                 /* the XPath does not compile */
};

struct ftr_config {
	char *file; /* path or name given to the parser */
	struct ftr_rule *rules;
	size_t n, cap;
	signed char autodetect, prune, tidy; /* -1 unset, 0 no, 1 yes */
	size_t errors, warnings;
	bool has_replace; /* find_string/replace_string pairs present */
	bool full;        /* FTR_MAX_RULES reached */
};

enum ftr_sev { FTR_ERROR, FTR_WARN, FTR_NOTE };

/* Called for every problem; msg is only valid during the call. */
typedef void (*ftr_report_fn)(void *ud, enum ftr_sev sev, const char *file,
			      unsigned line, const char *msg);

/* The directive table entry for name[0..n), or NULL. */
const struct ftr_directive *ftr_directive_find(const char *name, size_t n);

/*
 * Parse len bytes of text (a UTF-8 BOM, CRLF and a missing final newline
 * are fine) into *c, which must be zeroed.  `file` names it in reports.
 * Returns 0, or WN_ENOMEM; everything else is reported and skipped.
 * Free with ftr_config_free.
 */
int ftr_config_parse(struct ftr_config *c, const char *text, size_t len,
		     const char *file, ftr_report_fn report, void *ud);

/* Read `path` (at most FTR_MAX_FILE bytes) and parse it.  Returns 0,
 * WN_EIO (reported) or WN_ENOMEM. */
int ftr_config_load(struct ftr_config *c, const char *path,
		    ftr_report_fn report, void *ud);

/* Compile every XPath-valued rule, reporting those that do not compile
 * (they are then skipped when applying).  Returns the number of bad
 * ones. */
size_t ftr_config_compile(struct ftr_config *c, ftr_report_fn report, void *ud);

/* The compiled XPath of r, compiling it now if needed; NULL when it
 * does not compile. */
xmlXPathCompExprPtr ftr_rule_xpath(struct ftr_rule *r);

void ftr_config_free(struct ftr_config *c);

#endif
