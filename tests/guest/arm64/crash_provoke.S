/* SPDX-License-Identifier: MIT */
/*
 * The crash kinds' provoking code (tests/guest/arch_crash.h): each entry
 * takes x0 = a register block (crash_arch.c: x0..x30, SP, NZCV), masks
 * DAIF, loads the flags, SP and every general register from it, and runs
 * one instruction that must not return. Its label, crash_insn_<kind>, is
 * what the report's ELR must show (or the instruction after it, for hvc).
 */
#define CR_SP	 (31 * 8)
#define CR_NZCV	 (32 * 8)

.macro load_every_register
	msr	daifset, #0xf
	ldr	x1, [x0, #CR_NZCV]
	msr	nzcv, x1
	ldr	x1, [x0, #CR_SP]
	mov	sp, x1
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]		/* the base last */
.endm

.macro crash_kind name, insn:vararg
	.section .text.crash_\name, "ax"
	.balign 4
	.global crash_entry_\name, crash_insn_\name
	.type crash_entry_\name, %function
crash_entry_\name:
	load_every_register
crash_insn_\name:
	\insn
	b	.				/* never reached: the runner's timeout says so */
	.size crash_entry_\name, . - crash_entry_\name
.endm

	crash_kind dabort, ldr x6, [x5]		/* x5: beyond the PA space */
	crash_kind brk, brk #0x5a5
	crash_kind trap, wfi			/* at EL1, HCR_EL2.TWI set */
	crash_kind iabort, ret x5		/* ret: no BTYPE, x30 kept */
	crash_kind pcalign, ret x5
	crash_kind hvc, hvc #0x1d
	crash_kind undef, udf #0xa5a5
	crash_kind sysreg, msr sctlr_el1, x7	/* at EL1, HCR_EL2.TVM set */
