/* SPDX-License-Identifier: MIT */
/*
 * DOM helpers shared by the core and the steps: tag classes, rendered
 * text, class/id hints, iteration and the list of text blocks.  All walks
 * are iterative, so hostile nesting depth cannot exhaust the stack.
 */
#include <config.h>

#include <stdatomic.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define WN_NODE_HASBLOCK 0x8000u /* transient, inside wn_blocks only */

/*
 * The block and hidden element names.  Asked for every element of every
 * walk, so a switch on the first letter rather than a search: most
 * names are rejected by their first letter alone, and the others by
 * their length before a memcmp of constant size (inlined by the
 * compiler) instead of a strcmp call per candidate.  One switch gives
 * all the classes of a name, for the walks that ask for several.
 */
#define TAG_BLOCK  0x1u /* a block: parts the text before and after it */
#define TAG_HIDDEN 0x2u /* not rendered: its text is no text */
#define TAG_BREAK  0x4u /* br, td, th: parts the text before it */

/* The length of a tag name, or 0 past 15 bytes (no tag tested below is
 * that long). */
static inline size_t name_len(const char *s)
{
	for (size_t i = 0; i < 16; i++)
		if (!s[i])
			return i;
	return 0;
}

/* s (of length len) is the candidate's first letter then rest */
#define EQ(rest)                                                               \
	(len == sizeof(rest) && !memcmp(s + 1, rest, sizeof(rest) - 1))
#define IF(cond, cls) ((cond) ? (cls) : 0u)

static unsigned tag_class(const char *s)
{
	size_t len = name_len(s);

	/* the candidates share the first letter: compare the rest */
	switch (s[0]) {
	case 'a':
		return IF(EQ("ddress") || EQ("rticle") || EQ("side"),
			  TAG_BLOCK) |
		       IF(EQ("udio"), TAG_HIDDEN);
	case 'b':
		return IF(EQ("lockquote") || EQ("ody"), TAG_BLOCK) |
		       IF(EQ("r"), TAG_BREAK);
	case 'c':
		return IF(EQ("aption") || EQ("enter"), TAG_BLOCK) |
		       IF(EQ("anvas"), TAG_HIDDEN);
	case 'd':
		return IF(EQ("d") || EQ("etails") || EQ("ialog") || EQ("ir") ||
				  EQ("iv") || EQ("l") || EQ("t"),
			  TAG_BLOCK) |
		       IF(EQ("atalist"), TAG_HIDDEN);
	case 'e':
		return IF(EQ("mbed"), TAG_HIDDEN);
	case 'f':
		return IF(EQ("ieldset") || EQ("igcaption") || EQ("igure") ||
				  EQ("ooter") || EQ("orm"),
			  TAG_BLOCK);
	case 'h':
		return IF(EQ("1") || EQ("2") || EQ("3") || EQ("4") || EQ("5") ||
				  EQ("6") || EQ("eader") || EQ("group") ||
				  EQ("r") || EQ("tml"),
			  TAG_BLOCK) |
		       IF(EQ("ead"), TAG_HIDDEN);
	case 'i':
		return IF(EQ("frame"), TAG_HIDDEN);
	case 'l':
		return IF(EQ("egend") || EQ("i"), TAG_BLOCK) |
		       IF(EQ("ink"), TAG_HIDDEN);
	case 'm':
		return IF(EQ("ain") || EQ("enu"), TAG_BLOCK) |
		       IF(EQ("ap") || EQ("ath") || EQ("eta"), TAG_HIDDEN);
	case 'n':
		return IF(EQ("av"), TAG_BLOCK) | IF(EQ("oscript"), TAG_HIDDEN);
	case 'o':
		return IF(EQ("l"), TAG_BLOCK) | IF(EQ("bject"), TAG_HIDDEN);
	case 'p':
		return IF(EQ("") || EQ("re"), TAG_BLOCK);
	case 's':
		return IF(EQ("ection") || EQ("ummary"), TAG_BLOCK) |
		       IF(EQ("cript") || EQ("elect") || EQ("tyle") || EQ("vg"),
			  TAG_HIDDEN);
	case 't':
		return IF(EQ("able") || EQ("body") || EQ("foot") ||
				  EQ("head") || EQ("r"),
			  TAG_BLOCK) |
		       IF(EQ("emplate") || EQ("extarea") || EQ("itle"),
			  TAG_HIDDEN) |
		       IF(EQ("d") || EQ("h"), TAG_BREAK);
	case 'u':
		return IF(EQ("l"), TAG_BLOCK);
	case 'v':
		return IF(EQ("ideo"), TAG_HIDDEN);
	default:
		return 0;
	}
}

#undef IF
#undef EQ

/* The classes of element n's name: looked up once, then read from the
 * element's own flags (WN_NODE_CLASSED).  Other nodes are looked up
 * every time; their names ("text", "comment") have no class anyway. */
static inline unsigned el_class(const xmlNode *n)
{
	unsigned x, cls;

	if (n->type != XML_ELEMENT_NODE) /* maybe a document: no extra */
		return n->name ? tag_class((const char *)n->name) : 0;
	x = n->extra;
	if (x & WN_NODE_CLASSED)
		return (x & WN_NODE_CLASS_MASK) >> WN_NODE_CLASS_SHIFT;
	cls = n->name ? tag_class((const char *)n->name) : 0;
	((xmlNode *)n)->extra =
		(unsigned short)(x | WN_NODE_CLASSED | cls << WN_NODE_CLASS_SHIFT);
	return cls;
}

bool wn_tag_is_block(const xmlChar *name)
{
	return name && (tag_class((const char *)name) & TAG_BLOCK);
}

bool wn_tag_is_hidden(const xmlChar *name)
{
	return name && (tag_class((const char *)name) & TAG_HIDDEN);
}

bool wn_node_is_block(const xmlNode *n)
{
	return el_class(n) & TAG_BLOCK;
}

bool wn_node_is_hidden(const xmlNode *n)
{
	return el_class(n) & TAG_HIDDEN;
}

bool wn_tag_is_heading(const xmlChar *name)
{
	return name && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
	       name[2] == '\0';
}

_Thread_local uint64_t wn_walked_ WN_TLS_FAST;

xmlNodePtr wn_next_element(xmlNodePtr cur, const xmlNode *root,
			   bool skip_children)
{
	xmlNodePtr n;

	wn_walked_++;
	if (!skip_children) {
		for (n = cur->children; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE)
				return n;
	}
	while (cur && cur != root) {
		for (n = cur->next; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE)
				return n;
		cur = cur->parent;
	}
	return NULL;
}

/* Collapsing text appender: state carried across text nodes. */
struct collapse {
	struct wn_buf *out;
	size_t len; /* when counting only */
	size_t limit; /* stop once len reaches it (0: never) */
	bool stopped; /* the limit was reached: the text is cut */
	bool pending_space;
	bool any;
	int rc;
};

