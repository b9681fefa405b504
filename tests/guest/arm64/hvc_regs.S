/* SPDX-License-Identifier: MIT */
/* Register-level probes of the stub (see tests/guest/arch_test.h). */

/* hvc_regs_body imm: in = x0, out = x1. */
.macro hvc_regs_body imm
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x1, [sp, #-16]!			/* out, kept on the stack */
	ldp	x1, x2, [x0, #8]
	ldp	x3, x4, [x0, #24]
	ldp	x5, x6, [x0, #40]
	ldp	x7, x8, [x0, #56]
	ldp	x9, x10, [x0, #72]
	ldp	x11, x12, [x0, #88]
	ldp	x13, x14, [x0, #104]
	ldp	x15, x16, [x0, #120]
	ldp	x17, x18, [x0, #136]
	ldp	x19, x20, [x0, #152]
	ldp	x21, x22, [x0, #168]
	ldp	x23, x24, [x0, #184]
	ldp	x25, x26, [x0, #200]
	ldp	x27, x28, [x0, #216]
	ldp	x29, x30, [x0, #232]
	ldr	x0, [x0]
	hvc	#\imm
	stp	x0, x1, [sp, #-16]!
	ldr	x0, [sp, #16]			/* out */
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16		/* x0, x1 as the call left them */
	stp	x2, x3, [x0, #0]
	mov	x2, sp				/* SP as the call left it */
	str	x2, [x0, #248]
	add	sp, sp, #16
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
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

	.global arch_test_hvc_imm
arch_test_hvc_imm:
	mov	x9, x0
	mov	x0, x1
	mov	x1, x2
	cmp	x9, #1
	b.eq	1f
	cmp	x9, #2
	b.eq	2f
	cmp	x9, #3
	b.eq	3f
	hvc	#1
	ret
1:	hvc	#0x42
	ret
2:	hvc	#0x8000
	ret
3:	hvc	#0xffff
	ret

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
