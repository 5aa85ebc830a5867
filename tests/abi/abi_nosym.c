/* SPDX-License-Identifier: MIT */
/* A module without a descriptor: the loader must refuse it. */
#include <winnow/plugin.h>

WN_API extern int abi_nosym_something;
int abi_nosym_something = 42;
