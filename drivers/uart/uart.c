// SPDX-License-Identifier: MIT
/*
 * The console's driver chosen by its kind: a switch, not a table of
 * function pointers, so that the resident copy holds no stored address.
 */
#include <hypstub/uart.h>

void hs_uart_init(const struct hs_uart *u)
{
	if (u->type == HS_UART_CDNS)
		hs_cdns_init(u->base);
}

void hs_uart_putc(const struct hs_uart *u, unsigned char c)
{
	switch (u->type) {
	case HS_UART_PL011: hs_pl011_putc(u->base, c); break;
	case HS_UART_NS16550: hs_ns16550_putc(u, c); break;
	case HS_UART_CDNS: hs_cdns_putc(u->base, c); break;
	case HS_UART_IMX: hs_imx_putc(u->base, c); break;
	default: break;
	}
}
