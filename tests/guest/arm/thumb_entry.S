/* SPDX-License-Identifier: MIT */
/*
 * A Thumb entry point for the conformance payload (conformance-thumb.elf
 * is linked with it as its ELF entry, an odd address): the shim must
 * enter it in Thumb state with the boot registers intact. It records how
 * far ahead the PC reads (4 in Thumb state, 8 in ARM state) for the
 * el1 suite to check, and hands over to the ARM _start with r0-r2 as
 * they arrived.
 */
	.syntax unified
	.thumb
	.section .text.start, "ax"
	.global thumb_start
	.thumb_func
thumb_start:
1:	mov	r3, pc
	ldr	ip, =1b
	sub	r3, r3, ip
	ldr	ip, =arch_test_thumb_entry_pc_ahead
	str	r3, [ip]
	ldr	r3, =_start
	bx	r3
	.ltorg

	.data
	.balign	4
	.global arch_test_thumb_entry_pc_ahead
arch_test_thumb_entry_pc_ahead:		@ in .data: the bss is zeroed later
	.word	0
