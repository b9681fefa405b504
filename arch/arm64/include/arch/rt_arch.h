/* SPDX-License-Identifier: MIT */
#ifndef ARCH_RT_ARCH_H
#define ARCH_RT_ARCH_H

#include <arch/exc_frame.h>
#include <stdint.h>

#define RT_ESR_CLASS(esr) (((esr) >> 26) & 0x3f)
#define RT_INSN_SIZE	  4

unsigned long arch_hvc0(unsigned long x0, unsigned long x1, unsigned long x2, unsigned long x3,
			unsigned long x4);
unsigned long arch_smccc(unsigned long fid, unsigned long a1, unsigned long a2, unsigned long a3,
			 int use_hvc);
/* Semihosting SYS_EXIT with an exit code; returns only if semihosting is off. */
void arch_semihost_exit(int code);
/* The semihosting trap instruction inside arch_semihost_exit. */
extern char arch_semihost_trap[];

#endif
