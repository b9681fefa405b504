/* SPDX-License-Identifier: MIT */
/* The sample hypervisor's client helpers at EL1 (include/hypstub/hyp.h). */
#include <arch/dcache_range.S.inc>

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
	add	x1, x0, x1
	dcache_range civac, x0, x1, x2, x3
	ic	ialluis
	dsb	sy
	isb
	ret
