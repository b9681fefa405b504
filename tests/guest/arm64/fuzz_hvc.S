/* SPDX-License-Identifier: MIT */
/*
 * The fuzz suite's call (tests/guest/arch_fuzz.h): every register loaded,
 * a branch to the calling CPU's slot whose `hvc #imm` the test rewrites,
 * a branch back, every register stored. The frame is hvc_regs.S's: SP at
 * the `hvc` is the caller's SP - 112. Each slot sits alone on its page,
 * so rewriting one invalidates no other translated code, and CPUs
 * rewriting their own slots at once never meet.
 */
#include "regs_frame.S.inc"

/* One entry per CPU, each branching to that CPU's own slot page. */
.macro fuzz_entry n
	.global arch_fuzz_hvc_regs_\n
arch_fuzz_hvc_regs_\n:
	regs_load
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
	regs_store_return

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
