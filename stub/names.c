// SPDX-License-Identifier: MIT
/*
 * Names for the crash report. The exception class numbers are the same in
 * ESR_ELx (AArch64) and HSR (AArch32 HYP mode), so one table serves both
 * architectures. The names are one packed string indexed by walking it,
 * not a pointer table, so the code stays position-independent and small.
 */
#include "stub.h"

/* ESR_ELx.EC 0x00..0x3c in order, empty for an unallocated class. */
static const char hs_ec_names[] = "unknown or undefined\0" /* 0x00 */
				  "WFI/WFE trap\0"
				  "\0"
				  "cp15 MCR/MRC trap\0"
				  "cp15 MCRR/MRRC trap\0"
				  "cp14 MCR/MRC trap\0"
				  "cp14 LDC/STC trap\0"
				  "FP/SIMD/SVE trap\0"
				  "\0" /* 0x08 */
				  "PAuth trap\0"
				  "LD64B/ST64B trap\0"
				  "\0"
				  "cp14 MRRC trap\0"
				  "BTI fault\0"
				  "illegal state\0"
				  "\0"
				  "\0" /* 0x10 */
				  "SVC (AArch32)\0"
				  "HVC (AArch32)\0"
				  "SMC (AArch32)\0"
				  "\0"
				  "SVC (AArch64)\0"
				  "HVC (AArch64)\0"
				  "SMC (AArch64)\0"
				  "MSR/MRS/SYS trap\0" /* 0x18 */
				  "SVE trap\0"
				  "ERET trap\0"
				  "\0"
				  "PAuth failure\0"
				  "SME trap\0"
				  "\0"
				  "\0"
				  "insn abort, lower EL\0" /* 0x20 */
				  "insn abort, same EL\0"
				  "PC alignment\0"
				  "\0"
				  "data abort, lower EL\0"
				  "data abort, same EL\0"
				  "SP alignment\0"
				  "\0"
				  "FP exc (AArch32)\0" /* 0x28 */
				  "\0"
				  "\0"
				  "\0"
				  "FP exc (AArch64)\0"
				  "\0"
				  "\0"
				  "SError\0"
				  "breakpoint, lower EL\0" /* 0x30 */
				  "breakpoint, same EL\0"
				  "step, lower EL\0"
				  "step, same EL\0"
				  "watchpoint, lower EL\0"
				  "watchpoint, same EL\0"
				  "\0"
				  "\0"
				  "BKPT (AArch32)\0" /* 0x38 */
				  "\0"
				  "\0"
				  "\0"
				  "BRK (AArch64)";

const char *hs_nth_string(const char *packed, unsigned n, unsigned count)
{
	if (n >= count)
		return "";
	while (n--)
		while (*packed++)
			;
	return packed;
}

const char *hs_exception_class_name(unsigned ec)
{
	const char *name = hs_nth_string(hs_ec_names, ec, 0x3d);

	return *name ? name : "unallocated class";
}
