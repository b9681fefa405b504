// SPDX-License-Identifier: MIT
/* Arm's PL011 (and the SBSA generic UART, its subset): wait while TXFF, write DR. */
#include <hypstub/mmio.h>
#include <hypstub/uart.h>

#define PL011_DR      0x00	/* data register: a write sends one character */
#define PL011_FR      0x18	/* flag register */
#define PL011_FR_TXFF (1u << 5) /* the transmit FIFO is full */

HS_UART_MATCH_TABLE const struct hs_uart_match hs_pl011_match[] = {
    {"arm,pl011", HS_UART_PL011, 0, 4},
    {"arm,sbsa-uart", HS_UART_PL011, 0, 4},
    {"", 0, 0, 0},
};

void hs_pl011_putc(uintptr_t base, unsigned char c)
{
	while (hs_mmio_read32(base + PL011_FR) & PL011_FR_TXFF)
		;
	hs_mmio_write32(base + PL011_DR, c);
}
