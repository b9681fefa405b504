/* SPDX-License-Identifier: MIT */
/*
 * The kexec loader's arm layer, in SVC mode with the MMU off (memory is
 * Strongly-ordered: every access below is word-aligned). The copy moves
 * 64 bytes per six instructions through eight registers; the clean is
 * one DCCMVAC per data cache line (CTR.DminLine); the restart is `hvc #0`
 * into a trampoline that sets the Linux boot registers, which arm's
 * HVC_SOFT_RESTART does not move.
 */
#include <arch/dcache_range.S.inc>

	.arm
	.syntax unified
	.text

@ r0 = dst, r1 = src, r2 = bytes (a multiple of 64), lowest block first.
	.global arch_kexec_copy_fwd
arch_kexec_copy_fwd:
	push	{r4-r10, lr}
	cmp	r2, #0
	beq	2f
1:	ldmia	r1!, {r3-r10}
	stmia	r0!, {r3-r10}
	ldmia	r1!, {r3-r10}
	stmia	r0!, {r3-r10}
	subs	r2, r2, #64
	bne	1b
2:	pop	{r4-r10, pc}

@ The same, highest block first: for a destination above an overlapping source.
	.global arch_kexec_copy_bwd
arch_kexec_copy_bwd:
	push	{r4-r10, lr}
	cmp	r2, #0
	beq	2f
	add	r0, r0, r2
	add	r1, r1, r2
1:	ldmdb	r1!, {r3-r10}
	stmdb	r0!, {r3-r10}
	ldmdb	r1!, {r3-r10}
	stmdb	r0!, {r3-r10}
	subs	r2, r2, #64
	bne	1b
2:	pop	{r4-r10, pc}

@ r0:r1 = start, r2:r3 = bytes (64-bit arguments; the high words are 0 here).
	.global arch_kexec_clean
arch_kexec_clean:
	cmp	r2, #0
	beq	2f
	add	r2, r0, r2
	dcache_range c10, 1, r0, r2, r1, r3	@ DCCMVAC
2:	bx	lr

/*
 * r0:r1 = entry, r2:r3 = device tree. SCTLR: M = 0 (no translation: the
 * addresses are physical, as they already are in hypstub's payloads),
 * C = 0 and I = 0 (no cacheable accesses after the clean). The
 * trampoline is cleaned too, every stale instruction line and branch
 * prediction goes, then HVC_SOFT_RESTART with r1 = the trampoline, r2 =
 * dtb (kept: the next kernel's r2) and r3 = entry. Returns r0
 * (HVC_STUB_ERR) only when the stub refused.
 */
	.global arch_kexec_restart
arch_kexec_restart:
	push	{r4, r5, r6, lr}
	mov	r4, r0
	mov	r5, r2
	mrc	p15, 0, r3, c1, c0, 0		@ SCTLR
	ldr	r6, =((1 << 0) | (1 << 2) | (1 << 12))	@ M, C, I
	bic	r3, r3, r6
	mcr	p15, 0, r3, c1, c0, 0
	isb
	adr	r0, kexec_trampoline
	mcr	p15, 0, r0, c7, c10, 1		@ DCCMVAC: the trampoline (one line)
	dsb	sy
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb	sy
	isb
	mov	r0, #1				@ HVC_SOFT_RESTART
	adr	r1, kexec_trampoline
	mov	r2, r5
	mov	r3, r4
	hvc	#0
	pop	{r4, r5, r6, pc}

@ At HYP, MMU off, r2 = device tree, r3 = the kernel: r0 = 0, r1 = ~0 (no
@ machine number: the device tree says), and into the kernel in ARM state.
	.balign 16
	.global arch_kexec_trampoline
kexec_trampoline:
arch_kexec_trampoline:
	mov	r0, #0
	mvn	r1, #0
	bx	r3
	.ltorg
