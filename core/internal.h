/* SPDX-License-Identifier: MIT */
/*
 * Private structures shared by the modules of libwinnow.  Nothing here is
 * part of the ABI; plugins see only include/winnow/.
 */
#ifndef WINNOW_INTERNAL_H
#define WINNOW_INTERNAL_H

#include <stdint.h>

#include <libxml/xpath.h>

#include <winnow/plugin.h>

/* Marks what the backend modules (backend.c) call besides the API:
 * exported from libwinnow like the API, but no part of it. */
#define WN_INTERNAL WN_API

/* Flags kept in xmlNode.extra (unused by libxml2's HTML parser, tree and
 * XPath code; the xmlreader API, which uses it, is not used here). */
#define WN_NODE_TIGHT 0x1u /* text block: no blank line before it */
#define WN_NODE_KEEP  0x2u /* protected from later steps */
#define WN_NODE_FRESH 0x8u /* made by a script, not yet in the document */
#define WN_NODE_FOLDED 0x4u /* its fold is kept while its text holds (dom.c) */
#define WN_NODE_TEXTED 0x100u /* its text is kept, the same way (dom.c) */
/* The classes of an element's name (block, hidden, break: dom.c), filed
 * on first use: an element's name never changes (no wn_run_* call
 * renames one), and every walk of every step asks them. */
#define WN_NODE_CLASSED     0x10u /* the next three bits hold them */
#define WN_NODE_CLASS_SHIFT 5
#define WN_NODE_CLASS_MASK  (0x7u << WN_NODE_CLASS_SHIFT)

struct wn_doc {
	xmlDocPtr xml;
	xmlNodePtr body;
	enum wn_kind kind;
	char *url;                  /* owned */
	char *host;                 /* owned */
	char *name;                 /* owned */
	struct wn_meta_store *meta; /* owned; NULL until read (meta.c) */
	bool meta_due;              /* not read yet: read on first use */
	struct wn_parked *parked;   /* owned; removed nodes kept for marks */
	bool may_keep; /* a step has flagged a node keep (run.c) */
	uint32_t gen;  /* changes with the tree (wn_doc_touch_, dom.c) */
	uint32_t mods; /* counts the changes a run makes (dom.c) */
	uint32_t attr_mods; /* and its attribute changes (run.c) */
	size_t nparked, capparked;
};

/* ---- dom.c: the text-length cache ---- */
/* While a step runs on doc: text lengths of its elements are cached
 * (in their _private) until the tree changes.  Returns the document
 * cached before, for wn_text_cache_leave_. */
struct wn_doc *wn_text_cache_enter_(struct wn_doc *doc);
void wn_text_cache_leave_(struct wn_doc *prev);
/* The tree of doc changed (or may have): no cached length holds. */
void wn_doc_touch_(struct wn_doc *doc);
/* The children of element n changed: the lengths cached for it and
 * the elements above it no longer hold. */
void wn_text_cache_dirty_(struct wn_doc *doc, xmlNodePtr n);

/* ---- mark.c ---- */
/* A removed subtree kept for --mark, with where it was. */
struct wn_parked {
	xmlNodePtr node, parent, prev, next;
	bool show; /* put back, marked (else only kept alive) */
};

/* Keep the detached subtree `node`, removed by `step` from between
 * prev and next under parent; with `show` it goes back marked when the
 * chain ends.  Frees the node when it cannot be kept. */
void wn_mark_park_(struct wn_doc *doc, xmlNodePtr node, xmlNodePtr parent,
		   xmlNodePtr prev, xmlNodePtr next, const char *step,
		   bool show);
/* Put the marked subtrees back, latest removal first, free the rest,
 * and add the stylesheet. */
void wn_mark_finish_(struct wn_doc *doc);
/* Free what is still parked. */
void wn_mark_free_(struct wn_doc *doc);

/* ---- doc.c ---- */
int wn_doc_new_empty_(struct wn_doc **out, enum wn_kind kind);

/* ---- htmlparse.c ---- */
/* Attributes of one element beyond this many are dropped (the parser
 * compares each with all before it; doc.c caps the tree too). */
#define WN_MAX_ATTRS 1024
/* Parse n bytes of UTF-8 with libxml2's HTML parser (see htmlparse.c):
 * 0 and *out (NULL for an empty page), WN_ENOMEM, WN_EPARSE; *own (the
 * buffer behind utf8, or NULL) freed and set to NULL when a readied
 * copy replaces it. */
