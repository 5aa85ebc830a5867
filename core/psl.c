/* SPDX-License-Identifier: MIT */
/*
 * The "psl" backend (backend.c): libpsl's public suffix list, for the
 * registrable domain of a page's host (site rules for example.co.uk
 * apply on www.example.co.uk) and to refuse site patterns that are
 * public suffixes.  The latest list on the system, else libpsl's own.
 */
#include <config.h>

#include <libpsl.h>

#include "internal.h"

static void *open_list(void)
{
	return psl_latest(NULL);
}

static void close_list(void *psl)
{
	psl_free(psl);
}

static bool is_public_suffix(void *psl, const char *host)
{
	return psl_is_public_suffix2(psl, host, PSL_TYPE_ICANN) != 0;
}

static const char *registrable(void *psl, const char *host)
{
	return psl_registrable_domain(psl, host);
}

WN_API const struct wn_psl_ops wn_psl_ops_ = {open_list, close_list,
					      is_public_suffix, registrable};
