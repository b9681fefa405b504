/* SPDX-License-Identifier: MIT */
#ifndef ARCH_RT_ARCH_H
#define ARCH_RT_ARCH_H

#include <arch/exc_frame.h>
#include <hypstub/arch.h>
#include <stdbool.h>
#include <stdint.h>

/* PL1 vector numbers (offset / 4) the runtime reports. */
#define RT_VECTOR_UNDEF 1
#define RT_VECTOR_SVC	2
#define RT_VECTOR_PABT	3
#define RT_VECTOR_DABT	4

/* A synchronous exception (the kind a hook may handle)? */
static inline bool arch_rt_is_sync(unsigned long vector)
{
	return vector == RT_VECTOR_UNDEF || vector == RT_VECTOR_PABT || vector == RT_VECTOR_DABT;
}

/*
 * The semihosting call, taken as a plain SVC because QEMU runs without
 * semihosting: true, and the frame resumes after it.
 */
static inline bool arch_rt_semihost_missing(struct hs_exc_frame *f, unsigned long vector)
{
	/* An SVC's preferred return address is the next instruction already. */
	return vector == RT_VECTOR_SVC && f->elr == (uintptr_t)arch_semihost_trap + 4;
}

#endif
