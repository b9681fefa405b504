/* SPDX-License-Identifier: MIT */
/* The sample hypervisor's client helpers in SVC mode (include/hypstub/hyp.h). */
#include <arch/dcache_range.S.inc>

	.arm
	.syntax unified
	.text
/*
 * void arch_hvc0_regs(unsigned long r[5]): r0..r4 from r, `hvc #0`,
 * r0..r3 back to r. r is kept in r5: a stub may clobber r0-r3 and ip.
 */
	.global arch_hvc0_regs
arch_hvc0_regs:
	push	{r4, r5, r6, lr}
	mov	r5, r0
	ldmia	r5, {r0-r4}
	hvc	#0
	stmia	r5, {r0-r3}
	pop	{r4, r5, r6, pc}

/*
 * void arch_hyp_image_sync(const void *p, size_t size): freshly copied
 * code in [p, p + size) cleaned and invalidated to the point of coherency
 * (DCCIMVAC), instruction caches and branch predictors of every CPU
 * invalidated (ICIALLUIS, BPIALLIS).
 */
	.global arch_hyp_image_sync
arch_hyp_image_sync:
	add	r1, r0, r1
	dcache_range c14, 1, r0, r1, r2, r3	@ DCCIMVAC
	mov	r0, #0
	mcr	p15, 0, r0, c7, c1, 0
	mcr	p15, 0, r0, c7, c1, 6
	dsb	sy
	isb
	bx	lr
