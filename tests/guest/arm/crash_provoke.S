/* SPDX-License-Identifier: MIT */
/*
 * The crash kinds' provoking code (tests/guest/arch_crash.h): each entry
 * takes r0 = a register block (crash_arch.c: r0..r12, lr, SP, APSR),
 * masks A, I and F, loads the flags, SP, LR and r0..r12 from it, and
 * runs one instruction that must not return. Its label, crash_insn_<kind>,
 * is what the report's ELR_hyp must show (or the instruction after it,
 * for hvc).
 */
#define CR_LR	(13 * 4)
#define CR_SP	(14 * 4)
#define CR_APSR	(15 * 4)

	.arm
	.syntax unified
	.arch_extension virt

.macro load_every_register
	cpsid	aif
	ldr	r1, [r0, #CR_APSR]
	msr	APSR_nzcvqg, r1
	ldr	sp, [r0, #CR_SP]
	ldr	lr, [r0, #CR_LR]
	ldm	r0, {r0-r12}			@ no writeback: the base is loaded too
.endm

.macro crash_kind name, insn
	.section .text.crash_\name, "ax"
	.balign 4
	.global crash_entry_\name, crash_insn_\name
	.type crash_entry_\name, %function
crash_entry_\name:
	load_every_register
crash_insn_\name:
	\insn
	b	.				@ never reached: the runner's timeout says so
	.size crash_entry_\name, . - crash_entry_\name
.endm

	crash_kind dabort, "ldr r6, [r5]"		@ r5: past the end of RAM
	crash_kind brk, ".inst 0xe7f000f0"	@ what __builtin_trap() emits
	crash_kind trap, "wfi"			@ in SVC, HCR.TWI set
	crash_kind iabort, "bx r5"
	crash_kind pcalign, "bx r5"		@ r5 = ...10: ARM state, misaligned
	crash_kind hvc, "hvc #0x1d"
	crash_kind undef, "udf #0xa5"
	crash_kind sysreg, "mcr p15, 0, r7, c1, c0, 0"	@ SCTLR, in SVC, HCR.TVM set
