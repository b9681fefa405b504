/* SPDX-License-Identifier: MIT */
/*
 * The fuzz suite's call (tests/guest/arch_fuzz.h): every register loaded,
 * a branch to the calling CPU's slot whose `hvc #imm` the test rewrites,
 * a branch back, every register stored. The frame is hvc_regs.S's: SP at
 * the `hvc` is the caller's SP - 112. Each slot sits alone on its page,
 * so rewriting one invalidates no other translated code, and CPUs
 * rewriting their own slots at once never meet.
 */
/* One entry per CPU, each branching to that CPU's own slot page. */
.macro fuzz_entry n
	.global arch_fuzz_hvc_regs_\n
arch_fuzz_hvc_regs_\n:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x1, [sp, #-16]!			/* out, kept on the stack */
	ldp	x1, x2, [x0, #8]
	ldp	x3, x4, [x0, #24]
	ldp	x5, x6, [x0, #40]
	ldp	x7, x8, [x0, #56]
	ldp	x9, x10, [x0, #72]
	ldp	x11, x12, [x0, #88]
	ldp	x13, x14, [x0, #104]
	ldp	x15, x16, [x0, #120]
	ldp	x17, x18, [x0, #136]
	ldp	x19, x20, [x0, #152]
	ldp	x21, x22, [x0, #168]
	ldp	x23, x24, [x0, #184]
	ldp	x25, x26, [x0, #200]
	ldp	x27, x28, [x0, #216]
	ldp	x29, x30, [x0, #232]
	ldr	x0, [x0]
	b	arch_fuzz_slot_\n
.endm

	.text
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	fuzz_entry \n
	.endr

	.section .rodata
	.balign	8
	.global arch_fuzz_calls
arch_fuzz_calls:			/* the entries, by CPU */
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	.quad	arch_fuzz_hvc_regs_\n
	.endr
	.text

arch_fuzz_back:
	stp	x0, x1, [sp, #-16]!
	ldr	x0, [sp, #16]			/* out */
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16		/* x0, x1 as the call left them */
	stp	x2, x3, [x0, #0]
	mov	x2, sp				/* SP as the call left it */
	str	x2, [x0, #248]
	add	sp, sp, #16
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret

/* The slots, one page each, in CPU order from arch_fuzz_slots. */
	.section .text.fuzz_slot, "ax"
	.balign	4096
	.global arch_fuzz_slots
arch_fuzz_slots:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
arch_fuzz_slot_\n:
	hvc	#0				/* rewritten by arch_fuzz_set_imm() */
	b	arch_fuzz_back
	.balign	4096
	.endr
