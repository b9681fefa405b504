/* SPDX-License-Identifier: MIT */
/*
 * The benchmark payload's first instructions (the ELF entry point; the
 * runtime's _start follows), and the same timer bursts for the PMU
 * cross-check. Under -icount shift=0 the physical count (CNTPCT, 62.5 MHz
 * against 1 ns per instruction) steps once every 16 instructions, so a
 * step seen between two back-to-back reads pins the instruction number
 * since reset exactly.
 *
 * AArch32 reads CNTPCT with `mrrc` into two registers; there are not
 * enough registers for sixteen reads in a row, so there are two bursts
 * of twelve (offsets 0-11 and 27-38 from the first read; the high word
 * goes to ip each time). Between them the lows are stored and nops pad
 * the gap, so that the steps the two bursts can see cover all sixteen
 * phases (1-11 and 28-38, i.e. 12-15 and 0-6 modulo 16).
 * counters.c finds the one instruction number consistent with all 24
 * reads. r2 (the device tree) survives; r0 and r1 are set again as the
 * shim left them (0 and ~0). The reads go to .data, which _start does
 * not clear.
 */
#define BURST_B 27	/* offset of the second burst's first read */

	.arm
	.syntax unified

/* Twelve back-to-back reads of CNTPCT: low words in r0, r1, r3-r11, lr. */
.macro burst
	.irp	r, r0, r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, lr
	mrrc	p15, 0, \r, ip, c14		@ CNTPCT
	.endr
.endm

/* The gap: two instructions that store the first burst, then nops. */
.macro gap
	.rept	BURST_B - 12 - 2
	nop
	.endr
.endm

	.section .text.bench_entry, "ax"
	.global bench_entry
bench_entry:
.Lentry_a:
	burst					@ the payload's first instruction
	ldr	sp, =bench_boot_ticks
	stmia	sp!, {r0, r1, r3-r11, lr}
	gap
.Lentry_b:
	burst
	stmia	sp!, {r0, r1, r3-r11, lr}
	str	ip, [sp], #4			@ the high word: 0 so early
	mrc	p15, 0, r3, c14, c0, 0		@ CNTFRQ
	str	r3, [sp]
	mov	r0, #0
	mvn	r1, #0
	b	_start
	.ltorg
	.if	.Lentry_b - .Lentry_a != BURST_B * 4
	.error	"bench_entry: the second burst is not at BURST_B"
	.endif

	.data
	.balign 8
	.global bench_boot_ticks
bench_boot_ticks:
	.fill	26, 4, 0		/* 24 reads of CNTPCT, the last high word, CNTFRQ */

/*
 * uint32_t bench_tick_burst(uint32_t ticks[24], unsigned skew): `skew`
 * nops (0-15), then PMEVCNTR2 (instructions at PL1 and HYP), then the
 * two bursts as at the entry; the first read is the instruction after
 * the PMU read. The skew moves the bursts through every phase of the
 * timer.
 */
	.text
	.global bench_tick_burst
bench_tick_burst:
	push	{r4-r11, lr}
	push	{r0}
	and	r1, r1, #15
	rsb	r1, r1, #15			@ sled nops to skip
	mov	r2, #2
	mcr	p15, 0, r2, c9, c12, 5		@ PMSELR = 2
	isb
	add	pc, pc, r1, lsl #2		@ PC reads 8 ahead: the sled's first nop
	nop					@ (skipped)
	.rept	15
	nop
	.endr
	mrc	p15, 0, r2, c9, c13, 2		@ PMXEVCNTR: counter 2
.Lburst_a:
	burst
	nop					@ as `ldr sp` at the entry
	push	{r0, r1, r3-r11, lr}
	gap
.Lburst_b:
	burst
	push	{r0, r1, r3-r11, lr}
	.if	.Lburst_b - .Lburst_a != BURST_B * 4
	.error	"bench_tick_burst: the second burst is not at BURST_B"
	.endif
	/* Stack: the second burst, the first, the ticks pointer. */
	ldr	r0, [sp, #96]
	add	r1, sp, #48
	mov	r3, #12
1:	ldr	r4, [r1], #4
	str	r4, [r0], #4
	subs	r3, r3, #1
	bne	1b
	mov	r1, sp
	mov	r3, #12
2:	ldr	r4, [r1], #4
	str	r4, [r0], #4
	subs	r3, r3, #1
	bne	2b
	add	sp, sp, #100
	mov	r0, r2
	pop	{r4-r11, pc}
