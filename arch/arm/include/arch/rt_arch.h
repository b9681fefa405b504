/* SPDX-License-Identifier: MIT */
#ifndef ARCH_RT_ARCH_H
#define ARCH_RT_ARCH_H

#include <arch/exc_frame.h>
#include <stdbool.h>
#include <stdint.h>

/* PL1 vector numbers (offset / 4) the runtime reports. */
#define RT_VECTOR_UNDEF 1
#define RT_VECTOR_SVC	2
#define RT_VECTOR_PABT	3
#define RT_VECTOR_DABT	4

unsigned long arch_hvc0(unsigned long r0, unsigned long r1, unsigned long r2, unsigned long r3,
			unsigned long unused);
unsigned long arch_smccc(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
			 int use_hvc);
/* Semihosting SYS_EXIT_EXTENDED with an exit code; returns only if semihosting is off. */
void arch_semihost_exit(int code);
/* The semihosting trap instruction inside arch_semihost_exit. */
extern char arch_semihost_trap[];

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

/* Print the exception's own registers (after the runtime's headline). */
void arch_rt_print_exception(const struct hs_exc_frame *f, unsigned long vector);

#endif