/* wn_buf_append, without the call while there is room. */
static int put(struct wn_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		return wn_buf_append(b, s, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static void collapse_add(struct collapse *c, const xmlChar *s)
{
	const char *p = (const char *)s;

	while (*p) {
		const char *q = p;

		if (c->limit && c->len >= c->limit) {
			c->stopped = true;
			return;
		}
		if (wn_space_(*p)) {
			c->pending_space = c->any;
			p++;
			continue;
		}
		if (c->pending_space) {
			if (c->out && !c->rc)
				c->rc = put(c->out, " ", 1);
			c->len++;
			c->pending_space = false;
		}
		/* Words parted by one ' ', most of a text, are their own
		 * collapse: they go out at once, up to a word the limit
		 * would stop after. */
		for (;;) {
			q = wn_words_end_(q, true);
			if (*q != ' ' || !q[1] || wn_space_(q[1]) ||
			    (c->limit && c->len + (size_t)(q - p) >= c->limit))
				break;
			q++;
		}
		if (c->out && !c->rc)
			c->rc = put(c->out, p, (size_t)(q - p));
		c->len += (size_t)(q - p);
		c->any = true;
		p = q;
	}
}

/* Does an element of these classes part the text before it from its
 * own (a block, a line break, a table cell)?  Only a block parts it
 * from what follows. */
static inline bool space_before(unsigned cls)
{
	return cls & (TAG_BLOCK | TAG_BREAK);
}

/* An <a>, or a custom element that takes an href (<dropdown-item
 * href=...>, <sl-button href=...>): a script makes it a link. */
static inline bool is_link(const xmlNode *n)
{
	xmlChar *copy;
	bool href;

	if (!n->name)
		return false;
	if (n->name[0] == 'a' && !n->name[1])
		return true;
	if (!n->properties || !strchr((const char *)n->name, '-'))
		return false;
	/* not xmlHasProp: it looks up the doctype's attribute defaults
	 * for every element without one */
	href = wn_attr_peek_(n, "href", &copy) != NULL;
	xmlFree(copy);
	return href;
}

/* Walk the text under node; block and <br> boundaries count as space. */
static void collapse_walk(const xmlNode *node, struct collapse *c,
			  bool links_only)
{
	const xmlNode *n = node;
	int in_link = 0;

	if (node->type == XML_TEXT_NODE ||
	    node->type == XML_CDATA_SECTION_NODE) {
		if (!links_only && node->content)
			collapse_add(c, node->content);
		return;
	}
	if (node->type != XML_ELEMENT_NODE || (el_class(node) & TAG_HIDDEN))
		return;
	if (links_only && is_link(node))
		in_link = 1;
	n = node->children;
	while (n) {
		bool descend = false;
		unsigned cls;

		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content && (!links_only || in_link > 0))
				collapse_add(c, n->content);
		} else if (n->type == XML_ELEMENT_NODE &&
			   !((cls = el_class(n)) & TAG_HIDDEN)) {
			if (space_before(cls))
				c->pending_space = c->any;
			if (n->children) {
				descend = true;
				if (links_only && is_link(n))
					in_link++;
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		while (n && n != node && !n->next) {
			n = n->parent;
			if (n == node)
				break;
			if (links_only && n->type == XML_ELEMENT_NODE &&
			    is_link(n))
				in_link--;
			if (n->type == XML_ELEMENT_NODE &&
			    (el_class(n) & TAG_BLOCK))
				c->pending_space = c->any;
		}
		if (!n || n == node || c->stopped)
			break;
		n = n->next;
	}
}

/*
 * The text-length cache.  Steps ask for the text length of elements
 * nested in each other (a box, then a box inside it), and each answer
 * walked the whole subtree: O(size x depth) per step.  While a step
 * runs on a document (wn_text_cache_enter_), an answer computes the
 * lengths of every element of the subtree in the same walk, bottom up,
 * and files each in the element's _private as (generation << 32 |
 * flags | length), the flags being what the parent's walk needs to join
 * the element's text to its neighbours' (TL_LEAD, TL_PEND).  An entry
 * holds for the element's subtree, so a walk takes a child's entry, when
 * live, instead of walking the child again: after a change, a measure
 * of the body walks only the elements above it (the chain's guard asks
 * after every step that removed something).  A change a run
 * makes clears the entries of the elements above it
 * (wn_text_cache_dirty_, from run.c), and the document's generation
 * changes after a rollback, so no entry outlives the tree it was
 * measured on; entries carry over from step to step.  Only 64-bit
 * builds cache.
 *
 * The length of the text inside links (wn_node_link_text_len) joins by
 * the same rules, with the text outside links left out: the same walk
 * files it in the element's psvi (unused by the HTML parser and tree
 * code), the same way, and wn_text_cache_dirty_ clears it with the
 * other.  It is filed only with a text-length entry and cleared with
 * it, so that the walk up, which stops at the first element without a
 * live text-length entry, passes every live link entry.
 */
static _Thread_local struct wn_doc *cache_doc;

struct wn_doc *wn_text_cache_enter_(struct wn_doc *doc)
{
	struct wn_doc *prev = cache_doc;

	cache_doc = doc;
	if (doc && !doc->gen)
		wn_doc_touch_(doc); /* its first step: no entry holds */
	return prev;
}

void wn_text_cache_leave_(struct wn_doc *prev)
{
	cache_doc = prev;
}

void wn_text_cache_dirty_(struct wn_doc *doc, xmlNodePtr n)
{
	/* An entry holds for its subtree only, and a live entry's
	 * non-hidden descendants hold live entries too (tl_walk files them
	 * all): so the walk up stops at the first element without one, as
	 * its ancestors either have none or do not see this change (it is
	 * inside a hidden element of theirs). */
	doc->mods++;
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if ((uint64_t)(uintptr_t)n->_private >> 32 != doc->gen)
			break;
		n->_private = NULL;
		n->psvi = NULL;
		n->extra &= (unsigned short)~(WN_NODE_FOLDED | WN_NODE_TEXTED);
	}
}

void wn_doc_touch_(struct wn_doc *doc)
{
	static _Atomic uint32_t next = 1;
	uint32_t g;

	/* unique across documents: a node copied from another document
	 * never carries a live entry (0 is never a generation) */
	while ((g = next++) == 0)
		;
	doc->gen = g;
}

#if UINTPTR_MAX > UINT32_MAX
#define TEXT_CACHE 1
#else
#define TEXT_CACHE 0
#endif

/* The low 32 bits of an entry: the length, and two flags of the
 * element's text as walked from the element itself, without the space
 * its own start may make (space_before). */
#define TL_LEAD    0x80000000u /* a space was due before the first word */
#define TL_PEND    0x40000000u /* a space is due after the text */
#define TL_LEN_MAX 0x3fffffffu /* longer texts are not filed */

/* One open element of the bottom-up walk: what its children gave so
 * far, in collapse_walk's terms.  The space the element's own start
 * makes (space_before) stays out of pend and lead until the element is
 * done, so that they are what an entry files. */
/* A text being measured. */
struct tl_acc {
	size_t len; /* its length so far */
	bool any;   /* a word so far */
	bool pend;  /* a space is due before the next word */
	bool lead;  /* a space was due before the first word */
};

struct tl_frame {
	const xmlNode *el, *next; /* the element, the child to do next */
	struct tl_acc all;        /* its text */
	struct tl_acc links;      /* its text inside links only */
	unsigned cls;             /* the classes of its name (tag_class) */
};

/* What a child gives its parent's text. */
struct tl_part {
	size_t len;
	bool any, lead, trail, sep; /* sep: a space is due (no word) */
};

static void tl_merge(struct tl_acc *a, const struct tl_part *p)
{
	if (p->any) {
		if (a->any && (a->pend || p->lead))
			a->len++;
		if (!a->any)
			a->lead = a->pend || p->lead;
		a->len += p->len;
		a->any = true;
		a->pend = p->trail;
	} else if (p->sep) {
		a->pend = true;
	}
}

static void tl_text(const char *s, struct tl_part *p)
{
	bool ws_last = false;

	*p = (struct tl_part){0};
	while (*s) {
		const char *q = s;

		if (wn_space_(*s)) {
			if (!p->any)
				p->lead = true;
			p->sep = true;
			ws_last = true;
			s++;
			continue;
		}
		q = wn_words_end_(q, true);
		if (p->any && ws_last)
			p->len++;
		p->len += (size_t)(q - s);
		p->any = true;
		ws_last = false;
		s = q;
	}
	p->trail = p->any && ws_last;
}

/* A measured text's cache entry (length under TL_LEN_MAX). */
static void *tl_entry(const struct tl_acc *a, uint32_t gen)
{
	return (void *)(uintptr_t)((uint64_t)gen << 32 |
				   (a->lead ? TL_LEAD : 0) |
				   (a->pend ? TL_PEND : 0) | a->len);
}

static void tl_file(const struct tl_frame *f, uint32_t gen)
{
	xmlNode *el = (xmlNode *)f->el;

	if (f->all.len > TL_LEN_MAX)
		return;
	el->_private = tl_entry(&f->all, gen);
	el->psvi = f->links.len > TL_LEN_MAX ? NULL : tl_entry(&f->links, gen);
}

/* What an element of classes cls gives its parent's text, its own
 * being len long with flags lead and pend (as filed).  A start that
 * parts the text is a space due before the first word, or after the
 * text when it has none; a block's end is a space due after it. */
static void tl_part_of(size_t len, bool lead, bool pend, unsigned cls,
		       struct tl_part *part)
{
	bool any = len > 0; /* a word is at least one byte */
	bool start = space_before(cls), end = cls & TAG_BLOCK;

	*part = (struct tl_part){.len = len,
				 .any = any,
				 .lead = start || lead,
				 .trail = pend || (start && !any) || end,
				 .sep = pend || (start && !any) || end};
}

static void tl_part_of_entry(uint64_t v, unsigned cls, struct tl_part *part)
{
	tl_part_of((size_t)(v & TL_LEN_MAX), v & TL_LEAD, v & TL_PEND, cls,
		   part);
}

/* The text length of element root, filing those of all the elements
 * below, and the lengths of their text inside links (root's in *links);
 * (size_t)-1 when out of memory. */
static size_t tl_walk(const xmlNode *root, uint32_t gen, size_t *links)
{
	struct tl_frame small[64], *st = small, *heap = NULL;
	size_t n = 1, cap = 64, len;

	st[0] = (struct tl_frame){.el = root, .next = root->children};
	while (n) {
		struct tl_frame *f = &st[n - 1];
		const xmlNode *c = f->next;
		struct tl_part part;
		unsigned cls;

		if (!c) { /* the element is done: its parts for the parent */
			if (is_link(f->el)) /* all of a link's text is */
				f->links = f->all;
			tl_file(f, gen);
			if (--n == 0)
				break;
			tl_part_of(f->all.len, f->all.lead, f->all.pend, f->cls,
				   &part);
			tl_merge(&st[n - 1].all, &part);
			tl_part_of(f->links.len, f->links.lead, f->links.pend,
				   f->cls, &part);
			tl_merge(&st[n - 1].links, &part);
			continue;
		}
		f->next = c->next;
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			/* outside a link, none of it is link text; inside
			 * one, the link's done takes all its text */
			if (c->content) {
				tl_text((const char *)c->content, &part);
				tl_merge(&f->all, &part);
			}
		} else if (c->type == XML_ELEMENT_NODE &&
			   !((cls = el_class(c)) & TAG_HIDDEN)) {
			uint64_t v = (uint64_t)(uintptr_t)c->_private;
			uint64_t w = (uint64_t)(uintptr_t)c->psvi;

			if (v >> 32 == gen && w >> 32 == gen) {
				/* measured, and unchanged */
				tl_part_of_entry(v, cls, &part);
				tl_merge(&f->all, &part);
				tl_part_of_entry(w, cls, &part);
				tl_merge(&f->links, &part);
				continue;
			}
			if (n == cap) {
				struct tl_frame *p;

				if (cap > SIZE_MAX / 2 / sizeof(*p) ||
				    !(p = malloc(2 * cap * sizeof(*p)))) {
					free(heap);
					return (size_t)-1;
				}
				memcpy(p, st, n * sizeof(*p));
				free(heap);
				st = heap = p;
				cap *= 2;
			}
			st[n++] = (struct tl_frame){.el = c,
						    .next = c->children,
						    .cls = cls};
		}
	}
	len = st[0].all.len;
	if (links)
		*links = st[0].links.len;
	free(heap);
	return len;
}

/* Is the cache on for node, and if so, its generation. */
static inline bool tl_cached(const xmlNode *node, uint32_t *gen)
{
	if (!TEXT_CACHE || !cache_doc || node->type != XML_ELEMENT_NODE ||
	    node->doc != cache_doc->xml)
		return false;
	*gen = cache_doc->gen;
	return true;
}

/* The length of node's text, or with links of its text inside links:
 * from the cache, or measured (and filed with those below). */
static inline size_t cached_len(const xmlNode *node, bool links)
{
	struct collapse c = {0};
	uint32_t gen;

	if (tl_cached(node, &gen)) {
		uint64_t v = (uint64_t)(uintptr_t)(links ? node->psvi
							 : node->_private);
		size_t len, in_links;

		if (v >> 32 == gen)
			return (size_t)(v & TL_LEN_MAX);
		if (el_class(node) & TAG_HIDDEN)
			return 0;
		len = tl_walk(node, gen, &in_links);
		if (len != (size_t)-1)
			return links ? in_links : len;
	}
	collapse_walk(node, &c, links);
	return c.len;
}

size_t wn_node_text_len(const xmlNode *node)
{
	return cached_len(node, false);
}

size_t wn_node_link_text_len(const xmlNode *node)
{
	return cached_len(node, true);
}

bool wn_name_is_plain(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == ':' || *s == '.'))
			return false;
	return true;
}

