/* SPDX-License-Identifier: MIT */
/*
 * winnow core API: documents (HTML or text, both as a libxml2 tree), the
 * chain of cleaning steps, and the writers.  A program using libwinnow
 * parses a document, builds a chain once, runs it over any number of
 * documents and writes each result.  Plugins see only plugin.h, which
 * includes this header for the document and DOM helpers.
 *
 * Conventions: functions return 0 or a negative WN_E* value; `_dup`
 * results are freed by the caller with free(); `_peek` results are
 * borrowed and valid until the next mutation of their owner.
 */
#ifndef WINNOW_WINNOW_H
#define WINNOW_WINNOW_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/tree.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define WN_API __attribute__((visibility("default")))
#else
#define WN_API
#endif

#if defined(__GNUC__)
#define WN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WN_PRINTF(f, a)
#endif

/* Error values; every function that can fail returns 0 or one of these. */
enum {
	WN_OK = 0,
	WN_ENOMEM = -1,   /* out of memory */
	WN_EINVAL = -2,   /* invalid argument or syntax */
	WN_EIO = -3,      /* reading or writing failed (see errno) */
	WN_EPARSE = -4,   /* input could not be parsed */
	WN_ELOAD = -5,    /* a step or a backend module could not be loaded */
	WN_EABI = -6,     /* a plugin was built for another ABI */
	WN_ESTEP = -7,    /* a step failed while running */
	WN_ENOTFOUND = -8 /* no such step, file or key */
};

/* A static string naming an error value. */
WN_API const char *wn_strerror(int err);

/* ------------------------------------------------------------------ */
/* Documents                                                           */

enum wn_kind {
	WN_KIND_AUTO = 0, /* sniff from the content (parse only) */
	WN_KIND_HTML,
	WN_KIND_TEXT
};

struct wn_doc;

/* Which HTML parser builds the tree. */
enum wn_parser {
	WN_PARSER_DEFAULT = 0, /* the one winnow ships as default */
	WN_PARSER_LIBXML2,     /* libxml2's HTML 4 parser (fast) */
	WN_PARSER_HTML5        /* gumbo, an HTML5 tree builder */
};

struct wn_parse_opts {
	enum wn_kind kind;     /* WN_KIND_AUTO sniffs */
	enum wn_parser parser; /* for HTML */
	const char *encoding;  /* forced input charset, or NULL */
	const char *url;       /* page address, or NULL */
	const char *name;      /* input name for messages ("-" is stdin) */
	bool verbose;          /* let libxml2's parser messages through */
};

/*
 * Parse `len` bytes of `buf` (not necessarily NUL-terminated) into a new
 * document.  The buffer is not kept.  On success *out owns the document
 * (free it with wn_doc_free).  Returns WN_EPARSE when libxml2 gives up,
 * WN_EINVAL for a charset name iconv does not know, WN_ENOMEM.
 */
WN_API int wn_doc_parse(const char *buf, size_t len,
			const struct wn_parse_opts *opts, struct wn_doc **out);

/* Free a document and its tree.  NULL is allowed. */
WN_API void wn_doc_free(struct wn_doc *doc);

/* The libxml2 tree; owned by the document. */
WN_API xmlDocPtr wn_doc_xml(struct wn_doc *doc);

/* The <body> element (always present after parsing). */
WN_API xmlNodePtr wn_doc_body(struct wn_doc *doc);

/* WN_KIND_HTML or WN_KIND_TEXT: what the input was. */
WN_API enum wn_kind wn_doc_kind(const struct wn_doc *doc);

/* The page URL: the one given, else <link rel=canonical>, else og:url;
 * NULL when none.  Borrowed. */
WN_API const char *wn_doc_url_peek(const struct wn_doc *doc);

/* The lower-case host name of the URL, or NULL.  Borrowed. */
WN_API const char *wn_doc_host_peek(const struct wn_doc *doc);

/* The input name given at parse time ("-" for stdin).  Borrowed. */
WN_API const char *wn_doc_name_peek(const struct wn_doc *doc);

/* ------------------------------------------------------------------ */
/* Metadata                                                            */

