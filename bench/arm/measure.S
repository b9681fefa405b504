/* SPDX-License-Identifier: MIT */
/*
 * The measured windows (see bench.h), arm. Every window has the same
 * shape: load the middle's arguments, read the four counters, run the
 * middle, read them again, store the deltas. The empty window is the
 * overhead that every other figure has subtracted.
 *
 * Counters: event counter 0 = instructions in HYP mode, 1 = at PL1 (SVC),
 * 2 = at PL1 and HYP, PMCCNTR = cycles at PL1 and HYP. ARMv7 reaches an
 * event counter through PMSELR and PMXEVCNTR (select, isb, read). The
 * first read leaves PMSELR = 0, so the second read of counter 0 is a bare
 * `mrc PMXEVCNTR`: the landing pad's first instruction in HYP mode.
 * Nothing between the reads touches PMSELR (the stub, the floors and the
 * client library have no PMU access). The state lives in r4-r11, which
 * the stub, the floors and C keep.
 */

	.arm
	.syntax unified

#include "window.S.inc"

.macro window name, middle
	.global \name
\name:
	push	{r4-r11, lr}
	mov	r10, r1
	ldr	r11, [r0, #ARGS_FN]
	ldmia	r0, {r0-r3}
	read_before r4, r5, r6, r7
	.ifc \middle, hvc
	hvc	#0
	.endif
	.ifc \middle, call
	blx	r11
	.endif
	read_after r1, r2, r3, ip
	store_deltas
	pop	{r4-r11, pc}
.endm

	.text
	window bench_sample_empty, none
	window bench_sample_hvc, hvc
	window bench_sample_call, call

/*
 * SOFT_RESTART into bench_landing in HYP mode. AArch32's SOFT_RESTART
 * moves no register and the stub (or a floor) keeps r4-r11, so the pad
 * finds our state as we left it; SP_svc and LR_svc are banked away from
 * HYP mode. The pad stores the deltas and erets back to SVC at 1:, with
 * the CPSR the caller had (kept in r8).
 */
	.global bench_sample_restart
bench_sample_restart:
	push	{r4-r11, lr}
	mov	r10, r1
	mrs	r8, cpsr
	ldr	r0, [r0]
	adr	r1, bench_landing
	read_before r4, r5, r6, r7
	hvc	#0
	/* Refused: the stub's answer is in r0; measure the refusal. */
	read_after r1, r2, r3, ip
	store_deltas
	b	1f

	.balign 16
bench_landing:
	read_after r1, r2, r3, ip		@ the first instruction in HYP mode
	mov	r0, #0
	store_deltas
	/* Back to the stub's vectors if a floor handler brought us here. */
	ldr	r1, =bench_stub_vectors
	ldr	r1, [r1]
	mcr	p15, 4, r1, c12, c0, 0		@ HVBAR
	msr	spsr_cxsf, r8			@ SPSR_hyp: the caller's SVC, ARM, masked
	adr	r1, 1f
	msr	elr_hyp, r1
	eret

1:	pop	{r4-r11, pc}
	.ltorg

/* unsigned long bench_el2_loop(unsigned long n), in HYP mode: see bench.h. */
	.global bench_el2_loop
bench_el2_loop:
	select	1, ip
	read_event r1
	select	0, ip
	read_event r2
1:	subs	r0, r0, #1
	bne	1b
	read_event r3
	select	1, ip
	read_event ip
	sub	r0, r3, r2
	sub	ip, ip, r1
	ldr	r1, =bench_el2_loop_el1
	str	ip, [r1]
	bx	lr
	.ltorg

/* void bench_el1_loop(unsigned long n): 2n instructions, then return. */
	.global bench_el1_loop
bench_el1_loop:
1:	subs	r0, r0, #1
	bne	1b
	bx	lr

	.global bench_nothing
bench_nothing:
	bx	lr

/*
 * int bench_read_pmceid0(uint32_t *out): PMCEID0, or 0 when reading it
 * is UNDEFINED (an ARMv7 PMU may lack it, and QEMU defines it only for
 * ARMv8 CPUs). VBAR points at a table of our own for the one read; its
 * undefined-instruction slot skips the read. Masked: nothing else can
 * arrive.
 */
	.global bench_read_pmceid0
bench_read_pmceid0:
	push	{r4, lr}
	mrc	p15, 0, r4, c12, c0, 0		@ VBAR, the runtime's
	adr	r1, probe_vectors
	mcr	p15, 0, r1, c12, c0, 0		@ VBAR = the probe's table
	isb
	mov	r2, #1				@ the undefined slot clears it
	mrc	p15, 0, r3, c9, c12, 6		@ PMCEID0
	mcr	p15, 0, r4, c12, c0, 0		@ VBAR back
	isb
	cmp	r2, #0
	strne	r3, [r0]
	mov	r0, r2
	pop	{r4, pc}

	.balign 32
probe_vectors:
	b	probe_park			@ reset
	b	probe_undefined			@ undefined instruction
	.rept	6
	b	probe_park			@ nothing else is expected
	.endr
probe_park:
	b	probe_park
probe_undefined:
	mov	r2, #0
	movs	pc, lr				@ LR_und: the instruction after the read

	.data
	.balign 4
	.global bench_el2_loop_el1
bench_el2_loop_el1:
	.word	0
