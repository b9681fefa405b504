/* SPDX-License-Identifier: MIT */
/*
 * The payload runtime: what an EL1 payload links, hypstub's own (the
 * demo, the conformance tests) and those built with the installed SDK
 * (docs/SDK.md: libhypstub.a, whose entry is hypstub-start.o). It sets
 * up a stack, EL1 vectors and the FP unit, finds the console in the
 * device tree, initialises the client library and calls main(dtb).
 * Returning from main ends the run.
 */
#ifndef HYPSTUB_RT_H
#define HYPSTUB_RT_H

#include <hypstub/platform.h>
#include <stdbool.h>
#include <stdint.h>

#include <arch/rt_arch.h>

/* The payload's entry point, called at EL1 with the shim's device tree. */
int main(const void *dtb);

/* x0..x3 (arm: r0..r3) as the payload was entered with them. */
extern unsigned long rt_entry_regs[4];

/* What rt_main() read from the device tree. */
extern struct hs_platform rt_platform;
extern const void *rt_dtb;

/*
 * End the run with `code`: through semihosting when QEMU offers it
 * (the exit code reaches the host), else PSCI SYSTEM_OFF.
 */
void rt_exit(int code) __attribute__((noreturn));

/* PSCI SYSTEM_OFF through the conduit the device tree names. */
void rt_system_off(void) __attribute__((noreturn));

/*
 * A synchronous exception at EL1 goes to `hook` first, if set; when the
 * hook returns true the frame (possibly changed) is resumed. Otherwise
 * the runtime prints a report and ends the run with code 3.
 */
typedef bool (*rt_sync_hook)(struct hs_exc_frame *frame);
void rt_set_sync_hook(rt_sync_hook hook);

/* The level the caller runs at: 1 for EL1/SVC, 2 for EL2/HYP. */
unsigned rt_current_el(void);

/* A small, fast, seedable pseudo-random generator (xorshift64*). */
uint64_t rt_random(void);
void rt_random_seed(uint64_t seed);
/* The same generator on a state of the caller's own (one per CPU, say); 0 is a valid seed. */
uint64_t rt_random_next(uint64_t *state);

#endif