/*
 * What a page says about itself, read once at parse time so that no
 * step can remove it first.  Each field is UTF-8 with white space
 * collapsed and trimmed, or NULL when unknown.  Sources, best first:
 * JSON-LD, Open Graph, other <meta> tags (dc.*, parsely-*, sailthru.*,
 * twitter:*), then the markup (<title>, the first <h1>, <time datetime>,
 * <html lang>, <link rel=canonical>).  A text document has at most a
 * title: its first paragraph when that looks like one.
 */
struct wn_meta {
	const char *title;  /* without a trailing " | Site" */
	const char *author; /* the authors joined with ", " */
	const char *date;   /* published; YYYY-MM-DD[THH:MM:SS[Z|+HH:MM]]
				    when parseable, else as found */
	const char *url;    /* canonical URL, else the document's */
	const char *site_name;
	const char *lang; /* a language tag ("en", "pt-BR") */
	const char *description;
	const char *image;          /* lead image URL */
	const char *const *authors; /* NULL-terminated, never NULL */
};

/* The page's metadata (never NULL), read from the page as parsed: on
 * first use, by this call, the JSON writer or a chain run, before any
 * step changes the tree (a program that changes the tree itself asks
 * for it first).  Borrowed from the document: valid until wn_doc_free,
 * or until a step changes it (wn_run_set_meta). */
WN_API const struct wn_meta *wn_doc_meta(const struct wn_doc *doc);

/* One metadata field by name: a field of struct wn_meta ("title",
 * "author", "date", "url", "site_name", "lang", "description",
 * "image") or a key a step set with wn_run_set_meta ("native_ad").
 * NULL when unset.  Borrowed, as wn_doc_meta. */
WN_API const char *wn_doc_meta_get(const struct wn_doc *doc, const char *key);

/* ------------------------------------------------------------------ */
/* Output                                                              */

enum wn_format {
	WN_FMT_HTML = 0,
	WN_FMT_TEXT,
	WN_FMT_MARKDOWN, /* CommonMark with GFM tables */
	WN_FMT_JSON,     /* one object, see wn_doc_write_json */
	WN_FMT_COUNT_    /* number of formats; not a format */
};

/* A growable byte buffer, NUL-terminated when len > 0.  The owner frees
 * `data` with free() (or wn_buf_free). */
struct wn_buf {
	char *data;
	size_t len, cap;
};

WN_API int wn_buf_append(struct wn_buf *b, const char *s, size_t n);
WN_API int wn_buf_puts(struct wn_buf *b, const char *s);
WN_API void wn_buf_free(struct wn_buf *b);

/*
 * Make room for one more element in a growable array: `arrayp` is the
 * address of the array pointer, `n` the elements in use, *cap the
 * elements allocated (doubled, from `first`), `size` an element's size.
 * 0, or WN_ENOMEM with the array unchanged:
 *     if (wn_grow(&l->v, l->n, &l->cap, sizeof(*l->v), 16)) ...
 *     l->v[l->n++] = x;
 */
WN_API int wn_grow(void *arrayp, size_t n, size_t *cap, size_t size,
		   size_t first);

/* Parse a format name ("html", "text", "txt", "markdown", "md", "json").  Returns the format or
 * WN_EINVAL. */
WN_API int wn_format_from_name(const char *name);

/* The usual file extension of a format, without the dot. */
WN_API const char *wn_format_ext(enum wn_format fmt);

/* Append the document rendered in `fmt` to `out` (always UTF-8). */
WN_API int wn_doc_write(struct wn_doc *doc, enum wn_format fmt,
			struct wn_buf *out);

/* Append the element `node` (with all it holds) serialized as UTF-8
 * HTML to `out`, as the HTML writer serializes it. */
WN_API int wn_node_html(xmlNodePtr node, struct wn_buf *out);

struct wn_chain;

struct wn_json_opts {
	const char *const *fields;    /* NULL-terminated field names, written
				      in this order; NULL for all */
	const struct wn_chain *chain; /* "removed": its last run, or NULL */
	const char *extra; /* a JSON object whose members come first and
			      keep their values (fields passed through), or
			      NULL */
};

