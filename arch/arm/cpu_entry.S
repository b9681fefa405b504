/* SPDX-License-Identifier: MIT */
/*
 * The resident CPU entry (arm): PSCI CPU_ON lands here, with the
 * context_id in r0, in HYP mode (or SVC on a machine without HYP). It
 * points HVBAR at the stub before anything else, finds this CPU's row of
 * hs_cpu_table by MPIDR, takes the slow-path stack (its lock is in the
 * rows: slow_lock.S.inc), and lets hs_cpu_enter() (cpu_entry.c) do the
 * rest on it. Then it gives the slow-path stack back, takes the CPU's own
 * small stack (by its row's index; the spare for a CPU not listed), and
 * enters SVC or calls PSCI CPU_OFF. Position-independent: every address
 * is taken relative to the PC (movw/movt of a difference).
 *
 * A CPU released by a spin table (its row's bit in spin_cpus) cannot
 * power off: it goes to the parking place, hs_cpu_park, and waits in HYP
 * for its release slot (<hypstub/cpus.h>); HS_CALL_PARK sends any CPU
 * there too. Released, it comes through the CPU entry again and enters
 * the slot's entry in SVC with the slot's ctx in r2 (where a CPU started
 * by PSCI gets its context_id), or in HYP once a kernel was entered in
 * HYP by HVC_SOFT_RESTART (the table's release_el).
 */
#include <arch/psr.h>
#include <arch/slow_lock.S.inc>
#include <hypstub/bootinfo.h>
#include <hypstub/psci.h>

#include "../../cpu/cpu.h"

/* HSCTLR until el2_setup(): the RES1 bits only; MMU, caches, TE, EE off. */
#define ENTRY_HSCTLR 0x30c50818

	.arm
	.syntax unified
	.arch_extension sec
	.arch_extension virt
	.section .text.hs_cpu_park, "ax"
	.balign 8
	.global hs_cpu_park
hs_cpu_park:
	cpsid	aif
	pc_address r2, hs_cpu_table
	slow_lock_find 2, 6, 0, 3, 1, 1f	@ r6 = this CPU's row
1:	sub	r3, r6, r2
	sub	r3, r3, #HS_CPU_TABLE_CPUS
	lsr	r3, r3, #4			@ HS_CPU_SIZE: the row's index
	cmp	r3, #HS_MAX_CPUS
	bhs	3f				@ not listed: it has no slot
	mov	r0, #HS_CPU_WAITING_STATE
	strb	r0, [r6, #HS_CPU_STATE]
	dsb	sy
	pc_address r1, hs_cpu_release
	add	r1, r1, r3, lsl #6		@ HS_CPU_RELEASE_STRIDE
2:	wfe
	ldr	r10, [r1, #HS_CPU_RELEASE_ENTRY]	@ the low word; MMU off: from memory
	cmp	r10, #0
	beq	2b
	ldr	r4, [r1, #HS_CPU_RELEASE_CTX]
	mov	r0, #0				@ consumed: the next park waits again
	str	r0, [r1, #0]
	str	r0, [r1, #4]
	str	r0, [r1, #8]
	str	r0, [r1, #12]
	dsb	sy
	b	cpu_entry_common
3:	wfi
	b	3b

	.section .text.hs_cpu_entry, "ax"
	.balign 8
	@ A spin table's loop enters here at boot (r0 is its own): the bring-up.
	.global hs_cpu_spin_entry
hs_cpu_spin_entry:
	pc_address r0, hs_cpu_bring_up
	.global hs_cpu_entry
hs_cpu_entry:
	cpsid	aif
	mov	r4, r0				@ context_id
	mov	r10, #0				@ not from the parking place
cpu_entry_common:
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
1:	bl	cpu_slow_lock			@ r6 = this CPU's row
	bl	cpu_slow_stack
	pc_address r2, hs_cpu_table
	add	r3, r2, #(HS_CPU_TABLE_CPUS + HS_MAX_CPUS * HS_CPU_SIZE)
	cmp	r6, r3
	moveq	r0, #0				@ the spare row: not listed
	movne	r0, r6
	mov	r1, r4
	mov	r2, r5
	mov	r3, r10
	bl	hs_cpu_enter			@ r0 = the SVC entry, or 0: off
	mov	r7, r0
	@ r8 = this CPU's own stack: HS_EL2_STACK_TOP(row index)
	pc_address r2, hs_cpu_table
	sub	r3, r6, r2
	sub	r3, r3, #(HS_CPU_TABLE_CPUS - HS_CPU_SIZE)
	lsr	r3, r3, #4			@ HS_CPU_SIZE: index + 1
	sub	r11, r3, #1			@ the row's index
	mov	r1, #HS_EL2_STACK_SIZE
	mul	r3, r3, r1
	pc_address r8, hs_stub_start
	add	r8, r8, #HS_RESIDENT_STACKS_OFFSET
	add	r8, r8, #HS_SLOW_STACK_SIZE
	add	r8, r8, r3
	slow_unlock 6, 1
	mov	sp, r8
	pc_address r2, hs_cpu_table
	cmp	r7, #0
	beq	2f
	cmp	r10, #0
	beq	4f
	ldrb	r3, [r2, #HS_CPU_TABLE_RELEASE_EL]
	cmp	r3, #2
	bne	4f
	mov	r0, #0				@ released for a kernel in HYP: stay
	mvn	r1, #0
	mov	r2, r4
	bx	r7
4:	mov	r0, r7
	mov	r1, r4				@ the context_id, where the boot CPU got its DTB
	mov	r2, r8
	b	arch_enter_payload
2:	cmp	r10, #0
	bne	hs_cpu_park			@ a released CPU refused: back
	ldrb	r3, [r2, #HS_CPU_TABLE_SPIN_CPUS]
	lsr	r3, r3, r11
	tst	r3, #1
	bne	hs_cpu_park			@ no power off on a spin table: park
	ldr	r2, [r2, #HS_CPU_TABLE_PSCI_HVC]	@ PSCI CPU_OFF: no return if it works
	push	{r2, r3}			@ arch_smccc's 5th argument: use_hvc
	movw	r0, #:lower16:PSCI_CPU_OFF
	movt	r0, #:upper16:PSCI_CPU_OFF
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	bl	arch_smccc
	add	sp, sp, #8
	bl	cpu_slow_lock			@ it returned: say so, and stop
	bl	cpu_slow_stack
	bl	hs_cpu_off_failed
	slow_unlock 6, 1
5:	wfi
	b	5b

@ Take the slow-path stack: r6 = this CPU's row. Clobbers r0-r3.
cpu_slow_lock:
	pc_address r2, hs_cpu_table
	slow_lock_find 2, 6, 0, 3, 1, 1f
	slow_lock_ticket 2, 6, 0, 3, 1
	slow_lock_wait 2, 6, 0, 3, 1
1:	bx	lr

@ SP = the top of the slow-path stack, which this CPU holds. Clobbers r1.
cpu_slow_stack:
	pc_address r1, hs_stub_start
	add	r1, r1, #HS_RESIDENT_STACKS_OFFSET
	add	sp, r1, #HS_SLOW_STACK_SIZE
	bx	lr

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
