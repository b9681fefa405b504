/* SPDX-License-Identifier: MIT */
/* The benchmark's arm64 constants. */
#ifndef BENCH_ARM64_BENCH_ARCH_H
#define BENCH_ARM64_BENCH_ARCH_H

#define BENCH_ARCH_NAME "arm64"

/* A SET_VECTORS argument the stub must refuse: 2 KiB alignment broken. */
#define BENCH_MISALIGN 0x100ul

/* Instructions counted at EL2 by bench_el2_loop besides its 2n loop: from
 * the first read of counter 0 to the second, the read of counter 1 and
 * the second read itself (measure.S). */
#define BENCH_EL2_LOOP_EXTRA 2

/* Instructions each floor handler runs at EL2 (floor.S), from its vector
 * slot to its eret. The figures the counters must reproduce. */
#define BENCH_FLOOR_SET_INSNS	  3  /* msr vbar_el2; mov x0, 0; eret */
#define BENCH_FLOOR_ERR_INSNS	  4  /* cbnz; movz; movk; eret */
#define BENCH_FLOOR_BAD_INSNS	  5  /* tst; b.ne; movz; movk; eret */
#define BENCH_FLOOR_RESET_INSNS	  6  /* ldr; msr vbar_el2; mrs; tbnz; mov; eret */
#define BENCH_FLOOR_RESTART_INSNS 11 /* mrs; mov; bic; msr; msr; mov; msr; 3 x mov; eret */

/* The SMP windows (cpu.S): the calling CPU's call of bench_psci_smc
 * (the window's call, `smc`, the return), and bench_cpu_off
 * (two moves, `smc`). */
#define BENCH_PSCI_CALL_INSNS 3
#define BENCH_CPU_OFF_INSNS   3

/* The kexec windows (kexec.S): bench_kexec_hvc_only's instructions up to
 * its `hvc`, included; the instructions the loader's restart runs at
 * EL2/HYP between the stub and the entry it was given (none: the stub moves x2..x4 to x0..x2);
 * bench_copy_clean_floor: per 512-byte loop step, and besides the steps
 * with the window's call (the call, two subs, dsb, return). */
#define BENCH_KEXEC_CAL_INSNS	     3
#define BENCH_KEXEC_TRAMPOLINE_INSNS 0
#define BENCH_FLOOR_COPY_STEP_INSNS  42
#define BENCH_FLOOR_COPY_EXTRA_INSNS 5

#endif
