/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Four instructions run at EL2 through Linux's own HVC_SOFT_RESTART: the
 * module copies them into its region (physical memory, cleaned to the
 * point of coherency) and calls
 *
 *	hvc #0 with x0 = HVC_SOFT_RESTART, x1 = their physical address,
 *	            x2 = 1 to set SP_EL2 (0: leave it), x3 = the new SP_EL2
 *
 * Linux's stub moves x2, x3 into x0, x1 and branches here at EL2, MMU
 * off, DAIF masked, ELR_EL2 and SPSR_EL2 still those of the `hvc`, so the
 * `eret` returns to the instruction after it at EL1, with
 * x0 = VBAR_EL2 (the stub's vectors) and x1 = SP_EL2 as it was.
 * Linux's stub keeps no stack of its own, but the sample hypervisor saves
 * four registers on "the stub's stack" (SP_EL2) before its INIT: the
 * module gives each CPU one in its region, and puts the old SP_EL2 back
 * after removal.
 */
	.section .rodata, "a"
	.balign 4
	.global hs_el2_tramp_start, hs_el2_tramp_end
hs_el2_tramp_start:
	mov	x3, sp			/* SP_EL2: entered from an exception, SPSel is 1 */
	cbz	x0, 1f
	mov	sp, x1
1:	mrs	x0, vbar_el2
	mov	x1, x3
	eret
hs_el2_tramp_end:
