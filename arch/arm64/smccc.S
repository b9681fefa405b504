/* SPDX-License-Identifier: MIT */
/* arch_smccc(fid, a1, a2, a3, use_hvc): an SMCCC call (PSCI), x0 back. */
	.text
	.global arch_smccc
arch_smccc:
	cbnz	x4, 1f
	smc	#0
	ret
1:	hvc	#0
	ret
