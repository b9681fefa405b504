/* SPDX-License-Identifier: MIT */
/* The shim's console before and without a usable device tree, and where the image runs. */
#ifndef HYPSTUB_BOOT_EARLY_CONSOLE_H
#define HYPSTUB_BOOT_EARLY_CONSOLE_H

#include <hypstub/platform.h>

/*
 * Read the machine from the loader's device tree into `plat` (once: the
 * shim reads it nowhere else) and pick the console: the UART of
 * /chosen/stdout-path when the tree could be read, else the early UART
 * (EARLY_UART_BASE), on which it says why. Returns hs_platform_read()'s
 * answer.
 */
int shim_console_init(const void *loader_dtb, struct hs_platform *plat);

/* One line: where the image runs, and how far the shim moved its addresses. */
void shim_print_image_place(void);

#endif
