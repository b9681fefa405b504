// SPDX-License-Identifier: MIT
/*
 * The i.MX UART (fsl,imx21-uart, which the later SoCs list after their own
 * name): wait while the TX FIFO is full (UTS.TXFULL), write UTXD.
 */
#include <hypstub/mmio.h>
#include <hypstub/uart.h>

#define IMX_UTXD       0x40	 /* transmitter register */
#define IMX_UTS	       0xb4	 /* test register: FIFO status */
#define IMX_UTS_TXFULL (1u << 4) /* the transmit FIFO is full */

HS_UART_MATCH_TABLE const struct hs_uart_match hs_imx_match[] = {
    {"fsl,imx21-uart", HS_UART_IMX, 0, 4},
    {"fsl,imx6q-uart", HS_UART_IMX, 0, 4},
    {"fsl,imx53-uart", HS_UART_IMX, 0, 4},
    {"fsl,imx51-uart", HS_UART_IMX, 0, 4},
    {"fsl,imx25-uart", HS_UART_IMX, 0, 4},
    {"fsl,imx27-uart", HS_UART_IMX, 0, 4},
    {"", 0, 0, 0},
};

void hs_imx_putc(uintptr_t base, unsigned char c)
{
	while (hs_mmio_read32(base + IMX_UTS) & IMX_UTS_TXFULL)
		;
	hs_mmio_write32(base + IMX_UTXD, c);
}
