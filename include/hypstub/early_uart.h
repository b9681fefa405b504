/* SPDX-License-Identifier: MIT */
/*
 * The early UART: an explicit override, none by default. hypstub finds
 * its console in the device tree (/chosen/stdout-path); before it has a
 * tree it can read, it cannot know where any UART is, so it says nothing
 * there unless the build names one: make EARLY_UART=<address of a PL011>
 * (like Linux's DEBUG_LL). Where output is impossible without it:
 *   - the entry checks before the C runtime (a misaligned entry, early.S);
 *   - a device tree pointer libfdt rejects (no tree, a stale blob);
 *   - a tree whose stdout-path names no UART hypstub can drive, and with
 *     no other such UART in it.
 * The same header serves both architectures' early code.
 */
#ifndef HYPSTUB_EARLY_UART_H
#define HYPSTUB_EARLY_UART_H

#ifndef EARLY_UART_BASE
#define EARLY_UART_BASE 0 /* none */
#endif

#define PL011_DR	  0x00 /* data register: a write sends one character */
#define PL011_FR	  0x18 /* flag register */
#define PL011_FR_TXFF_BIT 5    /* FR.TXFF: the transmit FIFO is full */

/* Where the image must be entered: adrp (arm64) and the vector tables need it. */
#define SHIM_IMAGE_ALIGN 4096

#endif
