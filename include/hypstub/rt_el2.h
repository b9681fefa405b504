/* SPDX-License-Identifier: MIT */
/*
 * Run a function at EL2 from an EL1 payload, using nothing but the ABI:
 * HVC_SOFT_RESTART into a trampoline that calls the function and erets
 * back. The function runs with the EL2 MMU off and exceptions masked, on
 * a stack of its own; SP_EL2 and VBAR_EL2 are left as the stub had them.
 * Tests use it to read EL2 registers; it is also a worked example of
 * SOFT_RESTART that comes back.
 */
#ifndef HYPSTUB_RT_EL2_H
#define HYPSTUB_RT_EL2_H

#include <arch/rt_el2_ctx.h>
#include <stdint.h>

typedef uint64_t (*rt_el2_fn)(uint64_t arg);

struct rt_el2_ctx {
	uint64_t callee[12];
	uint64_t sp, daif;
	uint64_t fn, arg;
	uint64_t result;
	uint64_t refused;
	uint64_t el2_sp;
	uint64_t entry_x[3];
	uint64_t entry_currentel, entry_daif;
	uint64_t entry_sctlr_el2, entry_vbar_el2;
};

extern struct rt_el2_ctx rt_el2_ctx;

/*
 * fn(arg) at EL2; the trampoline is entered with x0..x2 = a0..a2 (and
 * records them). Returns 0 and stores fn's result in rt_el2_ctx.result,
 * or returns the stub's answer when it refused the SOFT_RESTART.
 */
unsigned long rt_el2_call_args(rt_el2_fn fn, uint64_t arg, uint64_t a0, uint64_t a1, uint64_t a2);

/* fn(arg) at EL2, returning its result (0 when the stub refused). */
uint64_t rt_el2_call(rt_el2_fn fn, uint64_t arg);

/* The sample EL2 handler: answers RT_SAMPLE_MAGIC, counts calls. */
extern char rt_sample_vectors[];
extern uint64_t rt_sample_stub_vectors;
extern uint64_t rt_sample_calls;

#endif
