/* SPDX-License-Identifier: MIT */
/* The sample hypervisor's client helpers at EL1 (include/hypstub/hyp.h). */
	.text
/*
 * void arch_hvc0_regs(unsigned long r[5]): x0..x4 from r, `hvc #0`,
 * x0..x3 back to r. r is kept in x19: a stub may clobber x0-x18.
 */
	.global arch_hvc0_regs
arch_hvc0_regs:
	stp	x19, x30, [sp, #-16]!
	mov	x19, x0
	ldp	x0, x1, [x19, #0]
	ldp	x2, x3, [x19, #16]
	ldr	x4, [x19, #32]
	hvc	#0
	stp	x0, x1, [x19, #0]
	stp	x2, x3, [x19, #16]
	ldp	x19, x30, [sp], #16
	ret

/*
 * void arch_hyp_image_sync(const void *p, size_t size): freshly copied
 * code in [p, p + size) cleaned and invalidated to the point of coherency
 * (EL2 will read it with the MMU off, then on), instruction caches of
 * every CPU invalidated.
 */
	.global arch_hyp_image_sync
arch_hyp_image_sync:
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4			/* DminLine: log2(words) */
	mov	x3, #4
	lsl	x3, x3, x2
	add	x1, x0, x1
	sub	x4, x3, #1
	bic	x0, x0, x4
1:	dc	civac, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ic	ialluis
	dsb	sy
	isb
	ret
