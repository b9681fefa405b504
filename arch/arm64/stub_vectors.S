/* SPDX-License-Identifier: MIT */
/*
 * The stub's EL2 vector table and its call path. Only `hvc` from AArch64
 * EL1 is served; every other slot reports a crash.
 *
 * The stub's C is built with x4-x18 fixed (arch.mk), so a call can only
 * change x0-x3 and x30 (C keeps x19-x29 itself): the call path saves
 * those five, plus x4 for SOFT_RESTART to read, and every register but
 * x0 comes back as it was.
 *
 * The table is 2 KiB of 128-byte slots that mostly hold a four-instruction
 * jump; the code they jump to lives in the free space of slots 0 and 9,
 * which keeps the whole stub within 4 KiB.
 */
#include <arch/crash_entry.S.inc>

/* struct hs_frame: x0..x4, x30. */
#define HS_FRAME_SIZE (6 * 8)

	.section .text.hs_vectors, "ax"
	.balign 2048
	.global hs_stub_vectors
hs_stub_vectors:
	crash_vector 0, 2
	/* Free space in slot 0: the common crash path. */
	.global hs_crash_entry_el2
hs_crash_entry_el2:
	crash_entry_body 2

	crash_vector 1, 2
	crash_vector 2, 2
	crash_vector 3, 2
	crash_vector 4, 2
	crash_vector 5, 2
	crash_vector 6, 2
	crash_vector 7, 2

	/* Synchronous from AArch64 EL1: the call path, all within its slot. */
	.balign 128
	sub	sp, sp, #HS_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x30, [sp, #32]
	mov	x0, sp
	bl	hs_stub_sync
	cbnz	x0, hs_stub_not_a_call
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldr	x30, [sp, #40]
	add	sp, sp, #HS_FRAME_SIZE
	eret

	crash_vector 9, 2
	/* Free space in slot 9: a trap that is not a call is a crash (slot 8). */
hs_stub_not_a_call:
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldr	x30, [sp, #40]
	add	sp, sp, #HS_FRAME_SIZE
	sub	sp, sp, #HS_CRASH_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #8
	b	hs_crash_entry_el2

	crash_vector 10, 2
	crash_vector 11, 2
	crash_vector 12, 2
	crash_vector 13, 2
	crash_vector 14, 2
	crash_vector 15, 2
