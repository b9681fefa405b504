/* SPDX-License-Identifier: MIT */
/*
 * The resident EL2 stub: the arch-neutral part of its interface.
 *
 * The stub is one self-contained, position-independent region (vectors,
 * handlers, the few variables below) that the shim copies to reserved
 * memory. Nothing in it may refer to a symbol outside the region, hold an
 * absolute address, call a library, or touch FP/SIMD registers.
 */
#ifndef STUB_STUB_H
#define STUB_STUB_H

#include <arch/stub_arch.h>
#include <hypstub/slow_lock.h>
#include <hypstub/uart.h>
#include <stdint.h>

/* Everything below is inside the stub: reached PC-relatively, never
 * through a GOT, even where the stub is built as position-independent. */
#pragma GCC visibility push(hidden)

/* Set by the shim before the copy; read-only for the stub afterwards. */
struct hs_stub_config {
	uint64_t pa_limit;   /* first address past the physical address space */
	uintptr_t cpu_table; /* the resident struct hs_cpu_table; 0 while the shim
				boots alone (a crash then reports on its stack) */
	struct hs_uart uart; /* the console (the tree's stdout-path), for crash
				reports; type HS_UART_NONE for none */
};

extern struct hs_stub_config hs_stub_config;

/* Vector table and region bounds (arch linker script / vectors). */
extern char hs_stub_vectors[];
extern char hs_stub_start[], hs_stub_end[];

/*
 * Serve one synchronous exception from the lower EL. Returns 0 when it
 * was a call the stub answered (frame updated, eret follows), non-zero
 * when it was anything else (the caller then reports a crash).
 */
long hs_stub_sync(struct hs_frame *f);

/*
 * The crash report: prints, unless this CPU is reporting already, and
 * returns; the crash path then stops this CPU for good.
 */
void hs_report_crash(const struct hs_exc_frame *f, unsigned long vector, unsigned long el);
/* Set while a report is being printed, by the CPU that holds the slow-path stack. */
extern volatile int hs_reporting;

/* Minimal output, usable at any EL without a C library. */
void hs_putc(char c);
void hs_puts(const char *s);
/* A register-width value in hex: 16 digits on arm64, 8 on arm. */
void hs_puthex(unsigned long v);

/* The n-th of `count` NUL-separated strings, "" when out of range. */
const char *hs_nth_string(const char *packed, unsigned n, unsigned count);

/* Names for exception classes (stub/names.c) and vector slots (arch). */
const char *hs_exception_class_name(unsigned ec);
const char *hs_vector_name(unsigned long vector, unsigned long el);
void hs_report_arch_regs(const struct hs_exc_frame *f, unsigned long el);
unsigned hs_crash_class(const struct hs_exc_frame *f);
unsigned long hs_this_cpu_id(void);

#pragma GCC visibility pop

#endif
