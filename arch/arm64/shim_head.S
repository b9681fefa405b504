/* SPDX-License-Identifier: MIT */
/*
 * The shim's first instructions, behind an arm64 Linux Image header so
 * that anything that boots an Image (QEMU's -kernel, U-Boot's booti)
 * boots hypstub and hands it the DTB in x0.
 */
#include <arch/c_runtime.S.inc>
#include <arch/crash_entry.S.inc>

#define CURRENTEL_EL2 (2 << 2)
#define CURRENTEL_EL1 (1 << 2)

/* SCTLR_EL2 while the shim runs: RES1 bits, SA (stack alignment check), MMU and caches off. */
#define SHIM_SCTLR_EL2 0x30c50838
/* CPTR_EL2 RES1 bits with TFP clear: FP usable by the shim's C before el2_setup. */
#define SHIM_CPTR_EL2 0x33ff
/* CPACR_EL1.FPEN = 0b11: FP usable by the shim's C when entered at EL1. */
#define SHIM_CPACR_EL1 (3 << 20)

	.section .head.text, "ax"
	.global _start
_start:
	b	shim_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0x200000		/* text_offset: 2 MiB past a 2 MiB-aligned base */
	.quad	shim_image_size		/* image_size, bss included */
	.quad	0xa			/* flags: little-endian (bit 0 = 0), 4K pages (bits 1-2 = 1),
					   2 MiB base anywhere in RAM (bit 3 = 1): the shim relocates itself */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE header */

shim_entry:
	/* Misaligned for adrp: say so on the early UART and stop. */
	bl	shim_check_entry_alignment
	/* First thing at EL2: our own vectors, so nothing can fault silently. */
	mrs	x9, CurrentEL
	cmp	x9, #CURRENTEL_EL2
	b.ne	1f
	adrp	x10, hs_stub_vectors
	add	x10, x10, :lo12:hs_stub_vectors
	msr	vbar_el2, x10
	isb
	ldr	x10, =SHIM_SCTLR_EL2
	msr	sctlr_el2, x10
	mov	x10, #SHIM_CPTR_EL2
	msr	cptr_el2, x10
	isb
	b	2f
1:	cmp	x9, #(3 << 2)
	b.eq	2f			/* EL3: C says why it cannot go on */
	cmp	x9, #CURRENTEL_EL1
	b.ne	shim_wrong_el
	adrp	x10, shim_el1_vectors
	add	x10, x10, :lo12:shim_el1_vectors
	msr	vbar_el1, x10
	mov	x10, #SHIM_CPACR_EL1
	msr	cpacr_el1, x10
	isb
2:	mov	x19, x0			/* DTB from the loader */
	lsr	x20, x9, #2		/* the EL we were entered at */
	bl	shim_apply_relocations	/* run where loaded: fix stored addresses before C */
	c_runtime_setup shim_stack_top, shim_tls
	mov	x0, x19
	mov	x1, x20
	bl	shim_main
	/* shim_main does not return; if it ever did, stop visibly. */
	b	shim_wrong_el

/*
 * Entered at EL0: nothing can be configured and nothing printed (no
 * console access is possible). Park the CPU (a debugger sees PC here).
 */
shim_wrong_el:
	wfi
	b	shim_wrong_el

	.text
/* The shim's EL1 table, used only when entered without EL2. */
	.balign 2048
shim_el1_vectors:
	crash_vector 0, 1
	crash_vector 1, 1
	crash_vector 2, 1
	crash_vector 3, 1
	crash_vector 4, 1
	crash_vector 5, 1
	crash_vector 6, 1
	crash_vector 7, 1
	crash_vector 8, 1
	crash_vector 9, 1
	crash_vector 10, 1
	crash_vector 11, 1
	crash_vector 12, 1
	crash_vector 13, 1
	crash_vector 14, 1
	crash_vector 15, 1
hs_crash_entry_el1:
	crash_entry_body 1
