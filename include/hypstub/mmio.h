/* SPDX-License-Identifier: MIT */
/*
 * Device register accesses for the polled drivers: one access of the
 * given width, never merged, split or reordered by the compiler. Host
 * tests build with HS_FAKE_MMIO and provide these functions themselves,
 * recording every access.
 */
#ifndef HYPSTUB_MMIO_H
#define HYPSTUB_MMIO_H

#include <stdint.h>

#ifdef HS_FAKE_MMIO
uint32_t hs_mmio_read32(uintptr_t addr);
void hs_mmio_write32(uintptr_t addr, uint32_t v);
uint8_t hs_mmio_read8(uintptr_t addr);
void hs_mmio_write8(uintptr_t addr, uint8_t v);
#else
static inline uint32_t hs_mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void hs_mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint8_t hs_mmio_read8(uintptr_t addr)
{
	return *(volatile uint8_t *)addr;
}

static inline void hs_mmio_write8(uintptr_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}
#endif

#endif