int wn_html_read_(const char *utf8, size_t n, char **own, const char *url,
		  bool verbose, xmlDocPtr *out);
/* Read HTML pages with winnow's fast paths: script and style bodies and
 * long attribute values cut out of the parser's way, elements made with
 * its dictionary's names; true but in tests that compare.  Pages of this
 * thread read with cuts, and parsed again. */
WN_INTERNAL extern bool wn_doc_cuts_;
WN_INTERNAL extern _Thread_local size_t wn_doc_cut_pages_, wn_doc_cut_again_;
void wn_doc_set_url_(struct wn_doc *doc, const char *url);
void wn_doc_find_url_(struct wn_doc *doc);

/* ---- dom.c ---- */
/* Is [p, p + len) in memory no one can write (a read-only segment of a
 * loaded object, or its part made read-only after relocation)? */
bool wn_read_only_(const void *p, size_t len);
/* The calls of wn_next_element made by this thread (wn_chain_run reads
 * it around each step: struct wn_step_profile).  initial-exec: a read
 * or an increment is one access at a fixed offset from the thread
 * pointer, never a call of __tls_get_addr; the 8 bytes come from the
 * static TLS block, which glibc keeps room in for a library opened
 * with dlopen. */
#if defined(__has_attribute)
#if __has_attribute(tls_model)
#define WN_TLS_FAST __attribute__((tls_model("initial-exec")))
#endif
#endif
#ifndef WN_TLS_FAST
#define WN_TLS_FAST
#endif
extern _Thread_local uint64_t wn_walked_ WN_TLS_FAST;
/* Unlink n from its parent and siblings, by hand: xmlUnlinkNode and
 * xmlAdd* may merge and free text nodes the journal points to. */
void wn_unlink_(xmlNodePtr n);
/* Link the unlinked n under parent, before next (NULL: last). */
WN_INTERNAL void wn_link_before_(xmlNodePtr parent, xmlNodePtr next,
				 xmlNodePtr n);
/* The value of attribute `name` (no namespace) of element n, read in
 * place when it is one text node (as parsed pages have it), else copied
 * into *copy (the caller frees it, NULL when not copied); NULL when n
 * is no element or has no such attribute. */
const char *wn_attr_peek_(const xmlNode *n, const char *name, xmlChar **copy);

/* ---- compound.c ---- */
/* A CSS selector list of compounds without combinators or pseudo-classes
 * (":is()" of them allowed), compiled for matching in C; NULL for any
 * other selector (and when memory runs out). */
struct wn_compound *wn_compound_new_(const char *css);
void wn_compound_free_(struct wn_compound *s);
/* Does element n match one of the compounds? */
bool wn_compound_match_(const struct wn_compound *s, const xmlNode *n);

/* ---- backend.c ---- */
/* True when the running program lives in this build tree (found out
 * once per process). */
bool wn_in_build_tree_(void);
/* The table of functions of backend module `name` ("html5", "markdown",
 * "psl": the structs below; "lua", "ltdl": struct wn_lua_ops and
 * wn_ltdl_ops), opened on first use; NULL (said on stderr once) when it
 * cannot be loaded. */
const void *wn_backend_(const char *name);

/* html5.c, the "html5" backend */
struct wn_html5_ops {
	/* Parse UTF-8 HTML with gumbo into a new libxml2 document. */
	int (*parse)(const char *utf8, size_t n, xmlDocPtr *out);
};

/* markdown.c, the "markdown" backend */
struct wn_markdown_ops {
	/* Append the document as CommonMark (GFM tables) to out. */
	int (*write)(struct wn_doc *doc, struct wn_buf *out);
};

/* psl.c, the "psl" backend: libpsl's built-in or system list */
struct wn_psl_ops {
	void *(*open)(void); /* NULL: no list */
	void (*close)(void *psl);
	/* host is a public suffix of the ICANN section */
	bool (*is_public_suffix)(void *psl, const char *host);
	/* the registrable domain (a suffix of host), NULL if none */
	const char *(*registrable)(void *psl, const char *host);
};

/* ---- json.c ---- */
/* wn_doc_write_json with the default fields and no chain. */
int wn_write_json_(struct wn_doc *doc, struct wn_buf *out);

/* ---- serialize.c ---- */
/* Append node (a document, or any node of one) serialized as UTF-8 HTML,
 * as libxml2's HTML writer writes it. */
int wn_html_write_(xmlNodePtr node, struct wn_buf *out);

