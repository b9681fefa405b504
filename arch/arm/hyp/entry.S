/* SPDX-License-Identifier: MIT */
/*
 * The sample hypervisor's first bytes and its HYP vector table, as on
 * arm64 (arch/arm64/hyp/entry.S): before HYP_CALL_INIT (HSCTLR.M still
 * clear) only that call is served, on the stub's stack; after it, the
 * HYP trap vector saves r0-r12 and lr (LR_usr, which HYP mode shares) on
 * this CPU's stack and calls hyp_sync(). Every other vector goes to the
 * stub's vector of the same slot (ip is used to get there).
 */
#include <arch/hyp_arch.h>
#include <hyp/layout.h>
#include <arch/slow_lock.S.inc>
#include <hypstub/bootinfo.h>
#include <hypstub/hyp.h>

	.arm
	.syntax unified
	.section .text.head, "ax"
	.global hyp_header
hyp_header:
	.word	HYP_IMAGE_MAGIC
	.word	HYP_VERSION
	.quad	0, 0, 0			@ ram_base, ram_end, region_size: the client's

/* Hand the exception to the stub's vector at `offset`. */
.macro forward offset
	pc_address ip, hyp_shared
	ldr	ip, [ip, #HYP_SHARED_STUB_VECTORS]
	add	ip, ip, #\offset
	bx	ip
.endm

	.org	HYP_VECTORS_OFFSET
	.global hyp_vectors
hyp_vectors:
	b	1f			@ 0x00
	b	2f			@ 0x04: undefined instruction in HYP mode
	b	3f			@ 0x08: hvc in HYP mode
	b	4f			@ 0x0c: prefetch abort in HYP mode
	b	5f			@ 0x10: data abort in HYP mode
	b	hyp_trap		@ 0x14: HYP trap from a lower mode
	b	6f			@ 0x18: IRQ
	b	7f			@ 0x1c: FIQ
1:	forward	0x00
2:	forward	0x04
3:	forward	0x08
4:	forward	0x0c
5:	forward	0x10
6:	forward	0x18
7:	forward	0x1c

hyp_trap:
	push	{r0, r1}
	mrc	p15, 4, r0, c1, c0, 0		@ HSCTLR
	tst	r0, #1
	beq	hyp_preinit
	pop	{r0, r1}
	sub	sp, sp, #HYP_FRAME_SIZE
	stmia	sp, {r0-r12, lr}
	mov	r0, sp
	bl	hyp_sync
	cmp	r0, #HYP_EXIT_TEARDOWN
	beq	hyp_exit_teardown
	cmp	r0, #HYP_EXIT_CRASH		@ the flags survive the loads
	ldmia	sp, {r0-r12, lr}
	add	sp, sp, #HYP_FRAME_SIZE
	beq	hyp_exit_crash
	eret
hyp_exit_crash:
	forward	0x14				@ the stub's crash report

/* The stub's stack holds r0, r1: only HYP_CALL_INIT is served. */
hyp_preinit:
	mrc	p15, 4, r0, c5, c2, 0		@ HSR
	lsr	r1, r0, #26
	cmp	r1, #0x12			@ hvc
	bne	hyp_preinit_refuse
	movw	r1, #0xffff			@ hvc #0 only
	tst	r0, r1
	bne	hyp_preinit_refuse
	ldr	r0, [sp]
	movw	r1, #:lower16:HYP_CALL_INIT
	movt	r1, #:upper16:HYP_CALL_INIT
	cmp	r0, r1
	bne	hyp_preinit_refuse
	cmp	r2, #HS_MAX_CPUS		@ r2 = this CPU's index
	bhs	hyp_preinit_refuse
	push	{r2, r3}			@ the stub's stack: r2, r3, r0, r1
	mov	r0, sp
	pc_address r3, hyp_stacks
	add	r2, r2, #1
	add	r3, r3, r2, lsl #HYP_STACK_SHIFT
	mov	sp, r3				@ this CPU's own stack
	push	{r0, lr}
	ldr	r1, [r0, #0]			@ this CPU's index (r2 of the call)
	add	r2, r0, #16			@ SP_hyp as the stub had it
	ldr	r0, [r0, #12]			@ the stub's vectors (r1 of the call)
	bl	hyp_init
	pop	{r1, lr}			@ r1 = the stub's stack
	cmp	r0, #0
	bne	1f
	ldr	r2, [r1, #0]			@ installed: stay on this stack
	ldr	r3, [r1, #4]
	ldr	r1, [r1, #12]
	eret
1:	mov	sp, r1				@ refused: back on the stub's stack
	pop	{r2, r3}
	ldr	r1, [sp, #4]
	add	sp, sp, #8
	eret

hyp_preinit_refuse:
	pop	{r0, r1}
	movw	r0, #:lower16:HVC_STUB_ERR
	movt	r0, #:upper16:HVC_STUB_ERR
	eret

/*
 * Torn down in C (stage 2 off, ELR_hyp at the `hvc`, this CPU's state and
 * stack cleaned to memory). Now the MMU off, the registers install
 * changed back, the stub's vectors, and the caller's r0, r1 on the stub's
 * own stack, from which the `hvc` runs again.
 */
hyp_exit_teardown:
	mrc	p15, 4, r0, c13, c0, 2		@ HTPIDR: this CPU's struct hyp_cpu
	ldr	r1, [r0, #HYP_SAVED_SCTLR]
	mcr	p15, 4, r1, c1, c0, 0		@ HSCTLR: HYP MMU and caches as before install
	isb
	ldr	r1, [r0, #HYP_SAVED_MAIR]
	mcr	p15, 4, r1, c10, c2, 0		@ HMAIR0
	ldr	r1, [r0, #HYP_SAVED_MAIR1]
	mcr	p15, 4, r1, c10, c2, 1		@ HMAIR1
	ldr	r1, [r0, #HYP_SAVED_TCR]
	mcr	p15, 4, r1, c2, c0, 2		@ HTCR
	ldrd	r2, r3, [r0, #HYP_SAVED_TTBR0]
	mcrr	p15, 4, r2, r3, c2		@ HTTBR
	mcr	p15, 4, r1, c8, c7, 0		@ TLBIALLH: no HYP translation of ours survives
	dsb	nsh
	ldr	r1, [r0, #HYP_CPU_STUB_VECTORS]
	mcr	p15, 4, r1, c12, c0, 0		@ HVBAR
	ldr	r1, [r0, #HYP_SAVED_TPIDR]
	mcr	p15, 4, r1, c13, c0, 2		@ HTPIDR
	isb
	ldr	r1, [r0, #HYP_CPU_STUB_SP]
	ldr	r2, [sp, #0]			@ the caller's r0, r1
	ldr	r3, [sp, #4]
	stmdb	r1!, {r2, r3}
	add	r0, sp, #8
	mov	sp, r1
	ldmia	r0, {r2-r12, lr}
	pop	{r0, r1}
	eret
