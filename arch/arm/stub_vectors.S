/* SPDX-License-Identifier: MIT */
/*
 * The stub's HYP vector table and its call path. Only `hvc` from a lower
 * mode arrives at the HYP trap vector as a call; every other exception,
 * and a HYP trap that is not `hvc`, reports a crash.
 *
 * C may change r0-r3, ip and lr (HYP mode shares lr with USR/SYS), so the
 * call path saves exactly those six and every register but r0 comes back
 * as it was (the ABI would allow r0-r3 and ip to be lost). Those 24 bytes
 * are the whole of the CPU's own HYP stack (HS_EL2_STACK_SIZE_ARM):
 * hs_stub_sync() is a leaf that uses none.
 *
 * A crash saves r0-r5 below its SP (crash_entry.S.inc), takes the
 * slow-path stack's lock (slow_lock.S.inc) with r0 and r2-r5, and builds
 * the report's frame on the one slow-path stack all CPUs share. When this
 * CPU holds the lock already (its CPU entry's C crashed), the frame goes
 * on the stack it is on; when it crashed inside its own report, it gives
 * the lock back and stops. The report out, it gives the lock back (a CPU
 * crashing meanwhile waits for it, then reports) and stops.
 */
#include <arch/crash_entry.S.inc>
#include <arch/psr.h>
#include <arch/slow_lock.S.inc>
#include <hypstub/abi.h>
#include <hypstub/bootinfo.h>
#include <hypstub/cpus.h>

/* HSCTLR.M, C and I: MMU and caches, off where a soft restart lands. */
#define STUB_HSCTLR_MCI 0x1005

.if 24 > HS_EL2_STACK_SIZE || HS_CRASH_SAVE > HS_EL2_STACK_SIZE
.error "the call path's frame does not fit the CPU's HYP stack"
.endif

	.arm
	.syntax unified
	.section .text.hs_vectors, "ax"
	.balign 32
	.global hs_stub_vectors
hs_stub_vectors:
	b	hs_crash_v0		@ 0x00: not used in HYP mode
	b	hs_crash_v1		@ 0x04: undefined instruction in HYP mode
	b	hs_crash_v2		@ 0x08: hvc/svc executed in HYP mode
	b	hs_crash_v3		@ 0x0c: prefetch abort in HYP mode
	b	hs_crash_v4		@ 0x10: data abort in HYP mode
	b	hs_hyp_trap		@ 0x14: HYP trap: hvc (and traps) from PL1/PL0
	b	hs_crash_v6		@ 0x18: IRQ
	b	hs_crash_v7		@ 0x1c: FIQ

hs_hyp_trap:
	push	{r0-r3, ip, lr}		@ struct hs_frame
	movw	r1, #:lower16:HS_CALL_PARK
	movt	r1, #:upper16:HS_CALL_PARK
	cmp	r0, r1
	beq	hs_stub_park
hs_stub_call_c:
	mov	r0, sp
	bl	hs_stub_sync
	cmp	r0, #0
	bne	1f
	mrs	r1, spsr			@ SPSR_hyp: only a soft restart erets to HYP
	and	r1, r1, #PSR_MODE_MASK
	cmp	r1, #PSR_MODE_HYP
	bleq	hs_stub_restart_note
	mov	r0, #0
1:	cmp	r0, #0
	pop	{r0-r3, ip, lr}
	bne	hs_stub_not_a_call
	eret

/*
 * HS_CALL_PARK, here rather than in the C dispatcher (the arm64 stub's
 * 4 KiB are full; both architectures do it alike). Through `hvc #0` only
 * (anything else goes the usual way, to be refused or reported): an eret
 * to the parking place, hs_cpu_park, first in the CPU code, in HYP with
 * A, I, F masked and the MMU and caches off, as a soft restart enters.
 * The CPU's own stack is left empty; no register matters there.
 */
hs_stub_park:
	mrc	p15, 4, r1, c5, c2, 0		@ HSR
	lsr	r2, r1, #26			@ HSR.EC
	cmp	r2, #0x12			@ HVC
	bne	hs_stub_call_c
	movw	r2, #0xffff
	tst	r1, r2				@ its immediate
	bne	hs_stub_call_c
	mrc	p15, 4, r1, c1, c0, 0		@ HSCTLR
	movw	r2, #STUB_HSCTLR_MCI
	bic	r1, r1, r2			@ the parked CPU reads memory, not cache
	mcr	p15, 4, r1, c1, c0, 0
	pc_address r1, hs_stub_vectors
	add	r1, r1, #HS_RESIDENT_CPU_OFFSET
	msr	elr_hyp, r1
	mov	r1, #(PSR_MODE_HYP | PSR_AIF)
	msr	spsr_cxsf, r1			@ SPSR_hyp
	add	sp, sp, #24			@ the frame: the CPU's own stack, empty
	isb
	eret

/*
 * A soft restart was accepted. The kernel it enters runs in HYP, and
 * expects its CPUs there: a CPU released from the parking place from now
 * on enters in HYP (the table's release_el). Clobbers r1, r2.
 */
hs_stub_restart_note:
	pc_address r1, hs_stub_config
	ldr	r1, [r1, #HS_STUB_CONFIG_CPU_TABLE]
	cmp	r1, #0
	movne	r2, #2
	strbne	r2, [r1, #HS_CPU_TABLE_RELEASE_EL]
	bx	lr

hs_stub_not_a_call:
	crash_vector 5, 2

hs_crash_v0:
	crash_vector 0, 2
hs_crash_v1:
	crash_vector 1, 2
hs_crash_v2:
	crash_vector 2, 2
hs_crash_v3:
	crash_vector 3, 2
hs_crash_v4:
	crash_vector 4, 2
hs_crash_v6:
	crash_vector 6, 2
hs_crash_v7:
	crash_vector 7, 2

	/* r0..r5 saved at [sp], r1 = the vector: take the slow-path stack. */
	.global hs_crash_entry_el2
hs_crash_entry_el2:
	pc_address r2, hs_stub_config
	ldr	r2, [r2, #HS_STUB_CONFIG_CPU_TABLE]
	mov	r3, #0				@ no row: nothing to give back
	mov	r0, sp
	cmp	r2, #0
	beq	hs_crash_frame			@ the shim alone: this stack
	slow_lock_find 2, 3, 0, 4, 5, hs_crash_held
	slow_lock_ticket 2, 3, 0, 4, 5
	slow_lock_wait 2, 3, 0, 4, 5
	mov	r0, sp				@ r0..r5 as they were
	pc_address r2, hs_stub_vectors		@ the resident region's base
	add	r2, r2, #HS_RESIDENT_STACKS_OFFSET
	add	sp, r2, #HS_SLOW_STACK_SIZE	@ the slow-path stack's top
	/* r0 = r0..r5 saved, r1 = vector, r3 = row or 0: the frame, report. */
hs_crash_frame:
	crash_entry_body_hyp			@ r3 kept across C, in r9
	mov	r3, r9
	/* r3 = row or 0: the report is out, or it could not be: give the
	 * slow-path stack back, stop. */
hs_crash_release:
	pc_address r2, hs_reporting
	mov	r4, #0
	str	r4, [r2]
	cmp	r3, #0
	beq	1f
	slow_unlock 3, 4
1:	wfi
	b	1b

	/* This CPU holds the slow-path stack already (r3 = its row). */
hs_crash_held:
	pc_address r2, hs_reporting
	ldr	r2, [r2]
	cmp	r2, #0
	bne	hs_crash_release		@ it crashed in its own report
	mov	r0, sp
	b	hs_crash_frame			@ its CPU entry's C: report here
