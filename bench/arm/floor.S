/* SPDX-License-Identifier: MIT */
/*
 * The reference floors (arm): one HVBAR vector table per call, whose HYP
 * trap slot (+0x14) does only the architectural work of that call (no
 * syndrome check, no saving, no C), so that the table can show hypstub's
 * cost beside the least any handler could spend. AArch32 vector slots
 * are one word each, so the slot is a `b` to the handler, counted with
 * it. The instruction counts are in bench_arch.h; the benchmark checks
 * that the counters reproduce them.
 *
 * Each floor is installed through the stub's HVC_SET_VECTORS and gone
 * again after the measured call, as on arm64 (bench/arm64/floor.S):
 *   set:     measured with r1 = the stub's vectors: its own write puts
 *            the stub back;
 *   err:     serves SET_VECTORS (r0 == 0) and refuses everything else;
 *   bad:     a SET_VECTORS that checks the alignment;
 *   reset:   RESET_VECTORS itself puts the stub back;
 *   restart: lands in HYP mode, where the landing pad puts the stub back.
 * Every other slot goes to the stub's slot, so a fault is still reported
 * (through ip, which is lost). Only r0 changes, and ip for SOFT_RESTART.
 */
#define HVC_STUB_ERR	 0x0badca11
#define HSCTLR_M	 (1 << 0)	/* HYP stage 1 MMU enable */
#define HSCTLR_C	 (1 << 2)	/* HYP data cacheability */
#define HSCTLR_I	 (1 << 12)	/* HYP instruction cacheability */
#define PSR_T		 (1 << 5)	/* Thumb state */
/* SPSR_hyp for the restart: HYP mode (0x1a), A (bit 8), I (7), F (6) masked. */
#define SPSR_HYP_MASKED	 0x1da

	.arm
	.syntax unified

/* Slot n of the stub's table, through ip. */
.macro forward n
	ldr	ip, =bench_stub_vectors
	ldr	ip, [ip]			@ the low word: HVBAR is 32 bits
	add	ip, ip, #(\n * 4)
	bx	ip
.endm

/* A table: slot 5 (HYP trap: `hvc` from SVC) to \handler, the rest forwarded. */
.macro floor_table name, handler
	.balign 32
	.global \name
\name:
	b	1f
	b	2f
	b	3f
	b	4f
	b	5f
	b	\handler
	b	6f
	b	7f
1:	forward 0
2:	forward 1
3:	forward 2
4:	forward 3
5:	forward 4
6:	forward 6
7:	forward 7
	.ltorg
.endm

	.text
	floor_table bench_floor_set, floor_set
floor_set:
	mcr	p15, 4, r1, c12, c0, 0		@ HVBAR
	mov	r0, #0
	eret

	floor_table bench_floor_err, floor_err
floor_err:
	cmp	r0, #0
	bne	1f
	mcr	p15, 4, r1, c12, c0, 0		@ HVBAR
	mov	r0, #0
	eret
1:	ldr	r0, =HVC_STUB_ERR
	eret
	.ltorg

	floor_table bench_floor_bad, floor_bad
floor_bad:
	tst	r1, #0x1f			@ HVBAR bits [4:0] are RES0
	bne	1f
	mcr	p15, 4, r1, c12, c0, 0		@ HVBAR
	mov	r0, #0
	eret
1:	ldr	r0, =HVC_STUB_ERR
	eret
	.ltorg

	floor_table bench_floor_reset, floor_reset
floor_reset:
	ldr	r0, bench_stub_vectors_copy
	mcr	p15, 4, r0, c12, c0, 0		@ HVBAR
	mrc	p15, 4, r0, c1, c0, 0		@ HSCTLR
	tst	r0, #HSCTLR_M
	bne	1f
	mov	r0, #0
	eret
1:	bic	r0, r0, #HSCTLR_M		@ HSCTLR.M = 0: HYP stage 1 MMU off
	mcr	p15, 4, r0, c1, c0, 0
	mov	r0, #0
	eret
	.balign 8
	.global bench_stub_vectors_copy
bench_stub_vectors_copy:
	.quad	0

	floor_table bench_floor_restart, floor_restart
floor_restart:
	mrc	p15, 4, ip, c1, c0, 0		@ HSCTLR
	bic	ip, ip, #(HSCTLR_M | HSCTLR_C)	@ MMU and data cacheability off,
	bic	ip, ip, #HSCTLR_I		@ instruction cacheability off
	mcr	p15, 4, ip, c1, c0, 0
	bic	ip, r1, #1			@ the entry, without the Thumb bit
	msr	elr_hyp, ip
	ldr	ip, =SPSR_HYP_MASKED
	tst	r1, #1
	orrne	ip, ip, #PSR_T			@ odd entry: Thumb state
	msr	spsr_cxsf, ip			@ SPSR_hyp
	eret
	.ltorg

	.data
	.balign 8
	.global bench_stub_vectors
bench_stub_vectors:
	.quad	0
