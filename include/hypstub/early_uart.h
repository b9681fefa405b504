/* SPDX-License-Identifier: MIT */
/*
 * The early UART: a PL011 the shim writes to before it has read the
 * device tree, or when the loader gave it none that libfdt accepts.
 * Its address is a build setting (make EARLY_UART=...), QEMU virt's by
 * default. The same header serves both architectures' early code.
 */
#ifndef HYPSTUB_EARLY_UART_H
#define HYPSTUB_EARLY_UART_H

#ifndef EARLY_UART_BASE
#define EARLY_UART_BASE 0x09000000
#endif

#define PL011_DR	  0x00 /* data register: a write sends one character */
#define PL011_FR	  0x18 /* flag register */
#define PL011_FR_TXFF_BIT 5    /* FR.TXFF: the transmit FIFO is full */

/* Where the image must be entered: adrp (arm64) and the vector tables need it. */
#define SHIM_IMAGE_ALIGN 4096

#endif
