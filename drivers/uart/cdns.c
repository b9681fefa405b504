// SPDX-License-Identifier: MIT
/*
 * Cadence's UART (Zynq, ZynqMP): wait while the TX FIFO is full, write
 * the FIFO. QEMU's model leaves reset with its transmitter disabled, and
 * a loader may leave it so: init enables it.
 */
#include <hypstub/mmio.h>
#include <hypstub/uart.h>

#define CDNS_CR	       0x00	 /* control register */
#define CDNS_CR_TXEN   (1u << 4) /* transmitter enable */
#define CDNS_CR_TXDIS  (1u << 5) /* transmitter disable (wins over TXEN when set) */
#define CDNS_SR	       0x2c	 /* channel status register */
#define CDNS_SR_TXFULL (1u << 4) /* the transmit FIFO is full */
#define CDNS_FIFO      0x30	 /* transmit/receive FIFO */

HS_UART_MATCH_TABLE const struct hs_uart_match hs_cdns_match[] = {
    {"cdns,uart-r1p12", HS_UART_CDNS, 0, 4},
    {"cdns,uart-r1p8", HS_UART_CDNS, 0, 4},
    {"xlnx,xuartps", HS_UART_CDNS, 0, 4},
    {"", 0, 0, 0},
};

void hs_cdns_init(uintptr_t base)
{
	uint32_t cr = hs_mmio_read32(base + CDNS_CR);

	/* TXDIS cleared and TXEN set: the transmitter runs; the receiver's bits are left as they
	 * are. */
	hs_mmio_write32(base + CDNS_CR, (cr & ~CDNS_CR_TXDIS) | CDNS_CR_TXEN);
}

void hs_cdns_putc(uintptr_t base, unsigned char c)
{
	while (hs_mmio_read32(base + CDNS_SR) & CDNS_SR_TXFULL)
		;
	hs_mmio_write32(base + CDNS_FIFO, c);
}
