/* SPDX-License-Identifier: MIT */
/*
 * The sample hypervisor's first bytes and its EL2 vector table.
 *
 * Before HYP_CALL_INIT (SCTLR_EL2.M still clear: the stub's state) the
 * vectors answer that call alone, on the stub's own stack, where they
 * save four registers: INIT moves to this CPU's own stack and calls
 * hyp_init(). After it, a call or a stage 2 fault from EL1 saves every
 * register on this CPU's stack and calls hyp_sync(), which says how to
 * leave: eret, tear down (the MMU off, the saved registers and the stub's
 * vectors back, then the `hvc` executed again, so that the stub performs
 * RESET_VECTORS or SOFT_RESTART itself), or hand the exception to the
 * stub's crash report. Every other exception goes to the stub's vector
 * of the same slot (x16 is used to get there).
 */
#include <arch/hyp_arch.h>
#include <arch/frame_store.S.inc>
#include <hyp/layout.h>
#include <hypstub/bootinfo.h>
#include <hypstub/hyp.h>

	.section .text.head, "ax"
	.global hyp_header
hyp_header:
	.word	HYP_IMAGE_MAGIC
	.word	HYP_VERSION
	.quad	0, 0, 0			/* ram_base, ram_end, region_size: the client's */

/* x2..x15 and x18..x30 back from the frame at \base (x16, x17: see callers). */
.macro restore_x2_x30 base
	ldp	x2, x3, [\base, #16]
	ldp	x4, x5, [\base, #32]
	ldp	x6, x7, [\base, #48]
	ldp	x8, x9, [\base, #64]
	ldp	x10, x11, [\base, #80]
	ldp	x12, x13, [\base, #96]
	ldp	x14, x15, [\base, #112]
	ldp	x18, x19, [\base, #144]
	ldp	x20, x21, [\base, #160]
	ldp	x22, x23, [\base, #176]
	ldp	x24, x25, [\base, #192]
	ldp	x26, x27, [\base, #208]
	ldp	x28, x29, [\base, #224]
	ldr	x30, [\base, #240]
.endm

.macro slot n
	.org	hyp_vectors + (\n) * 128
.endm

/* Hand the exception to the stub's vector of the same slot. */
.macro forward n
	slot	\n
	adr	x16, hyp_shared
	ldr	x16, [x16, #HYP_SHARED_STUB_VECTORS]
	add	x16, x16, #(\n * 128)
	br	x16
.endm

	.org	HYP_VECTORS_OFFSET
	.global hyp_vectors
hyp_vectors:
	forward	0
	forward	1
	forward	2
	forward	3
	forward	4
	forward	5
	forward	6
	forward	7
	/* Synchronous from AArch64 EL1. */
	slot	8
	stp	x0, x1, [sp, #-16]!
	mrs	x0, sctlr_el2
	tbz	x0, #0, hyp_preinit
	ldp	x0, x1, [sp], #16
	b	hyp_sync_lower
	forward	9
	forward	10
	forward	11
	forward	12
	forward	13
	forward	14
	forward	15

	.text
/* The stub's stack holds x0, x1: only HYP_CALL_INIT is served. */
hyp_preinit:
	mrs	x0, esr_el2
	lsr	x1, x0, #26
	cmp	x1, #0x16			/* hvc from AArch64 */
	b.ne	hyp_preinit_refuse
	tst	x0, #0xffff			/* hvc #0 only */
	b.ne	hyp_preinit_refuse
	ldr	x0, [sp]
	ldr	x1, =HYP_CALL_INIT
	cmp	x0, x1
	b.ne	hyp_preinit_refuse
	cmp	x2, #HS_MAX_CPUS		/* x2 = this CPU's index */
	b.hs	hyp_preinit_refuse
	stp	x2, x3, [sp, #-16]!		/* the stub's stack: x2, x3, x0, x1 */
	mov	x0, sp
	adr	x3, hyp_stacks
	add	x2, x2, #1
	add	x3, x3, x2, lsl #HYP_STACK_SHIFT
	mov	sp, x3				/* this CPU's own stack */
	stp	x0, x30, [sp, #-16]!
	ldr	x1, [x0, #0]			/* this CPU's index (x2 of the call) */
	add	x2, x0, #32			/* SP_EL2 as the stub had it */
	ldr	x0, [x0, #24]			/* the stub's vectors (x1 of the call) */
	bl	hyp_init
	ldp	x1, x30, [sp], #16		/* x1 = the stub's stack */
	cbnz	x0, 1f
	ldp	x2, x3, [x1, #0]		/* installed: stay on this stack */
	ldr	x1, [x1, #24]
	eret
1:	mov	sp, x1				/* refused: back on the stub's stack */
	ldp	x2, x3, [sp], #16
	ldr	x1, [sp, #8]
	add	sp, sp, #16
	eret

hyp_preinit_refuse:
	ldp	x0, x1, [sp], #16
	ldr	x0, =HVC_STUB_ERR
	eret

hyp_sync_lower:
	sub	sp, sp, #HYP_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	frame_store_x6_x29 sp
	str	x30, [sp, #240]
	mov	x0, sp
	bl	hyp_sync
	cmp	x0, #HYP_EXIT_TEARDOWN
	b.eq	hyp_exit_teardown
	mov	x16, x0
	restore_x2_x30 sp
	cmp	x16, #HYP_EXIT_CRASH		/* the flags survive the loads */
	ldp	x16, x17, [sp, #128]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #HYP_FRAME_SIZE
	b.eq	hyp_exit_crash
	eret
hyp_exit_crash:
	adr	x16, hyp_shared			/* the stub's crash report, slot 8 */
	ldr	x16, [x16, #HYP_SHARED_STUB_VECTORS]
	add	x16, x16, #(8 * 128)
	br	x16

/*
 * Torn down in C (stage 2 off, ELR_EL2 at the `hvc`, this CPU's state and
 * stack cleaned to memory). Now the MMU off, the registers install
 * changed back, the stub's vectors, and the caller's registers on the
 * stub's own stack, from which the `hvc` runs again.
 */
hyp_exit_teardown:
	mrs	x0, tpidr_el2
	ldr	x1, [x0, #HYP_SAVED_SCTLR]
	msr	sctlr_el2, x1			/* EL2 MMU and caches as before install */
	isb
	ldr	x1, [x0, #HYP_SAVED_MAIR]
	msr	mair_el2, x1
	ldr	x1, [x0, #HYP_SAVED_TCR]
	msr	tcr_el2, x1
	ldr	x1, [x0, #HYP_SAVED_TTBR0]
	msr	ttbr0_el2, x1
	tlbi	alle2				/* no EL2 translation of ours survives */
	dsb	nsh
	ldr	x1, [x0, #HYP_CPU_STUB_VECTORS]
	msr	vbar_el2, x1
	ldr	x1, [x0, #HYP_SAVED_TPIDR]
	msr	tpidr_el2, x1
	isb
	ldr	x1, [x0, #HYP_CPU_STUB_SP]
	ldp	x2, x3, [sp, #0]		/* the caller's x0, x1 */
	stp	x2, x3, [x1, #-16]!
	ldp	x16, x17, [sp, #128]
	stp	x16, x17, [x1, #-16]!		/* and its x16, x17 */
	mov	x0, sp
	mov	sp, x1
	restore_x2_x30 x0
	ldp	x16, x17, [sp], #16
	ldp	x0, x1, [sp], #16
	eret
	.ltorg
