/* SPDX-License-Identifier: MIT */
/* Layout of struct rt_el2_ctx, shared by rt_el2.S and C (see rt_el2.h). */
#ifndef ARCH_RT_EL2_CTX_H
#define ARCH_RT_EL2_CTX_H

#define RT_EL2_CTX_CALLEE      0   /* x19..x30 of the EL1 caller */
#define RT_EL2_CTX_SP	       96  /* its SP, then its DAIF */
#define RT_EL2_CTX_FN	       112 /* function, then its argument */
#define RT_EL2_CTX_RESULT      128
#define RT_EL2_CTX_REFUSED     136 /* the stub's answer when it refused, else 0 */
#define RT_EL2_CTX_EL2_SP      144 /* SP_EL2 as the stub left it */
#define RT_EL2_CTX_ENTRY_X0    152 /* x0, x1, x2 on arrival at EL2 */
#define RT_EL2_CTX_ENTRY_X2    168
#define RT_EL2_CTX_ENTRY_EL    176 /* CurrentEL.EL, then DAIF on arrival */
#define RT_EL2_CTX_ENTRY_SCTLR 192 /* SCTLR_EL2, then VBAR_EL2 on arrival */
#define RT_EL2_CTX_SIZE	       208

/* Each CPU's slot: its context, then the stack its EL2 function runs on. */
#define RT_EL2_SLOT_SIZE 0x2000

/* DAIF: every exception the ABI says SOFT_RESTART masks. */
#define RT_EL2_ALL_MASKED 0x3c0ul

#define RT_SAMPLE_MAGIC 0x5a3b1e00ul
/* The sample handler's one call of its own: answers this CPU's MPIDR affinity (Aff2..Aff0). */
#define RT_SAMPLE_WHOAMI 0x77686f00ul

#endif
