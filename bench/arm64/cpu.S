/* SPDX-License-Identifier: MIT */
/*
 * The other CPUs' side of the SMP windows (bench/smp.c), arm64.
 *
 * bench_psci_smc: PSCI through the `smc` conduit, x0..x3 in, x0 out;
 * with the window's `blr`, BENCH_PSCI_CALL_INSNS instructions on the
 * calling CPU.
 *
 * bench_cpu_off: where a started CPU lands, at EL1 through hypstub's CPU
 * entry or at EL2 when PSCI CPU_ON enters it directly (the floor): PSCI
 * CPU_OFF at once, BENCH_CPU_OFF_INSNS instructions, no stack, nothing
 * else. Its first instruction is "the payload's first instruction".
 */
	.text
	.global bench_psci_smc
	.type	bench_psci_smc, %function
bench_psci_smc:
	smc	#0
	ret

	.global bench_cpu_off
	.type	bench_cpu_off, %function
	.balign 8
bench_cpu_off:
	movz	w0, #0x0002		/* PSCI_CPU_OFF, 0x84000002 */
	movk	w0, #0x8400, lsl #16
	smc	#0
1:	wfi				/* CPU_OFF failed: stay put */
	b	1b
