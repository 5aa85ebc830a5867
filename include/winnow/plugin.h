/* SPDX-License-Identifier: MIT */
/*
 * The winnow plugin ABI.  A plugin is a shared module exporting exactly
 * one constant descriptor, `<name>_LTX_winnow_plugin`, emitted by
 * WN_PLUGIN_DEFINE.  The loader reads the descriptor as data and checks
 * magic, ABI version, size, libxml2 generation and name before any
 * plugin code runs; only then does it call `create`.
 *
 * A step borrows the document for one `run`.  It may read the tree with
 * libxml2 freely, but changes it only through the wn_run_* calls below:
 * they are journalled, so when `run` fails the core undoes them and the
 * document goes on exactly as it was.  Removed nodes stay allocated
 * until the step ends, so node sets and pointers taken during the run
 * remain valid.  Never keep a node pointer across runs.
 *
 * Elements flagged keep (by site rules) are protected, with all they
 * hold: removing, unwrapping or changing one of them, or anything inside
 * one, does nothing and returns 0; removing an element that holds one
 * removes everything around the kept elements instead; inserting into
 * one is refused with WN_EINVAL.
 */
#ifndef WINNOW_PLUGIN_H
#define WINNOW_PLUGIN_H

#include <stdint.h>

#include <libxml/xmlversion.h>
#include <libxml/xpath.h>

#include <winnow/winnow.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WN_PLUGIN_MAGIC 0x574e504cu /* "WNPL" */
#define WN_ABI_MAJOR    1
#define WN_ABI_MINOR    1

/* Capabilities (enforced by the core). */
#define WN_CAP_READONLY  0x1u /* never changes the document */
#define WN_CAP_MUTATES   0x2u /* may change the document */
#define WN_CAP_NEEDS_URL 0x4u /* skipped with a warning without a URL */
#define WN_CAP_REENTRANT 0x8u /* one instance may serve several docs */

struct wn_run;  /* one step's borrow of one document */
struct wn_args; /* the step's key=value arguments */

/*
 * Create an instance from the step's arguments.  Return 0 and set *inst
 * (may stay NULL), or a negative WN_E* value after wn_args_error().
 */
typedef int (*wn_create_fn)(const struct wn_args *args, void **inst);
/* Run over one document.  Return 0, or a negative WN_E* value: the
 * step's changes are then undone. */
typedef int (*wn_run_fn)(void *inst, struct wn_run *run);
/* Free an instance. */
typedef void (*wn_destroy_fn)(void *inst);

struct wn_plugin {
	uint32_t magic;          /* WN_PLUGIN_MAGIC */
	uint16_t abi_major;      /* WN_ABI_MAJOR the plugin was built with */
	uint16_t abi_minor;      /* WN_ABI_MINOR the plugin was built with */
	uint32_t size;           /* sizeof(struct wn_plugin) at build time */
	uint32_t libxml_version; /* LIBXML_VERSION at build time */
	const char *name;        /* == the module's file name without ext */
	const char *version;     /* the plugin's own version */
	const char *summary;     /* one line for --list */
	const char *license;     /* SPDX identifier */
	uint32_t caps;           /* WN_CAP_* */
	wn_create_fn create;     /* optional */
	wn_run_fn run;           /* required */
	wn_destroy_fn destroy;   /* optional */
	const void *reserved[4]; /* must be NULL */
};

/* The smallest descriptor size ABI 1.0 accepts. */
#define WN_DESC_V1_SIZE ((uint32_t)sizeof(struct wn_plugin))

#define WN_PLUGIN_SYM_(n) n##_LTX_winnow_plugin
#define WN_PLUGIN_SYM(n)  WN_PLUGIN_SYM_(n)

/*
 * Define the descriptor of plugin `pname` (a bare word equal to the file
 * name).  Remaining arguments are designated initializers:
 *   WN_PLUGIN_DEFINE(skiplinks, .version = "1.0", .summary = "...",
 *                    .caps = WN_CAP_MUTATES, .run = skiplinks_run);
 */
#define WN_PLUGIN_DEFINE(pname, ...)                               \
	WN_API extern const struct wn_plugin WN_PLUGIN_SYM(pname); \
	const struct wn_plugin WN_PLUGIN_SYM(pname) = {            \
		.magic = WN_PLUGIN_MAGIC,                          \
		.abi_major = WN_ABI_MAJOR,                         \
		.abi_minor = WN_ABI_MINOR,                         \
		.size = (uint32_t)sizeof(struct wn_plugin),        \
		.libxml_version = LIBXML_VERSION,                  \
		.name = #pname,                                    \
		__VA_ARGS__}

/* ---- arguments -------------------------------------------------- */

/* The value of `key`, or NULL when absent.  Borrowed from the chain. */
WN_API const char *wn_args_get(const struct wn_args *args, const char *key);

