/* SPDX-License-Identifier: MIT */
#ifndef ARCH_CACHE_H
#define ARCH_CACHE_H

void arch_icache_invalidate_all(void);

#endif
