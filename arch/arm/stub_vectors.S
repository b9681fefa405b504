/* SPDX-License-Identifier: MIT */
/*
 * The stub's HYP vector table and its call path. Only `hvc` from a lower
 * mode arrives at the HYP trap vector as a call; every other exception,
 * and a HYP trap that is not `hvc`, reports a crash.
 *
 * C may change r0-r3, ip and lr (HYP mode shares lr with USR/SYS), so the
 * call path saves exactly those six and every register but r0 comes back
 * as it was (the ABI would allow r0-r3 and ip to be lost).
 */
#include <arch/crash_entry.S.inc>

	.arm
	.syntax unified
	.section .text.hs_vectors, "ax"
	.balign 32
	.global hs_stub_vectors
hs_stub_vectors:
	b	hs_crash_v0		@ 0x00: not used in HYP mode
	b	hs_crash_v1		@ 0x04: undefined instruction in HYP mode
	b	hs_crash_v2		@ 0x08: hvc/svc executed in HYP mode
	b	hs_crash_v3		@ 0x0c: prefetch abort in HYP mode
	b	hs_crash_v4		@ 0x10: data abort in HYP mode
	b	hs_hyp_trap		@ 0x14: HYP trap: hvc (and traps) from PL1/PL0
	b	hs_crash_v6		@ 0x18: IRQ
	b	hs_crash_v7		@ 0x1c: FIQ

hs_hyp_trap:
	push	{r0-r3, ip, lr}		@ struct hs_frame
	mov	r0, sp
	bl	hs_stub_sync
	cmp	r0, #0
	pop	{r0-r3, ip, lr}
	bne	hs_stub_not_a_call
	eret

hs_stub_not_a_call:
	crash_vector 5, 2

hs_crash_v0:
	crash_vector 0, 2
hs_crash_v1:
	crash_vector 1, 2
hs_crash_v2:
	crash_vector 2, 2
hs_crash_v3:
	crash_vector 3, 2
hs_crash_v4:
	crash_vector 4, 2
hs_crash_v6:
	crash_vector 6, 2
hs_crash_v7:
	crash_vector 7, 2

	.global hs_crash_entry_el2
hs_crash_entry_el2:
	crash_entry_body_hyp
