/* SPDX-License-Identifier: MIT */
/*
 * The resident CPU entry (arm64): PSCI CPU_ON lands here, with the
 * context_id in x0, at EL2 (or EL1 on a machine without EL2). It points
 * VBAR_EL2 at the stub before anything else, finds this CPU's row of
 * hs_cpu_table by MPIDR, takes that CPU's EL2 stack, and lets
 * hs_cpu_enter() (cpu_entry.c) do the rest. Position-independent: it runs
 * in the resident region, wherever that is.
 */
#include <hypstub/bootinfo.h>

#include "../../cpu/cpu.h"

/* SCTLR_EL2 until el2_setup(): RES1 bits, SA, MMU and caches off. */
#define ENTRY_SCTLR_EL2_LO 0x0838
#define ENTRY_SCTLR_EL2_HI 0x30c5
/* MPIDR_EL1's affinity fields: Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_LO 0xffff
#define MPIDR_AFF_MID 0xff

	.section .text.hs_cpu_entry, "ax"
	.balign 8
	.global hs_cpu_entry
hs_cpu_entry:
	mov	x19, x0				/* context_id */
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
1:	/* x4 = this CPU's row (0 if not listed), x5 = its stack's index */
	mrs	x1, mpidr_el1
	mov	x2, #MPIDR_AFF_LO
	movk	x2, #MPIDR_AFF_MID, lsl #16
	movk	x2, #MPIDR_AFF_MID, lsl #32
	and	x1, x1, x2
	adrp	x2, hs_cpu_table
	add	x2, x2, :lo12:hs_cpu_table
	ldr	w3, [x2, #HS_CPU_TABLE_NCPUS]
	add	x4, x2, #HS_CPU_TABLE_CPUS
	mov	x5, #0
2:	cmp	x5, x3
	b.hs	3f
	ldr	x6, [x4]
	cmp	x6, x1
	b.eq	4f
	add	x4, x4, #HS_CPU_SIZE
	add	x5, x5, #1
	b	2b
3:	mov	x4, #0				/* unlisted: the spare stack */
	mov	x5, #HS_MAX_CPUS
4:	adrp	x6, hs_stub_start
	add	x6, x6, :lo12:hs_stub_start
	add	x6, x6, #HS_RESIDENT_STACKS_OFFSET
	add	x5, x5, #1
	add	x21, x6, x5, lsl #HS_EL2_STACK_SHIFT
	mov	sp, x21
	mov	x0, x4
	mov	x1, x19
	mov	x2, x20
	bl	hs_cpu_enter
	mov	x1, x19				/* the payload gets its context_id */
	mov	x2, x21
	b	arch_enter_payload

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