/* ---- meta.c ---- */
/* Read the metadata of a parsed document (after its URL is set). */
int wn_meta_read_(struct wn_doc *doc);
/* Read it now if it is due (doc->meta_due): before anything changes
 * the tree.  0 or WN_ENOMEM. */
int wn_meta_ensure_(struct wn_doc *doc);
void wn_meta_free_(struct wn_meta_store *m);
/* Set (value != NULL) or clear metadata field `key` (a struct wn_meta
 * field name, or any other key for wn_doc_meta_get).  The value is
 * cleaned like parsed values (dates normalized).  *old receives the
 * previous value (malloc'd, caller frees; NULL when unset). */
int wn_meta_set_(struct wn_doc *doc, const char *key, const char *value,
		 char **old);

/* ---- text.c ---- */
/* Build the block tree of a text document from UTF-8 text. */
int wn_text_build_(struct wn_doc *doc, const char *s, size_t n);

/* ---- charset.c ---- */
/* Decode `n` bytes of `in` from charset `enc` to UTF-8 (malloc'd,
 * NUL-terminated, *outlen set).  Invalid sequences become U+FFFD. */
int wn_to_utf8_(const char *in, size_t n, const char *enc, char **out,
		size_t *outlen);
/* Count valid multi-byte UTF-8 sequences and stray bytes in s[0..n). */
void wn_utf8_census_(const char *s, size_t n, size_t *valid, size_t *bad);
/* True when s[0..n) is valid UTF-8. */
bool wn_utf8_valid_(const char *s, size_t n);

/* The strict UTF-8 sequence at p (p[0] >= 0x80, n bytes from p on):
 * its length, 2 to 4, with its code point in *cp; 0 when it is no such
 * sequence (a stray byte, an overlong form, a surrogate, past U+10FFFF
 * or cut short).  Inline: the validators call it for every character
 * that is not ASCII. */