/*
 * Append the document as one JSON object on one line to `out`.  The
 * fields, in this order by default: url, title, author, date, lang,
 * site_name, description, image (the metadata, null when unknown),
 * text, html, markdown (the cleaned document) and removed (an array of
 * {"step", "count", "chars", "status"}, one per step of opts->chain,
 * empty without one).  `opts` may be NULL.  Returns WN_EINVAL when
 * `extra` is not a JSON object, WN_ENOMEM.
 */
WN_API int wn_doc_write_json(struct wn_doc *doc,
			     const struct wn_json_opts *opts,
			     struct wn_buf *out);

/* True when wn_doc_write_json knows the field `name`. */
WN_API bool wn_json_field_known(const char *name);

/* ------------------------------------------------------------------ */
/* DOM helpers for steps                                               */

/* True for tags that start a new block in text rendering (p, div, li,
 * h1-h6, section, table rows, ...).  `name` is a lower-case tag. */
WN_API bool wn_tag_is_block(const xmlChar *name);

/* True for elements whose content is never text of the page: script,
 * style, template, noscript, head, svg ... */
WN_API bool wn_tag_is_hidden(const xmlChar *name);

/* wn_tag_is_block and wn_tag_is_hidden of n's name, for node n: the
 * answer for an element is kept in the element after the first call
 * (its name must not change), so walks that ask every element pay for
 * the name's lookup once per element, not once per walk. */
WN_API bool wn_node_is_block(const xmlNode *n);
WN_API bool wn_node_is_hidden(const xmlNode *n);

/* True when n is in its document's tree (not in a removed subtree, not
 * a node made but never inserted). */
WN_API bool wn_node_attached(const xmlNode *n);

/* True when anc is n or one of its ancestors. */
WN_API bool wn_node_within(const xmlNode *n, const xmlNode *anc);

/* True when an element below n (or above it, for _ancestor_) has one of
 * the NULL-terminated lower-case tag names. */
WN_API bool wn_node_has_descendant_tag(const xmlNode *n,
				       const char *const *tags);
WN_API bool wn_node_has_ancestor_tag(const xmlNode *n, const char *const *tags);

/* Bytes of text under n in blocks of prose: blocks of at least
 * WN_PROSE_MIN bytes, less than a third of them in links.  Menus, share
 * bars and ad slots may be long, but hold no such paragraph. */
#define WN_PROSE_MIN 150
WN_API size_t wn_node_prose_len(xmlNodePtr n);

/* True for h1-h6. */
WN_API bool wn_tag_is_heading(const xmlChar *name);

/* The rendered text of `node` with white space collapsed and trimmed,
 * appended to `out`. */
WN_API int wn_node_text(const xmlNode *node, struct wn_buf *out);

/* Number of bytes of collapsed text under node (no allocation). */
WN_API size_t wn_node_text_len(const xmlNode *node);

/* Bytes of collapsed text inside <a> elements under node. */
WN_API size_t wn_node_link_text_len(const xmlNode *node);

/*
 * Bytes of non-link text on the line around the inline node n, n itself
 * left out: its inline siblings up to the nearest blocks.  A label or a
 * button stands on its own line (little text around it); a word inside
 * a sentence does not ("Click <b>Subscribe</b> at the top").  Counted
 * up to 1024 bytes: a longer line reports at least that.
 */
WN_API size_t wn_node_line_text_len(const xmlNode *n);
/* The same, counted only up to `max` bytes (a longer line reports at
 * least max): the cheap question "is there max bytes of text around
 * n", constant time on a line of a million siblings. */
WN_API size_t wn_node_line_text_upto(const xmlNode *n, size_t max);

/* True when s is a plain tag or attribute name: not empty, only ASCII
 * letters, digits and "-_:.", so any HTML parser reads it back alike. */
WN_API bool wn_name_is_plain(const char *s);

/* The box a line opens: the largest element around n, below body,
 * article and main, holding under max_text bytes of text and under
 * max_before bytes of it before n ("About the author" and the bio it
 * heads); NULL when n's parent is already too big. */
