/* SPDX-License-Identifier: MIT */
/*
 * The shim is linked as a position-independent executable at 0x40200000
 * and may run anywhere 4 KiB-aligned: its code reaches everything
 * PC-relatively (adrp/add, adr, branches), and every absolute address
 * stored in its data (pointer tables, picolibc's stdout, literal pools)
 * is listed in .rela.dyn as an R_AARCH64_RELATIVE entry, which this
 * applies before any C runs. The build checks that no other kind of
 * dynamic relocation exists (scripts/check-relocs.sh).
 */

#define R_AARCH64_RELATIVE 1027

	.text
/*
 * shim_apply_relocations: add (run address - link address) to every
 * stored absolute address. Idempotent: the link address is read from a
 * slot that is itself relocated, so a second call finds the offset 0
 * and returns. Uses x9-x15 only, no stack.
 */
	.global shim_apply_relocations
shim_apply_relocations:
	adrp	x9, _start
	add	x9, x9, :lo12:_start
	ldr	x10, shim_link_address
	subs	x9, x9, x10		/* x9 = how far the image moved */
	b.eq	3f
	adrp	x10, shim_relocation_offset
	str	x9, [x10, :lo12:shim_relocation_offset]	/* for the boot log */
	adrp	x11, __rela_start
	add	x11, x11, :lo12:__rela_start
	adrp	x12, __rela_end
	add	x12, x12, :lo12:__rela_end
1:	cmp	x11, x12
	b.hs	3f
	ldp	x13, x14, [x11], #16	/* r_offset, r_info */
	ldr	x15, [x11], #8		/* r_addend: the link-time value */
	cmp	w14, #R_AARCH64_RELATIVE
	b.ne	1b			/* the build lets no other type through */
	add	x15, x15, x9
	str	x15, [x13, x9]
	b	1b
3:	ret

	.balign	8
shim_link_address:
	.quad	_start

/* How far from its link address the image runs (0: where linked); read by boot/image_place.c. */
	.data
	.balign	8
	.global shim_relocation_offset
shim_relocation_offset:
	.quad	0
