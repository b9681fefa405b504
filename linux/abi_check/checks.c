// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* The shared checks (tests/abi/abi_checks.c, MIT), built into the module as they are. */
#include "abi_checks.c"
