/* SPDX-License-Identifier: MIT */
/*
 * Small shared pieces: error names, the growable buffer, diagnostics and
 * the text folding used for phrase matching by the steps.
 */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *wn_strerror(int err)
{
	switch (err) {
	case WN_OK:
		return "success";
	case WN_ENOMEM:
		return "out of memory";
	case WN_EINVAL:
		return "invalid argument";
	case WN_EIO:
		return "input/output error";
	case WN_EPARSE:
		return "cannot parse input";
	case WN_ELOAD:
		return "cannot load a module (a step or a backend)";
	case WN_EABI:
		return "plugin ABI mismatch";
	case WN_ESTEP:
		return "step failed";
	case WN_ENOTFOUND:
		return "not found";
	default:
		return "unknown error";
	}
}

char *wn_strndup_(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *wn_strdup_(const char *s)
{
	return wn_strndup_(s, strlen(s));
}

int wn_buf_append(struct wn_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1) {
			if (cap > SIZE_MAX / 2)
				return WN_ENOMEM;
			cap *= 2;
		}
		p = realloc(b->data, cap);
		if (!p)
			return WN_ENOMEM;
		b->data = p;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int wn_buf_puts(struct wn_buf *b, const char *s)
{
	return wn_buf_append(b, s, strlen(s));
}

void wn_buf_free(struct wn_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int wn_grow(void *arrayp, size_t n, size_t *cap, size_t size, size_t first)
{
	void *v, *p;
	size_t nc;

	if (n < *cap)
		return 0;
	nc = *cap ? 2 * *cap : (first ? first : 1);
	if (nc < n + 1)
		nc = n + 1;
	if (nc > SIZE_MAX / size)
		return WN_ENOMEM;
	memcpy(&v, arrayp, sizeof(v));
	p = realloc(v, nc * size);
	if (!p)
		return WN_ENOMEM;
	memcpy(arrayp, &p, sizeof(p));
	*cap = nc;
	return 0;
}

int wn_buf_printf_(struct wn_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return WN_EINVAL;
	if ((size_t)n < sizeof(small))
		return wn_buf_append(b, small, (size_t)n);
	{
		char *big = malloc((size_t)n + 1);
		int rc;

		if (!big)
			return WN_ENOMEM;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		rc = wn_buf_append(b, big, (size_t)n);
		free(big);
		return rc;
	}
}

static const char *const level_names[] = {"error", "warning", "info", "debug"};

void wn_vlog_(struct wn_ctx *ctx, enum wn_log_level lvl, const char *who,
	      const char *where, const char *fmt, va_list ap)
{
	FILE *f = ctx && ctx->log ? ctx->log : stderr;

	if (lvl >= WN_LOG_INFO && !(ctx && ctx->verbose))
		return;
	fputs("winnow: ", f);
	if (who && *who)
		fprintf(f, "%s: ", who);
	if (lvl != WN_LOG_ERROR)
		fprintf(f, "%s: ", level_names[lvl]);
	if (where)
		fprintf(f, "%s: ", where);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
}

void wn_log(struct wn_ctx *ctx, enum wn_log_level lvl, const char *who,
	    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wn_vlog_(ctx, lvl, who, NULL, fmt, ap);
	va_end(ap);
}

void wn_log_doc_(struct wn_ctx *ctx, enum wn_log_level lvl, const char *who,
		 const struct wn_doc *doc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wn_vlog_(ctx, lvl, who, doc ? wn_doc_name_peek(doc) : NULL, fmt, ap);
	va_end(ap);
}

/* ---- folding ------------------------------------------------------- */

static bool is_fold_punct(unsigned char c)
{
	return c < 0x80 && c != ' ' &&
	       !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		 (c >= '0' && c <= '9'));
}

size_t wn_utf8_dec_(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && n >= 2 && (s[1] & 0xc0) == 0x80) {
		*cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && n >= 3 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
		      (s[2] & 0x3fu);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && n >= 4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
		      ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

static size_t utf8_enc(unsigned cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static unsigned fold_cp(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 80;
	if (cp == 0xa0 || cp == 0x2009 || cp == 0x202f || cp == 0x200b)
		return ' ';
	if (cp == 0x2019 || cp == 0x2018)
		return '\'';
	return cp;
}

/* Characters dropped at the ends: ASCII punctuation, ellipsis, dashes,
 * quotes, bullets, arrows. */
static bool is_edge_junk(unsigned cp)
{
	if (cp < 0x80)
		return cp == ' ' || is_fold_punct((unsigned char)cp);
	return cp == 0x2026 || cp == 0x2013 || cp == 0x2014 || cp == 0x201c ||
	       cp == 0x201d || cp == 0x00ab || cp == 0x00bb || cp == 0x2022 ||
	       cp == 0x00b7 || (cp >= 0x2190 && cp <= 0x21ff) || cp == 0x203a ||
	       cp == 0x2039 || cp == 0x00a0 || cp == 0x00bf || cp == 0x00a1;
}

/* What the fold does with an ASCII byte, by table: asked for every byte
 * of the opening of every block by most steps. */
enum { FOLD_GOOD, FOLD_UPPER, FOLD_SPACE, FOLD_JUNK };

#define FK(c)                                                                  \
	((c) >= 'A' && (c) <= 'Z'         ? FOLD_UPPER                         \
	 : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9')           \
		 ? FOLD_GOOD                                                   \
	 : (c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' ||          \
			 (c) == '\f' || (c) == '\v'                            \
		 ? FOLD_SPACE                                                  \
		 : FOLD_JUNK)
#define FK4(c) FK(c), FK(c + 1), FK(c + 2), FK(c + 3)
#define FK16(c) FK4(c), FK4(c + 4), FK4(c + 8), FK4(c + 12)
static const unsigned char fold_kind[128] = {
	FK16(0),  FK16(16), FK16(32), FK16(48),
	FK16(64), FK16(80), FK16(96), FK16(112)};
#undef FK16
#undef FK4
#undef FK

/* Eight bytes at once, in a uint64_t with the first in its low byte:
 * the fold of plain ASCII words, below. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FOLD_WORDS 1
#define BYTES(c)   (UINT64_C(0x0101010101010101) * (c))

/* Of bytes all under 0x80: the high bit of each from lo to hi (< 0x80);
 * no carry nor borrow crosses a byte. */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
	return (x + BYTES(0x80 - lo)) & (BYTES(0x80 + hi) - x) & BYTES(0x80);
}

/* The fold of the 8 bytes at s onto out + *o, when they are ASCII words
 * parted by single spaces and end in a word, so that the fold is the
 * bytes themselves in lower case, after the space due if any: what
 * fold_raw's loop makes of them one at a time once *o > 0 (no leading
 * junk to drop).  False, nothing written, when they are not so. */
static inline bool fold_word(const unsigned char *s, char *out, size_t *o,
			     bool *space, size_t *last_good)
{
	uint64_t x, sp, letters, good;
	size_t at = *o;

	memcpy(&x, s, 8);
	/* all from ' ' to 0x7f: no byte of UTF-8 (whose ~x bit is off),
	 * no control byte nor white space but ' ' */
	if (((x + BYTES(0x60)) & ~x & BYTES(0x80)) != BYTES(0x80))
		return false;
	/* a space goes out as it is only if a byte of a word follows */
	sp = (BYTES(0x80 + ' ') - x) & BYTES(0x80);
	if (sp & ((sp >> 8) | UINT64_C(0x80) << 56))
		return false;
	letters = bytes_in(x | BYTES(0x20), 'a', 'z');
	x |= letters >> 2; /* lower case: 0x20 set */
	/* the space due, unless the bytes start with it */
	if (*space && !(sp & 0x80))
		out[at++] = ' ';
	*space = false;
	memcpy(out + at, &x, 8);
	/* the fold is good up to its last letter or digit */
	good = letters | bytes_in(x, '0', '9');
	if (good)
		*last_good = at + (size_t)(63 - __builtin_clzll(good)) / 8 + 1;
	*o = at + 8;
	return true;
}
#undef BYTES
#else
#define FOLD_WORDS 0
#endif

size_t wn_text_fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t used;

	return wn_text_fold_used_(s, n, out, cap, &used);
}

/* The fold of s as far as cap allows, without the trim of its end:
 * *good is where the fold at that cap ends, the returned length how far
 * the output got (cap > 0).  No NUL is written. */
static inline size_t fold_raw(const char *s, size_t n, char *out, size_t cap,
			      size_t *used, size_t *good)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, last_good = 0;
	bool space = false;

	while (i < n && o + 5 < cap) {
		unsigned cp;
		size_t k;

		/* ASCII, most of most pages, without decoding and encoding:
		 * the same as below for a code point under 0x80 */
		if (p[i] < 0x80) {
			unsigned char c = p[i++], kind = fold_kind[c];
			bool junk = kind == FOLD_JUNK; /* is_fold_punct */

			if (kind == FOLD_SPACE) {
				space = o > 0;
				continue;
			}
			if (kind == FOLD_UPPER)
				c += 32;
			if (o == 0 && junk)
				continue;
			if (space) {
				out[o++] = ' ';
				space = false;
			}
			out[o++] = (char)c;
			if (!junk)
				last_good = o;
#if FOLD_WORDS
			/* most of a text is such words: 8 bytes at a time
			 * while the loop would take them all (it takes a
			 * byte while o + 5 < cap, the last at o + 8 at most) */
			while (n - i >= 8 && o + 13 < cap &&
			       fold_word(p + i, out, &o, &space, &last_good))
				i += 8;
#endif
			continue;
		}
		k = wn_utf8_dec_(p + i, n - i, &cp);
		i += k;
		cp = fold_cp(cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f' || cp == '\v') {
			space = o > 0;
			continue;
		}
		if (o == 0 && is_edge_junk(cp))
			continue;
		if (space) {
			out[o++] = ' ';
			space = false;
		}
		o += utf8_enc(cp, out + o);
		if (!is_edge_junk(cp))
			last_good = o;
	}
	*good = last_good;
	*used = i;
	return o;
}