/* The value of attribute a of element n, where it is when it can be
 * (else a copy in *copy, to be freed). */
static const char *attr_value(const xmlNode *n, const xmlAttr *a,
			      xmlChar **copy)
{
	*copy = NULL;
	if (!a->children)
		return "";
	if (a->children->type == XML_TEXT_NODE && !a->children->next)
		return a->children->content
			       ? (const char *)a->children->content
			       : "";
	*copy = xmlNodeListGetString(n->doc, a->children, 1);
	return *copy ? (const char *)*copy : "";
}

const char *wn_attr_peek_(const xmlNode *n, const char *name, xmlChar **copy)
{
	*copy = NULL;
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		/* the first byte rules out most attributes without a call */
		if (a->ns || !a->name || a->name[0] != (xmlChar)name[0] ||
		    strcmp((const char *)a->name, name))
			continue;
		return attr_value(n, a, copy);
	}
	return NULL;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* A word edge between a and b: punctuation or a case change
 * ("adSlot"). */
static bool edge(char a, char b)
{
	return !is_alnum(a) || !is_alnum(b) || (is_lower(a) && is_upper(b));
}

/* A token with a segment of generated letters and digits ("u6aAD" in
 * "Bylines_publishDate__u6aAD", "975ada" in "column74_975ada-ad") is a
 * hash: a word found in it is chance.  "300x250" is a size. */
static bool has_hash(const char *p, size_t k)
{
	size_t i = 0;

	while (i < k) {
		size_t j = i, digits = 0, letters = 0;

		while (j < k && is_alnum(p[j])) {
			if (p[j] >= '0' && p[j] <= '9')
				digits++;
			else if (p[j] != 'x')
				letters++;
			j++;
		}
		if (j - i >= 5 && digits && letters)
			return true;
		i = j + 1;
	}
	return false;
}

/* p[0..n) equals s[0..n) but for ASCII case (strncasecmp's C-locale
 * meaning, inlined: asked for every class token against every needle). */
static inline bool ascii_ieq(const char *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)p[i], b = (unsigned char)s[i];

		if (a != b && (a >= 'A' && a <= 'Z' ? a + 32 : a) !=
				      (b >= 'A' && b <= 'Z' ? b + 32 : b))
			return false;
	}
	return true;
}

/* Does attribute `name` of node hold token among its tokens (split at
 * HTML white space, as CSS and the rel list split them), exactly or,
 * with fold, ignoring ASCII case? */
static bool attr_has_token(const xmlNode *node, const char *name,
			   const char *token, bool fold)
{
	xmlChar *copy;
	const char *p = wn_attr_peek_(node, name, &copy);
	size_t k = strlen(token);
	bool found = false;

	while (p && *p && !found) {
		size_t n;

		p += strspn(p, " \t\n\r\f");
		n = strcspn(p, " \t\n\r\f");
		found = n && n == k &&
			(fold ? ascii_ieq(p, token, k) : !memcmp(p, token, k));
		p += n;
	}
	xmlFree(copy);
	return found;
}

bool wn_node_has_class(const xmlNode *node, const char *token)
{
	return attr_has_token(node, "class", token, false);
}

bool wn_node_attr_has(const xmlNode *node, const char *name, const char *token)
{
	return attr_has_token(node, name, token, true);
}

/* Does token p[0..k) hold needle?  With `word`, only as a whole word
 * of the token: "ad" in "ad-slot", "top_ad" or "adSlot", not in
 * "header", "shadow", "download" or a hash. */
static bool match_at(const char *p, size_t k, size_t i, const char *needle,
		     size_t n, bool word)
{
	if (i + n > k || !ascii_ieq(p + i, needle, n))
		return false;
	return !word ||
	       ((i == 0 || !is_alnum(needle[0]) || edge(p[i - 1], p[i])) &&
		(i + n == k || !is_alnum(needle[n - 1]) ||
		 edge(p[i + n - 1], p[i + n])));
}

static bool token_has(const char *p, size_t k, const char *needle, bool word)
{
	size_t n = strlen(needle);
	/* the first letter, either case: most offsets fail on it */
	char c0 = (char)(needle[0] | 0x20);

	for (size_t i = 0; i + n <= k; i++)
		if ((char)(p[i] | 0x20) == c0 &&
		    match_at(p, k, i, needle, n, word))
			return true;
	return false;
}

/* Class tokens naming a taxonomy term of the post ("tag-sharing",
 * "category-ads"): WordPress and Ghost put them on <body> and
 * <article>, and "tag-newsletter" says nothing about a newsletter box.
 * Nor do tokens that say the box is without the thing ("no-sidebar",
 * "hide-read-more-ad", "without-comments"). */
static bool is_taxonomy(const char *p, size_t k)
{
#define PREFIX(s) {s, sizeof(s) - 1}
	static const struct {
		const char *s;
		size_t n;
	} prefixes[] = {PREFIX("tag-"),     PREFIX("category-"),
			PREFIX("categories-"), PREFIX("author-"),
			PREFIX("format-"),  PREFIX("status-"),
			PREFIX("type-"),    PREFIX("topic-"),
			PREFIX("section-"), PREFIX("tags-"),
			PREFIX("no-"),      PREFIX("hide-"),
			PREFIX("without-")};
#undef PREFIX
	char c = (char)(p[0] | 0x20);

	if (!k || (c != 't' && c != 'c' && c != 'a' && c != 'f' && c != 's' &&
		   c != 'n' && c != 'h' && c != 'w'))
		return false; /* most tokens: no prefix starts so */
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (k > prefixes[i].n && ascii_ieq(p, prefixes[i].s,
						   prefixes[i].n))
			return true;
	return false;
}

/* True when the id is made from the element's own text, as tables of
 * contents do ("what-is-social-media" on a heading): it names the
 * text, not the element's part in the page. */
static bool id_is_slug(const xmlNode *n, const char *id)
{
	char f[256], a[256], b[256];
	size_t na = 0, nb = 0;

	wn_node_fold(n, f, sizeof(f));
	for (const char *p = id; *p && na < sizeof(a) - 1; p++)
		if (is_alnum(*p))
			a[na++] = (char)(is_upper(*p) ? *p + 32 : *p);
	for (const char *p = f; *p && nb < sizeof(b) - 1; p++)
		if (is_alnum(*p))
			b[nb++] = *p;
	a[na] = b[nb] = '\0';
	return na >= 8 && strstr(b, a) != NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The token of a class or id value at p, past the white space before
 * it; *end gets its end (the same as the start at the value's end). */
static inline const char *token_at(const char *p, const char **end)
{
	const char *q;

	while (is_space(*p))
		p++;
	/* most bytes of a token are above the space: one test */
	for (q = p; (unsigned char)*q > ' ' || (*q && !is_space(*q)); q++)
		;
	*end = q;
	return p;
}

/*
 * Needle lists, indexed.  Every class and id token of every element is
 * asked against lists of up to a few hundred needles, by most steps.
 * Each list gets, on first use, an index of its needles by their first
 * two bytes (either case), so a token is tried only against the needles
 * that start with one of its byte pairs, at that place.  Indexes live
 * as long as the process, in a table filled without a lock (steps may
 * run in several threads), found by the list's address and used only
 * while the list still holds the same needles (a plugin may pass a list
 * it built); a list that finds no room or has changed is searched
 * needle by needle.  That check reads the whole list at every call, so
 * the index keeps the needles' addresses in a plain array of their own
 * to compare the list with.
 */
#define HINT_SLOTS   256u /* lists */
#define HINT_BUCKETS 256u /* byte pairs, hashed */

struct hint_index {
	const char *const *list;
	size_t n;
	unsigned slot;               /* where it is in hint_slots */
	bool fixed;                  /* in read-only memory: never changes */
	const char **was;            /* the list as it was when indexed */
	uint16_t head[HINT_BUCKETS]; /* 1 + first needle of a bucket, 0 none */
	uint16_t shorts;             /* 1 + first needle of under two bytes */
	struct {
		uint16_t next, len; /* 1 + next needle of the bucket */
	} e[];
};

static _Atomic(struct hint_index *) hint_slots[HINT_SLOTS];

/* ASCII lower case, by table: asked for every byte of every token. */
static const unsigned char lower[256] = {
#define L1(c) ((c) >= 'A' && (c) <= 'Z' ? (c) | 0x20 : (c))
#define L4(c) L1(c), L1(c + 1), L1(c + 2), L1(c + 3)
#define L16(c) L4(c), L4(c + 4), L4(c + 8), L4(c + 12)
#define L64(c) L16(c), L16(c + 16), L16(c + 32), L16(c + 48)
	L64(0), L64(64), L64(128), L64(192)
#undef L64
#undef L16
#undef L4
#undef L1
};

/* The bucket of a byte pair, both bytes in lower case already. */
static inline unsigned hint_bucket_lc(unsigned char a, unsigned char b)
{
	return (a * 31u + b) & (HINT_BUCKETS - 1);
}

static inline unsigned hint_bucket(unsigned char a, unsigned char b)
{
	return hint_bucket_lc(lower[a], lower[b]);
}

static void hint_free(struct hint_index *ix)
{
	/* called with NULL on every lookup that finds its index: no call
	 * into the allocator then */
	if (!ix)
		return;
	free(ix->was);
	free(ix);
}

/* Is [lo, hi) in memory no one can write: a read-only segment of a
 * loaded object, or its part made read-only after relocation (RELRO,
 * where a plugin's static const lists of strings live)? */
struct ro_probe {
	uintptr_t lo, hi;
	bool ro;
};

static int ro_segment(struct dl_phdr_info *info, size_t size, void *data)
{
	struct ro_probe *pr = data;

	(void)size;
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;

		if (pr->lo < lo || pr->hi > lo + ph->p_memsz)
			continue;
		if (ph->p_type == PT_GNU_RELRO ||
		    (ph->p_type == PT_LOAD && !(ph->p_flags & PF_W))) {
			pr->ro = true;
			return 1;
		}
	}
	return 0;
}

bool wn_read_only_(const void *p, size_t len)
{
	struct ro_probe pr = {(uintptr_t)p, (uintptr_t)p + len, false};

	dl_iterate_phdr(ro_segment, &pr);
	return pr.ro;
}

static struct hint_index *hint_build(const char *const *list)
{
	struct hint_index *ix;
	size_t n = 0;

	while (list[n])
		n++;
	if (n >= UINT16_MAX ||
	    !(ix = calloc(1, sizeof(*ix) + n * sizeof(ix->e[0]))))
		return NULL;
	if (!(ix->was = malloc((n + 1) * sizeof(*ix->was)))) {
		free(ix);
		return NULL;
	}
	memcpy(ix->was, list, (n + 1) * sizeof(*ix->was));
	ix->list = list;
	ix->n = n;
	ix->fixed = wn_read_only_(list, (n + 1) * sizeof(*list));
	for (size_t i = n; i-- > 0;) { /* chains in list order */
		size_t len = strlen(list[i]);
		uint16_t *h = len >= 2 ? &ix->head[hint_bucket(
						 (unsigned char)list[i][0],
						 (unsigned char)list[i][1])]
				       : &ix->shorts;

		if (len >= UINT16_MAX) {
			hint_free(ix);
			return NULL;
		}
		ix->e[i].len = (uint16_t)len;
		ix->e[i].next = *h;
		*h = (uint16_t)(i + 1);
	}
	return ix;
}

/* The index of list, made on first use; NULL when there is no room. */
static const struct hint_index *hint_index(const char *const *list)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)list >> 3) *
				    UINT64_C(0x9E3779B97F4A7C15) >>
			    56);
	struct hint_index *mine = NULL;

	for (size_t probe = 0; probe < HINT_SLOTS; probe++) {
		_Atomic(struct hint_index *) *slot =
			&hint_slots[(h + probe) & (HINT_SLOTS - 1)];
		struct hint_index *cur =
			atomic_load_explicit(slot, memory_order_acquire);

		if (!cur) {
			if (!mine && !(mine = hint_build(list)))
				return NULL;
			mine->slot = (unsigned)((h + probe) & (HINT_SLOTS - 1));
			if (atomic_compare_exchange_strong_explicit(
				    slot, &cur, mine, memory_order_acq_rel,
				    memory_order_acquire))
				return mine;
			/* another thread took the slot: cur is its index */
		}
		if (cur->list == list) {
			const char *const *was = cur->was;
			size_t i = 0;

			hint_free(mine);
			if (cur->fixed)
				return cur;
			/* up to the first change: the list may be shorter */
			while (i < cur->n && list[i] == was[i])
				i++;
			return i == cur->n && !list[i] ? cur : NULL;
		}
	}
	hint_free(mine);
	return NULL;
}

