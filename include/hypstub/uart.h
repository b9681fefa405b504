/* SPDX-License-Identifier: MIT */
/*
 * The console UART: which kind, where, and how its registers are spaced.
 * One small polled driver per family (drivers/uart/), all resident-safe
 * (no library call, no FP/SIMD, no stored address), because the stub's
 * crash report uses the same driver as the shim and the payloads.
 */
#ifndef HYPSTUB_UART_H
#define HYPSTUB_UART_H

#include <stdint.h>

enum hs_uart_type {
	HS_UART_NONE = 0,
	HS_UART_PL011,	 /* arm,pl011 */
	HS_UART_NS16550, /* ns16550(a), snps,dw-apb-uart, brcm,bcm2835-aux-uart, ... */
	HS_UART_CDNS,	 /* cdns,uart-r1p8, cdns,uart-r1p12 (Zynq, ZynqMP) */
	HS_UART_IMX,	 /* fsl,imx21-uart and the SoCs that list it */
	HS_UART_TYPES
};

struct hs_uart {
	uintptr_t base;	      /* CPU physical address (after every parent's ranges) */
	uint8_t type;	      /* enum hs_uart_type */
	uint8_t reg_shift;    /* 16550: register n at base + (n << reg_shift) */
	uint8_t reg_io_width; /* 16550: 1 (byte accesses) or 4 (32-bit accesses) */
};

/*
 * One compatible string a driver serves, with its register layout when the
 * node says nothing (reg-shift, reg-io-width). Fixed-size strings, no
 * pointers: the tables are resident-safe data.
 */
#define HS_UART_COMPAT_MAX 28
struct hs_uart_match {
	char compatible[HS_UART_COMPAT_MAX];
	uint8_t type, reg_shift, reg_io_width;
};

/*
 * Each driver's table, ended by an entry with an empty compatible. The
 * tables are read only while the tree is read, never by the stub: their
 * section stays out of the resident region, whose size is counted.
 */
#define HS_UART_MATCH_TABLE __attribute__((section(".hs_uart_match")))
extern const struct hs_uart_match hs_pl011_match[], hs_ns16550_match[], hs_cdns_match[],
    hs_imx_match[];

/*
 * The driver for a compatible property (its NUL-separated strings, `len`
 * bytes, the most specific first): the first string any table knows wins.
 * Fills type, reg_shift and reg_io_width; NULL when no driver knows it.
 */
const struct hs_uart_match *hs_uart_lookup(const char *compatible, int len);

/* The kind's name ("pl011", "ns16550", "cdns", "imx", "none"). */
const char *hs_uart_type_name(unsigned type);

/* Make the UART able to transmit (what a loader may not have done); polled, no interrupts. */
void hs_uart_init(const struct hs_uart *u);
/* One byte, waiting while the transmitter is full. Does nothing for HS_UART_NONE. */
void hs_uart_putc(const struct hs_uart *u, unsigned char c);

/* The drivers, for hs_uart_putc()/hs_uart_init() and the host tests. */
void hs_pl011_putc(uintptr_t base, unsigned char c);
void hs_ns16550_putc(const struct hs_uart *u, unsigned char c);
void hs_cdns_init(uintptr_t base);
void hs_cdns_putc(uintptr_t base, unsigned char c);
void hs_imx_putc(uintptr_t base, unsigned char c);

#endif
