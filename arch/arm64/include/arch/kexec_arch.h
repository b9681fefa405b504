/* SPDX-License-Identifier: MIT */
/*
 * The kexec loader's architecture layer (arch/arm64/kexec.S): the bulk
 * copy, the cache maintenance and the restart itself. The same names on
 * both architectures; lib/kexec/kexec.c calls them.
 */
#ifndef ARCH_KEXEC_ARCH_H
#define ARCH_KEXEC_ARCH_H

#include <stddef.h>
#include <stdint.h>

#define ARCH_KEXEC_KIND HS_KEXEC_ARM64_IMAGE

/* Copy n bytes (a multiple of 64; both 16-byte aligned), lowest block first. */
void arch_kexec_copy_fwd(void *dst, const void *src, size_t n);
/* The same, highest block first (for a destination above an overlapping source). */
void arch_kexec_copy_bwd(void *dst, const void *src, size_t n);
/* Clean the data cache to the point of coherency over [start, start + n). */
void arch_kexec_clean(uint64_t start, uint64_t n);
/*
 * EL1/SVC MMU and caches off, the instruction cache invalidated, then
 * HVC_SOFT_RESTART into `entry` with the architecture's Linux boot
 * registers and `dtb`. Returns the stub's answer only when it refused.
 */
unsigned long arch_kexec_restart(uint64_t entry, uint64_t dtb);

#endif
