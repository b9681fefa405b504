/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* abi_check bench=1 (bench.c): Linux's stub counted for `make bench`. */
#ifndef ABI_CHECK_BENCH_H
#define ABI_CHECK_BENCH_H

struct abi_run;

/* On this CPU, interrupts masked: every figure and check as a console line. */
void abi_bench_run(struct abi_run *r);

/* Count instructions at EL2 from here on (if not yet), print the count. */
void abi_bench_count(void);

#endif
