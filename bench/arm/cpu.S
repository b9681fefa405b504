/* SPDX-License-Identifier: MIT */
/*
 * The other CPUs' side of the SMP windows (bench/smp.c), arm.
 *
 * bench_psci_smc: PSCI through the `smc` conduit, r0..r3 in, r0 out;
 * with the window's `blx`, BENCH_PSCI_CALL_INSNS instructions on the
 * calling CPU.
 *
 * bench_cpu_off: where a started CPU lands, in SVC through hypstub's CPU
 * entry or in HYP when PSCI CPU_ON enters it directly (the floor): PSCI
 * CPU_OFF at once, BENCH_CPU_OFF_INSNS instructions, no stack, nothing
 * else. ARM state (bit 0 of its address clear). Its first instruction is
 * "the payload's first instruction".
 */
	.arm
	.syntax unified
	.arch_extension sec

	.text
	.global bench_psci_smc
	.type	bench_psci_smc, %function
bench_psci_smc:
	smc	#0
	bx	lr

	.global bench_cpu_off
	.type	bench_cpu_off, %function
	.balign 8
bench_cpu_off:
	movw	r0, #0x0002		@ PSCI_CPU_OFF, 0x84000002
	movt	r0, #0x8400
	smc	#0
1:	wfi				@ CPU_OFF failed: stay put
	b	1b
