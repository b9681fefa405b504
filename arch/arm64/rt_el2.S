/* SPDX-License-Identifier: MIT */
/*
 * Running a function at EL2 from an EL1 payload, through the ABI alone:
 * HVC_SOFT_RESTART lands in rt_el2_trampoline at EL2, which records the
 * state it arrived in, calls the function on a stack of its own, gives
 * SP_EL2 back and erets to EL1 where the caller left off.
 *
 * Also a small sample EL2 handler (rt_sample_vectors) that payloads can
 * install with HVC_SET_VECTORS: it answers every call with
 * RT_SAMPLE_MAGIC and counts them, and hands HVC_RESET_VECTORS and
 * HVC_SOFT_RESTART to the stub's own code, so that it is the stub that
 * performs them. It clobbers x16 and x17 (the ABI allows x0-x18).
 */
#include <arch/rt_el2_ctx.h>
#include <hypstub/bootinfo.h>

	.text
/*
 * unsigned long rt_el2_call_on(ctx, fn, arg, a0, a1, a2): see rt_el2.h.
 * The context is the calling CPU's own (rt_el2_ctx_self()): it is left
 * at the caller's SP, where the trampoline finds it through SP_EL1, and
 * the function's EL2 stack is the rest of the context's slot. So every
 * CPU may be at EL2 through here at the same time.
 */
	.global rt_el2_call_on
rt_el2_call_on:
	mov	x9, x0
	stp	x19, x20, [x9, #RT_EL2_CTX_CALLEE + 0]
	stp	x21, x22, [x9, #RT_EL2_CTX_CALLEE + 16]
	stp	x23, x24, [x9, #RT_EL2_CTX_CALLEE + 32]
	stp	x25, x26, [x9, #RT_EL2_CTX_CALLEE + 48]
	stp	x27, x28, [x9, #RT_EL2_CTX_CALLEE + 64]
	stp	x29, x30, [x9, #RT_EL2_CTX_CALLEE + 80]
	mov	x10, sp
	mrs	x11, daif
	stp	x10, x11, [x9, #RT_EL2_CTX_SP]
	stp	x1, x2, [x9, #RT_EL2_CTX_FN]
	str	x9, [sp, #-16]!			/* for the trampoline, at SP_EL1 */
	/* x0 = SOFT_RESTART, x1 = entry, x2..x4 = a0..a2. */
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	mov	x0, #1
	adr	x1, rt_el2_trampoline
	hvc	#0
	/* Only a refusal comes back here: x0 = the stub's answer. */
	ldr	x9, [sp], #16
	ldp	x29, x30, [x9, #RT_EL2_CTX_CALLEE + 80]
	str	x0, [x9, #RT_EL2_CTX_REFUSED]
	ret

	.balign 4
rt_el2_trampoline:
	/* Record what SOFT_RESTART delivered, before touching anything. */
	mrs	x9, sp_el1
	ldr	x9, [x9]			/* this CPU's context */
	stp	x0, x1, [x9, #RT_EL2_CTX_ENTRY_X0]
	str	x2, [x9, #RT_EL2_CTX_ENTRY_X2]
	mrs	x10, CurrentEL
	lsr	x10, x10, #2		/* the EL number */
	mrs	x11, daif
	stp	x10, x11, [x9, #RT_EL2_CTX_ENTRY_EL]
	mrs	x10, sctlr_el2
	mrs	x11, vbar_el2
	stp	x10, x11, [x9, #RT_EL2_CTX_ENTRY_SCTLR]
	mov	x10, sp
	str	x10, [x9, #RT_EL2_CTX_EL2_SP]
	mov	x19, x9			/* the caller's x19 is in the context */
	add	x10, x9, #RT_EL2_SLOT_SIZE
	mov	sp, x10
	ldp	x10, x0, [x9, #RT_EL2_CTX_FN]
	blr	x10
	str	x0, [x19, #RT_EL2_CTX_RESULT]
	ldr	x10, [x19, #RT_EL2_CTX_EL2_SP]
	mov	sp, x10			/* SP_EL2 belongs to the stub */
	ldr	x11, [x19, #RT_EL2_CTX_SP + 8]
	mov	x10, #0x5		/* EL1h ... */
	orr	x10, x10, x11		/* ... with the caller's DAIF */
	msr	spsr_el2, x10
	adr	x10, rt_el2_back
	msr	elr_el2, x10
	isb
	eret

rt_el2_back:
	ldr	x9, [sp], #16
	ldp	x19, x20, [x9, #RT_EL2_CTX_CALLEE + 0]
	ldp	x21, x22, [x9, #RT_EL2_CTX_CALLEE + 16]
	ldp	x23, x24, [x9, #RT_EL2_CTX_CALLEE + 32]
	ldp	x25, x26, [x9, #RT_EL2_CTX_CALLEE + 48]
	ldp	x27, x28, [x9, #RT_EL2_CTX_CALLEE + 64]
	ldp	x29, x30, [x9, #RT_EL2_CTX_CALLEE + 80]
	ldr	x10, [x9, #RT_EL2_CTX_SP]
	mov	sp, x10
	str	xzr, [x9, #RT_EL2_CTX_REFUSED]
	mov	x0, #0
	ret

/* The sample handler's table. Slot 8 answers; the rest go to the stub's slot. */
.macro forward_slot n
	.balign 128
	adrp	x16, rt_sample_stub_vectors
	ldr	x16, [x16, :lo12:rt_sample_stub_vectors]
	add	x16, x16, #(\n * 128)
	br	x16
.endm

	.balign 2048
	.global rt_sample_vectors
rt_sample_vectors:
	forward_slot 0
	forward_slot 1
	forward_slot 2
	forward_slot 3
	forward_slot 4
	forward_slot 5
	forward_slot 6
	forward_slot 7
	.balign 128
	b	rt_sample_sync
	forward_slot 9
	forward_slot 10
	forward_slot 11
	forward_slot 12
	forward_slot 13
	forward_slot 14
	forward_slot 15

rt_sample_sync:
	mrs	x16, esr_el2
	lsr	x16, x16, #26
	cmp	x16, #0x16		/* HVC from AArch64? */
	b.ne	1f
	cmp	x0, #1			/* SOFT_RESTART and RESET_VECTORS: the stub's */
	b.eq	1f
	cmp	x0, #2
	b.eq	1f
	ldr	x16, =RT_SAMPLE_WHOAMI
	cmp	x0, x16
	b.ne	2f
	mrs	x0, mpidr_el1
	and	x0, x0, #0xffffff
	eret
2:	adrp	x16, rt_sample_calls
	ldr	x17, [x16, :lo12:rt_sample_calls]
	add	x17, x17, #1
	str	x17, [x16, :lo12:rt_sample_calls]
	ldr	x0, =RT_SAMPLE_MAGIC
	eret
1:	adrp	x16, rt_sample_stub_vectors
	ldr	x16, [x16, :lo12:rt_sample_stub_vectors]
	add	x16, x16, #(8 * 128)
	br	x16
	.ltorg

	.data
	.balign 8
	.global rt_sample_stub_vectors, rt_sample_calls
rt_sample_stub_vectors:
	.quad	0
rt_sample_calls:
	.quad	0

	.bss
	.balign 16
	.global rt_el2_slots
rt_el2_slots:				/* per CPU: its context, then its EL2 stack */
	.space	RT_EL2_SLOT_SIZE * HS_MAX_CPUS