/* Does token p[0..k) hold one of the needles? */
static bool token_has_any(const char *p, size_t k, const struct hint_index *ix,
			  const char *const *needles, bool word)
{
	if (!ix) {
		for (const char *const *s = needles; *s; s++)
			if (token_has(p, k, *s, word))
				return true;
		return false;
	}
	if (k >= 2) {
		unsigned char b = lower[(unsigned char)p[0]];

		for (size_t i = 0; i + 1 < k; i++) {
			unsigned char a = b;

			b = lower[(unsigned char)p[i + 1]];
			for (unsigned j = ix->head[hint_bucket_lc(a, b)]; j;
			     j = ix->e[j - 1].next)
				if (match_at(p, k, i, needles[j - 1],
					     ix->e[j - 1].len, word))
					return true;
		}
	}
	for (unsigned j = ix->shorts; j; j = ix->e[j - 1].next)
		if (token_has(p, k, needles[j - 1], word))
			return true;
	return false;
}

/*
 * Answers remembered.  Pages repeat their class values ("col-md-6",
 * "post__title") on many elements, and steps ask every element: each
 * thread remembers, for the values it has seen, which lists they hit.
 * An entry is the value (its text, in an arena), a list's slot and the
 * word flag, and the answer.  When the table is three quarters full or
 * the arena is, both are emptied and filling starts again.
 */
#define MEMO_SLOTS (1u << 12) /* 64 KB: a probe, most often a cache miss */
#define MEMO_ARENA (1u << 20)
#define MEMO_LONG  2048u /* longer values are not remembered */

struct memo_ent {
	uint64_t hash;
	uint32_t off;      /* of the value in the arena */
	uint16_t len;      /* 0: an empty entry */
	uint16_t key : 15; /* 2 * slot + word */
	uint16_t hit : 1;
};

/*
 * Token answers.  A value the memo has not seen is mostly made of
 * tokens seen before, in other values or asked of other lists: a page
 * has a few hundred tokens, and each is asked of a dozen lists (every
 * step has its own).  Each thread keeps, for the tokens it met, which
 * lists hold a needle found in them, anywhere or as a word, and whether
 * they are taxonomy or hash tokens.  A new token is looked for in one
 * pass over the needles of all the lists met so far (a union index of
 * them by their first two bytes, with copies of the needles); a list met
 * after a token was answered is asked of it on its own.  Only lists in
 * read-only memory are joined (the others may change: value_scan asks
 * them).  When the table is three quarters full or the arena is, both
 * are emptied.
 */
#define TOK_SLOTS    4096u
#define TOK_ARENA    (1u << 18)
#define TOK_LONG     256u /* longer tokens are not kept */
#define TOK_TAXONOMY 0x1u
#define TOK_HASH     0x2u
#define UNION_LISTS  64u /* lists joined, at most: a bit each */
#define UNION_NONE   0xffu /* not joined yet */
#define UNION_NEVER  0xfeu /* not to be joined */

struct tok_ent {
	uint64_t hash; /* 0: an empty entry */
	uint32_t off;  /* of the token in the arena */
	uint16_t len;
	uint8_t flags; /* TOK_ */
	uint64_t done; /* the lists answered, by their bit in the union */
	uint64_t any;  /* those with a needle in the token */
	uint64_t word; /* ... as a whole word of it */
};

/*
 * Value answers.  The memo above answers a value for one list at a
 * time: a page's values are asked of a dozen lists, by as many steps,
 * each a miss and a walk over the value's tokens.  For the lists joined
 * in the union, each thread keeps instead, for the values it has seen,
 * the answers of all of them at once (a bit each, as the tokens do):
 * one walk over the tokens answers every list, and one entry is all a
 * value takes.  Emptied as the memo is.
 *
 * The text node of a class or id read in place files where its value's
 * entry is, in its _private, with the stamp of the table's filling: an
 * element asked again by the next list, or the next step, finds its
 * answers without measuring, hashing and comparing the value again.  A
 * text node's content changes only with the node (xmlSetProp makes a
 * new one, zeroed) or by wn_run_set_text and its undoing, which clear
 * the mark; stamps are unique across threads and fillings.
 */
#define VAL_SLOTS 2048u
#define VAL_ARENA (1u << 18)

struct val_ent {
	uint64_t hash; /* 0: an empty entry */
	uint32_t off;  /* of the value in the arena */
	uint32_t len;
	uint64_t done; /* the lists answered, by their bit in the union */
	uint64_t any;  /* those with a needle in a token */
	uint64_t word; /* ... as a whole word of one */
};

#define UNION_BUCKETS 4096u

struct union_ent {
	uint32_t off;          /* of the needle in text */
	uint32_t next;         /* 1 + next entry of the bucket, 0 none */
	uint32_t pre, mask;    /* its first four bytes (fewer: masked) */
	uint16_t len;
	unsigned char bit;     /* its list's */
	unsigned char c0, c1; /* its first two bytes, lower case */
};

struct hint_union {
	unsigned char bit[HINT_SLOTS]; /* a list's bit, by its slot */
	uint64_t has;                  /* the bits given */
	unsigned nbits;
	uint32_t head[UNION_BUCKETS];
	uint32_t shorts; /* needles of under two bytes */
	struct union_ent *e;
	size_t n, cap;
	char *text; /* the needles in lower case, NUL-terminated */
	size_t used, textcap;
};

/*
 * Folds kept.  Most steps fold the opening of every block, in their own
 * walks, at their own caps: the same blocks, again and again.  While a
 * step runs (the text-length cache is on), the fold of an element is
 * kept once made, before its end is trimmed, so that the fold at any cap
 * up to the one it was made at can be cut from it (wn_text_fold_cut_),
 * and at any cap at all when it holds all the text (most blocks are
 * short).  It is made at the cap asked, FOLD_AT at least, and again at
 * a larger cap when one is asked.  A kept fold holds while the
 * element's text does: it is kept only for an element with a live
 * text-length entry, marked WN_NODE_FOLDED, and a change below the
 * element clears the mark with the entry (wn_text_cache_dirty_); the
 * generation the fold was made in must be the document's (a rollback
 * changes it).  A node made later at the same address has no mark.  One
 * slot per address hash: a fold is made again when another took its
 * slot.
 */
#define FOLD_STORE 2048u /* the largest cap a fold is kept at */
#define FOLD_AT    256u  /* the least */
#define FOLD_SLOTS 4096u
#ifndef FOLD_BUDGET
#define FOLD_BUDGET (512u * 1024) /* bytes all the slots' folds may hold */
#endif

struct fold_ent {
	const xmlNode *node;
	uint32_t gen;
	uint32_t at;      /* the cap raw was made at */
	bool whole;       /* raw is the fold of all the text */
	size_t len, good; /* raw bytes; the trimmed length, when whole */
	size_t cap;       /* of raw */
	char *raw;
};

/*
 * Texts kept.  Steps ask for the whole text of the same blocks, one
 * after another (dupes, nav, content), and fold the openings of the
 * same blocks (fold_collect): each walked the block's subtree again.
 * The text of an element is kept as folds are, and on the same terms:
 * only for an element with a live text-length entry, marked
 * WN_NODE_TEXTED, which a change below the element clears with the
 * entry; the generation must be the document's.  The entry's length is
 * the text's, known before the walk: texts longer than TEXT_KEEP_MAX
 * are not kept, and all the slots hold at most TEXT_BUDGET bytes.
 */
#define TEXT_SLOTS 4096u
#define TEXT_KEEP_MAX 65536u
#ifndef TEXT_BUDGET
#define TEXT_BUDGET (1024u * 1024)
#endif

struct text_ent {
	const xmlNode *node;
	uint32_t gen;
	size_t len, cap;
	char *data;
};

/* The blocks of the element wn_blocks listed last while a step ran,
 * kept for the next step that asks while the tree has not changed: the
 * document's generation and count of changes are as they were. */
struct blocks_kept {
	const xmlNode *root;
	uint32_t gen, mods;
	xmlNodePtr *v;
	size_t n, cap;
	/* and the last wn_node_prose_len, the same way */
	const xmlNode *prose_root;
	uint32_t prose_gen, prose_mods;
	size_t prose;
};

