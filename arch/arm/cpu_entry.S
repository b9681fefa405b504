/* SPDX-License-Identifier: MIT */
/*
 * The resident CPU entry (arm): PSCI CPU_ON lands here, with the
 * context_id in r0, in HYP mode (or SVC on a machine without HYP). It
 * points HVBAR at the stub before anything else, finds this CPU's row of
 * hs_cpu_table by MPIDR, takes that CPU's HYP stack, and lets
 * hs_cpu_enter() (cpu_entry.c) do the rest. Position-independent: every
 * address is taken relative to the PC (movw/movt of a difference).
 */
#include <arch/psr.h>
#include <hypstub/bootinfo.h>

#include "../../cpu/cpu.h"

/* HSCTLR until el2_setup(): the RES1 bits only; MMU, caches, TE, EE off. */
#define ENTRY_HSCTLR 0x30c50818
/* MPIDR's affinity fields: Aff2..Aff0 [23:0]. */
#define MPIDR_FLAGS 0xff000000

/* \reg = the run-time address of \sym, whatever address we were copied to. */
.macro pc_address reg, sym
	movw	\reg, #:lower16:(\sym - (9998f + 8))
	movt	\reg, #:upper16:(\sym - (9998f + 8))
9998:	add	\reg, pc, \reg
.endm

	.arm
	.syntax unified
	.section .text.hs_cpu_entry, "ax"
	.balign 8
	.global hs_cpu_entry
hs_cpu_entry:
	cpsid	aif
	mov	r4, r0				@ context_id
	mrs	r5, cpsr
	and	r5, r5, #PSR_MODE_MASK
	cmp	r5, #PSR_MODE_HYP
	movne	r5, #1				@ the level we entered at
	bne	1f
	mov	r5, #2
	pc_address r9, hs_stub_vectors		@ nothing may fault silently
	mcr	p15, 4, r9, c12, c0, 0		@ HVBAR
	movw	r9, #:lower16:ENTRY_HSCTLR
	movt	r9, #:upper16:ENTRY_HSCTLR
	mcr	p15, 4, r9, c1, c0, 0		@ HSCTLR
	isb
1:	@ r6 = this CPU's row (0 if not listed), r7 = its stack's index
	mrc	p15, 0, r1, c0, c0, 5		@ MPIDR
	bic	r1, r1, #MPIDR_FLAGS
	pc_address r2, hs_cpu_table
	ldr	r3, [r2, #HS_CPU_TABLE_NCPUS]
	add	r6, r2, #HS_CPU_TABLE_CPUS
	mov	r7, #0
2:	cmp	r7, r3
	bhs	3f
	ldr	r8, [r6]			@ the low word: Aff3 does not exist here
	cmp	r8, r1
	beq	4f
	add	r6, r6, #HS_CPU_SIZE
	add	r7, r7, #1
	b	2b
3:	mov	r6, #0				@ unlisted: the spare stack
	mov	r7, #HS_MAX_CPUS
4:	pc_address r8, hs_stub_start
	add	r8, r8, #HS_RESIDENT_STACKS_OFFSET
	add	r7, r7, #1
	add	r8, r8, r7, lsl #HS_EL2_STACK_SHIFT
	mov	sp, r8
	mov	r0, r6
	mov	r1, r4
	mov	r2, r5
	bl	hs_cpu_enter
	mov	r1, r4				@ the context_id, where the boot CPU got its DTB
	mov	r2, r8
	b	arch_enter_payload

/*
 * arch_enter_payload(entry, dtb, el2_sp): leave hypstub for SVC.
 * In HYP: SP_hyp becomes this CPU's stub stack and we eret to SVC.
 * In SVC: a plain jump. Either way A, I and F are masked, Thumb state if
 * bit 0 of the entry is set, and r0 = 0, r1 = ~0, r2 = dtb (the ARM Linux
 * boot convention).
 */
	.global arch_enter_payload
arch_enter_payload:
	mrs	r3, cpsr
	and	r3, r3, #PSR_MODE_MASK
	cmp	r3, #PSR_MODE_HYP
	bne	1f
	mov	sp, r2
	mov	r3, #(PSR_MODE_SVC | PSR_AIF)
	tst	r0, #1
	orrne	r3, r3, #PSR_BIT_T
	bicne	r0, r0, #1
	msr	spsr_cxsf, r3			@ SPSR_hyp: HYP names its own plainly
	msr	elr_hyp, r0
	mov	r2, r1
	mov	r0, #0
	mvn	r1, #0
	isb
	eret
1:	mov	r3, r0
	mov	r2, r1
	mov	r0, #0
	mvn	r1, #0
	bx	r3