/* Number of arguments and the i-th key / value. */
WN_API size_t wn_args_count(const struct wn_args *args);
WN_API const char *wn_args_key(const struct wn_args *args, size_t i);
WN_API const char *wn_args_value(const struct wn_args *args, size_t i);

/* Report an argument error for this step; create then returns
 * WN_EINVAL. */
WN_API void wn_args_error(const struct wn_args *args, const char *fmt, ...)
	WN_PRINTF(2, 3);

/* ---- the run ---------------------------------------------------- */

/*
 * A step changes the document only through the wn_run_* calls below
 * (they are journalled: a failing step is undone as a whole), and
 * leaves the _private, psvi and extra fields of the document's nodes
 * alone: winnow files cached facts there while the chain runs (text
 * and link-text lengths, an element's tag classes and which of its
 * texts and folds are kept), and drops them when a wn_run_* call
 * changes the tree below.
 */

WN_API struct wn_doc *wn_run_doc(struct wn_run *run);
WN_API xmlNodePtr wn_run_body(struct wn_run *run);
WN_API enum wn_kind wn_run_kind(struct wn_run *run);

/*
 * Remove `node` (and its subtree) from the document.  It is unlinked at
 * once and freed when the step ends; with --explain the removal is
 * reported under this step's name.  Removing a node that is already
 * detached is a no-op.
 */
WN_API int wn_run_remove(struct wn_run *run, xmlNodePtr node);

/* Protect `node`, with all it holds, from every later change: removing
 * an ancestor removes what lies around it instead. */
WN_API int wn_run_keep(struct wn_run *run, xmlNodePtr node);

/*
 * Remove `node` like wn_run_remove, even when a rule protected it, and
 * for good: --mark does not put it back.  For output safety (the
 * sanitize step), not for clutter.
 */
WN_API int wn_run_drop(struct wn_run *run, xmlNodePtr node);

/* Replace `node` by its children. */
WN_API int wn_run_unwrap(struct wn_run *run, xmlNodePtr node);

/* Set (value != NULL) or remove (value == NULL) an attribute. */
WN_API int wn_run_set_attr(struct wn_run *run, xmlNodePtr node,
			   const char *name, const char *value);

/* Replace the content of a text node, or all children of an element by
 * one text node. */
WN_API int wn_run_set_text(struct wn_run *run, xmlNodePtr node,
			   const char *text);

/* Insert a new node (created by the step, not yet in any tree) before
 * `ref`; the document takes ownership on success. */
WN_API int wn_run_insert_before(struct wn_run *run, xmlNodePtr ref,
				xmlNodePtr fresh);

/* Append a new node (created by the step, not yet in any tree) as the
 * last child of `parent`; the document takes ownership on success. */
WN_API int wn_run_append(struct wn_run *run, xmlNodePtr parent,
			 xmlNodePtr fresh);

/* Wrap `node` in a new element `tag` (a lower-case tag name) put where
 * node was; *out (may be NULL) receives the wrapper, owned by the
 * document. */
WN_API int wn_run_wrap(struct wn_run *run, xmlNodePtr node, const char *tag,
		       xmlNodePtr *out);

/* Set (value != NULL) or clear the document metadata field `key` (see
 * wn_doc_meta_get); journalled like the tree.  The value is cleaned as
 * parsed metadata is (white space collapsed, dates normalized); an
 * empty or oversized value is WN_EINVAL. */
WN_API int wn_run_set_meta(struct wn_run *run, const char *key,
			   const char *value);

/* The i-th value of the context parameter `key` (wn_ctx_add_param), or
 * NULL.  Borrowed. */
WN_API const char *wn_run_param(struct wn_run *run, const char *key, size_t i);

/* The elements matching a CSS selector list (see wn_select); the
 * selector is compiled once per process.  *out is malloc'd. */
WN_API int wn_run_select(struct wn_run *run, const char *css, xmlNodePtr **out,
			 size_t *n);

/*
 * A new XPath context on the run's document, with winnow's functions:
 * wn-class() and wn-re() (which the XPath of wn_css_to_xpath calls) and
 * id().  winnow's parser leaves libxml2's ID table empty, so the
 * built-in id() and xmlGetID() find nothing on its documents; this id()
 * looks the words up in the tree (id attributes, and name on <a>).
 * Free it with xmlXPathFreeContext; NULL when memory runs out.  Since
 * ABI 1.1.
 */
WN_API xmlXPathContextPtr wn_run_xpath_context(struct wn_run *run);

/* Say that the page holds no article (an index, a login wall): the
 * chain's guard then lets the steps remove all of its prose. */
WN_API void wn_run_not_article(struct wn_run *run);

/* A diagnostic under the step's name. */
WN_API void wn_run_log(struct wn_run *run, enum wn_log_level lvl,
		       const char *fmt, ...) WN_PRINTF(3, 4);

#ifdef __cplusplus
}
#endif
#endif /* WINNOW_PLUGIN_H */