/* What a thread keeps between calls: the answers remembered, the
 * buffer wn_node_fold collects text in and the folds kept. */
struct dom_tls {
	struct memo_ent *tab;
	char *arena;
	size_t used, n;
	struct wn_buf fold;
	struct tok_ent *toks;   /* TOK_SLOTS, the token answers */
	char *tok_arena;
	size_t tok_used, tok_n;
	struct hint_union *uni;
	struct val_ent *vals;   /* VAL_SLOTS, the value answers */
	char *val_arena;
	size_t val_used, val_n;
	uint32_t val_stamp;     /* the entries' filling (val_stamp_new) */
	struct fold_ent *folds; /* FOLD_SLOTS, wn_node_fold's */
	struct text_ent *texts; /* TEXT_SLOTS, wn_node_text's */
	size_t text_bytes;      /* held by the slots' texts */
	struct blocks_kept blocks;
	char *fold_raw;         /* FOLD_STORE bytes, a fold being made */
	size_t fold_bytes;      /* held by the slots' folds */
	bool keyed;             /* freed when the thread ends */
};

static _Thread_local struct dom_tls tls WN_TLS_FAST;

/* A thread that ends frees what it kept (the key's value is its
 * struct dom_tls). */
static void tls_free(void *m)
{
	struct dom_tls *t = m;

	free(t->tab);
	free(t->arena);
	free(t->toks);
	free(t->tok_arena);
	free(t->vals);
	free(t->val_arena);
	t->vals = NULL;
	t->val_arena = NULL;
	if (t->uni) {
		free(t->uni->e);
		free(t->uni->text);
	}
	free(t->uni);
	t->toks = NULL;
	t->tok_arena = NULL;
	t->uni = NULL;
	wn_buf_free(&t->fold);
	if (t->folds)
		for (size_t i = 0; i < FOLD_SLOTS; i++)
			free(t->folds[i].raw);
	free(t->folds);
	if (t->texts)
		for (size_t i = 0; i < TEXT_SLOTS; i++)
			free(t->texts[i].data);
	free(t->texts);
	t->texts = NULL;
	t->text_bytes = 0;
	free(t->fold_raw);
	free(t->blocks.v);
	t->blocks = (struct blocks_kept){0};
	t->fold_raw = NULL;
	t->fold_bytes = 0;
	t->tab = NULL;
	t->arena = NULL;
	t->folds = NULL;
}

/* Have the thread's struct dom_tls freed when the thread ends; false
 * when that cannot be arranged (then nothing is kept). */
static bool tls_keep(void)
{
	return tls.keyed || (tls.keyed = wn_at_thread_exit_(tls_free, &tls));
}

static bool memo_open(void)
{
	if (!tls_keep())
		return false;
	tls.tab = calloc(MEMO_SLOTS, sizeof(*tls.tab));
	tls.arena = malloc(MEMO_ARENA);
	if (!tls.tab || !tls.arena) {
		free(tls.tab);
		free(tls.arena);
		tls.tab = NULL;
		tls.arena = NULL;
		return false;
	}
	return true;
}

/* The hash of p[0..len) mixed with key, never 0. */
static inline uint64_t memo_hash(const char *p, size_t len, unsigned key)
{
	uint64_t h = 0x9E3779B97F4A7C15ull * (key + 1) ^ len;

	while (len >= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t w = 0;

		memcpy(&w, p, len);
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	}
	h ^= h >> 29;
	return h | 1;
}

static bool value_scan(const char *p, const char *const *needles,
		       const struct hint_index *ix, bool word);

static inline unsigned union_bucket(unsigned char a, unsigned char b)
{
	return ((unsigned)a * 131u + b) & (UNION_BUCKETS - 1);
}

/* Join the needles of list ix to the thread's union; false when out of
 * memory. */
static bool union_join(const struct hint_index *ix)
{
	struct hint_union *u = tls.uni;
	size_t text = 0;
	bool empty = false;

	if (!u) {
		if (!(u = tls.uni = calloc(1, sizeof(*u))))
			return false;
		memset(u->bit, UNION_NONE, sizeof(u->bit));
	}
	/* The empty needle is found at the end of a token when what
	 * follows it is a space or the end of the value, not another white
	 * space: no answer of the token alone. */
	for (size_t i = 0; i < ix->n; i++) {
		empty |= !ix->e[i].len;
		text += (size_t)ix->e[i].len + 1;
	}
	if (empty || u->nbits == UNION_LISTS) {
		u->bit[ix->slot] = UNION_NEVER;
		return false;
	}
	if (u->n + ix->n >= UINT32_MAX || u->used + text >= UINT32_MAX)
		return false;
	if (u->n + ix->n > u->cap) {
		size_t nc = 2 * (u->n + ix->n);
		struct union_ent *e = realloc(u->e, nc * sizeof(*e));

		if (!e)
			return false;
		u->e = e;
		u->cap = nc;
	}
	if (u->used + text > u->textcap) {
		size_t nc = 2 * (u->used + text);
		char *t = realloc(u->text, nc);

		if (!t)
			return false;
		u->text = t;
		u->textcap = nc;
	}
	for (size_t i = 0; i < ix->n; i++) {
		const char *s = ix->list[i];
		size_t len = ix->e[i].len;
		struct union_ent *e = &u->e[u->n];
		uint32_t *h = &u->shorts;

		char *lc = u->text + u->used;

		/* lower case: a needle matches where the token's bytes in
		 * lower case are the same (ascii_ieq) */
		for (size_t c = 0; c <= len; c++)
			lc[c] = (char)lower[(unsigned char)s[c]];
		*e = (struct union_ent){.off = (uint32_t)u->used,
					.len = (uint16_t)len,
					.bit = (unsigned char)u->nbits};
		for (size_t c = 0; c < 4 && c < len; c++) {
			e->pre |= (uint32_t)(unsigned char)lc[c] << (8 * c);
			e->mask |= UINT32_C(0xff) << (8 * c);
		}
		if (len >= 2) {
			e->c0 = lower[(unsigned char)s[0]];
			e->c1 = lower[(unsigned char)s[1]];
			h = &u->head[union_bucket(e->c0, e->c1)];
		}
		e->next = *h;
		*h = (uint32_t)++u->n;
		u->used += len + 1;
	}
	u->bit[ix->slot] = (unsigned char)u->nbits;
	u->has |= UINT64_C(1) << u->nbits++;
	return true;
}

/* Answer token p[0..k) for every list of the union, into t. */
static void union_scan(const char *p, size_t k, struct tok_ent *t)
{
	const struct hint_union *u = tls.uni;
	/* the token in lower case, and four bytes of room past it */
	unsigned char lc[TOK_LONG + 4] = {0};

	t->done = u->has;
	for (size_t i = 0; i < k; i++)
		lc[i] = lower[(unsigned char)p[i]];
	for (size_t i = 0; k >= 2 && i + 1 < k; i++) {
		uint32_t four = (uint32_t)lc[i] | (uint32_t)lc[i + 1] << 8 |
				(uint32_t)lc[i + 2] << 16 |
				(uint32_t)lc[i + 3] << 24;

		for (uint32_t j = u->head[union_bucket(lc[i], lc[i + 1])]; j;
		     j = u->e[j - 1].next) {
			const struct union_ent *e = &u->e[j - 1];
			const char *nd = u->text + e->off;
			size_t n = e->len;
			uint64_t m = UINT64_C(1) << e->bit;

			/* match_at, on the bytes in lower case */
			if ((four & e->mask) != e->pre || i + n > k ||
			    (t->word & m) ||
			    (n > 4 && memcmp(lc + i + 4, nd + 4, n - 4)))
				continue;
			t->any |= m;
			if ((i == 0 || !is_alnum(nd[0]) ||
			     edge(p[i - 1], p[i])) &&
			    (i + n == k || !is_alnum(nd[n - 1]) ||
			     edge(p[i + n - 1], p[i + n])))
				t->word |= m;
		}
	}
	for (uint32_t j = u->shorts; j; j = u->e[j - 1].next) {
		const struct union_ent *e = &u->e[j - 1];
		uint64_t m = UINT64_C(1) << e->bit;

		if (!(t->any & m) && token_has(p, k, u->text + e->off, false))
			t->any |= m;
		if (!(t->word & m) && token_has(p, k, u->text + e->off, true))
			t->word |= m;
	}
}

/* The answers kept for token p[0..k) (0 < k <= TOK_LONG), made now if
 * need be; NULL when out of memory. */
static struct tok_ent *tok_get(const char *p, size_t k)
{
	uint64_t h;
	struct tok_ent *t;
	size_t i;

	if (!tls.toks) {
		if (!tls_keep())
			return NULL;
		tls.toks = calloc(TOK_SLOTS, sizeof(*tls.toks));
		tls.tok_arena = malloc(TOK_ARENA);
		if (!tls.toks || !tls.tok_arena) {
			free(tls.toks);
			free(tls.tok_arena);
			tls.toks = NULL;
			tls.tok_arena = NULL;
			return NULL;
		}
	}
	h = memo_hash(p, k, 0);
	for (i = (size_t)(h >> 40) & (TOK_SLOTS - 1);;
	     i = (i + 1) & (TOK_SLOTS - 1)) {
		t = &tls.toks[i];
		if (!t->hash)
			break;
		if (t->hash == h && t->len == k &&
		    !memcmp(tls.tok_arena + t->off, p, k))
			return t;
	}
	if (tls.tok_n >= TOK_SLOTS / 4 * 3 || tls.tok_used + k > TOK_ARENA) {
		memset(tls.toks, 0, TOK_SLOTS * sizeof(*tls.toks));
		tls.tok_n = tls.tok_used = 0;
		for (i = (size_t)(h >> 40) & (TOK_SLOTS - 1); tls.toks[i].hash;
		     i = (i + 1) & (TOK_SLOTS - 1))
			;
		t = &tls.toks[i];
	}
	memcpy(tls.tok_arena + tls.tok_used, p, k);
	*t = (struct tok_ent){.hash = h,
			      .off = (uint32_t)tls.tok_used,
			      .len = (uint16_t)k,
			      .flags = (is_taxonomy(p, k) ? TOK_TAXONOMY : 0) |
				       (has_hash(p, k) ? TOK_HASH : 0)};
	tls.tok_used += k;
	tls.tok_n++;
	union_scan(p, k, t);
	return t;
}

