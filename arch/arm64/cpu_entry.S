/* SPDX-License-Identifier: MIT */
/*
 * The resident CPU entry (arm64): PSCI CPU_ON lands here, with the
 * context_id in x0, at EL2 (or EL1 on a machine without EL2). It points
 * VBAR_EL2 at the stub before anything else, finds this CPU's row of
 * hs_cpu_table by MPIDR, takes the slow-path stack (its lock is in the
 * rows: slow_lock.S.inc), and lets hs_cpu_enter() (cpu_entry.c) do the
 * rest on it. Then it gives the slow-path stack back, takes the CPU's own
 * small stack (by its row's index; the spare for a CPU not listed), and
 * enters EL1 or calls PSCI CPU_OFF. Position-independent: it runs in the
 * resident region, wherever that is.
 *
 * A CPU released by a spin table (its row's bit in spin_cpus) cannot
 * power off: where another would call CPU_OFF it goes to the parking
 * place, hs_cpu_park, and waits at EL2 for its release slot
 * (<hypstub/cpus.h>). HS_CALL_PARK sends any CPU there too. Released, it
 * comes through the CPU entry again (a fresh EL2 set-up and stub) and
 * enters the slot's entry at EL1, or at EL2 once a kernel was entered at
 * EL2 by HVC_SOFT_RESTART (the table's release_el).
 */
#include <arch/slow_lock.S.inc>
#include <hypstub/bootinfo.h>
#include <hypstub/psci.h>

#include "../../cpu/cpu.h"

/* SCTLR_EL2 until el2_setup(): RES1 bits, SA, MMU and caches off. */
#define ENTRY_SCTLR_EL2_LO 0x0838
#define ENTRY_SCTLR_EL2_HI 0x30c5

	.section .text.hs_cpu_park, "ax"
	.balign 8
	.global hs_cpu_park
hs_cpu_park:
	adrp	x2, hs_cpu_table
	add	x2, x2, :lo12:hs_cpu_table
	slow_lock_find 2, 21, 0, 4, 5, 1f	/* x21 = this CPU's row */
