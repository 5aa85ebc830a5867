/* SPDX-License-Identifier: MIT */
/*
 * winnow --check-rules: parse a rule set (Full-Text RSS site configs and
 * winnow's Lua site scripts) and report on it.  Part of the command, not
 * of libwinnow.
 */
#ifndef WINNOW_RULES_H
#define WINNOW_RULES_H

#include <stdbool.h>
#include <stdio.h>

#include <winnow/winnow.h>

/*
 * Check every DIR/ *.txt as an FTR config (XPath compiled) and every
 * DIR/ *.lua and DIR/sites/ *.lua as a site script loaded on a throwaway
 * chain of ctx.  Problems go to stderr as "winnow: FILE:LINE: ..."
 * (notes only with `verbose`); the summary goes to `out`.  Returns the
 * number of errors, or a negative WN_E* value when DIR cannot be read.
 */
int wn_rules_check(struct wn_ctx *ctx, const char *dir, bool verbose,
		   FILE *out);

#endif
