/* SPDX-License-Identifier: MIT */
/*
 * guest_el2_probe: a CPU released from hypstub's parking place enters
 * here with r2 = its struct el2_probe (test_smp.c; r2, where a CPU gets
 * its context): it writes the level it runs at (2 in HYP, 1 otherwise),
 * wakes the waiting CPU, and goes where `then` says (the parking place
 * again). No stack, no C.
 */
#define PROBE_LEVEL 8
#define PROBE_THEN  16

	.arm
	.syntax unified
	.text
	.global guest_el2_probe
guest_el2_probe:
	mrs	r1, cpsr
	and	r1, r1, #0x1f
	cmp	r1, #0x1a			@ HYP
	moveq	r1, #2
	movne	r1, #1
	str	r1, [r2, #PROBE_LEVEL]
	mov	r1, #0
	str	r1, [r2, #(PROBE_LEVEL + 4)]
	dsb	sy
	sev
	ldr	r1, [r2, #PROBE_THEN]
	bx	r1