1:	sub	x3, x21, x2
	sub	x3, x3, #HS_CPU_TABLE_CPUS
	lsr	x3, x3, #4			/* HS_CPU_SIZE: the row's index */
	cmp	x3, #HS_MAX_CPUS
	b.hs	3f				/* not listed: it has no slot */
	mov	w4, #HS_CPU_WAITING_STATE
	strb	w4, [x21, #HS_CPU_STATE]
	dsb	sy
	adrp	x6, hs_cpu_release
	add	x6, x6, :lo12:hs_cpu_release
	add	x6, x6, x3, lsl #6		/* HS_CPU_RELEASE_STRIDE */
2:	wfe
	ldr	x24, [x6, #HS_CPU_RELEASE_ENTRY]	/* MMU off: read from memory */
	cbz	x24, 2b
	ldr	x19, [x6, #HS_CPU_RELEASE_CTX]
	stp	xzr, xzr, [x6]			/* consumed: the next park waits again */
	dsb	sy
	b	cpu_entry_common
3:	wfi
	b	3b

	.section .text.hs_cpu_entry, "ax"
	.balign 8
	/* A spin table's loop enters here at boot (x0 is its own): the bring-up. */
	.global hs_cpu_spin_entry
hs_cpu_spin_entry:
	adrp	x0, hs_cpu_bring_up
	add	x0, x0, :lo12:hs_cpu_bring_up
	.global hs_cpu_entry
hs_cpu_entry:
	mov	x19, x0				/* context_id */
	mov	x24, #0				/* not from the parking place */
cpu_entry_common:
	mrs	x20, CurrentEL
	lsr	x20, x20, #2			/* the level we entered at */
	cmp	x20, #2
	b.ne	1f
	adrp	x9, hs_stub_vectors		/* nothing may fault silently */
	add	x9, x9, :lo12:hs_stub_vectors
	msr	vbar_el2, x9
	isb
	mov	x9, #ENTRY_SCTLR_EL2_LO
	movk	x9, #ENTRY_SCTLR_EL2_HI, lsl #16
	msr	sctlr_el2, x9
	isb
1:	bl	cpu_slow_lock			/* x21 = this CPU's row */
	bl	cpu_slow_stack
	mov	x0, x21
	adrp	x2, hs_cpu_table
	add	x2, x2, :lo12:hs_cpu_table
	add	x3, x2, #(HS_CPU_TABLE_CPUS + HS_MAX_CPUS * HS_CPU_SIZE)
	cmp	x21, x3
	csel	x0, xzr, x21, eq		/* the spare row: not listed */
	mov	x1, x19
	mov	x2, x20
	mov	x3, x24
	bl	hs_cpu_enter			/* x0 = the EL1 entry, or 0: off */
	mov	x22, x0
	/* x23 = this CPU's own stack: HS_EL2_STACK_TOP(row index) */
	adrp	x2, hs_cpu_table
	add	x2, x2, :lo12:hs_cpu_table
	sub	x3, x21, x2
	sub	x3, x3, #(HS_CPU_TABLE_CPUS - HS_CPU_SIZE)
	lsr	x3, x3, #4			/* HS_CPU_SIZE: index + 1 */
	mov	x4, #HS_EL2_STACK_SIZE
	adrp	x5, hs_stub_start
	add	x5, x5, :lo12:hs_stub_start
	add	x5, x5, #HS_RESIDENT_STACKS_OFFSET
	add	x5, x5, #HS_SLOW_STACK_SIZE
	madd	x23, x3, x4, x5
	sub	x25, x3, #1			/* the row's index */
	slow_unlock 21
	mov	sp, x23
	adrp	x2, hs_cpu_table
	add	x2, x2, :lo12:hs_cpu_table
	cbz	x22, 2f
	cbz	x24, 4f
	ldrb	w4, [x2, #HS_CPU_TABLE_RELEASE_EL]
	cmp	w4, #2
	b.ne	4f
	mov	x0, x19				/* released for a kernel at EL2: stay */
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x22
4:	mov	x0, x22
	mov	x1, x19				/* the payload gets its context_id */
	mov	x2, x23
	b	arch_enter_payload
2:	cbnz	x24, hs_cpu_park		/* a released CPU refused: back */
	ldrb	w4, [x2, #HS_CPU_TABLE_SPIN_CPUS]
	lsr	w4, w4, w25
	tbnz	w4, #0, hs_cpu_park		/* no power off on a spin table: park */
	ldr	w4, [x2, #HS_CPU_TABLE_PSCI_HVC]	/* PSCI CPU_OFF: no return if it works */
	mov	x0, #(PSCI_CPU_OFF & 0xffff)
	movk	x0, #(PSCI_CPU_OFF >> 16), lsl #16
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	bl	arch_smccc
	bl	cpu_slow_lock			/* it returned: say so, and stop */
	bl	cpu_slow_stack
	bl	hs_cpu_off_failed
	slow_unlock 21
5:	wfi
	b	5b

/* Take the slow-path stack: x21 = this CPU's row. Clobbers x0-x5. */
cpu_slow_lock:
	adrp	x2, hs_cpu_table
	add	x2, x2, :lo12:hs_cpu_table
	slow_lock_find 2, 21, 0, 4, 5, 1f
	slow_lock_ticket 2, 21, 0, 4, 5
	slow_lock_wait 2, 21, 0, 4, 5
1:	ret

/* SP = the top of the slow-path stack, which this CPU holds. */
cpu_slow_stack:
	adrp	x5, hs_stub_start
	add	x5, x5, :lo12:hs_stub_start
	add	x5, x5, #HS_RESIDENT_STACKS_OFFSET
	add	sp, x5, #HS_SLOW_STACK_SIZE
	ret

/*
 * arch_enter_payload(entry, x0_value, el2_sp): leave hypstub for EL1.
 * At EL2: SP_EL2 becomes this CPU's stub stack and we eret to EL1h.
 * At EL1: eret to the same level. Either way DAIF is masked and
 * x0 = x0_value, x1..x3 = 0 (the arm64 Linux boot convention).
 */
	.global arch_enter_payload
arch_enter_payload:
	mov	x9, #0x3c5		/* SPSR: EL1h, D, A, I, F masked */
	mrs	x10, CurrentEL
	cmp	x10, #(2 << 2)
	b.ne	1f
	msr	elr_el2, x0
	msr	spsr_el2, x9
	mov	sp, x2
	b	2f
1:	msr	elr_el1, x0
	msr	spsr_el1, x9
2:	mov	x0, x1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	isb
	eret