size_t wn_text_fold_used_(const char *s, size_t n, char *out, size_t cap,
			  size_t *used)
{
	size_t good;

	*used = 0;
	if (!cap)
		return 0;
	fold_raw(s, n, out, cap, used, &good);
	out[good] = '\0';
	return good;
}

size_t wn_text_fold_raw_(const char *s, size_t n, char *out, size_t cap,
			 size_t *used, size_t *good)
{
	return fold_raw(s, n, out, cap, used, good);
}

/* Is the folded character at s (k bytes) one the fold trims from the
 * end?  A byte under 0x80 is never a space or an upper-case letter
 * here: the fold made those separators or lower case. */
static bool fold_junk(const char *s, size_t k)
{
	unsigned cp;

	if ((unsigned char)s[0] < 0x80)
		return fold_kind[(unsigned char)s[0]] == FOLD_JUNK;
	wn_utf8_dec_((const unsigned char *)s, k, &cp);
	return is_edge_junk(cp);
}

size_t wn_text_fold_cut_(const char *raw, size_t len, bool whole, size_t good,
			 char *out, size_t cap)
{
	size_t b, g;

	if (!cap)
		return 0;
	/* The fold at cap stops where a character starts (a space starts
	 * with the character after it) once the output reached cap - 5;
	 * every character before that one is as in raw. */
	b = cap > 5 ? cap - 5 : 0;
	while (b < len && (((unsigned char)raw[b] & 0xc0) == 0x80 ||
			   (b > 0 && raw[b - 1] == ' ')))
		b++;
	if (b >= len && whole) {
		g = good;
	} else {
		/* then the end is trimmed: spaces and edge junk */
		g = b < len ? b : len;
		while (g > 0) {
			size_t k = g - 1;

			while (k > 0 && ((unsigned char)raw[k] & 0xc0) == 0x80)
				k--;
			if (raw[k] != ' ' && !fold_junk(raw + k, g - k))
				break;
			g = k;
		}
	}
	if (g)
		memcpy(out, raw, g);
	out[g] = '\0';
	return g;
}

