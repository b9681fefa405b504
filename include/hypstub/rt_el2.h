/* SPDX-License-Identifier: MIT */
/*
 * Run a function at EL2 from an EL1 payload, using nothing but the ABI:
 * HVC_SOFT_RESTART into a trampoline that calls the function and erets
 * back. The function runs with the EL2 MMU off and exceptions masked, on
 * a stack of its own; SP_EL2 and VBAR_EL2 are left as the stub had them.
 * Every CPU has its own context and stack, so all may do it at once.
 * Tests use it to read EL2 registers; it is also a worked example of
 * SOFT_RESTART that comes back.
 */
#ifndef HYPSTUB_RT_EL2_H
#define HYPSTUB_RT_EL2_H

#include <arch/rt_el2_ctx.h>
#include <stdint.h>

typedef unsigned long (*rt_el2_fn)(unsigned long arg);

/* Registers are unsigned long: 64 bits on arm64, 32 on arm. */
struct rt_el2_ctx {
	unsigned long callee[12]; /* the caller's callee-saved registers */
	unsigned long sp, psr;	  /* and its SP and DAIF (arm64) or CPSR (arm) */
	unsigned long fn, arg;
	unsigned long result;
	unsigned long refused;
	unsigned long el2_sp;
	/* On arrival at EL2/HYP: x0..x2 (r0..r2), the level (2 = EL2/HYP)
	 * and the exception mask bits (RT_EL2_ALL_MASKED when all are set). */
	unsigned long entry_regs[3];
	unsigned long entry_level, entry_masks;
	unsigned long entry_sctlr_el2, entry_vbar_el2;
};

/*
 * The calling CPU's context: what its last rt_el2_call*() recorded.
 * Each CPU has its own, so CPUs may call at the same time.
 */
struct rt_el2_ctx *rt_el2_ctx_self(void);

/* rt_el2_call_args() with an explicit context (rt_el2.S). */
unsigned long rt_el2_call_on(struct rt_el2_ctx *ctx, rt_el2_fn fn, unsigned long arg,
			     unsigned long a0, unsigned long a1, unsigned long a2);

/*
 * fn(arg) at EL2. The SOFT_RESTART passes a0..a2 as the ABI allows: on
 * arm64 they arrive in x0..x2; on arm, which moves no arguments, r2 and r3
 * hold a0 and a1 at the `hvc` and so on arrival (a2 is not passed). The
 * trampoline records r0..r2/x0..x2 in entry_regs. Returns 0 and stores
 * fn's result in rt_el2_ctx_self()->result, or returns the stub's answer
 * when it refused the SOFT_RESTART.
 */
unsigned long rt_el2_call_args(rt_el2_fn fn, unsigned long arg, unsigned long a0, unsigned long a1,
			       unsigned long a2);

/* fn(arg) at EL2, returning its result (0 when the stub refused). */
unsigned long rt_el2_call(rt_el2_fn fn, unsigned long arg);

/*
 * What entry_regs must hold after rt_el2_call_args(fn, arg, a0, a1, a2)
 * when the stub keeps the ABI (it differs by architecture, see above).
 */
void rt_el2_expected_regs(unsigned long a0, unsigned long a1, unsigned long a2,
			  unsigned long want[3]);

/*
 * The sample EL2 handler: answers RT_SAMPLE_MAGIC and counts calls, but
 * RT_SAMPLE_WHOAMI with the answering CPU's MPIDR affinity (Aff2..Aff0).
 */
extern char rt_sample_vectors[];
extern unsigned long rt_sample_stub_vectors;
extern unsigned long rt_sample_calls;

#endif
