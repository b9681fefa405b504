/* SPDX-License-Identifier: MIT */
/*
 * hypstub: the kernel <-> HYP stub call numbers.
 *
 * The numbers are the ones Linux uses (arch/arm{,64}/include/asm/virt.h),
 * so a kernel written for Linux's stub calls this one unchanged.
 * Calls of hypstub's own, if any, live at HS_CALL_BASE and above, far from
 * the small numbers Linux uses or has proposed (3 and 4 are taken).
 */
#ifndef HYPSTUB_ABI_H
#define HYPSTUB_ABI_H

#define HVC_SET_VECTORS	  0
#define HVC_SOFT_RESTART  1
#define HVC_RESET_VECTORS 2

/* The one error value a stub call returns. */
#define HVC_STUB_ERR 0xbadca11

/* First number of hypstub's own calls: "HS" in the top half of 32 bits. */
#ifdef __ASSEMBLER__
#define HS_CALL_BASE 0x48530000
#else
#define HS_CALL_BASE 0x48530000UL
#endif

/*
 * HS_CALL_PARK: send the calling CPU back to hypstub's parking place
 * (docs/ABI.md). It waits there at EL2/HYP until a payload writes an
 * entry point to its release slot, and enters there as a CPU started
 * through the slot does. It does not return; through `hvc #n` with n != 0
 * it is no call (HVC_STUB_ERR). Served by the vectors' call path
 * (arch/<arch>/stub_vectors.S), not the C dispatcher.
 */
#define HS_CALL_PARK (HS_CALL_BASE + 0)

/* Alignment the architecture requires of VBAR_EL2 (bits [10:0] RES0). */
#define HS_VECTORS_ALIGN_ARM64 2048
/* SOFT_RESTART entry points must be instruction aligned. */
#define HS_ENTRY_ALIGN_ARM64 4

#endif