/* The next class or id token of a value from *pp: its start, *k its
 * length (0: no more), *t its entry (NULL: too long to keep, or no
 * room); *pp moves past it. */
static inline const char *tok_next(const char **pp, size_t *k,
				   struct tok_ent **t)
{
	const char *q, *p = token_at(*pp, &q);

	*k = (size_t)(q - p);
	*t = *k && *k <= TOK_LONG ? tok_get(p, *k) : NULL;
	*pp = q;
	return p;
}

/* Answer token p[0..k) (entry t) for list bit m, if not yet: a list
 * joined after the token was answered. */
static void token_answer(struct tok_ent *t, const char *p, size_t k,
			 const struct hint_index *ix,
			 const char *const *needles, uint64_t m)
{
	if (t->done & m)
		return;
	if (token_has_any(p, k, ix, needles, false))
		t->any |= m;
	if (token_has_any(p, k, ix, needles, true))
		t->word |= m;
	t->done |= m;
}

/* value_scan, from the answers kept for the value's tokens: the same
 * answer.  ix is the index of needles, a list in read-only memory. */
static bool value_tokens(const char *p, const char *const *needles,
			 const struct hint_index *ix, bool word)
{
	uint64_t m;

	if ((!tls.uni || tls.uni->bit[ix->slot] == UNION_NONE) &&
	    !union_join(ix))
		return value_scan(p, needles, ix, word);
	if (tls.uni->bit[ix->slot] == UNION_NEVER)
		return value_scan(p, needles, ix, word);
	m = UINT64_C(1) << tls.uni->bit[ix->slot];
	for (;;) {
		size_t k;
		struct tok_ent *t;
		const char *tok = tok_next(&p, &k, &t);

		if (!k)
			break;
		if (!t) {
			/* as value_scan does */
			if (!is_taxonomy(tok, k) &&
			    !(word && has_hash(tok, k)) &&
			    token_has_any(tok, k, ix, needles, word))
				return true;
			continue;
		}
		if ((t->flags & TOK_TAXONOMY) ||
		    (word && (t->flags & TOK_HASH)))
			continue;
		token_answer(t, tok, k, ix, needles, m);
		if ((word ? t->word : t->any) & m)
			return true;
	}
	return false;
}

/* The answers of value p[0..k) for list bit m and for every list of
 * the union whose answers its tokens hold: *done gets those lists, *any
 * and *word their answers (value_tokens' for each).  ix is the list of
 * bit m. */
static void value_masks(const char *p, const char *const *needles,
			const struct hint_index *ix, uint64_t m,
			uint64_t *done, uint64_t *any, uint64_t *word)
{
	uint64_t d = tls.uni->has | m, a = 0, w = 0;

	for (;;) {
		size_t k;
		struct tok_ent *t;
		const char *tok = tok_next(&p, &k, &t);

		if (!k)
			break;
		if (!t) {
			/* as value_scan does, for list m alone */
			d &= m;
			if (!is_taxonomy(tok, k)) {
				if (token_has_any(tok, k, ix, needles, false))
					a |= m;
				if (!has_hash(tok, k) &&
				    token_has_any(tok, k, ix, needles, true))
					w |= m;
			}
			continue;
		}
		token_answer(t, tok, k, ix, needles, m);
		d &= t->done;
		if (!(t->flags & TOK_TAXONOMY)) {
			a |= t->any;
			if (!(t->flags & TOK_HASH))
				w |= t->word;
		}
	}
	*done = d;
	*any = a & d;
	*word = w & d;
}

/* value_has for a list of the union (bit m): from the thread's value
 * answers, made now if need be.  -1 when they cannot be kept. */
static uint32_t val_stamp_new(void)
{
	static _Atomic uint32_t next = 1;
	uint32_t s;

	while ((s = next++) == 0)
		;
	return s;
}

static int value_union(const char *p, size_t len, const char *const *needles,
		       const struct hint_index *ix, uint64_t m, bool word,
		       size_t *slot)
{
	uint64_t h, d, a, w;
	struct val_ent *e;
	size_t i;

	if (!tls.vals) {
		tls.vals = calloc(VAL_SLOTS, sizeof(*tls.vals));
		tls.val_arena = malloc(VAL_ARENA);
		if (!tls.vals || !tls.val_arena) {
			free(tls.vals);
			free(tls.val_arena);
			tls.vals = NULL;
			tls.val_arena = NULL;
			return -1;
		}
		tls.val_stamp = val_stamp_new();
	}
	h = memo_hash(p, len, 0);
	for (i = (size_t)(h >> 40) & (VAL_SLOTS - 1);;
	     i = (i + 1) & (VAL_SLOTS - 1)) {
		e = &tls.vals[i];
		if (!e->hash)
			break;
		if (e->hash == h && e->len == len &&
		    !memcmp(tls.val_arena + e->off, p, len)) {
			if (!(e->done & m)) {
				value_masks(p, needles, ix, m, &e->done,
					    &e->any, &e->word);
			}
			*slot = i;
			return !!((word ? e->word : e->any) & m);
		}
	}
	value_masks(p, needles, ix, m, &d, &a, &w);
	if (tls.val_n >= VAL_SLOTS / 4 * 3 ||
	    tls.val_used + len > VAL_ARENA) {
		memset(tls.vals, 0, VAL_SLOTS * sizeof(*tls.vals));
		tls.val_n = tls.val_used = 0;
		tls.val_stamp = val_stamp_new();
		for (i = (size_t)(h >> 40) & (VAL_SLOTS - 1);
		     tls.vals[i].hash; i = (i + 1) & (VAL_SLOTS - 1))
			;
		e = &tls.vals[i];
	}
	*slot = i;
	memcpy(tls.val_arena + tls.val_used, p, len);
	*e = (struct val_ent){.hash = h,
			      .off = (uint32_t)tls.val_used,
			      .len = (uint32_t)len,
			      .done = d,
			      .any = a,
			      .word = w};
	tls.val_used += len;
	tls.val_n++;
	return !!((word ? w : a) & m);
}

/* value_has, where p is the content of text node t (NULL: of none). */
static bool value_has_at(const char *p, xmlNode *t,
			 const char *const *needles, bool word)
{
	const struct hint_index *ix = hint_index(needles);
	size_t len, i;
	unsigned key;
	uint64_t h;
	struct memo_ent *e;
	bool hit;

	if (!ix || !*p)
		return value_scan(p, needles, ix, word);
	/* the lists of the union: all answered at once */
	if (ix->fixed && tls.uni && tls.uni->bit[ix->slot] < UNION_LISTS &&
	    t && t->_private && tls.vals) {
		uint64_t v = (uint64_t)(uintptr_t)t->_private;
		uint64_t m = UINT64_C(1) << tls.uni->bit[ix->slot];
		struct val_ent *ve = &tls.vals[(uint32_t)v & (VAL_SLOTS - 1)];

		if ((uint32_t)(v >> 32) == tls.val_stamp) {
			if (!(ve->done & m))
				value_masks(p, needles, ix, m, &ve->done,
					    &ve->any, &ve->word);
			return !!((word ? ve->word : ve->any) & m);
		}
	}
	if ((len = strlen(p)) > MEMO_LONG)
		return value_scan(p, needles, ix, word);
	if (ix->fixed && tls_keep() &&
	    ((tls.uni && tls.uni->bit[ix->slot] != UNION_NONE) ||
	     union_join(ix)) &&
	    tls.uni->bit[ix->slot] != UNION_NEVER) {
		size_t slot;
		int r = value_union(p, len, needles, ix,
				    UINT64_C(1) << tls.uni->bit[ix->slot],
				    word, &slot);

		if (r >= 0) {
			if (t && TEXT_CACHE)
				t->_private = (void *)(uintptr_t)(
					(uint64_t)tls.val_stamp << 32 | slot);
			return r;
		}
	}
	if (!tls.tab && !memo_open())
		return value_scan(p, needles, ix, word);
	key = 2 * ix->slot + word;
	h = memo_hash(p, len, key);
	for (i = (size_t)(h >> 40) & (MEMO_SLOTS - 1);;
	     i = (i + 1) & (MEMO_SLOTS - 1)) {
		e = &tls.tab[i];
		if (!e->len)
			break;
		if (e->hash == h && e->len == len && e->key == key &&
		    !memcmp(tls.arena + e->off, p, len))
			return e->hit;
	}
	hit = ix->fixed ? value_tokens(p, needles, ix, word)
			: value_scan(p, needles, ix, word);
	if (tls.n >= MEMO_SLOTS / 4 * 3 || tls.used + len > MEMO_ARENA) {
		memset(tls.tab, 0, MEMO_SLOTS * sizeof(*tls.tab));
		tls.n = tls.used = 0;
		for (i = (size_t)(h >> 40) & (MEMO_SLOTS - 1); tls.tab[i].len;
		     i = (i + 1) & (MEMO_SLOTS - 1))
			;
		e = &tls.tab[i];
	}
	memcpy(tls.arena + tls.used, p, len);
	*e = (struct memo_ent){.hash = h,
			       .off = (uint32_t)tls.used,
			       .len = (uint16_t)len,
			       .key = (uint16_t)key,
			       .hit = hit};
	tls.used += len;
	tls.n++;
	return hit;
}

/* Does a whitespace-separated token of attribute value p hold one of
 * the needles?  Taxonomy tokens do not count; a hash token holds no
 * word.  value_has asks the thread's memory first. */
static bool value_scan(const char *p, const char *const *needles,
		       const struct hint_index *ix, bool word)
{
	while (*p) {
		const char *q;
		size_t k;

		p = token_at(p, &q);
		k = (size_t)(q - p);
		if (k && !is_taxonomy(p, k) && !(word && has_hash(p, k)) &&
		    token_has_any(p, k, ix, needles, word))
			return true;
		p = q;
	}
	return false;
}

/* The text node attribute a's value is read in place from (as
 * attr_value reads it), or NULL. */
static inline xmlNode *in_place(const xmlAttr *a)
{
	xmlNode *t = a->children;

	return t && t->type == XML_TEXT_NODE && !t->next && t->content ? t
									: NULL;
}

