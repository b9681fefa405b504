/* SPDX-License-Identifier: MIT */
/*
 * What the sample hypervisor's suite (test_hyp.c) needs from the
 * architecture: a snapshot of every EL2/HYP register the hypervisor may
 * change, and the abort EL1/SVC must see for a stage 2 fault.
 */
#ifndef TESTS_GUEST_ARCH_HYP_TEST_H
#define TESTS_GUEST_ARCH_HYP_TEST_H

#include <arch/exc_frame.h>
#include <stdint.h>

#define ARCH_HYP_SNAP_MAX 16
struct arch_hyp_snap {
	unsigned n;
	uint64_t value[ARCH_HYP_SNAP_MAX];
};

/* At EL2/HYP (through rt_el2_call, arg = a struct arch_hyp_snap *): read them all. */
unsigned long arch_hyp_snapshot(unsigned long snap);
const char *arch_hyp_snap_name(unsigned i);

/*
 * The fault status EL1/SVC must find (arm64: ESR_EL1's class, WnR and
 * DFSC; arm: DFSR's status, WnR and format) for a stage 2 data abort
 * that was a write or a read, a permission or a translation fault, at
 * `level` of the stage 2 walk; and what a caught abort's frame says.
 */
unsigned long arch_hyp_expected_abort(int write, int permission, unsigned level);
unsigned long arch_hyp_abort_status(const struct hs_exc_frame *f);
/* Resume after the faulting (4-byte) instruction. */
void arch_hyp_skip(struct hs_exc_frame *f);

#endif
