/* SPDX-License-Identifier: MIT */
/* The payload runtime's entry, PL1 vectors and firmware calls (arm). */

#include <arch/c_runtime.S.inc>
#include <arch/pl1_vectors.S.inc>

#define RT_FRAME_SIZE PL1_FRAME_SIZE	/* struct hs_exc_frame */
#define SCTLR_V	      (1 << 13)		/* high vectors: off, so that VBAR is used */
#define CPACR_CP10_11 (0xf << 20)	/* VFP/NEON usable at PL1 and PL0 */
#define FPEXC_EN      (1 << 30)		/* VFP/NEON enabled */

	.arm
	.syntax unified
	.arch_extension virt
	.fpu	neon-vfpv4

/* What each CPU needs before C: our PL1 vectors (low, through VBAR) and VFP/NEON. */
.macro rt_cpu_setup
	ldr	r9, =rt_pl1_vectors
	mcr	p15, 0, r9, c12, c0, 0		@ VBAR
	mrc	p15, 0, r9, c1, c0, 0		@ SCTLR
	bic	r9, r9, #SCTLR_V
	mcr	p15, 0, r9, c1, c0, 0
	mrc	p15, 0, r9, c1, c0, 2		@ CPACR
	orr	r9, r9, #CPACR_CP10_11
	mcr	p15, 0, r9, c1, c0, 2
	isb
	mov	r9, #FPEXC_EN
	vmsr	fpexc, r9
.endm

	.section .text.start, "ax"
	.global _start
_start:
	cpsid	aif
	ldr	r9, 2f				@ as the shim left them, for the tests
3:	add	r9, pc, r9			@ (PC-relatively: not relocated yet)
	stmia	r9, {r0-r3}
	mov	r4, r2				@ the shim's device tree
	/* Loaded away from the link address (RAM elsewhere): fix stored addresses first. */
	bl	shim_apply_relocations
	rt_cpu_setup
	c_runtime_setup rt_stack_top, rt_tls
	mov	r0, r4
	bl	rt_main
1:	wfi
	b	1b
2:	.word	rt_entry_regs - (3b + 8)
	.ltorg

/*
 * Another CPU, started by rt_smp_start() through hypstub's CPU entry:
 * r2 = its struct rt_cpu (lib/rt/smp.c), whose third and fourth words
 * are its stack top and its TLS block.
 */
	.text
	.global rt_secondary_entry
rt_secondary_entry:
	cpsid	aif
	/*
	 * Released from hypstub's parking place after a soft restart, a CPU
	 * comes in HYP (set up, stub installed by the CPU entry): this
	 * runtime runs in SVC, so go down, r2 kept.
	 */
	mrs	r9, cpsr
	and	r9, r9, #0x1f
	cmp	r9, #0x1a			@ HYP
	bne	2f
	adr	r9, 2f
	msr	elr_hyp, r9
	movw	r9, #0x1d3			@ SPSR_hyp: SVC, A, I, F masked, ARM
	msr	spsr_cxsf, r9
	isb
	eret
2:	mov	r4, r2
	rt_cpu_setup
	ldr	sp, [r4, #8]
	ldr	r9, [r4, #12]
	mcr	p15, 0, r9, c13, c0, 3		@ TPIDRURO
	mov	r0, r4
	bl	rt_secondary_main
1:	wfi
	b	1b
	.ltorg

	.data
	.balign 4
	.global rt_entry_regs
rt_entry_regs:					@ in .data: the bss is zeroed later
	.word	0, 0, 0, 0

	.text
	.global arch_hvc0
arch_hvc0:
	hvc	#0
	bx	lr

/* SYS_EXIT_EXTENDED: r1 points at {reason, exit code}. */
	.global arch_semihost_exit
arch_semihost_exit:
	push	{r4, lr}
	sub	sp, sp, #8
	ldr	r1, =0x20026			@ ADP_Stopped_ApplicationExit
	str	r1, [sp]
	str	r0, [sp, #4]
	mov	r1, sp
	mov	r0, #0x20			@ SYS_EXIT_EXTENDED
	.global arch_semihost_trap
arch_semihost_trap:
	svc	#0x123456
	add	sp, sp, #8
	pop	{r4, pc}
	.ltorg

/*
 * PL1 vectors: every exception saves a struct hs_exc_frame on the SVC
 * stack and calls rt_exception(frame, vector), then returns with rfe to
 * the frame's elr and spsr, which the handler may change.
 */
	pl1_vector_table rt_pl1_vectors, rt_vector_common

rt_vector_common:
	add	r2, sp, #RT_FRAME_SIZE
	str	r2, [sp, #HS_EXC_FRAME_SP]	@ SVC's sp before the exception
	str	lr, [sp, #HS_EXC_FRAME_LR]	@ and its lr
	mov	r2, #0
	mov	r3, #0
	cmp	r1, #4
	mrceq	p15, 0, r2, c5, c0, 0		@ DFSR
	mrceq	p15, 0, r3, c6, c0, 0		@ DFAR
	cmp	r1, #3
	mrceq	p15, 0, r2, c5, c0, 1		@ IFSR
	mrceq	p15, 0, r3, c6, c0, 2		@ IFAR
	ldr	r6, [sp, #HS_EXC_FRAME_SPSR]
	and	r4, r6, #PSR_MODE_MASK
	mov	r5, #0
	add	r7, sp, #HS_EXC_FRAME_ESR
	stmia	r7, {r2, r3, r5}		@ esr, far, ifar = 0
	str	r5, [sp, #HS_EXC_FRAME_HPFAR]	@ hpfar = 0
	str	r4, [sp, #HS_EXC_FRAME_MODE]
	/* An undefined Thumb instruction: lr was 2 past it, not 4. */
	cmp	r1, #1
	bne	1f
	tst	r6, #PSR_BIT_T
	ldrne	r2, [sp, #HS_EXC_FRAME_ELR]
	addne	r2, r2, #2
	strne	r2, [sp, #HS_EXC_FRAME_ELR]
1:	mov	r0, sp
	bl	rt_exception
	ldr	lr, [sp, #HS_EXC_FRAME_LR]
	ldmia	sp, {r0-r12}
	add	sp, sp, #(RT_FRAME_SIZE - 8)
	rfeia	sp!
