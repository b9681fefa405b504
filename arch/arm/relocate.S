/* SPDX-License-Identifier: MIT */
/*
 * The shim is linked as a position-independent executable at 0x40010000
 * and may run anywhere 4 KiB-aligned: branches and the early code are
 * PC-relative, and every absolute address stored in the image (literal
 * pools, pointer tables, picolibc's stdout) is listed in .rel.dyn as an
 * R_ARM_RELATIVE entry, which this applies before any C runs. The build
 * checks that no other kind of dynamic relocation exists
 * (scripts/check-relocs.sh).
 */

#define R_ARM_RELATIVE 23

	.arm
	.syntax unified
	.text
/*
 * shim_apply_relocations: add (run address - link address) to every
 * stored absolute address. Idempotent: the link address is read from a
 * slot that is itself relocated, so a second call finds the offset 0
 * and returns. No stack; clobbers r0-r3, r5-r10 and r12, keeps r4 and
 * r11 (which shim_head.S holds across the call).
 */
	.global shim_apply_relocations
shim_apply_relocations:
	ldr	r0, 2f
0:	add	r0, pc, r0			@ r0 = _start where it runs
	ldr	r1, 3f				@ r1 = _start where it was linked
	subs	r0, r0, r1			@ r0 = how far the image moved
	bxeq	lr
	ldr	r1, 8f
9:	add	r1, pc, r1
	str	r0, [r1]			@ shim_relocation_offset, for the boot log
	ldr	r1, 4f
5:	add	r1, pc, r1			@ r1 = __rel_start
	ldr	r3, 6f
7:	add	r3, pc, r3			@ r3 = __rel_end
1:	cmp	r1, r3
	bxhs	lr
	ldmia	r1!, {r5, r6}			@ r_offset (link address), r_info
	and	r6, r6, #0xff			@ the relocation type
	cmp	r6, #R_ARM_RELATIVE
	bne	1b				@ the build lets no other type through
	ldr	r7, [r5, r0]			@ the stored link-time address ...
	add	r7, r7, r0
	str	r7, [r5, r0]			@ ... now the run-time one
	b	1b
2:	.word	_start - (0b + 8)
3:	.word	_start
4:	.word	__rel_start - (5b + 8)
6:	.word	__rel_end - (7b + 8)
8:	.word	shim_relocation_offset - (9b + 8)

/* How far from its link address the image runs (0: where linked); read by boot/image_place.c. */
	.data
	.balign	4
	.global shim_relocation_offset
shim_relocation_offset:
	.word	0