/*
 * Phrase lists, indexed.  The lists are long (a hundred phrases and
 * more), and every block of most steps is looked up in one or two: each
 * list gets, on first use, a table of its phrases by hash, for
 * wn_phrase_is, and chains of them by first byte, for wn_phrase_prefix.
 * Only lists in read-only memory are indexed (another may change:
 * those are searched phrase by phrase).  Indexes live as long as the
 * process, in a table filled without a lock (steps may run in several
 * threads), found by the list's address.
 */
#define PHRASE_LISTS 256u /* lists indexed, at most */

/* A slot of the table by hash: the phrase's hash and length beside its
 * place, so that a probe reads one line (a text is looked up in a list
 * it is seldom in). */
struct phrase_slot {
	uint64_t hash;
	uint32_t len;
	uint32_t at; /* 1 + the phrase, 0: an empty slot */
};

struct phrase_index {
	const char *const *list;
	bool fixed;           /* else not indexed: in writable memory */
	uint32_t mask;        /* of slot: a power of two, less one */
	size_t maxlen;        /* of the longest phrase: a longer text is none */
	struct phrase_slot *slot; /* by hash */
	size_t *len;          /* of each phrase */
	uint32_t first[256];  /* 1 + the first phrase of a first byte */
	uint32_t *next;       /* 1 + the next phrase of its first byte */
};

