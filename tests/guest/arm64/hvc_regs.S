/* SPDX-License-Identifier: MIT */
/* Register-level probes of the stub (see tests/guest/arch_test.h). */

#include "regs_frame.S.inc"

/* hvc_regs_body imm: in = x0, out = x1. */
.macro hvc_regs_body imm
	regs_load
	hvc	#\imm
	regs_store_return
.endm

	.text
	.global arch_test_hvc_regs
arch_test_hvc_regs:
	hvc_regs_body 0

	.global arch_test_hvc1_regs
arch_test_hvc1_regs:
	hvc_regs_body 1

/* The SP that hvc_regs_body has at its `hvc`: caller's SP - 96 - 16. */
	.global arch_test_sp_for_hvc
arch_test_sp_for_hvc:
	mov	x0, sp
	sub	x0, x0, #112
	ret

/* The shared ABI checks' own (tests/abi/arm64/abi_el2.S): the same immediates, arch_test_imm. */
	.global arch_test_hvc_imm
arch_test_hvc_imm:
	b	abi_hvc_imm

	.section .rodata
	.global arch_test_imm
	.balign 4
arch_test_imm:
	.word	1, 0x42, 0x8000, 0xffff

	.text
/* arch_test_hvc_fp(call, in, out) */
	.global arch_test_hvc_fp
arch_test_hvc_fp:
	mov	x9, x1
	ldp	q0, q1, [x9], #32
	ldp	q2, q3, [x9], #32
	ldp	q4, q5, [x9], #32
	ldp	q6, q7, [x9], #32
	ldp	q8, q9, [x9], #32
	ldp	q10, q11, [x9], #32
	ldp	q12, q13, [x9], #32
	ldp	q14, q15, [x9], #32
	ldp	q16, q17, [x9], #32
	ldp	q18, q19, [x9], #32
	ldp	q20, q21, [x9], #32
	ldp	q22, q23, [x9], #32
	ldp	q24, q25, [x9], #32
	ldp	q26, q27, [x9], #32
	ldp	q28, q29, [x9], #32
	ldp	q30, q31, [x9], #32
	hvc	#0
	mov	x9, x2
	stp	q0, q1, [x9], #32
	stp	q2, q3, [x9], #32
	stp	q4, q5, [x9], #32
	stp	q6, q7, [x9], #32
	stp	q8, q9, [x9], #32
	stp	q10, q11, [x9], #32
	stp	q12, q13, [x9], #32
	stp	q14, q15, [x9], #32
	stp	q16, q17, [x9], #32
	stp	q18, q19, [x9], #32
	stp	q20, q21, [x9], #32
	stp	q22, q23, [x9], #32
	stp	q24, q25, [x9], #32
	stp	q26, q27, [x9], #32
	stp	q28, q29, [x9], #32
	stp	q30, q31, [x9], #32
	ret
