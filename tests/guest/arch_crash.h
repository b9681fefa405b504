/* SPDX-License-Identifier: MIT */
/*
 * What the crash_* suites (test_crash.c) need from the architecture
 * (tests/guest/<arch>/crash_arch.c and crash_provoke.S). Test-only: each
 * kind provokes one unexpected exception at EL2/HYP, or traps one from
 * EL1/SVC, with every register the crash report prints holding a value
 * the test chose, and says what the report must show.
 */
#ifndef TESTS_GUEST_ARCH_CRASH_H
#define TESTS_GUEST_ARCH_CRASH_H

#include <hypstub/rt_el2.h>

enum crash_kind {
	CRASH_DABORT,  /* EL2: a load from beyond the physical address space or RAM */
	CRASH_BRK,     /* EL2: arm64 BRK; arm: the instruction __builtin_trap() emits */
	CRASH_TRAP,    /* EL1: WFI, trapped to EL2 (HCR_EL2.TWI) */
	CRASH_IABORT,  /* EL2: a jump to where nothing is */
	CRASH_PCALIGN, /* EL2: a jump to an address with bits [1:0] = 0b10 */
	CRASH_HVC,     /* EL2: hvc at EL2 itself */
	CRASH_UNDEF,   /* EL2: an UNDEFINED instruction (UDF) */
	CRASH_SYSREG,  /* EL1: an SCTLR write, trapped to EL2 (HCR_EL2.TVM) */
	CRASH_KINDS
};

/* The crash happens at EL1/SVC (after a trap was set at EL2), not at EL2/HYP. */
static inline int crash_from_el1(enum crash_kind kind)
{
	return kind == CRASH_TRAP || kind == CRASH_SYSREG;
}

/*
 * One line of the report, by the name the report gives it ("ESR",
 * "x05", "HDFAR", ...), and what it must show: `value` in the bits of
 * `mask`, or, when alt_mask is not 0, `alt_value` in the bits of
 * `alt_mask` instead. Bits outside the mask are those the architecture
 * leaves to the implementation (each arch file says which and why).
 */
struct crash_field {
	const char *name;
	unsigned long value, mask, alt_value, alt_mask;
};

#define CRASH_MAX_FIELDS 40

struct crash_expect {
	unsigned n;
	struct crash_field f[CRASH_MAX_FIELDS];
};

/*
 * At EL2/HYP, before the crash: the syndrome-address registers the crash
 * will not write get markers, the trap `kind` needs is set, and what
 * PSTATE holds at EL2 is noted for arch_crash_expect().
 */
unsigned long arch_crash_prepare_el2(unsigned long kind);

/*
 * At EL1/SVC, after arch_crash_prepare_el2(): what the provoking code of
 * `kind` loads on the CPU whose report header says `cpu` (written to
 * `regs`, an arch-sized block), and what its report must show.
 */
void arch_crash_expect(enum crash_kind kind, unsigned long cpu, void *regs, struct crash_expect *e);
/* The size of the block arch_crash_expect() fills. */
extern const unsigned arch_crash_regs_size;

/*
 * The provoking code of each kind (<arch>/crash_provoke.S): crash_entry_X
 * loads every register from the block its argument points at and runs
 * the instruction at crash_insn_X, which the report's ELR names. At EL2
 * it is run through rt_el2_call(); at EL1 it is called. It never returns.
 */
extern char crash_insn_dabort[], crash_insn_brk[], crash_insn_trap[], crash_insn_iabort[],
    crash_insn_pcalign[], crash_insn_hvc[], crash_insn_undef[], crash_insn_sysreg[];
unsigned long crash_entry_dabort(unsigned long), crash_entry_brk(unsigned long),
    crash_entry_trap(unsigned long), crash_entry_iabort(unsigned long),
    crash_entry_pcalign(unsigned long), crash_entry_hvc(unsigned long),
    crash_entry_undef(unsigned long), crash_entry_sysreg(unsigned long);

#endif
