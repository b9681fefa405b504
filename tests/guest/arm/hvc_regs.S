/* SPDX-License-Identifier: MIT */
/* Register-level probes of the stub (see tests/guest/arch_test.h), arm. */

	.arm
	.syntax unified
	.fpu	neon-vfpv4

#include "regs_frame.S.inc"

/* hvc_regs_body imm: in = r0 (r0..r12, lr), out = r1 (the same, then SP). */
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

	.global arch_test_sp_for_hvc
arch_test_sp_for_hvc:
	sub	r0, sp, #48
	bx	lr

	.global arch_test_hvc_imm
arch_test_hvc_imm:
	mov	ip, r0
	mov	r0, r1
	mov	r1, r2
	cmp	ip, #1
	beq	1f
	cmp	ip, #2
	beq	2f
	cmp	ip, #3
	beq	3f
	hvc	#1
	bx	lr
1:	hvc	#0x42
	bx	lr
2:	hvc	#0x8000
	bx	lr
3:	hvc	#0xffff
	bx	lr

	.section .rodata
	.global arch_test_imm
	.balign 4
arch_test_imm:
	.word	1, 0x42, 0x8000, 0xffff

	.text
/* arch_test_hvc_fp(call, in, out): d0..d31 from in, `hvc #0`, d0..d31 to out. */
	.global arch_test_hvc_fp
arch_test_hvc_fp:
	mov	ip, r1
	vldmia	ip!, {d0-d15}
	vldmia	ip, {d16-d31}
	hvc	#0
	mov	ip, r2
	vstmia	ip!, {d0-d15}
	vstmia	ip, {d16-d31}
	bx	lr

/* unsigned long arch_test_hvc_thumb(r0, r1): `hvc #0` from Thumb code; returns r0. */
	.thumb
	.thumb_func
	.global arch_test_hvc_thumb
arch_test_hvc_thumb:
	hvc	#0
	bx	lr

/*
 * unsigned long arch_test_soft_restart_thumb(void): HVC_SOFT_RESTART to a
 * Thumb landing pad (entry address | 1). The pad, in HYP mode, records
 * its CPSR and how far ahead the PC reads (4 in Thumb state, 8 in ARM;
 * arch_test_thumb_pc_ahead), and erets straight back to SVC (it calls nothing and leaves
 * SP_hyp alone). Returns the recorded CPSR, or 0 when the stub refused
 * (its answer is then in arch_test_thumb_refused).
 */
	.arm
	.global arch_test_soft_restart_thumb
arch_test_soft_restart_thumb:
	push	{r4-r11, lr}
	ldr	ip, =thumb_saved_sp
	str	sp, [ip]
	mrs	r4, cpsr
	str	r4, [ip, #4]
	mov	r0, #1				@ HVC_SOFT_RESTART
	ldr	r1, =thumb_landing
	orr	r1, r1, #1			@ Thumb state
	hvc	#0
	/* Only a refusal comes back here. */
	ldr	ip, =arch_test_thumb_refused
	str	r0, [ip]
	mov	r0, #0
	pop	{r4-r11, pc}

	.thumb
	.balign	4
	.thumb_func
thumb_landing:
	mrs	r4, cpsr			@ (T reads as 0 through mrs:)
	ldr	r5, =thumb_landing_cpsr
	str	r4, [r5]
	/* The PC reads 4 ahead in Thumb state, 8 in ARM state. */
1:	mov	r4, pc
	ldr	r6, =1b
	sub	r4, r4, r6
	str	r4, [r5, #4]
	ldr	r5, =thumb_saved_sp
	ldr	r4, [r5, #4]			@ the caller's CPSR: SVC, ARM state
	msr	spsr_cxsf, r4
	ldr	r4, =thumb_back
	msr	elr_hyp, r4
	isb
	eret
	.ltorg

	.arm
thumb_back:
	ldr	ip, =thumb_saved_sp
	ldr	sp, [ip]
	ldr	ip, =thumb_landing_cpsr
	ldr	r0, [ip]
	pop	{r4-r11, pc}
	.ltorg

	.data
	.balign	4
thumb_saved_sp:
	.word	0, 0
thumb_landing_cpsr:
	.word	0
	.global arch_test_thumb_pc_ahead
arch_test_thumb_pc_ahead:
	.word	0
	.global arch_test_thumb_refused
arch_test_thumb_refused:
	.word	0
