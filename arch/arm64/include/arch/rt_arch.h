/* SPDX-License-Identifier: MIT */
#ifndef ARCH_RT_ARCH_H
#define ARCH_RT_ARCH_H

#include <arch/exc_frame.h>
#include <hypstub/arch.h>
#include <stdbool.h>
#include <stdint.h>

#define RT_ESR_CLASS(esr) (((esr) >> 26) & 0x3f)
#define RT_INSN_SIZE	  4
/* The EL1 vector slot of a synchronous exception from EL1 itself (SP_EL1). */
#define RT_VECTOR_SYNC 4

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

#endif