WN_API xmlNodePtr wn_node_box_of(const xmlNode *n, size_t max_text,
				 size_t max_before);

/* True when n's attribute `name` (no namespace) is `value`, ignoring
 * ASCII case and spaces at its ends (role="Button ", aria-hidden="true");
 * read in place, without a copy. */
WN_API bool wn_node_attr_is(const xmlNode *n, const char *name,
			    const char *value);

/* True when the whitespace-separated `class` attribute holds `token`. */
WN_API bool wn_node_has_class(const xmlNode *node, const char *token);

/* True when attribute `name` (no namespace), a whitespace-separated
 * list of tokens (rel="prev nofollow"), holds `token`, ignoring ASCII
 * case; read in place, without a copy. */
WN_API bool wn_node_attr_has(const xmlNode *node, const char *name,
			     const char *token);

/*
 * True when a token of the class or id attribute of n holds one of the
 * NULL-terminated `needles`, ASCII case-insensitively.  With `word`, only
 * as a whole word of the token ("ad" in "ad-slot", "top_ad", "adSlot";
 * not in "header", "shadow" or a generated hash such as "u6aAD").
 * Taxonomy tokens ("tag-...", "category-...") never count, nor does an
 * id made from the element's own text ("what-is-social-media" on a
 * heading): they name a topic, not the element's part in the page.
 */
WN_API bool wn_node_hint(const xmlNode *n, const char *const *needles,
			 bool word);

/* wn_node_hint(node, needles, false). */
WN_API bool wn_node_hint_any(const xmlNode *node, const char *const *needles);

/* Next element after `cur` in document order within `root` (preorder);
 * with `skip_children`, the subtree of cur is not entered.  NULL at the
 * end. */
WN_API xmlNodePtr wn_next_element(xmlNodePtr cur, const xmlNode *root,
				  bool skip_children);

/* A growable list of nodes: steps collect what to change in one walk,
 * then change it.  Start zeroed; wn_nodes_free releases it. */
struct wn_nodes {
	xmlNodePtr *v;
	size_t n, cap;
};

/* Append n; WN_ENOMEM (the list unchanged) when memory runs out. */
WN_API int wn_nodes_push(struct wn_nodes *l, xmlNodePtr n);
WN_API void wn_nodes_free(struct wn_nodes *l);

/* A set of nodes (a hash on the address): what a step learns in one walk
 * of the page and asks about node by node, in constant time.  Start
 * zeroed; wn_nodeset_free releases it. */
struct wn_nodeset {
	const xmlNode **slot;
	size_t n, cap;
};

/* Add n: 1 when added, 0 when it was there, WN_ENOMEM (the set
 * unchanged) when memory runs out. */
WN_API int wn_nodeset_add(struct wn_nodeset *s, const xmlNode *n);
WN_API bool wn_nodeset_has(const struct wn_nodeset *s, const xmlNode *n);
WN_API void wn_nodeset_free(struct wn_nodeset *s);

/*
 * The text blocks under `root` in document order: elements that render
 * as a paragraph and hold no other block (p, li, h2, a div of inline
 * text ...).  In a text document these are the paragraph elements.
 * *out is a malloc'd array the caller frees; *n its length.
 */
WN_API int wn_blocks(xmlNodePtr root, xmlNodePtr **out, size_t *n);

/*
 * Normalize text for phrase matching into `out` (cap bytes, NUL-ended):
 * lower-case (ASCII, Latin-1 and Cyrillic letters), white space
 * collapsed, leading and trailing space and punctuation dropped.
 * Returns the length written; the result is truncated to fit.
 */
WN_API size_t wn_text_fold(const char *s, size_t n, char *out, size_t cap);

/* The folded text (see wn_text_fold) of node into out (cap bytes);
 * returns its length.  Text past cap is ignored. */
WN_API size_t wn_node_fold(const xmlNode *node, char *out, size_t cap);

/* True when folded text equals one of the NULL-terminated folded
 * `phrases`. */