static _Atomic(struct phrase_index *) phrase_lists[PHRASE_LISTS];

static uint64_t phrase_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull ^ len;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h ^ h >> 31;
}

static void phrase_index_free(struct phrase_index *ix)
{
	if (!ix)
		return;
	free(ix->slot);
	free(ix->len);
	free(ix->next);
	free(ix);
}

static struct phrase_index *phrase_index_build(const char *const *list)
{
	struct phrase_index *ix = calloc(1, sizeof(*ix));
	size_t n = 0, cap = 16;

	if (!ix)
		return NULL;
	while (list[n])
		n++;
	ix->list = list;
	/* a list that may change is remembered as such, not indexed */
	if (!(ix->fixed = wn_read_only_(list, (n + 1) * sizeof(*list))))
		return ix;
	while (cap < 2 * n)
		cap *= 2;
	ix->mask = (uint32_t)(cap - 1);
	if (n >= UINT32_MAX / 4 || !(ix->slot = calloc(cap, sizeof(*ix->slot))) ||
	    !(ix->len = malloc((n + 1) * sizeof(*ix->len))) ||
	    !(ix->next = malloc((n + 1) * sizeof(*ix->next)))) {
		phrase_index_free(ix);
		return NULL;
	}
	for (size_t i = n; i-- > 0;) {
		unsigned char c = (unsigned char)list[i][0];
		uint64_t h;
		size_t j;

		ix->len[i] = strlen(list[i]);
		if (ix->len[i] > ix->maxlen)
			ix->maxlen = ix->len[i];
		h = phrase_hash(list[i], ix->len[i]);
		for (j = h & ix->mask; ix->slot[j].at; j = (j + 1) & ix->mask)
			;
		ix->slot[j] = (struct phrase_slot){
			.hash = h,
			.len = ix->len[i] > UINT32_MAX ? UINT32_MAX
						       : (uint32_t)ix->len[i],
			.at = (uint32_t)(i + 1)};
		ix->next[i] = ix->first[c];
		ix->first[c] = (uint32_t)(i + 1);
	}
	return ix;
}

/* The index of list, made on first use; NULL when the list is not in
 * read-only memory or there is no room. */
