/* SPDX-License-Identifier: MIT */
/* The payload runtime's entry, EL1 vectors and firmware calls (arm64). */

#include <arch/c_runtime.S.inc>
#include <arch/frame_store.S.inc>

#define RT_FRAME_SIZE (36 * 8)

/* What each CPU needs before C: our EL1 vectors and FP/SIMD. */
.macro rt_cpu_setup
	adrp	x9, rt_el1_vectors
	add	x9, x9, :lo12:rt_el1_vectors
	msr	vbar_el1, x9
	mov	x9, #(3 << 20)			/* CPACR_EL1.FPEN: FP/SIMD for EL1 and EL0 */
	msr	cpacr_el1, x9
	isb
.endm

	.section .text.start, "ax"
	.global _start
_start:
	adrp	x9, rt_entry_regs		/* as the shim left them, for the tests */
	add	x9, x9, :lo12:rt_entry_regs
	stp	x0, x1, [x9]
	stp	x2, x3, [x9, #16]
	mov	x19, x0				/* the shim's device tree */
	/* Loaded away from the link address (RAM elsewhere): fix stored addresses before C. */
	bl	shim_apply_relocations
	rt_cpu_setup
	c_runtime_setup rt_stack_top, rt_tls
	mov	x0, x19
	bl	rt_main
1:	wfi
	b	1b

/*
 * Another CPU, started by rt_smp_start() through hypstub's CPU entry:
 * x0 = its struct rt_cpu (lib/rt/smp.c), whose third and fourth words
 * are its stack top and its TLS block.
 */
	.text
	.global rt_secondary_entry
rt_secondary_entry:
	/*
	 * Released from hypstub's parking place after a soft restart, a CPU
	 * comes at EL2 (its EL2 set up and stub installed by the CPU entry):
	 * this runtime runs at EL1, so go down, x0 kept.
	 */
	mrs	x9, CurrentEL
	cmp	x9, #(2 << 2)
	b.ne	2f
	adr	x9, 2f
	msr	elr_el2, x9
	mov	x9, #0x3c5			/* SPSR_EL2: EL1h, D, A, I, F masked */
	msr	spsr_el2, x9
	isb
	eret
2:	mov	x19, x0
	rt_cpu_setup
	ldp	x9, x10, [x19, #16]
	mov	sp, x9
	msr	tpidr_el0, x10
	mov	x0, x19
	bl	rt_secondary_main
1:	wfi
	b	1b

	.data
	.balign 8
	.global rt_entry_regs
rt_entry_regs:					/* in .data: the bss is zeroed later */
	.quad	0, 0, 0, 0

	.text
	.global arch_hvc0
arch_hvc0:
	hvc	#0
	ret

	.global arch_semihost_exit
arch_semihost_exit:
	sub	sp, sp, #16
	mov	x9, #0x0026
	movk	x9, #0x2, lsl #16		/* ADP_Stopped_ApplicationExit */
	stp	x9, x0, [sp]
	mov	x1, sp
	mov	w0, #0x18			/* SYS_EXIT */
	.global arch_semihost_trap
arch_semihost_trap:
	hlt	#0xf000
	add	sp, sp, #16
	ret

.macro rt_vector n
	.balign 128
	sub	sp, sp, #RT_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\n
	b	rt_vector_common
.endm

	.balign 2048
rt_el1_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	rt_vector \n
	.endr

rt_vector_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	frame_store_x6_x29 sp
	add	x2, sp, #RT_FRAME_SIZE
	stp	x30, x2, [sp, #240]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #256]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #272]
	mov	x0, sp
	bl	rt_exception
	ldp	x2, x3, [sp, #256]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #RT_FRAME_SIZE
	eret
