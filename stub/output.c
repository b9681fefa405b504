// SPDX-License-Identifier: MIT
/*
 * The resident code's own output, for crash reports only: the console's
 * polled driver (drivers/uart/), which the shim chose from the device
 * tree (hs_stub_config.uart). It must work with no C library and no FP,
 * from any CPU, at any time. It lives in the resident region's CPU part,
 * next to the drivers (the stub's 4 KiB are full): the stub calls it only
 * on its crash path, where every register is saved.
 */
#include "stub.h"

void hs_putc(char c)
{
	if (c == '\n')
		hs_uart_putc(&hs_stub_config.uart, '\r');
	hs_uart_putc(&hs_stub_config.uart, (unsigned char)c);
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
