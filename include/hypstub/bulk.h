/* SPDX-License-Identifier: MIT */
/*
 * Copying and clearing blocks of more than a few words (payload
 * segments and their bss, the device tree, the resident code): in
 * 64-byte steps where the alignment allows. Debian's picolibc is built
 * for size, and its memcpy and memset move one byte per 5-instruction
 * loop: placing a payload with them cost the shim more than everything
 * else it does (README, Benchmarks). Small copies keep using memcpy.
 */
#ifndef HYPSTUB_BULK_H
#define HYPSTUB_BULK_H

#include <stddef.h>

/* memcpy(dst, src, n) for blocks that do not overlap. */
void hs_bulk_copy(void *dst, const void *src, size_t n);

/* memmove(dst, src, n): the blocks may overlap. */
void hs_bulk_move(void *dst, const void *src, size_t n);

/* memset(dst, 0, n). */
void hs_bulk_zero(void *dst, size_t n);

#endif