bool wn_node_hint(const xmlNode *n, const char *const *needles, bool word)
{
	const char *v;
	xmlChar *copy;
	bool hit = false;

	const xmlAttr *cls = NULL, *id = NULL;

	/* asked for every element by most steps: the attributes are read
	 * where they are, not copied, the first class and the first id
	 * (as wn_attr_peek_ finds them) in one pass */
	if (n->type != XML_ELEMENT_NODE || !n->properties)
		return false;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->ns || !a->name)
			continue;
		if (a->name[0] == 'c' && !cls &&
		    !strcmp((const char *)a->name, "class"))
			cls = a;
		else if (a->name[0] == 'i' && a->name[1] == 'd' &&
			 !a->name[2] && !id)
			id = a;
	}
	if (cls) {
		v = attr_value(n, cls, &copy);
		hit = value_has_at(v, in_place(cls), needles, word);
		if (copy)
			xmlFree(copy);
	}
	if (!hit && id) {
		v = attr_value(n, id, &copy);
		hit = value_has_at(v, in_place(id), needles, word) &&
		      !id_is_slug(n, v);
		if (copy)
			xmlFree(copy);
	}
	return hit;
}

xmlNodePtr wn_node_box_of(const xmlNode *n, size_t max_text,
			  size_t max_before)
{
	const xmlNode *box = NULL, *c = n;
	size_t before = 0;

	for (const xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE;
	     c = a, a = a->parent) {
		if (xmlStrEqual(a->name, BAD_CAST "body") ||
		    xmlStrEqual(a->name, BAD_CAST "html") ||
		    xmlStrEqual(a->name, BAD_CAST "article") ||
		    xmlStrEqual(a->name, BAD_CAST "main") ||
		    wn_node_text_len(a) >= max_text)
			break;
		/* the text before n in a: what was before it in the
		 * child of a on the way, and before that child */
		for (const xmlNode *s = c->prev; s && before < max_before;
		     s = s->prev)
			before += wn_node_text_len(s);
		if (before >= max_before)
			break;
		box = a;
	}
	return (xmlNodePtr)box;
}

bool wn_node_attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *copy;
	const char *v, *e;
	size_t k = strlen(value);
	bool eq;

	if (n->type != XML_ELEMENT_NODE || !n->properties ||
	    !(v = wn_attr_peek_(n, name, &copy)))
		return false;
	while (is_space(*v))
		v++;
	e = v + strlen(v);
	while (e > v && is_space(e[-1]))
		e--;
	eq = (size_t)(e - v) == k && ascii_ieq(v, value, k);
	xmlFree(copy);
	return eq;
}

bool wn_node_hint_any(const xmlNode *node, const char *const *needles)
{
	return wn_node_hint(node, needles, false);
}

int wn_nodes_push(struct wn_nodes *l, xmlNodePtr n)
{
	if (wn_grow(&l->v, l->n, &l->cap, sizeof(*l->v), 16))
		return WN_ENOMEM;
	l->v[l->n++] = n;
	return 0;
}