WN_API bool wn_phrase_is(const char *folded, const char *const *phrases);

/* When folded text begins with one of the phrases (as whole words),
 * returns the length of the longest such phrase; 0 otherwise. */
WN_API size_t wn_phrase_prefix(const char *folded, const char *const *phrases);

/* ------------------------------------------------------------------ */
/* CSS selectors                                                       */

/*
 * Append to `xpath` the XPath 1.0 expression selecting, from the
 * document node, the elements a CSS selector list matches (see
 * winnow-lua(7) for the grammar, with :has(), :contains() and
 * :matches-text()).  On a syntax error returns WN_EINVAL, with the byte
 * offset of the fault in *errpos and a static message in *errmsg.
 * The result calls winnow's XPath functions wn-class() (.class) and
 * wn-re() (:matches-text), registered in the contexts wn_select uses.
 */
WN_API int wn_css_to_xpath(const char *css, struct wn_buf *xpath,
			   size_t *errpos, const char **errmsg);

/* ------------------------------------------------------------------ */
/* The chain                                                           */

struct wn_ctx;
struct wn_chain;

enum wn_log_level { WN_LOG_ERROR, WN_LOG_WARN, WN_LOG_INFO, WN_LOG_DEBUG };

struct wn_ctx_opts {
	const char *const *plugin_path; /* dirs searched first, in order;
					   NULL-terminated, may be NULL */
	bool use_env; /* also WINNOW_PLUGIN_PATH and XDG dirs */
	bool verbose; /* info messages */
	bool explain; /* report every removal */
	bool strict;  /* a failing step fails the document */
	FILE *log;    /* diagnostics (stderr when NULL) */
	const char *const *script_path; /* Lua script dirs searched first;
					   NULL-terminated, may be NULL */
	bool mark;    /* keep removed elements, marked: see below */
	bool unsafe_plugin_path; /* also load plugins that others could
				    change (group- or world-writable, or
				    owned by another user): see below */
};

/*
 * With `mark`, wn_chain_run keeps what the steps remove: when the chain
 * ends, every removed element goes back to its place with the attribute
 * data-winnow-step="STEP" (removed text in a <span> with it), and the
 * <head> gets a small stylesheet that shows them struck through, so the
 * HTML output shows what each step did.  The steps themselves never see
 * the removed nodes again.
 */
/*
 * A plugin is loaded only when its file and every directory above it
 * are owned by root or the user running winnow and writable by no one
 * else (root's sticky directories such as /tmp excepted); the build
 * tree winnow runs from is trusted as the program itself.  Otherwise
 * the step fails to load with a message saying why and how to fix it,
 * unless `unsafe_plugin_path` is set.
 */
/* A context holds the plugin search path, loaded modules and options.
 * Free with wn_ctx_free after every chain built from it. */
WN_API int wn_ctx_new(const struct wn_ctx_opts *opts, struct wn_ctx **out);
WN_API void wn_ctx_free(struct wn_ctx *ctx);

/* Append a directory to the plugin search path (after those given at
 * creation, before the environment, XDG and installed dirs). */
WN_API int wn_ctx_add_plugin_dir(struct wn_ctx *ctx, const char *dir);

/* Append a directory to the Lua script search path (before
 * WINNOW_SCRIPT_PATH, XDG and the installed dir). */
WN_API int wn_ctx_add_script_dir(struct wn_ctx *ctx, const char *dir);

/*
 * Add a named parameter for steps to read (wn_run_param): repeatable,
 * kept in the order added.  Both strings are copied.  The command line
 * passes --ftr-dir DIR as ("ftr-dir", DIR).
 */
WN_API int wn_ctx_add_param(struct wn_ctx *ctx, const char *key,
			    const char *value);

/* The i-th value given for `key` (0 first), or NULL.  Borrowed from the
 * context. */
WN_API const char *wn_ctx_param(const struct wn_ctx *ctx, const char *key,
				size_t i);

/* The script search path as used: one directory a line. */
WN_API int wn_ctx_script_path(struct wn_ctx *ctx, struct wn_buf *out);

