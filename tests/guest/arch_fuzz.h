/* SPDX-License-Identifier: MIT */
/*
 * What the "fuzz" suite needs from the architecture (tests/guest/<arch>/
 * fuzz_hvc.S and fuzz_arch.c): per CPU (by index in the shim's CPU table),
 * one `hvc` instruction whose immediate the test rewrites before each call, and a call through it
 * that loads every general-purpose register from in[] and stores them all after, as
 * arch_test_hvc_regs() does (same frame, so arch_test_sp_for_hvc() gives
 * the SP the call must leave).
 */
#ifndef TESTS_GUEST_ARCH_FUZZ_H
#define TESTS_GUEST_ARCH_FUZZ_H

#include <stdint.h>

/* Largest immediate `hvc` encodes (both: 16 bits). */
#define ARCH_FUZZ_IMM_MAX 0xffffu

/*
 * Write `hvc #imm` into the call slot and make it visible to instruction
 * fetch (clean to the point of unification, invalidate the line, isb).
 * Returns the instruction word written.
 */
unsigned long arch_fuzz_set_imm(unsigned cpu, unsigned imm);
/* Where CPU `cpu`'s slot is (fuzz_slots.c). */
uint32_t *fuzz_slot_address(unsigned cpu);
/* The instruction word in the slot now, as instruction fetch would see it after the isb. */
unsigned long arch_fuzz_slot_word(unsigned cpu);
/* The encoding of `hvc #imm`, from the Arm ARM, to check the slot against. */
unsigned long arch_fuzz_hvc_encoding(unsigned imm);

/* Load in[] into the registers, execute the slot's `hvc`, store them (and SP) in out[]. */
void arch_fuzz_hvc_regs(unsigned cpu, const unsigned long in[], unsigned long out[]);

#endif
