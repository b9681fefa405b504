/* SPDX-License-Identifier: MIT */
/* Layout of struct rt_el2_ctx, shared by rt_el2.S and C (see rt_el2.h). */
#ifndef ARCH_RT_EL2_CTX_H
#define ARCH_RT_EL2_CTX_H

#define RT_EL2_CTX_CALLEE      0  /* r4..r11, lr of the SVC caller */
#define RT_EL2_CTX_LR_USR      36 /* then LR_usr, which HYP code shares */
#define RT_EL2_CTX_SP	       48 /* its SP, then its CPSR */
#define RT_EL2_CTX_FN	       56 /* function, then its argument */
#define RT_EL2_CTX_RESULT      64
#define RT_EL2_CTX_REFUSED     68 /* the stub's answer when it refused, else 0 */
#define RT_EL2_CTX_EL2_SP      72 /* SP_hyp as the stub left it */
#define RT_EL2_CTX_ENTRY_X0    76 /* r0, r1, r2 on arrival in HYP mode */
#define RT_EL2_CTX_ENTRY_X2    84
#define RT_EL2_CTX_ENTRY_EL    88 /* 2 when in HYP mode, then the CPSR A/I/F bits */
#define RT_EL2_CTX_ENTRY_SCTLR 96 /* HSCTLR, then HVBAR on arrival */
#define RT_EL2_CTX_SIZE	       104

/* Each CPU's slot: its context, then the stack its EL2 function runs on. */
#define RT_EL2_SLOT_SIZE 0x2000

/* CPSR.{A,I,F}: every exception the ABI says SOFT_RESTART masks. */
#define RT_EL2_ALL_MASKED 0x1c0ul

#define RT_SAMPLE_MAGIC 0x5a3b1e00ul
/* The sample handler's one call of its own: answers this CPU's MPIDR affinity (Aff2..Aff0). */
#define RT_SAMPLE_WHOAMI 0x77686f00ul

#endif