void wn_nodes_free(struct wn_nodes *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* The slot of n in a table of cap (a power of two) slots: where it is
 * or the empty slot where it goes (linear probing). */
static size_t nodeset_slot(const xmlNode **slot, size_t cap, const xmlNode *n)
{
	uintptr_t h = (uintptr_t)n;
	size_t i;

	/* nodes are aligned: mix the bits above the alignment */
	h ^= h >> 17;
	h *= (uintptr_t)0x9e3779b97f4a7c15ull;
	i = (size_t)(h >> 7) & (cap - 1);
	while (slot[i] && slot[i] != n)
		i = (i + 1) & (cap - 1);
	return i;
}

int wn_nodeset_add(struct wn_nodeset *s, const xmlNode *n)
{
	size_t i;

	if (!n)
		return 0;
	/* at most half full */
	if (2 * (s->n + 1) > s->cap) {
		size_t nc = s->cap ? 2 * s->cap : 64;
		const xmlNode **t = calloc(nc, sizeof(*t));

		if (!t)
			return WN_ENOMEM;
		for (size_t k = 0; k < s->cap; k++)
			if (s->slot[k])
				t[nodeset_slot(t, nc, s->slot[k])] = s->slot[k];
		free(s->slot);
		s->slot = t;
		s->cap = nc;
	}
	i = nodeset_slot(s->slot, s->cap, n);
	if (s->slot[i])
		return 0;
	s->slot[i] = n;
	s->n++;
	return 1;
}

bool wn_nodeset_has(const struct wn_nodeset *s, const xmlNode *n)
{
	return n && s->cap && s->slot[nodeset_slot(s->slot, s->cap, n)] == n;
}

void wn_nodeset_free(struct wn_nodeset *s)
{
	free(s->slot);
	*s = (struct wn_nodeset){0};
}

bool wn_node_attached(const xmlNode *n)
{
	while (n && n->parent)
		n = n->parent;
	return n && (n->type == XML_HTML_DOCUMENT_NODE ||
		     n->type == XML_DOCUMENT_NODE);
}

void wn_unlink_(xmlNodePtr n)
{
	xmlNodePtr parent = n->parent;

	if (n->prev)
		n->prev->next = n->next;
	else if (parent)
		parent->children = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (parent)
		parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

void wn_link_before_(xmlNodePtr parent, xmlNodePtr next, xmlNodePtr n)
{
	n->parent = parent;
	n->next = next;
	if (next) {
		n->prev = next->prev;
		if (next->prev)
			next->prev->next = n;
		else
			parent->children = n;
		next->prev = n;
	} else {
		n->prev = parent->last;
		if (parent->last)
			parent->last->next = n;
		else
			parent->children = n;
		parent->last = n;
	}
}

bool wn_node_within(const xmlNode *n, const xmlNode *anc)
{
	for (; n; n = n->parent)
		if (n == anc)
			return true;
	return false;
}

static bool tag_in(const xmlNode *n, const char *const *tags)
{
	for (const char *const *t = tags; *t; t++)
		if (xmlStrEqual(n->name, BAD_CAST * t))
			return true;
	return false;
}

bool wn_node_has_descendant_tag(const xmlNode *node, const char *const *tags)
{
	for (const xmlNode *n = node->children; n;) {
		if (n->type == XML_ELEMENT_NODE) {
			if (tag_in(n, tags))
				return true;
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n != node && !n->next)
			n = n->parent;
		n = n == node ? NULL : n->next;
	}
	return false;
}

bool wn_node_has_ancestor_tag(const xmlNode *n, const char *const *tags)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (tag_in(n, tags))
			return true;
	return false;
}

/* A copy of the blocks kept for root in *out, if they hold; false
 * otherwise. */
static bool blocks_kept(const xmlNode *root, xmlNodePtr **out, size_t *nout)
{
	const struct blocks_kept *k = &tls.blocks;

	if (!cache_doc || root->doc != cache_doc->xml || k->root != root ||
	    k->gen != cache_doc->gen || k->mods != cache_doc->mods || !k->v)
		return false;
	if (k->n && !(*out = malloc(k->n * sizeof(**out))))
		return false;
	if (k->n)
		memcpy(*out, k->v, k->n * sizeof(**out));
	*nout = k->n;
	return true;
}

/* Keep a copy of the blocks of root listed while a step runs. */
static void blocks_keep(const xmlNode *root, xmlNodePtr *v, size_t n)
{
	struct blocks_kept *k = &tls.blocks;

	if (!cache_doc || root->doc != cache_doc->xml || !tls_keep())
		return;
	k->root = NULL;
	if (n + 1 > k->cap) {
		xmlNodePtr *p = realloc(k->v, (n + 1) * sizeof(*p));

		if (!p)
			return;
		k->v = p;
		k->cap = n + 1;
	}
	if (n)
		memcpy(k->v, v, n * sizeof(*v));
	k->n = n;
	k->root = root;
	k->gen = cache_doc->gen;
	k->mods = cache_doc->mods;
}

int wn_blocks(xmlNodePtr root, xmlNodePtr **out, size_t *nout)
{
	xmlNodePtr n, *arr = NULL;
	size_t len = 0, cap = 0;

	*out = NULL;
	*nout = 0;
	if (!root)
		return 0;
	/* most steps list the blocks of the body, most of them after a
	 * step that changed nothing */
	if (blocks_kept(root, out, nout))
		return 0;
	/* Pass 1, preorder: mark the elements holding a block descendant
	 * (outside hidden elements), each block marking the elements above
	 * it up to root or to one marked already, whose own are. */
	n = root->children;
	while (n) {
		bool down = false;

		if (n->type == XML_ELEMENT_NODE) {
			unsigned cls = el_class(n);

			if (!(cls & TAG_HIDDEN)) {
				for (xmlNodePtr p = n->parent;
				     (cls & TAG_BLOCK) && p &&
				     !(p->extra & WN_NODE_HASBLOCK);
				     p = p == root ? NULL : p->parent)
					p->extra |= WN_NODE_HASBLOCK;
				down = n->children != NULL;
			}
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	/* Pass 2, preorder: collect leaf blocks, clear the marks. */
	root->extra &= (unsigned short)~WN_NODE_HASBLOCK;
	n = wn_next_element(root, root, false);
	while (n) {
		bool skip = false;
		unsigned cls = el_class(n);

		if (cls & TAG_HIDDEN) {
			skip = true;
		} else if (n->extra & WN_NODE_HASBLOCK) {
			n->extra &= (unsigned short)~WN_NODE_HASBLOCK;
		} else if (cls & TAG_BLOCK) {
			if (len == cap) {
				size_t nc = cap ? cap * 2 : 64;
				xmlNodePtr *p = realloc(arr, nc * sizeof(*p));

				if (!p) {
					free(arr);
					/* leave no marks behind */
					for (xmlNodePtr m = n; m;
					     m = wn_next_element(m, root,
								 false))
						m->extra &=
							(unsigned short)~WN_NODE_HASBLOCK;
					return WN_ENOMEM;
				}
				arr = p;
				cap = nc;
			}
			arr[len++] = n;
			skip = true;
		}
		n = wn_next_element(n, root, skip);
	}
	*out = arr;
	*nout = len;
	blocks_keep(root, arr, len);
	return 0;
}

/*
 * Can something be kept for element node: is the cache on for it and
 * its text measured in this generation (*gen)?  The measure's entry goes
 * when its text changes, and what is kept with it.  *slot: node's slot
 * in a table of nslots (a power of two).
 */
static inline bool keep_slot(const xmlNode *node, size_t nslots,
			     uint32_t *gen, size_t *slot)
{
	uintptr_t h = (uintptr_t)node;

	if (!tl_cached(node, gen) ||
	    (uint64_t)(uintptr_t)node->_private >> 32 != *gen)
		return false;
	h ^= h >> 17;
	h *= (uintptr_t)0x9e3779b97f4a7c15ull;
	*slot = (h >> 7) & (nslots - 1);
	return true;
}

/* The kept text of element node, made now if need be and its text is
 * at most max bytes long; NULL when it is not kept. */
static const struct text_ent *text_kept(const xmlNode *node, size_t max)
{
	struct text_ent *e;
	uint32_t gen;
	size_t len, slot;
	struct wn_buf b;
	struct collapse c;

	if (!keep_slot(node, TEXT_SLOTS, &gen, &slot))
		return NULL;
	if (!tls.texts &&
	    (!tls_keep() ||
	     !(tls.texts = calloc(TEXT_SLOTS, sizeof(*tls.texts)))))
		return NULL;
	e = &tls.texts[slot];
	if ((node->extra & WN_NODE_TEXTED) && e->node == node && e->gen == gen)
		return e;
	len = (size_t)((uint64_t)(uintptr_t)node->_private & TL_LEN_MAX);
	if (len > max || len > TEXT_KEEP_MAX)
		return NULL;
	e->node = NULL;
	if (len + 1 > e->cap) {
		char *p;

		if (tls.text_bytes - e->cap + len + 1 > TEXT_BUDGET) {
			tls.text_bytes -= e->cap;
			free(e->data);
			e->data = NULL;
			e->cap = 0;
			return NULL;
		}
		if (!(p = realloc(e->data, len + 1)))
			return NULL;
		tls.text_bytes += len + 1 - e->cap;
		e->data = p;
		e->cap = len + 1;
	}
	/* the walk's text is len bytes long: it fits, with no call to
	 * grow the buffer */
	b = (struct wn_buf){.data = e->data, .cap = e->cap};
	c = (struct collapse){.out = &b};
	collapse_walk(node, &c, false);
	if (c.rc || b.data != e->data || b.len != len) {
		/* never so while the entry holds; the slot is left empty,
		 * holding what the walk grew */
		tls.text_bytes = tls.text_bytes - e->cap + b.cap;
		e->data = b.data;
		e->cap = b.cap;
		return NULL;
	}
	e->data[len] = '\0';
	e->node = node;
	e->gen = gen;
	e->len = len;
	((xmlNode *)node)->extra |= WN_NODE_TEXTED;
	return e;
}

int wn_node_text(const xmlNode *node, struct wn_buf *out)
{
	const struct text_ent *k = text_kept(node, SIZE_MAX);
	struct collapse c = {.out = out};

	if (k)
		c.rc = wn_buf_append(out, k->data, k->len);
	else
		collapse_walk(node, &c, false);
	if (!c.rc && !out->data)
		c.rc = wn_buf_append(out, "", 0);
	return c.rc;
}

#define FOLD_KEEP 65536 /* bytes of fold buffer a thread keeps */

/* Collect the text of node and fold it at cap (> 0) into out, without
 * trimming its end, as wn_text_fold_raw_: the raw length (0 when out of
 * memory before any fold; *oom says so).  The text is read only so far, and
 * further only when the fold used all that was read before filling up
 * (a long run of leading punctuation) -- a block's opening, not the
 * whole of it, for every block of every step.  *whole: the fold is of
 * all the text. */
static size_t fold_collect(const xmlNode *node, char *out, size_t cap,
			   size_t *good, bool *whole, bool *oom)
{
	struct wn_buf own = {0}, *t = tls_keep() ? &tls.fold : &own;
	size_t raw = 0, limit = 2 * cap + 64;
	const struct text_ent *k;

	*good = 0;
	*whole = true;
	*oom = false;
	/* The fold of the text read only so far is that of all the text
	 * as far as the fold goes (it reads the text in order): from the
	 * kept text, when there is one, or one of no more than the walk
	 * below might read. */
	if ((k = text_kept(node, limit))) {
		size_t used;

		if (!k->len)
			return 0;
		raw = wn_text_fold_raw_(k->data, k->len, out, cap, &used, good);
		*whole = used == k->len;
		return raw;
	}
	for (;;) {
		struct collapse c = {.out = t, .limit = limit};
		size_t used;

		t->len = 0;
		collapse_walk(node, &c, false);
		if (c.rc) {
			*oom = true;
			break;
		}
		if (!t->data || !t->len)
			break;
		raw = wn_text_fold_raw_(t->data, t->len, out, cap, &used, good);
		*whole = !c.stopped && used == t->len;
		if (!c.stopped || used < t->len || limit > SIZE_MAX / 4)
			break;
		limit *= 4;
	}
	if (t == &own || t->cap > FOLD_KEEP)
		wn_buf_free(t);
	return raw;
}

/* The kept fold of element node good for cap, made now if need be;
 * NULL when it cannot be kept. */
static const struct fold_ent *fold_kept(const xmlNode *node, size_t cap)
{
	struct fold_ent *e;
	uint32_t gen;
	size_t len, good, at, slot;
	bool whole, oom;

	if (!keep_slot(node, FOLD_SLOTS, &gen, &slot))
		return NULL;
	if (!tls.folds &&
	    (!tls_keep() ||
	     !(tls.folds = calloc(FOLD_SLOTS, sizeof(*tls.folds)))))
		return NULL;
	e = &tls.folds[slot];
	if ((node->extra & WN_NODE_FOLDED) && e->node == node &&
	    e->gen == gen && (e->whole || cap <= e->at))
		return e;
	/* made at a cap most asks are within: the fold of a long text
	 * reads twice the cap of it */
	at = cap < FOLD_AT ? FOLD_AT : cap;
	if (!tls.fold_raw && !(tls.fold_raw = malloc(FOLD_STORE)))
		return NULL;
	e->node = NULL;
	len = fold_collect(node, tls.fold_raw, at, &good, &whole, &oom);
	if (oom)
		return NULL;
	/* most folds are short: the slot keeps what it needs, while all
	 * the slots hold at most FOLD_BUDGET bytes (a page of long blocks
	 * would grow every slot to FOLD_STORE); past it the slot gives its
	 * room back and the fold is made anew when asked again */
	if (len > e->cap) {
		char *p;

		if (tls.fold_bytes - e->cap + len > FOLD_BUDGET) {
			tls.fold_bytes -= e->cap;
			free(e->raw);
			e->raw = NULL;
			e->cap = 0;
			return NULL;
		}
		if (!(p = realloc(e->raw, len)))
			return NULL;
		tls.fold_bytes += len - e->cap;
		e->raw = p;
		e->cap = len;
	}
	if (len)
		memcpy(e->raw, tls.fold_raw, len);
	e->node = node;
	e->gen = gen;
	e->at = (uint32_t)at;
	e->whole = whole;
	e->len = len;
	e->good = good;
	((xmlNode *)node)->extra |= WN_NODE_FOLDED;
	return e;
}

size_t wn_node_fold(const xmlNode *node, char *out, size_t cap)
{
	const struct fold_ent *e;
	size_t good;
	bool whole, oom;

	if (!cap)
		return 0;
	if (cap <= FOLD_STORE && (e = fold_kept(node, cap)))
		return wn_text_fold_cut_(e->raw, e->len, e->whole, e->good,
					 out, cap);
	/* the last fold made (none: "") when the text ran out of memory */
	fold_collect(node, out, cap, &good, &whole, &oom);
	out[good] = '\0';
	return good;
}

/* Non-link text bytes of one inline sibling (a text node counts its
 * non-space bytes). */
static size_t plain_len(const xmlNode *n)
{
	size_t k = 0;

	if (n->type == XML_ELEMENT_NODE) {
		size_t all = wn_node_text_len(n);
		size_t links = wn_node_link_text_len(n);

		return (el_class(n) & TAG_HIDDEN) || links >= all ? 0
								 : all - links;
	}
	if (n->type != XML_TEXT_NODE || !n->content)
		return 0;
	for (const xmlChar *c = n->content; *c; c++)
		k += *c != ' ' && *c != '\t' && *c != '\n' && *c != '\r';
	return k;
}

#define LINE_TEXT_MAX 1024

size_t wn_node_line_text_len(const xmlNode *n)
{
	return wn_node_line_text_upto(n, LINE_TEXT_MAX);
}

size_t wn_node_line_text_upto(const xmlNode *n, size_t max)
{
	const xmlNode *x = n, *s;
	size_t words = 0;

	/* up to the inline node that sits in a block */
	while (x->parent && x->parent->type == XML_ELEMENT_NODE &&
	       !(el_class(x->parent) & TAG_BLOCK))
		x = x->parent;
	/* the line it is part of: its inline siblings up to a block */
	/* a line with thousands of inline siblings is counted only up to
	 * max: it is long, and walking all of it for each of them would be
	 * quadratic */
	for (s = x->prev;
	     s && words < max &&
	     !(s->type == XML_ELEMENT_NODE && (el_class(s) & TAG_BLOCK));
	     s = s->prev)
		words += plain_len(s);
	for (s = x->next;
	     s && words < max &&
	     !(s->type == XML_ELEMENT_NODE && (el_class(s) & TAG_BLOCK));
	     s = s->next)
		words += plain_len(s);
	if (x != n && plain_len(x) > plain_len(n))
		words += plain_len(x) - plain_len(n);
	return words;
}

size_t wn_node_prose_len(xmlNodePtr n)
{
	struct blocks_kept *k = &tls.blocks;
	xmlNodePtr *bs;
	size_t nb, sum = 0;

	/* asked of the body by the chain and by steps after it */
	if (cache_doc && n->doc == cache_doc->xml && k->prose_root == n &&
	    k->prose_gen == cache_doc->gen && k->prose_mods == cache_doc->mods)
		return k->prose;
	if (wn_blocks(n, &bs, &nb))
		return 0;
	for (size_t i = 0; i < nb; i++) {
		size_t len = wn_node_text_len(bs[i]);

		if (len >= WN_PROSE_MIN &&
		    wn_node_link_text_len(bs[i]) * 3 < len)
			sum += len;
	}
	free(bs);
	if (cache_doc && n->doc == cache_doc->xml && tls_keep()) {
		k->prose_root = n;
		k->prose_gen = cache_doc->gen;
		k->prose_mods = cache_doc->mods;
		k->prose = sum;
	}
	return sum;
}
