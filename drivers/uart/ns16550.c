// SPDX-License-Identifier: MIT
/*
 * The 16550 family: register n at base + (n << reg-shift), each accessed
 * reg-io-width bytes wide (1 or 4). Polled: wait for LSR.THRE, write THR.
 * The Raspberry Pi's mini UART (brcm,bcm2835-aux-uart) is one with its
 * registers 4 bytes apart, whatever its node says.
 */
#include <hypstub/mmio.h>
#include <hypstub/uart.h>

#define UART_THR      0	   /* transmit holding register (write) */
#define UART_LSR      5	   /* line status register */
#define UART_LSR_THRE 0x20 /* THR empty: room for one more character */

HS_UART_MATCH_TABLE const struct hs_uart_match hs_ns16550_match[] = {
    {"ns16550a", HS_UART_NS16550, 0, 1},
    {"ns16550", HS_UART_NS16550, 0, 1},
    {"ns16450", HS_UART_NS16550, 0, 1},
    {"ns8250", HS_UART_NS16550, 0, 1},
    {"snps,dw-apb-uart", HS_UART_NS16550, 0, 1},
    {"brcm,bcm2835-aux-uart", HS_UART_NS16550, 2, 4},
    {"", 0, 0, 0},
};

static uint32_t ns16550_read(const struct hs_uart *u, unsigned reg)
{
	uintptr_t at = u->base + ((uintptr_t)reg << u->reg_shift);

	return u->reg_io_width == 4 ? hs_mmio_read32(at) : hs_mmio_read8(at);
}

static void ns16550_write(const struct hs_uart *u, unsigned reg, uint32_t v)
{
	uintptr_t at = u->base + ((uintptr_t)reg << u->reg_shift);

	if (u->reg_io_width == 4)
		hs_mmio_write32(at, v);
	else
		hs_mmio_write8(at, (uint8_t)v);
}

void hs_ns16550_putc(const struct hs_uart *u, unsigned char c)
{
	while (!(ns16550_read(u, UART_LSR) & UART_LSR_THRE))
		;
	ns16550_write(u, UART_THR, c);
}
