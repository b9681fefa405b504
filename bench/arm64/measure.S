/* SPDX-License-Identifier: MIT */
/*
 * The measured windows (see bench.h). Every window has the same shape:
 * load the middle's arguments, read the four counters, run the middle,
 * read them again, store the deltas. The empty window is the overhead
 * that every other figure has subtracted.
 *
 * Counters: PMEVCNTR0 = instructions at EL2, PMEVCNTR1 = at EL1,
 * PMEVCNTR2 = at EL1 and EL2, PMCCNTR = cycles at EL1 and EL2.
 * The state lives in x19-x24, which the stub, the floors and C keep.
 */

#include "window.S.inc"

.macro window name, middle
	.global \name
\name:
	stp	x19, x20, [sp, #-64]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x29, x30, [sp, #48]
	mov	x23, x1
	ldr	x24, [x0, #ARGS_FN]
	ldp	x2, x3, [x0, #16]
	ldr	x4, [x0, #32]
	ldp	x0, x1, [x0, #0]
	read_counters x19, x20, x21, x22
	.ifc \middle, hvc
	hvc	#0
	.endif
	.ifc \middle, call
	blr	x24
	.endif
	read_counters x9, x10, x11, x12
	store_deltas
	ldp	x29, x30, [sp, #48]
	ldp	x23, x24, [sp, #32]
	ldp	x21, x22, [sp, #16]
	ldp	x19, x20, [sp], #64
	ret
.endm

	.text
	window bench_sample_empty, none
	window bench_sample_hvc, hvc
	window bench_sample_call, call

/*
 * SOFT_RESTART into bench_landing at EL2. The stub (or a floor) moves
 * x2..x4 to x0..x2 and keeps every other register, so x19-x24 and the
 * EL1 stack pointer are still ours when the pad runs; the pad stores
 * the deltas and erets back to EL1 at 1:, masked as the payload runs.
 */
	.global bench_sample_restart
bench_sample_restart:
	stp	x19, x20, [sp, #-64]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x29, x30, [sp, #48]
	mov	x23, x1
	ldp	x2, x3, [x0, #16]
	ldr	x4, [x0, #32]
	ldr	x0, [x0, #0]
	adr	x1, bench_landing
	read_counters x19, x20, x21, x22
	hvc	#0
	/* Refused: the stub's answer is in x0; measure the refusal. */
	read_counters x9, x10, x11, x12
	store_deltas
	b	1f

	.balign 16
bench_landing:
	read_counters x9, x10, x11, x12	/* the first instruction at EL2 */
	mov	x0, #0
	store_deltas
	/* Back to the stub's vectors if a floor handler brought us here. */
	adrp	x9, bench_stub_vectors
	ldr	x9, [x9, :lo12:bench_stub_vectors]
	msr	vbar_el2, x9
	mov	x9, #0x3c5		/* SPSR_EL2: EL1h, D, A, I, F masked */
	msr	spsr_el2, x9
	adr	x9, 1f
	msr	elr_el2, x9
	eret

1:	ldp	x29, x30, [sp, #48]
	ldp	x23, x24, [sp, #32]
	ldp	x21, x22, [sp, #16]
	ldp	x19, x20, [sp], #64
	ret

/* unsigned long bench_el2_loop(unsigned long n), at EL2: see bench.h. */
	.global bench_el2_loop
bench_el2_loop:
	mrs	x9, pmevcntr0_el0
	mrs	x10, pmevcntr1_el0
1:	subs	x0, x0, #1
	b.ne	1b
	mrs	x11, pmevcntr0_el0
	mrs	x12, pmevcntr1_el0
	sub	w0, w11, w9
	sub	w12, w12, w10
	adrp	x13, bench_el2_loop_el1
	str	w12, [x13, :lo12:bench_el2_loop_el1]
	ret

/* void bench_el1_loop(unsigned long n): 2n instructions, then ret. */
	.global bench_el1_loop
bench_el1_loop:
1:	subs	x0, x0, #1
	b.ne	1b
	ret

	.global bench_nothing
bench_nothing:
	ret

	.data
	.balign 4
	.global bench_el2_loop_el1
bench_el2_loop_el1:
	.word	0
