// SPDX-License-Identifier: MIT
/*
 * The shim's console, from the device tree as soon as libfdt accepts it:
 * the UART /chosen/stdout-path names, else the first the tree has that
 * hypstub can drive. A loader may hand over a pointer that is no device
 * tree at all (0, a misaligned address, a stale blob): the shim then
 * knows no UART, and says so only on the early UART, an explicit build
 * override (make EARLY_UART=, include/hypstub/early_uart.h); without it,
 * that stop is silent.
 */
#include <hypstub/early_uart.h>
#include <hypstub/platform.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../stub/stub.h"
#include "early_console.h"

/* Set by arch/<arch>/relocate.S; the image's bounds come from the linker script. */
extern unsigned long shim_relocation_offset;
extern char _image_start[], _end[];

int shim_console_init(const void *loader_dtb, struct hs_platform *plat)
{
	int err;
	bool header_ok;

	/* The early UART (if the build names one) until the tree names one,
	 * so that even a fault while the tree is read is reported somewhere.
	 * Without it, nothing can be said before the tree is read. */
	hs_stub_config.uart =
	    (struct hs_uart){EARLY_UART_BASE, EARLY_UART_BASE ? HS_UART_PL011 : 0, 0, 4};
	err = fdt_check_header(loader_dtb);
	header_ok = err == 0;
	if (header_ok)
		err = hs_platform_read(loader_dtb, plat);
	/* A tree without memory is reported later, on the console it names. */
	if (err == 0 || err == -FDT_ERR_NOTFOUND) {
		if (plat->uart.type != HS_UART_NONE) {
			hs_uart_init(&plat->uart);
			hs_stub_config.uart = plat->uart;
		}
		return err;
	}
	printf("\n[shim] the loader's device tree pointer %p is rejected %s (%s):\n"
	       "[shim]   this console is the early UART, pl011@0x%lx (make EARLY_UART=...)\n",
	       loader_dtb, header_ok ? "as it is read" : "by libfdt", fdt_strerror(err),
	       (unsigned long)EARLY_UART_BASE);
	return err;
}

void shim_print_image_place(void)
{
	uintptr_t start = (uintptr_t)_image_start;

	printf("[shim] image at 0x%lx..0x%lx, ", (unsigned long)start,
	       (unsigned long)(uintptr_t)_end);
	if (shim_relocation_offset)
		printf("linked at 0x%lx: relocated itself\n",
		       (unsigned long)(start - shim_relocation_offset));
	else
		printf("where it was linked\n");
}