/*
 * Load a cosmetic filter list (EasyList syntax: "##sel", "a.com##sel",
 * "a.com#@#sel") for the `filters` step.  Rules that need a browser and
 * network rules are counted and skipped; WN_ENOTFOUND when the file
 * cannot be read.
 */
WN_API int wn_ctx_add_filter_list(struct wn_ctx *ctx, const char *path);

/* One line on the loaded filter lists: rules, keys, what was skipped. */
WN_API int wn_ctx_filter_stats(struct wn_ctx *ctx, struct wn_buf *out);

/* Print a diagnostic "winnow: <who>: <message>" on the context's log. */
WN_API void wn_log(struct wn_ctx *ctx, enum wn_log_level lvl, const char *who,
		   const char *fmt, ...) WN_PRINTF(4, 5);

/*
 * The plugin search path as used: one directory a line in `out`, in
 * lookup order.
 */
WN_API int wn_ctx_plugin_path(struct wn_ctx *ctx, struct wn_buf *out);

/* The directory holding default.chain: the installed data dir, or the
 * source tree's data/ when winnow runs from its build tree. */
WN_API const char *wn_ctx_datadir_peek(struct wn_ctx *ctx);

/* An empty chain. */
WN_API int wn_chain_new(struct wn_ctx *ctx, struct wn_chain **out);
WN_API void wn_chain_free(struct wn_chain *chain);

/*
 * Append the step `name` with "key=value" arguments (argv-style,
 * `nargs` strings; copied).  Finds and loads the plugin now: fails with
 * WN_ENOTFOUND, WN_ELOAD or WN_EABI after logging why.
 */
WN_API int wn_chain_add(struct wn_chain *chain, const char *name,
			const char *const *args, size_t nargs);

/*
 * Parse chain text (one step a line: "NAME [key=value ...]" or
 * "plugin NAME ...", '#' comments) and append its steps, skipping the
 * names in the NULL-terminated `skip` list.  `file` names the source in
 * messages ("file:line: ...").
 */
/* Append the Lua script step NAME: a file path when NAME holds '/',
 * else NAME.lua found along the script path.  Scripts are compiled once
 * per context. */
WN_API int wn_chain_add_script(struct wn_chain *chain, const char *name);

WN_API int wn_chain_parse(struct wn_chain *chain, const char *text,
			  const char *file, const char *const *skip);

/* Number of steps and the name of step i. */
WN_API size_t wn_chain_len(const struct wn_chain *chain);
WN_API const char *wn_chain_step_name(const struct wn_chain *chain, size_t i);

/*
 * Run every step over doc in order.  A step that fails is reported and
 * its changes are undone; the chain goes on.  Returns 0, or WN_ESTEP
 * when a step failed under `strict` (the document is then as before
 * that step).
 */
WN_API int wn_chain_run(struct wn_chain *chain, struct wn_doc *doc);

/*
 * The guard against losing the article.  wn_chain_run measures the
 * prose of the body (wn_node_prose_len) before the steps, and its text
 * (wn_node_text_len) after each step that removed something.  When a
 * page held at least WN_GUARD_MIN_PROSE bytes of prose and the steps
 * left less text than 1/WN_GUARD_SHARE of it and less than
 * WN_GUARD_ENOUGH bytes (a short article: a story kept from under a
 * long comment thread is no article lost) while no step said the
 * page holds no article (wn_run_not_article), wn_chain_guard returns
 * the index of the first step that crossed that line, else -1; with
 * `explain` the context's log says which step it was and how much it
 * left.  The caller then cleans a fresh parse of the page again with
 * that step disabled (wn_chain_disable), as the winnow command does,
 * and repeats while the guard trips.
 */
#define WN_GUARD_MIN_PROSE 300
#define WN_GUARD_SHARE     10
#define WN_GUARD_ENOUGH    2000
WN_API long wn_chain_guard(const struct wn_chain *chain);

/* Disable (off) or enable again step i for the next runs. */
WN_API void wn_chain_disable(struct wn_chain *chain, size_t i, bool off);

