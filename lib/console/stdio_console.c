// SPDX-License-Identifier: MIT
/* picolibc's stdout and stderr, written through the polled PL011. */
#include <stdio.h>

#include "../../stub/stub.h"

static int hs_stdio_putc(char c, FILE *file)
{
	(void)file;
	hs_putc(c);
	return (unsigned char)c;
}

static FILE hs_stdio = FDEV_SETUP_STREAM(hs_stdio_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &hs_stdio;
FILE *const stderr = &hs_stdio;
