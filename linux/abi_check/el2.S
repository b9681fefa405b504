/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* The shared checks' arm64 layer and EL2 blob (tests/abi/arm64/abi_el2.S, MIT), as they are. */
#include "arm64/abi_el2.S"
