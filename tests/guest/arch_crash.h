/* SPDX-License-Identifier: MIT */
/*
 * What the crash_* suites of test_crash_kinds.c need from the
 * architecture (tests/guest/<arch>/crash_arch.c). Test-only: each
 * provokes one kind of unexpected exception at EL2/HYP.
 */
#ifndef TESTS_GUEST_ARCH_CRASH_H
#define TESTS_GUEST_ARCH_CRASH_H

/* At EL2/HYP: `hvc #0` from EL2/HYP itself. */
void arch_crash_hvc_here(void);
/* At EL2/HYP: an instruction that is UNDEFINED (arm64 UDF #0; arm UDF). */
void arch_crash_undefined(void);
/* At EL2/HYP: make EL1's writes to its virtual memory controls trap (HCR_EL2/HCR.TVM). */
void arch_crash_trap_vm_writes(void);

#endif
