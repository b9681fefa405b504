// SPDX-License-Identifier: MIT
/*
 * The stub's configuration, which the shim writes before the copy: among
 * it the console the crash report prints on (stub/output.c).
 */
#include "stub.h"

#include <stddef.h>

struct hs_stub_config hs_stub_config;

_Static_assert(offsetof(struct hs_stub_config, cpu_table) == HS_STUB_CONFIG_CPU_TABLE,
	       "hs_stub_config.cpu_table");
