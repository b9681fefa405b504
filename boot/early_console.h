/* SPDX-License-Identifier: MIT */
/* The shim's console before and without a usable device tree, and where the image runs. */
#ifndef HYPSTUB_BOOT_EARLY_CONSOLE_H
#define HYPSTUB_BOOT_EARLY_CONSOLE_H

/*
 * Pick the console: the UART of /chosen/stdout-path when libfdt accepts
 * the loader's device tree, else the early UART (EARLY_UART_BASE), on
 * which it says why.
 */
void shim_console_init(const void *loader_dtb);

/* One line: where the image runs, and how far the shim moved its addresses. */
void shim_print_image_place(void);

#endif
