/* SPDX-License-Identifier: MIT */
#ifndef ARCH_RT_ARCH_H
#define ARCH_RT_ARCH_H

#include <arch/exc_frame.h>
#include <stdbool.h>
#include <stdint.h>

#define RT_ESR_CLASS(esr) (((esr) >> 26) & 0x3f)
#define RT_INSN_SIZE	  4
/* The EL1 vector slot of a synchronous exception from EL1 itself (SP_EL1). */
#define RT_VECTOR_SYNC 4

unsigned long arch_hvc0(unsigned long x0, unsigned long x1, unsigned long x2, unsigned long x3,
			unsigned long x4);
unsigned long arch_smccc(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
			 int use_hvc);
/* Semihosting SYS_EXIT with an exit code; returns only if semihosting is off. */
void arch_semihost_exit(int code);
/* The semihosting trap instruction inside arch_semihost_exit. */
extern char arch_semihost_trap[];

/* A synchronous exception (the kind a hook may handle)? */
static inline bool arch_rt_is_sync(unsigned long vector)
{
	return vector == RT_VECTOR_SYNC;
}

/*
 * Semihosting's `hlt`, undefined because QEMU runs without semihosting:
 * true, and the frame resumes after it.
 */
static inline bool arch_rt_semihost_missing(struct hs_exc_frame *f, unsigned long vector)
{
	if (vector != RT_VECTOR_SYNC || RT_ESR_CLASS(f->esr) != 0 ||
	    f->elr != (uintptr_t)arch_semihost_trap)
		return false;
	f->elr += RT_INSN_SIZE;
	return true;
}

/* Print the exception's own registers (after the runtime's headline). */
void arch_rt_print_exception(const struct hs_exc_frame *f, unsigned long vector);

#endif
