/* SPDX-License-Identifier: MIT */
/*
 * The shim's first instructions (ARM state), behind a zImage header, so
 * that a Linux-style loader (QEMU's -kernel, U-Boot's bootz) takes it as a
 * 32-bit Linux kernel and enters it at its first word, wherever it put
 * it, with r0 = 0, r1 = machine type (~0: device tree), r2 = device
 * tree, in HYP mode when the machine has the Virtualization Extensions
 * and no firmware below us, else in SVC.
 */
#include <arch/c_runtime.S.inc>
#include <arch/crash_entry.S.inc>
#include <arch/pl1_vectors.S.inc>

/* HSCTLR while the shim runs: the RES1 bits only. M = 0 (MMU off),
 * C = I = 0 (caches off), A = 0, TE = 0 (exceptions in ARM state),
 * EE = 0 (little-endian exception entry). */
#define SHIM_HSCTLR 0x30c50818
#define SCTLR_V	    (1 << 13) /* high vectors: off, so that VBAR is used */

	.arm
	.syntax unified
	.section .head.text, "ax"
	.global _start
_start:
	/* The zImage header: nine words of code, then what a loader reads. */
	b	shim_entry
	.rept	8
	nop
	.endr
	.word	0x016f2818			@ zImage magic
	.word	0				@ start: the entry's offset in the image
	.word	shim_image_size			@ end: the memory the image needs, bss and stack included
	.word	0x04030201			@ endianness: read as 0x04030201 by a little-endian loader

shim_entry:
	cpsid	aif
	bl	shim_check_entry_alignment	@ misaligned: say so on the early UART and stop
	mrs	r9, cpsr
	and	r9, r9, #PSR_MODE_MASK
	cmp	r9, #PSR_MODE_HYP
	bne	1f
	/* First thing in HYP: our own vectors, so nothing can fault silently. */
	ldr	r10, .Lstub_vectors_offset	@ PC-relative: the image may run anywhere
.Lstub_vectors_pc:
	add	r10, pc, r10
	mcr	p15, 4, r10, c12, c0, 0		@ HVBAR
	ldr	r10, =SHIM_HSCTLR
	mcr	p15, 4, r10, c1, c0, 0		@ HSCTLR
	isb
	mov	r11, #2
	b	3f
1:	cmp	r9, #PSR_MODE_USR
	beq	shim_wrong_mode			@ unprivileged: nothing can be done
	mov	r11, #3
	cmp	r9, #PSR_MODE_MON
	beq	3f				@ Monitor: C says why it cannot go on
	mov	r11, #4				@ some other PL1 mode: the same
	cmp	r9, #PSR_MODE_SVC
	bne	3f
	ldr	r10, .Lsvc_vectors_offset
.Lsvc_vectors_pc:
	add	r10, pc, r10
	mcr	p15, 0, r10, c12, c0, 0		@ VBAR
	mrc	p15, 0, r10, c1, c0, 0		@ SCTLR
	bic	r10, r10, #SCTLR_V
	mcr	p15, 0, r10, c1, c0, 0
	isb
	mov	r11, #1
3:	mov	r4, r2				@ device tree from the loader
	bl	shim_apply_relocations		@ run where loaded: fix stored addresses before C
	c_runtime_setup shim_stack_top, shim_tls
	mov	r0, r4
	mov	r1, r11
	bl	shim_main
	/* shim_main does not return; if it ever did, stop visibly. */
shim_wrong_mode:
	wfi
	b	shim_wrong_mode
	.ltorg
.Lstub_vectors_offset:
	.word	hs_stub_vectors - (.Lstub_vectors_pc + 8)
.Lsvc_vectors_offset:
	.word	shim_svc_vectors - (.Lsvc_vectors_pc + 8)

	.text
/* The shim's PL1 table, used only when entered without HYP: any exception reports and stops. */
	pl1_vector_table shim_svc_vectors, shim_pl1_crash

shim_pl1_crash:
	add	r2, sp, #HS_CRASH_FRAME_SIZE
	str	r2, [sp, #HS_EXC_FRAME_SP]
	str	lr, [sp, #HS_EXC_FRAME_LR]
	mrc	p15, 0, r4, c5, c0, 0		@ DFSR
	mrc	p15, 0, r5, c6, c0, 0		@ DFAR
	mrc	p15, 0, r6, c6, c0, 2		@ IFAR
	mrc	p15, 0, r7, c5, c0, 1		@ IFSR (in the HPFAR slot)
	ldr	r8, [sp, #HS_EXC_FRAME_SPSR]
	and	r8, r8, #PSR_MODE_MASK
	add	r9, sp, #HS_EXC_FRAME_ESR
	stmia	r9, {r4-r8}			@ esr, far, ifar, hpfar (IFSR), mode
	mov	r0, sp
	mov	r2, #1
	bl	hs_report_crash
1:	wfi					@ the report returns: stop here
	b	1b
