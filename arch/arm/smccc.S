/* SPDX-License-Identifier: MIT */
/* arch_smccc(fid, a1, a2, a3, use_hvc): an SMCCC call (PSCI), r0 back.
 * use_hvc is the fifth argument, on the stack. */
	.arm
	.syntax unified
	.arch_extension sec
	.arch_extension virt
	.text
	.global arch_smccc
arch_smccc:
	ldr	ip, [sp]
	cmp	ip, #0
	bne	1f
	smc	#0
	bx	lr
1:	hvc	#0
	bx	lr
