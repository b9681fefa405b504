// SPDX-License-Identifier: MIT
/*
 * The stub's own output: a polled PL011, for crash reports only. It must
 * work with no C library and no FP, from any CPU, at any time.
 */
#include "stub.h"

#include <stddef.h>

struct hs_stub_config hs_stub_config;

_Static_assert(offsetof(struct hs_stub_config, cpu_table) == HS_STUB_CONFIG_CPU_TABLE,
	       "hs_stub_config.cpu_table");

#define PL011_DR      0x00
#define PL011_FR      0x18
#define PL011_FR_TXFF (1u << 5)

void hs_putc(char c)
{
	uintptr_t base = hs_stub_config.uart_base;

	if (!base)
		return;
	if (c == '\n')
		hs_putc('\r');
	while (*(volatile uint32_t *)(base + PL011_FR) & PL011_FR_TXFF)
		;
	*(volatile uint32_t *)(base + PL011_DR) = (uint32_t)(unsigned char)c;
}

void hs_puts(const char *s)
{
	while (*s)
		hs_putc(*s++);
}

void hs_puthex(unsigned long v)
{
	hs_puts("0x");
	for (int shift = (int)sizeof(v) * 8 - 4; shift >= 0; shift -= 4)
		hs_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}
