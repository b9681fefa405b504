/* SPDX-License-Identifier: MIT */
/*
 * The stub's EL2 vector table and its call path. Only `hvc` from AArch64
 * EL1 is served; every other slot reports a crash.
 *
 * The stub's C is built with x4-x18 fixed (arch.mk), so a call can only
 * change x0-x3 and x30 (C keeps x19-x29 itself): the call path saves
 * those five, plus x4 for SOFT_RESTART to read, and every register but
 * x0 comes back as it was. Those 48 bytes are the whole of the CPU's own
 * EL2 stack (HS_EL2_STACK_SIZE_ARM64): hs_stub_sync() is a leaf that
 * uses none.
 *
 * A crash saves x0-x5 (48 bytes) below its SP, which for a crash from
 * EL1 is the top of that same stack, takes the slow-path stack's lock
 * (slow_lock.S.inc) with x0 and x2-x5, and builds the report's 288-byte
 * frame on the one slow-path stack all CPUs share. When this CPU holds
 * the lock already (its CPU entry's C crashed), the frame goes on the
 * stack it is on; when it crashed inside its own report, it gives the
 * lock back and stops. While the shim boots alone (no CPU table yet)
 * the frame goes on the current stack, as the shim's own vectors do.
 * The report out, the CPU gives the lock back (a CPU crashing meanwhile
 * waits for it, then reports) and stops.
 *
 * The table is 2 KiB of 128-byte slots that mostly hold a four-instruction
 * jump; the code they jump to lives in the free space of the slots (each
 * part ends at .org of the next slot, so the assembler refuses one that
 * outgrows its slot), which keeps the whole stub within 4 KiB.
 */
#include <arch/crash_entry.S.inc>
#include <arch/frame_store.S.inc>
#include <arch/slow_lock.S.inc>
#include <hypstub/abi.h>
#include <hypstub/bootinfo.h>
#include <hypstub/cpus.h>

/* SCTLR_EL2.M, C and I: MMU and caches, off where a soft restart lands. */
#define STUB_SCTLR_MCI 0x1005
/* SPSR_EL2 of a soft restart's (and the park call's) eret: EL2h, DAIF masked. */
#define STUB_SPSR_EL2H 0x3c9

/* struct hs_frame: x0..x4, x30. */
#define HS_FRAME_SIZE (6 * 8)
/* What a crash saves before it has the slow-path stack: x0..x5. */
#define HS_CRASH_SAVE (6 * 8)

.if HS_FRAME_SIZE > HS_EL2_STACK_SIZE || HS_CRASH_SAVE > HS_EL2_STACK_SIZE
.error "the call path's frame does not fit the CPU's EL2 stack"
.endif

/* Start slot n (its 128 bytes); the previous slot's code must have fit. */
.macro slot n
	.org	hs_stub_vectors + (\n) * 128
.endm