static const struct phrase_index *phrase_index(const char *const *list)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)list >> 3) *
				    UINT64_C(0x9E3779B97F4A7C15) >>
			    56);
	struct phrase_index *mine = NULL;

	for (size_t probe = 0; probe < PHRASE_LISTS; probe++) {
		_Atomic(struct phrase_index *) *slot =
			&phrase_lists[(h + probe) & (PHRASE_LISTS - 1)];
		struct phrase_index *cur =
			atomic_load_explicit(slot, memory_order_acquire);

		if (!cur) {
			if (!mine && !(mine = phrase_index_build(list)))
				return NULL;
			if (atomic_compare_exchange_strong_explicit(
				    slot, &cur, mine, memory_order_acq_rel,
				    memory_order_acquire))
				return mine->fixed ? mine : NULL;
			/* another thread took the slot: cur is its index */
		}
		if (cur->list == list) {
			phrase_index_free(mine);
			return cur->fixed ? cur : NULL;
		}
	}
	phrase_index_free(mine);
	return NULL;
}

bool wn_phrase_is(const char *folded, const char *const *phrases)
{
	const struct phrase_index *ix = phrase_index(phrases);
	size_t len;
	uint64_t h;

	if (!ix) {
		/* most phrases start with another letter than the text:
		 * the first byte rules them out without a call */
		for (; *phrases; phrases++)
			if (**phrases == *folded &&
			    strcmp(folded, *phrases) == 0)
				return true;
		return false;
	}
	/* most texts asked about are longer than any phrase: no hash */
	len = strnlen(folded, ix->maxlen + 1);
	if (len > ix->maxlen)
		return false;
	h = phrase_hash(folded, len);
	for (size_t j = h & ix->mask; ix->slot[j].at;
	     j = (j + 1) & ix->mask) {
		const struct phrase_slot *sl = &ix->slot[j];

		if (sl->hash == h && sl->len == len &&
		    !memcmp(phrases[sl->at - 1], folded, len))
			return true;
	}
	return false;
}

size_t wn_phrase_prefix(const char *folded, const char *const *phrases)
{
	const struct phrase_index *ix = phrase_index(phrases);
	size_t best = 0;

	if (!ix) {
		for (; *phrases; phrases++) {
			size_t k;

			/* or "", which is never the best */
			if (**phrases != *folded)
				continue;
			k = strlen(*phrases);
			if (k > best && strncmp(folded, *phrases, k) == 0 &&
			    (folded[k] == '\0' || folded[k] == ' ' ||
			     is_fold_punct((unsigned char)folded[k])))
				best = k;
		}
		return best;
	}
	/* the phrases that start with the text's first byte */
	for (uint32_t j = ix->first[(unsigned char)*folded]; j;
	     j = ix->next[j - 1]) {
		size_t k = ix->len[j - 1];

		if (k > best && strncmp(folded, phrases[j - 1], k) == 0 &&
		    (folded[k] == '\0' || folded[k] == ' ' ||
		     is_fold_punct((unsigned char)folded[k])))
			best = k;
	}
	return best;
}

/* ---- what a thread frees when it ends -------------------------------- */

/* The thread-local caches (dom.c's answers, select.c's token index): a
 * few, each registered once per thread. */
#define THREAD_EXITS 4

static _Thread_local struct thread_exits {
	size_t n;
	struct {
		void (*fn)(void *);
		void *obj;
	} v[THREAD_EXITS];
} exits;

static pthread_key_t exits_key;
static pthread_once_t exits_once = PTHREAD_ONCE_INIT;
static bool exits_keyed;

static void run_exits(void *m)
{
	struct thread_exits *x = m;

	while (x->n) {
		x->n--;
		x->v[x->n].fn(x->v[x->n].obj);
	}
}

static void exits_key_make(void)
{
	exits_keyed = pthread_key_create(&exits_key, run_exits) == 0;
}

bool wn_at_thread_exit_(void (*fn)(void *), void *obj)
{
	pthread_once(&exits_once, exits_key_make);
	if (!exits_keyed || exits.n == THREAD_EXITS ||
	    (!exits.n && pthread_setspecific(exits_key, &exits)))
		return false;
	exits.v[exits.n].fn = fn;
	exits.v[exits.n++].obj = obj;
	return true;
}