static inline size_t wn_utf8_seq_(const unsigned char *p, size_t n,
				  uint32_t *cp)
{
	unsigned char c = p[0];
	size_t k;
	uint32_t v;

	if (c >= 0xc2 && c <= 0xdf)
		k = 1, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 2, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 3, v = c & 0x07;
	else
		return 0;
	if (n <= k)
		return 0;
	for (size_t j = 1; j <= k; j++) {
		if ((p[j] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[j] & 0x3f);
	}
	if ((k == 2 && v < 0x800) || (k == 3 && v < 0x10000) ||
	    v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return k + 1;
}
/* A byte-order mark: its charset name and length, or NULL. */
const char *wn_bom_(const char *s, size_t n, size_t *bomlen);
/* The charset declared by <meta> in the first bytes of an HTML page,
 * copied into `out` (cap bytes); false when none. */
bool wn_meta_charset_(const char *s, size_t n, char *out, size_t cap);

/* ---- filters.c ---- */
struct wn_filters;
void wn_filters_free_(struct wn_filters *f);
/* The built-in `filters` step: the rules of the context's lists. */
const struct wn_step_ops *wn_filters_step_ops_(void);

/* ---- loader.c ---- */
struct wn_module {
	char *name;
	char *path;
	void *handle; /* lt_dlhandle */
	const struct wn_plugin *desc;
};

struct wn_ctx {
	char **dirs; /* the plugin search path, in lookup order */
	size_t ndirs, capdirs;
	size_t nfixed; /* dirs given by the program, before env/XDG */
	size_t nuser;  /* dirs searched before the standard steps */
	bool env_added;
	bool use_env;
	bool verbose, explain, strict, mark;
	bool unsafe_plugins; /* load from unsafe dirs (--unsafe-plugin-path) */
	FILE *log;
	struct wn_module *mods;
	size_t nmods, capmods;
	/* the "ltdl" backend, lt_dlinit done (on the first module file) */
	const struct wn_ltdl_ops *ltdl;
	struct wn_selcache *sel; /* compiled selectors (select.c) */
	struct wn_scripts *scripts; /* Lua state (lua.c) */
	struct wn_filters *filters; /* cosmetic filter lists (filters.c) */
	char **params; /* key, value, key, value ... (wn_ctx_add_param) */
	size_t nparams, capparams; /* pairs */
};

/* Find, open and check the plugin `name`; the module stays open until
 * the context is freed.  Logs why on failure. */
int wn_module_get_(struct wn_ctx *ctx, const char *name,
		   const struct wn_module **out);
/* The path --list and messages give a standard step. */
#define WN_BUILTIN_PATH "built-in"
/* The i-th standard step linked into libwinnow (steps.c), NULL past
 * the last; the one named `name`, or NULL. */
const struct wn_plugin *wn_builtin_step_(size_t i);
const struct wn_plugin *wn_builtin_find_(const char *name);
/* Check a descriptor read from `path` for `name`: 0, or WN_EABI after
 * logging the mismatch. */
int wn_plugin_check_(struct wn_ctx *ctx, const struct wn_plugin *d,
		     const char *name, const char *path);

/* ---- css.c ---- */
/* The XPath boolean expression "the context node matches css". */
int wn_css_match_xpath_(const char *css, struct wn_buf *xp, size_t *errpos,
			const char **errmsg);

/* ---- select.c ---- */
struct wn_sel;
struct wn_selcache;
/* The compiled selector of the given kind for src, compiled on
 * first use and kept by the context.  On a bad selector, WN_EINVAL with
 * the reason appended to err. */
enum wn_sel_kind {
	WN_SEL_CSS,   /* selects the matches from the document */
	WN_SEL_XPATH, /* an XPath expression as given */
	WN_SEL_MATCH  /* CSS as a boolean: does the context node match? */
};
WN_INTERNAL int wn_sel_get_(struct wn_ctx *ctx, const char *src,
			    enum wn_sel_kind kind, const struct wn_sel **out,
			    struct wn_buf *err);
WN_INTERNAL const char *wn_sel_xpath_(const struct wn_sel *s);
/* A Bloom filter of the class tokens and ids of a document: which a
 * document surely lacks.  Built in one walk; stays right while the
 * document only loses nodes (a superset is safe). */
#define WN_TOKSET_BITS 16384u
struct wn_tokset {
	uint64_t bits[WN_TOKSET_BITS / 64];
	uint64_t stamp; /* of the thread's element index built with it */
};
/* Build t for doc, and the thread's index of doc's elements by token,
 * which wn_sel_eval_tok_ reads while t is the set last built. */
WN_INTERNAL void wn_tokset_build_(struct wn_tokset *t, xmlDocPtr doc);
/* The attached elements a plain, natively matched CSS selector s selects
 * in the document of t, in document order, found through the thread's
 * index (no walk): 1 and a malloc'd *out (NULL when none), 0 when the
 * index cannot answer (not the set last built on this thread, s not
 * plain or not native, the index short of memory), WN_ENOMEM.  Only
 * while the document's class and id attributes and its elements are as
 * they were at the build, but for removals. */
WN_INTERNAL int wn_sel_eval_tok_(const struct wn_sel *s,
				 const struct wn_tokset *t, xmlNodePtr **out,
				 size_t *n);
/* True for a CSS list of plain compounds (which a token set can rule
 * out). */
WN_INTERNAL bool wn_sel_plain_(const struct wn_sel *s);
/* True when the CSS selector s cannot match in a document with token
 * set t: each alternative is a plain compound whose class or id the
 * document lacks. */
WN_INTERNAL bool wn_sel_cannot_match_(const struct wn_sel *s,
				      const struct wn_tokset *t);
/* An XPath context for doc with winnow's functions (wn-re, wn-class,
 * id: see wn_run_xpath_context). */
WN_INTERNAL xmlXPathContextPtr wn_xpath_ctx_(struct wn_ctx *ctx, xmlDocPtr doc);
/* 1 when element n matches s (a WN_SEL_MATCH selector), 0 when not,
 * -1 on an evaluation error. */
WN_INTERNAL int wn_sel_matches_(xmlXPathContextPtr x, const struct wn_sel *s,
				xmlNodePtr n);
/* Evaluate s with `node` (NULL: the document) as the context node. */
WN_INTERNAL int wn_sel_eval_(xmlXPathContextPtr x, const struct wn_sel *s,
			     xmlNodePtr node, xmlXPathObjectPtr *out,
			     struct wn_buf *err);
/* True when s is CSS evaluated in C (compound.c), which needs no XPath
 * context. */
WN_INTERNAL bool wn_sel_native_(const struct wn_sel *s);
/* Does s match an element of doc, the context's document?  1 or 0 (0
 * also when the evaluation fails).  x may be NULL when s is native. */
WN_INTERNAL int wn_sel_exists_(xmlXPathContextPtr x, xmlDocPtr doc,
			       const struct wn_sel *s);
/* NULL when the regex (with flags "ims") compiles, else why not. */
const char *wn_regex_check_(const char *re, const char *flags);
void wn_selcache_free_(struct wn_selcache *c);

/* ---- chain.c: step kinds ---- */
struct wn_step_ops {
	const char *kind;
	int (*run)(void *impl, struct wn_run *run);
	void (*destroy)(void *impl); /* NULL: the context owns impl */
};

/* ---- scripts.c ---- */
struct wn_scripts;
void wn_scripts_free_(struct wn_scripts *s);
/* A script step for NAME (a path with '/', else NAME.lua on the script
 * path), compiled once per context; *stepname is malloc'd. */
int wn_script_step_new_(struct wn_ctx *ctx, const char *name,
			const struct wn_step_ops **ops, void **impl,
			char **stepname);
/* The built-in `sites` step: runs the site scripts matching the host. */
const struct wn_step_ops *wn_sites_step_ops_(void);
/* The i-th dir of the context's script path, NULL past the last. */
WN_INTERNAL const char *wn_script_dir_(struct wn_ctx *ctx, size_t i);
/* A script file, whole (4 MB at most), NUL-terminated and malloc'd in
 * *out: 0 or -errno. */
WN_INTERNAL int wn_script_read_(const char *path, char **out, size_t *len);
/* Does host match the site pattern ("example.com" with its subdomains,
 * "*.example.com" without it, "*")? */
WN_INTERNAL bool wn_host_matches_(const char *host, const char *pat);
/* The public suffix list, opened on first use (NULL: none); *ops gets
 * its functions. */
WN_INTERNAL void *wn_scripts_psl_(struct wn_ctx *ctx,
				  const struct wn_psl_ops **ops);

/* ltdl.c, the "ltdl" backend: libltdl's functions, for loader.c */
struct wn_ltdl_ops {
	int (*init)(void);                     /* lt_dlinit */
	int (*exit)(void);                     /* lt_dlexit */
	void *(*open_local)(const char *path); /* lt_dlopenadvise, local */
	const void *(*sym)(void *h, const char *name);
	int (*close)(void *h);
	const char *(*error)(void);
};

/* lua.c, the "lua" backend: compiled scripts (void *) */
struct wn_lua_ops {
	/* Compile the script at path, shown as name: 0 and *out, or the
	 * error (said in the context's log) and NULL. */
	int (*load)(struct wn_ctx *ctx, const char *path, const char *name,
		    void **out);
	/* Run it over the document of run (nothing when it is for other
	 * sites or its `when` does not match). */
	int (*run)(void *script, struct wn_run *run);
	void (*free)(void *script);
};

/* ---- loader.c ---- */
/* The user's part of a search path: the dirs of the colon-separated
 * environment variable env, then $XDGVAR/winnow/SUB, or without it
 * $HOME/HOME_BASE/winnow/SUB, each given to push. */
int wn_user_dirs_(const char *env, const char *xdgvar, const char *home_base,
		  const char *sub, int (*push)(void *ud, const char *dir),
		  void *ud);
/* The installed (or build-tree) script directory. */
const char *wn_ctx_scriptdir_peek_(struct wn_ctx *ctx);

/* ---- run.c ---- */
enum wn_op_kind {
	WN_OP_MOVE,
	WN_OP_ATTR,
	WN_OP_TEXT,
	WN_OP_NEW,
	WN_OP_FLAGS,
	WN_OP_META
};

struct wn_op {
	enum wn_op_kind kind;
	xmlNodePtr node;
	xmlNodePtr parent;    /* MOVE: where it was */
	xmlNodePtr next;      /* MOVE: its next sibling then */
	xmlNodePtr prev;      /* MOVE: its previous sibling then */
	xmlChar *name;        /* ATTR, META: the key */
	xmlChar *old;         /* ATTR/TEXT/META: previous value (NULL: absent) */
	bool had;             /* ATTR/META: it existed */
	unsigned short extra; /* FLAGS: the previous xmlNode.extra */
	bool removal;         /* MOVE: a removal (node parked in graveyard) */
	bool marked;          /* MOVE: by wn_run_remove (shown by --mark) */
};

struct wn_removal {
	char *where; /* element path or "line N" */
	char *text;  /* first characters of its text */
	char *rule;  /* the script rule that removed it, or NULL */
	size_t chars;
};

struct wn_run {
	struct wn_ctx *ctx;
	struct wn_doc *doc;
	const char *step;
	uint32_t caps;    /* the step's WN_CAP_* */
	const char *rule; /* the script rule running, for --explain */
	struct wn_op *ops;
	size_t nops, capops;
	struct wn_removal *rem;
	size_t nrem, caprem;
	size_t removed, removed_chars;
	bool oom;
	bool not_article; /* the step said the page holds no article */
};

void wn_run_init_(struct wn_run *run, struct wn_ctx *ctx, struct wn_doc *doc,
		  const char *step);
/* wn_text_fold, saying in *used how many bytes of s it read (fewer
 * than n when the output filled up first). */
size_t wn_text_fold_used_(const char *s, size_t n, char *out, size_t cap,
			  size_t *used);
/* The same before its end is trimmed (cap > 0): the bytes out got, not
 * NUL-terminated, and in *good the length of the trimmed fold.  (Both
 * exported for test_util.) */
WN_INTERNAL size_t wn_text_fold_raw_(const char *s, size_t n, char *out,
				     size_t cap, size_t *used, size_t *good);
/* wn_text_fold at cap, made from raw[0..len), the raw fold of the same
 * text at a cap of at least cap; whole: raw is the fold of all the text,
 * good its trimmed length. */
WN_INTERNAL size_t wn_text_fold_cut_(const char *raw, size_t len, bool whole,
				     size_t good, char *out, size_t cap);
/* Keep the step's changes: free removed subtrees, report removals. */
void wn_run_commit_(struct wn_run *run);
/* Undo the step's changes in reverse order. */
void wn_run_rollback_(struct wn_run *run);
/*
 * Run fn(impl, run) over doc as one journalled run of the step `name`:
 * committed when it succeeds; when it fails, everything it did is
 * undone and the log says so ("goes on as before this WHAT").  Returns
 * 0 or its error; *out gets what it removed and whether it said the page
 * holds no article.
 */
struct wn_run_tally {
	size_t removed, chars;
	bool not_article;
};
/* (Exported for test_dom.) */
WN_INTERNAL int wn_run_isolated_(struct wn_ctx *ctx, struct wn_doc *doc,
				 const char *name, uint32_t caps,
				 int (*fn)(void *impl, struct wn_run *run),
				 void *impl, const char *what,
				 struct wn_run_tally *out);
/* Move node (in the document, or removed earlier in this run) before
 * ref. */
WN_INTERNAL int wn_run_move_before_(struct wn_run *run, xmlNodePtr ref,
				    xmlNodePtr node);

/* ---- collapsing white space: the tree's text, the text and Markdown
 * writers ---- */
/* The white space a collapse makes one space of. */
static inline bool wn_space_(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The end of the run of words from q (a word's first byte): words
 * parted by single ' 's, which a collapse leaves as they are and so
 * puts in one go.  With word, the end of the first word only. */
static inline const char *wn_words_end_(const char *q, bool word)
{
	for (;;) {
		/* most bytes of a word are above the space: one test */
		while ((unsigned char)*q > ' ' || (*q && !wn_space_(*q)))
			q++;
		if (word || *q != ' ' || !q[1] || wn_space_(q[1]))
			return q;
		q++;
	}
}

/* ---- util.c ---- */
/* Decode the UTF-8 sequence at s (n > 0 bytes on) into *cp; its length
 * (1, and U+FFFD, for a stray byte). */
size_t wn_utf8_dec_(const unsigned char *s, size_t n, unsigned *cp);
WN_INTERNAL char *wn_strdup_(const char *s);
/* Have fn(obj) called when the calling thread ends (a thread-local cache
 * freed); false when that cannot be arranged, and then nothing should be
 * kept.  Each cache registers once per thread (a few at most). */
bool wn_at_thread_exit_(void (*fn)(void *), void *obj);
char *wn_strndup_(const char *s, size_t n);
/* Append printf output to a buffer. */
int wn_buf_printf_(struct wn_buf *b, const char *fmt, ...) WN_PRINTF(2, 3);
/* Log a message of who (a step, a script; NULL: winnow's own), about
 * where (the document's name; NULL: none), when lvl is shown. */
void wn_vlog_(struct wn_ctx *ctx, enum wn_log_level lvl, const char *who,
	      const char *where, const char *fmt, va_list ap);
/* wn_log, about the document doc (its name after the level): the one
 * form of a message about a page, as wn_run_log writes it. */
WN_INTERNAL void wn_log_doc_(struct wn_ctx *ctx, enum wn_log_level lvl,
			     const char *who, const struct wn_doc *doc,
			     const char *fmt, ...) WN_PRINTF(5, 6);

#endif
