/* SPDX-License-Identifier: MIT */
/*
 * The reference floors: one EL2 vector table per call, whose
 * "synchronous from AArch64 EL1" slot does only the architectural work
 * of that call (no syndrome check, no saving, no C), so that the table
 * can show hypstub's cost beside the least any handler could spend.
 * The instruction counts are in bench_arch.h; the benchmark checks that
 * the counters reproduce them.
 *
 * Each floor is installed through the stub's HVC_SET_VECTORS and gone
 * again after the measured call:
 *   set:     measured with x1 = the stub's vectors, so its own write puts
 *            the stub back;
 *   err:     a handler that serves SET_VECTORS (x0 == 0) and refuses
 *            everything else: the refusal is measured, a SET_VECTORS to
 *            the stub's vectors leaves;
 *   bad:     a SET_VECTORS that checks the alignment: the refusal is
 *            measured, a good SET_VECTORS to the stub's vectors leaves;
 *   reset:   RESET_VECTORS itself puts the stub back;
 *   restart: lands at EL2, where the landing pad puts the stub back.
 * Every other slot goes to the stub's slot, so a fault is still reported.
 * Only x0 changes (and x1, x2 for SOFT_RESTART, x9 and x10 as scratch).
 */
#define HVC_STUB_ERR_LO 0xca11
#define HVC_STUB_ERR_HI 0x0bad

#define SCTLR_EL2_M_BIT 0		/* stage 1 MMU enable */
#define SCTLR_EL2_MCI	((1 << 12) | (1 << 2) | (1 << 0)) /* I-cache, D-cache, MMU */
#define SPSR_EL2H_MASKED 0x3c9		/* EL2h with D, A, I, F masked */

.macro forward_slot n
	.balign 128
	adrp	x16, bench_stub_vectors
	ldr	x16, [x16, :lo12:bench_stub_vectors]
	add	x16, x16, #(\n * 128)
	br	x16
.endm

.macro floor_table name
	.balign 2048
	.global \name
\name:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	forward_slot \n
	.endr
	.balign 128
.endm

.macro floor_table_end
	.irp n, 9, 10, 11, 12, 13, 14, 15
	forward_slot \n
	.endr
.endm

.macro stub_err
	movz	x0, #HVC_STUB_ERR_LO
	movk	x0, #HVC_STUB_ERR_HI, lsl #16
	eret
.endm

	.text
	floor_table bench_floor_set
	msr	vbar_el2, x1
	mov	x0, #0
	eret
	floor_table_end

	floor_table bench_floor_err
	cbnz	x0, 1f
	msr	vbar_el2, x1
	mov	x0, #0
	eret
1:	stub_err
	floor_table_end

	floor_table bench_floor_bad
	tst	x1, #0x7ff		/* VBAR_EL2 bits [10:0] are RES0 */
	b.ne	1f
	msr	vbar_el2, x1
	mov	x0, #0
	eret
1:	stub_err
	floor_table_end

	floor_table bench_floor_reset
	ldr	x0, bench_stub_vectors_copy
	msr	vbar_el2, x0
	mrs	x0, sctlr_el2
	tbnz	x0, #SCTLR_EL2_M_BIT, 1f
	mov	x0, #0
	eret
1:	bic	x0, x0, #1		/* SCTLR_EL2.M = 0: EL2 stage 1 MMU off */
	msr	sctlr_el2, x0
	mov	x0, #0
	eret
	.balign 8
	.global bench_stub_vectors_copy
bench_stub_vectors_copy:
	.quad	0
	floor_table_end

	floor_table bench_floor_restart
	mrs	x9, sctlr_el2
	mov	x10, #SCTLR_EL2_MCI
	bic	x9, x9, x10		/* SCTLR_EL2.{M, C, I} = 0: MMU and caches off */
	msr	sctlr_el2, x9
	msr	elr_el2, x1
	mov	x9, #SPSR_EL2H_MASKED
	msr	spsr_el2, x9
	mov	x0, x2
	mov	x1, x3
	mov	x2, x4
	eret
	floor_table_end

	.data
	.balign 8
	.global bench_stub_vectors
bench_stub_vectors:
	.quad	0
