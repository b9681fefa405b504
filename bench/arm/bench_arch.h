/* SPDX-License-Identifier: MIT */
/* The benchmark's arm (AArch32 HYP mode) constants. */
#ifndef BENCH_ARM_BENCH_ARCH_H
#define BENCH_ARM_BENCH_ARCH_H

#define BENCH_ARCH_NAME "arm"

/* A SET_VECTORS argument the stub must refuse: HVBAR's 32-byte alignment broken. */
#define BENCH_MISALIGN 0x10ul

/*
 * Instructions counted at HYP by bench_el2_loop besides its 2n loop: the
 * second read of PMXEVCNTR (counter 0) follows the loop directly, the
 * first one precedes it directly (measure.S).
 */
#define BENCH_EL2_LOOP_EXTRA 1

/*
 * Instructions each floor handler runs in HYP mode (floor.S), from its
 * vector slot (a `b` to the handler: AArch32 slots are one word) to its
 * eret. The figures the counters must reproduce.
 */
#define BENCH_FLOOR_SET_INSNS	4 /* b; mcr HVBAR; mov r0, #0; eret */
#define BENCH_FLOOR_ERR_INSNS	5 /* b; cmp; bne; ldr r0, =STUB_ERR; eret */
#define BENCH_FLOOR_BAD_INSNS	5 /* b; tst; bne; ldr r0, =STUB_ERR; eret */
#define BENCH_FLOOR_RESET_INSNS 8 /* b; ldr; mcr HVBAR; mrc HSCTLR; tst; bne; mov; eret */
/* b; mrc HSCTLR; 2 x bic; mcr HSCTLR; bic; msr ELR_hyp; ldr; tst; orrne; msr SPSR_hyp; eret */
#define BENCH_FLOOR_RESTART_INSNS 12

/* The SMP windows (cpu.S): the calling CPU's call of bench_psci_smc
 * (the window's call, `smc`, the return), and bench_cpu_off
 * (two moves, `smc`). */
#define BENCH_PSCI_CALL_INSNS 3
#define BENCH_CPU_OFF_INSNS   3

/* The kexec windows (kexec.S): bench_kexec_hvc_only's instructions up to
 * its `hvc`, included; the instructions the loader's restart runs at
 * EL2/HYP between the stub and the entry it was given (the loader's trampoline: mov r0; mvn r1; bx
 * r3); bench_copy_clean_floor: per 512-byte loop step, and besides the steps with the window's call
 * (the call, push, sub, dsb, return). */
#define BENCH_KEXEC_CAL_INSNS	     3
#define BENCH_KEXEC_TRAMPOLINE_INSNS 3
#define BENCH_FLOOR_COPY_STEP_INSNS  42
#define BENCH_FLOOR_COPY_EXTRA_INSNS 5

#endif