/* A slot that reports `vector` as a crash at EL2. */
.macro stub_crash_vector vector
	slot	\vector
	sub	sp, sp, #HS_CRASH_SAVE
	stp	x0, x1, [sp, #0]
	mov	x1, #\vector
	b	hs_crash_entry_el2
.endm

	.section .text.hs_vectors, "ax"
	.balign 2048
	.global hs_stub_vectors
hs_stub_vectors:
	stub_crash_vector 0
	/* x0, x1 saved at [sp], x1 = the vector: save x2-x5, find the lock. */
	.global hs_crash_entry_el2
hs_crash_entry_el2:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	adr	x2, hs_stub_config
	ldr	x2, [x2, #HS_STUB_CONFIG_CPU_TABLE]
	mov	x3, #0				/* no row: nothing to give back */
	mov	x0, sp
	cbz	x2, hs_crash_frame		/* the shim alone: this stack */
	slow_lock_find 2, 3, 0, 4, 5, hs_crash_held
	b	hs_crash_ticket

	stub_crash_vector 1
hs_crash_ticket:
	slow_lock_ticket 2, 3, 0, 4, 5
	b	hs_crash_wait

	stub_crash_vector 2
hs_crash_wait:
	slow_lock_wait 2, 3, 0, 4, 5
	mov	x0, sp				/* x0..x5 as they were */
	adr	x2, hs_stub_vectors		/* the resident region's base */
	add	x2, x2, #HS_RESIDENT_STACKS_OFFSET
	add	sp, x2, #HS_SLOW_STACK_SIZE	/* the slow-path stack's top */
	b	hs_crash_frame

	stub_crash_vector 3
	/* x0 = x0..x5 saved, x1 = vector, x3 = row or 0: the frame, report. */
hs_crash_frame:
	sub	sp, sp, #HS_CRASH_FRAME_SIZE
	ldp	x4, x5, [x0, #0]
	stp	x4, x5, [sp, #0]
	ldp	x4, x5, [x0, #16]
	stp	x4, x5, [sp, #16]
	ldp	x4, x5, [x0, #32]
	stp	x4, x5, [sp, #32]
	frame_store_x6_x29 sp
	add	x2, x0, #HS_CRASH_SAVE		/* the SP it had */
	stp	x30, x2, [sp, #240]
	b	hs_crash_frame2

	stub_crash_vector 4
hs_crash_frame2:
	mrs	x4, elr_el2
	mrs	x5, spsr_el2
	stp	x4, x5, [sp, #256]
	mrs	x4, esr_el2
	mrs	x5, far_el2
	stp	x4, x5, [sp, #272]
	mov	x19, x3				/* kept across C; saved above */
	mov	x0, sp
	mov	x2, #2
	bl	hs_report_crash
	mov	x3, x19
	/* x3 = row or 0: the report is out, or it could not be: give the
	 * slow-path stack back, stop. */
hs_crash_release:
	adr	x2, hs_reporting
	str	wzr, [x2]
	cbz	x3, 1f
	slow_unlock 3
1:	wfi
	b	1b

	stub_crash_vector 5
	/* This CPU holds the slow-path stack already (x3 = its row). */
hs_crash_held:
	adr	x2, hs_reporting
	ldr	w2, [x2]
	cbnz	w2, hs_crash_release		/* it crashed in its own report */
	mov	x0, sp
	b	hs_crash_frame			/* its CPU entry's C: report here */

	stub_crash_vector 6
	stub_crash_vector 7

	/* Synchronous from AArch64 EL1: the call path, all within its slot. */
	slot	8
	sub	sp, sp, #HS_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x30, [sp, #32]
	mov	x1, #HS_CALL_PARK
	cmp	x0, x1
	b.eq	hs_stub_park			/* slot 10 */
hs_stub_call_c:
	mov	x0, sp
	bl	hs_stub_sync
	cbnz	x0, hs_stub_not_a_call
	mrs	x1, spsr_el2			/* only a soft restart erets to EL2h */
	cmp	x1, #STUB_SPSR_EL2H
	b.eq	hs_stub_restart_note		/* slot 11 */
hs_stub_return:
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldr	x30, [sp, #40]
	add	sp, sp, #HS_FRAME_SIZE
	eret

	stub_crash_vector 9
	/*
	 * Free space in slot 9: a trap that is not a call is a crash (slot 8).
	 * The call frame holds x0, x1 where a crash saves them; x2, x3 and x30
	 * come back from it, and the crash path saves the rest over it.
	 */
hs_stub_not_a_call:
	ldp	x2, x3, [sp, #16]
	ldr	x30, [sp, #40]
	mov	x1, #8
	b	hs_crash_entry_el2

	stub_crash_vector 10
	/*
	 * Free space in slot 10: HS_CALL_PARK, here rather than in the C
	 * dispatcher, whose 4 KiB are full. Through `hvc #0` only (anything
	 * else goes the usual way, to be refused or reported): an eret to the
	 * parking place, hs_cpu_park, first in the CPU code, at EL2h with
	 * DAIF masked and the MMU and caches off, as a soft restart enters.
	 * The CPU's own stack is left empty; no register matters there.
	 */
hs_stub_park:
	mrs	x1, esr_el2
	lsr	w2, w1, #26			/* ESR_EL2.EC */
	cmp	w2, #0x16			/* HVC from AArch64 */
	b.ne	hs_stub_call_c
	tst	w1, #0xffff			/* its immediate */
	b.ne	hs_stub_call_c
	mrs	x1, sctlr_el2
	mov	x2, #STUB_SCTLR_MCI
	bic	x1, x1, x2			/* the parked CPU reads memory, not cache */
	msr	sctlr_el2, x1
	adr	x1, hs_stub_vectors + HS_RESIDENT_CPU_OFFSET
	msr	elr_el2, x1
	mov	x1, #STUB_SPSR_EL2H
	msr	spsr_el2, x1
	add	sp, sp, #HS_FRAME_SIZE
	isb
	eret

	stub_crash_vector 11
	/*
	 * Free space in slot 11: a soft restart was accepted. The kernel it
	 * enters runs at EL2, and expects its CPUs there: a CPU released from
	 * the parking place from now on enters at EL2 (the table's release_el).
	 */
hs_stub_restart_note:
	adr	x1, hs_stub_config
	ldr	x1, [x1, #HS_STUB_CONFIG_CPU_TABLE]
	cbz	x1, hs_stub_return
	mov	w2, #2
	strb	w2, [x1, #HS_CPU_TABLE_RELEASE_EL]
	b	hs_stub_return
	stub_crash_vector 12
	stub_crash_vector 13
	stub_crash_vector 14
	stub_crash_vector 15
