/* SPDX-License-Identifier: MIT */
/*
 * The kexec windows (bench/kexec.c), arm64.
 *
 * bench_sample_kexec: the measured window's shape (measure.S), whose
 * middle is a call that never returns when it works: the loader ends in
 * HVC_SOFT_RESTART, here into bench_kexec_landing at EL2. The C loader
 * in between uses x19-x30 as it likes, so the start counts, the sample,
 * SP and SCTLR_EL1 (whose M, C and I the loader clears) wait in memory;
 * the pad reads the counters first, stores the deltas, puts SP_EL1 and
 * SCTLR_EL1 back and erets to the window's end at EL1.
 *
 * bench_kexec_hvc_only: the calibration middle, HVC_SOFT_RESTART into the
 * pad straight away (BENCH_KEXEC_CAL_INSNS up to the `hvc`, included).
 *
 * bench_copy_clean_floor: the floor of a copy plus a clean to the point
 * of coherency, fused: per 64-byte line two `ldp` and two `stp` of q
 * registers and one `dc cvac`, eight lines per loop step.
 */
#include "window.S.inc"

/* bench_kexec_state: the start counts (4 x 8), the sample, SP, SCTLR_EL1. */
#define ST_SAMPLE 32
#define ST_SP	  40
#define ST_SCTLR  48

	.text
	.global bench_sample_kexec
bench_sample_kexec:
	stp	x19, x20, [sp, #-96]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	mov	x23, x1
	ldr	x24, [x0, #ARGS_FN]
	adrp	x9, bench_kexec_state
	add	x9, x9, :lo12:bench_kexec_state
	str	x23, [x9, #ST_SAMPLE]
	mov	x10, sp
	str	x10, [x9, #ST_SP]
	mrs	x10, sctlr_el1
	str	x10, [x9, #ST_SCTLR]
	ldp	x2, x3, [x0, #16]
	ldr	x4, [x0, #32]
	ldp	x0, x1, [x0, #0]
	read_counters x19, x20, x21, x22
	stp	x19, x20, [x9, #0]
	stp	x21, x22, [x9, #16]
	blr	x24
	/* Returned: refused; the answer (an error) is in x0. */
	read_counters x9, x10, x11, x12
	store_deltas
	b	1f

	.balign 16
	.global bench_kexec_landing
bench_kexec_landing:
	read_counters x9, x10, x11, x12	/* the first instruction at EL2 */
	adrp	x13, bench_kexec_state
	add	x13, x13, :lo12:bench_kexec_state
	ldp	x19, x20, [x13, #0]
	ldp	x21, x22, [x13, #16]
	ldr	x23, [x13, #ST_SAMPLE]
	mov	x0, #0
	store_deltas
	ldr	x9, [x13, #ST_SP]
	msr	sp_el1, x9
	ldr	x9, [x13, #ST_SCTLR]
	msr	sctlr_el1, x9			/* M, C, I as the payload had them */
	mov	x9, #0x3c5			/* SPSR_EL2: EL1h, D, A, I, F masked */
	msr	spsr_el2, x9
	adr	x9, 1f
	msr	elr_el2, x9
	eret

1:	ldp	x29, x30, [sp, #80]
	ldp	x27, x28, [sp, #64]
	ldp	x25, x26, [sp, #48]
	ldp	x23, x24, [sp, #32]
	ldp	x21, x22, [sp, #16]
	ldp	x19, x20, [sp], #96
	ret

	.global bench_kexec_hvc_only
bench_kexec_hvc_only:
	mov	x0, #1				/* HVC_SOFT_RESTART */
	adr	x1, bench_kexec_landing
	hvc	#0
	ret

/* x0 = dst, x1 = src (64-byte aligned), x2 = bytes (a multiple of 512, not 0). */
	.global bench_copy_clean_floor
bench_copy_clean_floor:
	sub	x0, x0, #32
	sub	x1, x1, #32
1:	.rept	8
	ldp	q0, q1, [x1, #32]
	ldp	q2, q3, [x1, #64]!
	stp	q0, q1, [x0, #32]
	stp	q2, q3, [x0, #64]!		/* x0: the line's second half */
	dc	cvac, x0
	.endr
	subs	x2, x2, #512
	b.ne	1b
	dsb	sy
	ret

	.data
	.balign 8
	.global bench_kexec_state
bench_kexec_state:
	.fill	7, 8, 0
