/* SPDX-License-Identifier: MIT */
/*
 * The kexec loader's arm64 layer, at EL1 with the MMU off (memory is
 * Device memory: every access below is aligned). The copy moves 64 bytes
 * per six instructions through q0-q3; the clean is one `dc cvac` per
 * data cache line (CTR_EL0.DminLine); the restart is `hvc #0`.
 */
#include <arch/dcache_range.S.inc>

	.text

/* x0 = dst, x1 = src, x2 = bytes (a multiple of 64), lowest block first. */
	.global arch_kexec_copy_fwd
arch_kexec_copy_fwd:
	cbz	x2, 2f
1:	ldp	q2, q3, [x1, #32]
	ldp	q0, q1, [x1], #64
	stp	q2, q3, [x0, #32]
	stp	q0, q1, [x0], #64
	subs	x2, x2, #64
	b.ne	1b
2:	ret

/* The same, highest block first: for a destination above an overlapping source. */
	.global arch_kexec_copy_bwd
arch_kexec_copy_bwd:
	cbz	x2, 2f
	add	x0, x0, x2
	add	x1, x1, x2
1:	ldp	q2, q3, [x1, #-32]
	ldp	q0, q1, [x1, #-64]!
	stp	q2, q3, [x0, #-32]
	stp	q0, q1, [x0, #-64]!
	subs	x2, x2, #64
	b.ne	1b
2:	ret

/* x0 = start, x1 = bytes: clean every data cache line they touch to the point of coherency. */
	.global arch_kexec_clean
arch_kexec_clean:
	cbz	x1, 2f
	add	x1, x0, x1
	dcache_range cvac, x0, x1, x2, x3
2:	ret

/*
 * x0 = entry, x1 = device tree. SCTLR_EL1: M = 0 (no translation: this
 * code and the next kernel's addresses are physical, which they already
 * are in hypstub's payloads), C = 0 and I = 0 (no cacheable accesses
 * after the clean). Then every stale instruction line goes, and
 * HVC_SOFT_RESTART with x1 = entry, x2 = dtb, x3 = x4 = 0, which the
 * stub moves to the next kernel's x0 = dtb, x1 = x2 = 0; x3 stays 0.
 * Returns x0 (HVC_STUB_ERR) only when the stub refused.
 */
	.global arch_kexec_restart
arch_kexec_restart:
	mov	x9, x0
	mov	x10, x1
	mrs	x11, sctlr_el1
	mov	x12, #((1 << 0) | (1 << 2) | (1 << 12))	/* M, C, I */
	bic	x11, x11, x12
	msr	sctlr_el1, x11
	isb
	ic	iallu
	dsb	sy
	isb
	mov	x0, #1				/* HVC_SOFT_RESTART */
	mov	x1, x9
	mov	x2, x10
	mov	x3, #0
	mov	x4, #0
	hvc	#0
	ret
