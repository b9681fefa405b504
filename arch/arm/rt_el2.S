/* SPDX-License-Identifier: MIT */
/*
 * Running a function in HYP mode from an SVC payload, through the ABI
 * alone: HVC_SOFT_RESTART lands in rt_el2_trampoline in HYP mode, which
 * records the state it arrived in, calls the function on a stack of its
 * own, gives SP_hyp back and erets to SVC where the caller left off.
 *
 * Also a small sample HYP handler (rt_sample_vectors) that payloads can
 * install with HVC_SET_VECTORS: it answers every call with
 * RT_SAMPLE_MAGIC and counts them, and hands HVC_RESET_VECTORS and
 * HVC_SOFT_RESTART to the stub's own code, so that it is the stub that
 * performs them. It clobbers r2, r3 and ip (the ABI allows r0-r3 and ip).
 */
#include <arch/psr.h>
#include <arch/rt_el2_ctx.h>
#include <hypstub/bootinfo.h>

	.arm
	.syntax unified
	.text
/*
 * unsigned long rt_el2_call_on(ctx, fn, arg, a0, a1, a2): see rt_el2.h.
 * The context is the calling CPU's own (rt_el2_ctx_self()): it is left
 * at the caller's SP, where the trampoline finds it through SP_svc, and
 * the function's HYP stack is the rest of the context's slot. So every
 * CPU may be in HYP mode through here at the same time. a1 and a2 come
 * on the stack (AAPCS); a2 is not passed on (the stub moves nothing).
 */
	.global rt_el2_call_on
rt_el2_call_on:
	mov	ip, r0
	stmia	ip, {r4-r11, lr}		@ RT_EL2_CTX_CALLEE
	ldr	r4, [sp]			@ a1
	str	sp, [ip, #RT_EL2_CTX_SP]
	mrs	r5, cpsr
	str	r5, [ip, #RT_EL2_CTX_SP + 4]
	str	r1, [ip, #RT_EL2_CTX_FN]
	str	r2, [ip, #RT_EL2_CTX_FN + 4]
	str	ip, [sp, #-8]!			@ for the trampoline, at SP_svc
	/* r0 = SOFT_RESTART, r1 = entry, r2 = a0, r3 = a1. */
	mov	r2, r3
	mov	r3, r4
	mov	r0, #1
	adr	r1, rt_el2_trampoline
	hvc	#0
	/* Only a refusal comes back here: r0 = the stub's answer. */
	ldr	ip, [sp], #8
	str	r0, [ip, #RT_EL2_CTX_REFUSED]
	ldmia	ip, {r4-r11, lr}
	bx	lr

	.balign 4
	.global rt_el2_trampoline
rt_el2_trampoline:
	/* Record what SOFT_RESTART delivered, before touching anything. */
	mrs	ip, SP_svc
	ldr	ip, [ip]			@ this CPU's context
	str	r0, [ip, #RT_EL2_CTX_ENTRY_X0]
	str	r1, [ip, #RT_EL2_CTX_ENTRY_X0 + 4]
	str	r2, [ip, #RT_EL2_CTX_ENTRY_X2]
	mrs	r4, cpsr
	and	r5, r4, #PSR_MODE_MASK
	cmp	r5, #PSR_MODE_HYP
	moveq	r5, #2
	movne	r5, #1
	and	r4, r4, #PSR_AIF
	str	r5, [ip, #RT_EL2_CTX_ENTRY_EL]
	str	r4, [ip, #RT_EL2_CTX_ENTRY_EL + 4]
	mrc	p15, 4, r4, c1, c0, 0		@ HSCTLR
	mrc	p15, 4, r5, c12, c0, 0		@ HVBAR
	str	r4, [ip, #RT_EL2_CTX_ENTRY_SCTLR]
	str	r5, [ip, #RT_EL2_CTX_ENTRY_SCTLR + 4]
	str	sp, [ip, #RT_EL2_CTX_EL2_SP]
	/* HYP shares lr with USR: the function's calls must not leave LR_usr changed. */
	str	lr, [ip, #RT_EL2_CTX_LR_USR]
	mov	r11, ip				@ the caller's r11 is in the context
	add	sp, ip, #RT_EL2_SLOT_SIZE
	ldr	r4, [ip, #RT_EL2_CTX_FN]
	ldr	r0, [ip, #RT_EL2_CTX_FN + 4]
	blx	r4
	str	r0, [r11, #RT_EL2_CTX_RESULT]
	ldr	sp, [r11, #RT_EL2_CTX_EL2_SP]	@ SP_hyp belongs to the stub
	ldr	lr, [r11, #RT_EL2_CTX_LR_USR]
	ldr	r4, [r11, #RT_EL2_CTX_SP + 4]	@ the caller's CPSR:
	bic	r4, r4, #PSR_BIT_T		@ back in SVC, ARM state,
	msr	spsr_cxsf, r4			@ with its own masks (SPSR_hyp)
	adr	r4, rt_el2_back
	msr	elr_hyp, r4
	isb
	eret

rt_el2_back:
	ldr	ip, [sp], #8
	ldr	sp, [ip, #RT_EL2_CTX_SP]
	mov	r0, #0
	str	r0, [ip, #RT_EL2_CTX_REFUSED]
	ldmia	ip, {r4-r11, lr}
	bx	lr
	.ltorg

/* The sample handler's table: the HYP trap slot answers; the rest go to the stub's slots. */
.macro forward_slot offset
	ldr	ip, =rt_sample_stub_vectors
	ldr	ip, [ip]
	add	ip, ip, #\offset
	bx	ip
.endm

	.balign 32
	.global rt_sample_vectors
rt_sample_vectors:
	b	1f
	b	2f
	b	3f
	b	4f
	b	5f
	b	rt_sample_trap
	b	6f
	b	7f
1:	forward_slot 0x00
2:	forward_slot 0x04
3:	forward_slot 0x08
4:	forward_slot 0x0c
5:	forward_slot 0x10
6:	forward_slot 0x18
7:	forward_slot 0x1c

rt_sample_trap:
	mrc	p15, 4, r2, c5, c2, 0		@ HSR
	lsr	r2, r2, #26
	cmp	r2, #0x12			@ HVC?
	bne	8f
	cmp	r0, #1				@ SOFT_RESTART and RESET_VECTORS: the stub's
	beq	8f
	cmp	r0, #2
	beq	8f
	ldr	r2, =RT_SAMPLE_WHOAMI
	cmp	r0, r2
	bne	9f
	mrc	p15, 0, r0, c0, c0, 5		@ MPIDR
	bic	r0, r0, #0xff000000
	eret
9:	ldr	r2, =rt_sample_calls
	ldr	r3, [r2]
	add	r3, r3, #1
	str	r3, [r2]
	ldr	r0, =RT_SAMPLE_MAGIC
	eret
8:	forward_slot 0x14
	.ltorg

	.data
	.balign 4
	.global rt_sample_stub_vectors, rt_sample_calls
rt_sample_stub_vectors:
	.word	0
rt_sample_calls:
	.word	0

	.bss
	.balign 8
	.global rt_el2_slots
rt_el2_slots:				@ per CPU: its context, then its HYP stack
	.space	RT_EL2_SLOT_SIZE * HS_MAX_CPUS
