/* SPDX-License-Identifier: MIT */
/*
 * The kexec windows (bench/kexec.c), arm.
 *
 * bench_sample_kexec: the measured window's shape (measure.S), whose
 * middle is a call that never returns when it works: the loader ends in
 * HVC_SOFT_RESTART, here into its trampoline and then bench_kexec_landing
 * in HYP mode. The C loader in between uses r4-r11 as it likes, so the
 * start counts, the sample, SP_svc, SCTLR (whose M, C and I the loader
 * clears) and the CPSR wait in memory; the pad reads the counters first
 * (PMSELR is still 0: nothing between touches it), stores the deltas,
 * puts SCTLR back and erets to the window's end in SVC mode.
 *
 * bench_kexec_hvc_only: the calibration middle, HVC_SOFT_RESTART into the
 * pad straight away (BENCH_KEXEC_CAL_INSNS up to the `hvc`, included).
 *
 * bench_copy_clean_floor: the floor of a copy plus a clean to the point
 * of coherency, fused: per 64-byte line two `ldm` and two `stmib` of
 * eight registers (stmib leaves r0 on the last word written: inside the
 * line) and one DCCMVAC, eight lines per loop step.
 */
	.arm
	.syntax unified

#include "window.S.inc"

/* bench_kexec_state: the start counts (4 x 4), the sample, SP, SCTLR, CPSR. */
#define ST_SAMPLE 16
#define ST_SP	  20
#define ST_SCTLR  24
#define ST_CPSR	  28

	.text
	.global bench_sample_kexec
bench_sample_kexec:
	push	{r4-r11, lr}
	mov	r10, r1
	ldr	r11, [r0, #ARGS_FN]
	ldr	r9, =bench_kexec_state
	str	r10, [r9, #ST_SAMPLE]
	str	sp, [r9, #ST_SP]
	mrc	p15, 0, r8, c1, c0, 0		@ SCTLR
	str	r8, [r9, #ST_SCTLR]
	mrs	r8, cpsr
	str	r8, [r9, #ST_CPSR]
	ldmia	r0, {r0-r3}
	read_before r4, r5, r6, r7
	stmia	r9, {r4-r7}
	blx	r11
	@ Returned: refused; the answer (an error) is in r0.
	read_after r1, r2, r3, ip
	store_deltas
	b	1f

	.balign 16
	.global bench_kexec_landing
bench_kexec_landing:
	read_after r1, r2, r3, ip		@ the first instruction in HYP mode
	ldr	r8, =bench_kexec_state
	ldmia	r8, {r4-r7}
	ldr	r10, [r8, #ST_SAMPLE]
	ldr	r11, [r8, #ST_SCTLR]
	ldr	r8, [r8, #ST_CPSR]
	mov	r0, #0
	store_deltas
	mcr	p15, 0, r11, c1, c0, 0		@ SCTLR: M, C, I as the payload had them
	msr	spsr_cxsf, r8			@ SPSR_hyp: the caller's SVC, ARM, masked
	adr	r1, 1f
	msr	elr_hyp, r1
	eret

1:	ldr	r9, =bench_kexec_state
	ldr	sp, [r9, #ST_SP]
	pop	{r4-r11, pc}

	.global bench_kexec_hvc_only
bench_kexec_hvc_only:
	mov	r0, #1				@ HVC_SOFT_RESTART
	adr	r1, bench_kexec_landing
	hvc	#0
	bx	lr
	.ltorg

@ r0 = dst, r1 = src (64-byte aligned), r2 = bytes (a multiple of 512, not 0).
	.global bench_copy_clean_floor
bench_copy_clean_floor:
	push	{r4-r10, lr}
	sub	r0, r0, #4
1:	.rept	8
	ldmia	r1!, {r3-r10}
	stmib	r0!, {r3-r10}
	ldmia	r1!, {r3-r10}
	stmib	r0!, {r3-r10}			@ r0: the line's last word
	mcr	p15, 0, r0, c7, c10, 1		@ DCCMVAC
	.endr
	subs	r2, r2, #512
	bne	1b
	dsb	sy
	pop	{r4-r10, pc}

	.data
	.balign 4
	.global bench_kexec_state
bench_kexec_state:
	.fill	8, 4, 0
