/* SPDX-License-Identifier: MIT */
/*
 * dupes: remove a block that repeats an earlier one (the title printed
 * twice) and a truncated copy of a neighbouring block ending in "..." or
 * "…" (an excerpt printed before the full lede), keeping the full copy.
 * Blocks are compared on their folded text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <winnow/plugin.h>

#define MIN_REPEAT 15    /* bytes: shorter repeats ("Share", "1") stay */
#define MIN_TRUNCATED 20 /* bytes of text before the ellipsis */
#define NEIGHBOURS 3     /* blocks looked at on each side */

struct blk {
	xmlNodePtr node;
	char *fold;
	size_t flen;
	bool ellipsis;
	bool gone;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* Open-addressing set of block indices keyed by folded text. */
struct seen {
	size_t *slot; /* index + 1; 0 is empty */
	size_t cap;
};

static bool seen_add(struct seen *s, const struct blk *bs, size_t i)
{
	size_t m = s->cap - 1;
	size_t at = (size_t)hash(bs[i].fold, bs[i].flen) & m;

	while (s->slot[at]) {
		const struct blk *o = &bs[s->slot[at] - 1];

		if (o->flen == bs[i].flen &&
		    !memcmp(o->fold, bs[i].fold, o->flen))
			return false; /* already there */
		at = (at + 1) & m;
	}
	s->slot[at] = i + 1;
	return true;
}

/* Is block i a truncated copy of a neighbour? */
static bool truncated_copy(const struct blk *bs, size_t n, size_t i)
{
	size_t lo = i > NEIGHBOURS ? i - NEIGHBOURS : 0;
	size_t hi = i + NEIGHBOURS < n ? i + NEIGHBOURS : n - 1;

	if (!bs[i].ellipsis || bs[i].flen < MIN_TRUNCATED)
		return false;
	for (size_t j = lo; j <= hi; j++) {
		if (j == i || bs[j].gone || bs[j].flen <= bs[i].flen)
			continue;
		if (!memcmp(bs[j].fold, bs[i].fold, bs[i].flen))
			return true;
	}
	return false;
}

static int dupes_run(void *inst, struct wn_run *run)
{
	xmlNodePtr *nodes;
	size_t nb, i;
	struct blk *bs;
	struct seen seen = {0};
	struct wn_buf t = {0};
	int rc = wn_blocks(wn_run_body(run), &nodes, &nb);

	(void)inst;
	if (rc)
		return rc;
	bs = calloc(nb ? nb : 1, sizeof(*bs));
	for (seen.cap = 16; seen.cap < nb * 2; seen.cap *= 2)
		;
	seen.slot = calloc(seen.cap, sizeof(*seen.slot));
	if (!bs || !seen.slot)
		rc = WN_ENOMEM;
	for (i = 0; i < nb && !rc; i++) {
		t.len = 0;
		rc = wn_node_text(nodes[i], &t);
		if (rc)
			break;
		bs[i].node = nodes[i];
		bs[i].fold = malloc(t.len + 8);
		if (!bs[i].fold) {
			rc = WN_ENOMEM;
			break;
		}
		bs[i].flen = wn_text_fold(t.data ? t.data : "", t.len,
					  bs[i].fold, t.len + 8);
		bs[i].ellipsis =
			t.len >= 3 && (!strcmp(t.data + t.len - 3, "...") ||
				       !strcmp(t.data + t.len - 3,
					       "\xe2\x80\xa6"));
	}
	for (i = 0; i < nb && !rc; i++) {
		if (truncated_copy(bs, nb, i)) {
			bs[i].gone = true;
			rc = wn_run_remove(run, bs[i].node);
		} else if (bs[i].flen >= MIN_REPEAT && !seen_add(&seen, bs, i)) {
			bs[i].gone = true;
			rc = wn_run_remove(run, bs[i].node);
		}
	}
	for (i = 0; bs && i < nb; i++)
		free(bs[i].fold);
	free(bs);
	free(seen.slot);
	free(nodes);
	wn_buf_free(&t);
	return rc;
}

WN_PLUGIN_DEFINE(dupes, .version = "1.0",
		 .summary = "remove repeated blocks and truncated copies of "
			    "their neighbours",
		 .license = "MIT", .caps = WN_CAP_MUTATES, .run = dupes_run);