/* How a step went on the last document wn_chain_run cleaned. */
enum wn_step_status {
	WN_STEP_OK = 0,
	WN_STEP_SKIPPED, /* not run: it needs a URL, or the chain stopped */
	WN_STEP_FAILED   /* failed; its changes were undone */
};

struct wn_step_stats {
	const char *step; /* the step's name; borrowed from the chain */
	enum wn_step_status status;
	size_t removed; /* subtrees it removed */
	size_t chars;   /* bytes of collapsed text in them */
};

/*
 * What each step did to the last document wn_chain_run cleaned: sets
 * *out to an array of one entry per step, in chain order, and returns
 * its length.  Borrowed from the chain: valid until the next
 * wn_chain_run or wn_chain_add.
 */
WN_API size_t wn_chain_stats(const struct wn_chain *chain,
			     const struct wn_step_stats **out);

/*
 * What each step cost over every document wn_chain_run has cleaned
 * with the chain since wn_chain_new: totals, always collected (two
 * clock readings a step a document).
 *
 * A run is one call of the step on one document: a step that is
 * disabled (wn_chain_disable), skipped for want of a URL, or not
 * reached because an earlier one failed under `strict`, has no run.  A
 * page the caller cleans again (the guard's fallback) is counted again.
 *
 * `ns` is the wall-clock time (CLOCK_MONOTONIC) of each run: the step
 * with its journal, from its first call to its last change kept or
 * undone, and the --explain lines it prints, with what the step loads
 * on first use (the Lua backend, a site's script); not the guard's
 * measures between the steps.  A run that failed is rolled back: its
 * time and elements count, its removals do not.
 *
 * `visited` counts the calls of wn_next_element made during the step's
 * runs: the walk nearly every step uses, called by the step itself or
 * by the library code it calls (wn_blocks; the selectors of wn_select
 * and of script rules that are matched without XPath, and the token
 * set of a script run; the filters step), about one a call per element
 * reached (the last call of a walk, which finds no more, counts too).
 * Not counted: elements reached another way, by XPath (selectors with
 * combinators or pseudo-classes, XPath rules), by wn_node_text and the
 * other text measures, or by a step's own loop over children.  The
 * counter is per thread: a chain run on another thread at the same
 * time does not add to it.
 *
 * `removed` and `chars` are as in struct wn_step_stats, summed over
 * the runs that succeeded.
 */
struct wn_step_profile {
	const char *step; /* the step's name; borrowed from the chain */
	uint64_t runs;    /* documents it ran on */
	uint64_t failed;  /* of them, runs that failed and were rolled back */
	uint64_t ns;      /* wall-clock nanoseconds inside the step */
	uint64_t visited; /* elements walked (wn_next_element calls) */
	uint64_t removed; /* subtrees removed */
	uint64_t chars;   /* bytes of collapsed text in them */
};

/*
 * The totals of each step since the chain was made: sets *out to an
 * array of one entry per step, in chain order, and returns its length.
 * Borrowed from the chain: wn_chain_run updates the entries in place;
 * the array is valid until the chain gets another step (wn_chain_add,
 * wn_chain_add_script, wn_chain_parse) or is freed.
 */
WN_API size_t wn_chain_profile(const struct wn_chain *chain,
			       const struct wn_step_profile **out);

/*
 * List every plugin found along the search path, with the file and
 * summary of each, into `out` ("name<TAB>file<TAB>summary" lines).
 */
/*
 * The elements of doc matching the CSS selector list `css`, in document
 * order: *out is a malloc'd array the caller frees (NULL when none), *n
 * its length.  The selector is compiled once per context.  A bad
 * selector returns WN_EINVAL and logs why on the context.
 */
WN_API int wn_select(struct wn_ctx *ctx, struct wn_doc *doc, const char *css,
		     xmlNodePtr **out, size_t *n);

/* Number of selectors the context has compiled (each is compiled once
 * and kept; batch runs reuse them). */
WN_API size_t wn_ctx_selectors_compiled(const struct wn_ctx *ctx);

WN_API int wn_ctx_list(struct wn_ctx *ctx, struct wn_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* WINNOW_WINNOW_H */
