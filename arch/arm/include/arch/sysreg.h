/* SPDX-License-Identifier: MIT */
/*
 * AArch32 (ARMv7-A with the Virtualization Extensions) system register
 * accessors. Registers that have an AArch64 counterpart use its name, so
 * arch-neutral code reads the same on both architectures:
 * sysreg_vbar_el2_write() writes HVBAR here and VBAR_EL2 on arm64.
 * Registers that exist only in AArch32 keep their AArch32 name (DACR).
 *
 *   AArch64 name      AArch32 register
 *   vbar_el2          HVBAR          hcr_el2     HCR
 *   sctlr_el2         HSCTLR         cptr_el2    HCPTR
 *   mdcr_el2          HDCR           hstr_el2    HSTR
 *   esr_el2           HSR            far_el2     HDFAR (HIFAR: hifar_el2)
 *   elr_el2           ELR_hyp        spsr_el2    SPSR_hyp
 *   icc_sre_el2       ICC_HSRE       tpidr_el2   HTPIDR
 *   sctlr_el1         SCTLR          tcr_el1     TTBCR
 *   tpidr_el1         TPIDRPRW       tpidr_el0   TPIDRURW
 *   tpidrro_el0       TPIDRURO       esr_el1     DFSR
 *   far_el1           DFAR           mair_el1    PRRR (MAIR0)
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>

/* A 32-bit coprocessor register: mrc/mcr p15, opc1, <Rt>, CRn, CRm, opc2. */
#define SYSREG32_RW(name, opc1, crn, crm, opc2)                                                   \
	static inline unsigned long sysreg_##name##_read(void)                                    \
	{                                                                                         \
		unsigned long v;                                                                  \
		__asm__ volatile("mrc p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2 : "=r"(v)); \
		return v;                                                                         \
	}                                                                                         \
	static inline void sysreg_##name##_write(unsigned long v)                                 \
	{                                                                                         \
		__asm__ volatile("mcr p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2 ::"r"(v)    \
				 : "memory");                                                     \
	}

#define SYSREG32_RO(name, opc1, crn, crm, opc2)                                                   \
	static inline unsigned long sysreg_##name##_read(void)                                    \
	{                                                                                         \
		unsigned long v;                                                                  \
		__asm__ volatile("mrc p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2 : "=r"(v)); \
		return v;                                                                         \
	}

/* A 64-bit one: mrrc/mcrr p15, opc1, <Rt>, <Rt2>, CRm. */
#define SYSREG64_RW(name, opc1, crm)                                                          \
	static inline uint64_t sysreg_##name##_read(void)                                     \
	{                                                                                     \
		uint64_t v;                                                                   \
		__asm__ volatile("mrrc p15, " #opc1 ", %Q0, %R0, " #crm : "=r"(v));           \
		return v;                                                                     \
	}                                                                                     \
	static inline void sysreg_##name##_write(uint64_t v)                                  \
	{                                                                                     \
		__asm__ volatile("mcrr p15, " #opc1 ", %Q0, %R0, " #crm ::"r"(v) : "memory"); \
	}

#define SYSREG64_RO(name, opc1, crm)                                                \
	static inline uint64_t sysreg_##name##_read(void)                           \
	{                                                                           \
		uint64_t v;                                                         \
		__asm__ volatile("mrrc p15, " #opc1 ", %Q0, %R0, " #crm : "=r"(v)); \
		return v;                                                           \
	}

/* A banked register of another mode: mrs/msr (Virtualization Extensions). */
#define SYSREG_BANKED_RW(name, reg)                                      \
	static inline unsigned long sysreg_##name##_read(void)           \
	{                                                                \
		unsigned long v;                                         \
		__asm__ volatile("mrs %0, " reg : "=r"(v));              \
		return v;                                                \
	}                                                                \
	static inline void sysreg_##name##_write(unsigned long v)        \
	{                                                                \
		__asm__ volatile("msr " reg ", %0" ::"r"(v) : "memory"); \
	}

/* Identification (read-only). */
SYSREG32_RO(midr_el1, 0, c0, c0, 0)
SYSREG32_RO(mpidr_el1, 0, c0, c0, 5)
SYSREG32_RO(id_pfr0_el1, 0, c0, c1, 0)
SYSREG32_RO(id_pfr1_el1, 0, c0, c1, 1)
SYSREG32_RO(id_dfr0_el1, 0, c0, c1, 2)
SYSREG32_RO(id_mmfr0_el1, 0, c0, c1, 4)
SYSREG32_RO(id_isar0_el1, 0, c0, c2, 0)
SYSREG32_RO(cntfrq_el0, 0, c14, c0, 0)
SYSREG64_RO(cntpct_el0, 0, c14)
SYSREG64_RO(cntvct_el0, 1, c14)

/* HYP control. */
SYSREG32_RW(vbar_el2, 4, c12, c0, 0)
SYSREG32_RW(hcr_el2, 4, c1, c1, 0)
SYSREG32_RW(sctlr_el2, 4, c1, c0, 0)
SYSREG32_RW(cptr_el2, 4, c1, c1, 2)
SYSREG32_RW(mdcr_el2, 4, c1, c1, 1)
SYSREG32_RW(hstr_el2, 4, c1, c1, 3)
SYSREG32_RW(cnthctl_el2, 4, c14, c1, 0)
SYSREG32_RW(cnthp_ctl_el2, 4, c14, c2, 1)
SYSREG64_RW(cntvoff_el2, 4, c14)
SYSREG32_RW(vpidr_el2, 4, c0, c0, 0)
SYSREG32_RW(vmpidr_el2, 4, c0, c0, 5)
SYSREG64_RW(vttbr_el2, 6, c2)
SYSREG32_RW(vtcr_el2, 4, c2, c1, 2)
SYSREG32_RW(tpidr_el2, 4, c13, c0, 2)
SYSREG32_RW(esr_el2, 4, c5, c2, 0)
SYSREG32_RW(far_el2, 4, c6, c0, 0)
SYSREG32_RW(hifar_el2, 4, c6, c0, 2)
SYSREG32_RW(hpfar_el2, 4, c6, c0, 4)
SYSREG32_RW(icc_sre_el2, 4, c12, c9, 5)
SYSREG32_RW(ich_hcr_el2, 4, c12, c11, 0)
/* ELR_hyp is reached with the banked form even from HYP mode itself;
 * SPSR_hyp from HYP mode is the plain SPSR (its banked form would UNDEF). */
SYSREG_BANKED_RW(elr_el2, "ELR_hyp")
static inline unsigned long sysreg_spsr_el2_read(void)
{
	unsigned long v;

	__asm__ volatile("mrs %0, spsr" : "=r"(v));
	return v;
}
static inline void sysreg_spsr_el2_write(unsigned long v)
{
	__asm__ volatile("msr spsr_cxsf, %0" ::"r"(v) : "memory");
}

/* PL1 state the shim sets to a known value, and tests compare. */
SYSREG32_RW(sctlr_el1, 0, c1, c0, 0)
SYSREG32_RW(cpacr_el1, 0, c1, c0, 2)
SYSREG32_RW(tcr_el1, 0, c2, c0, 2)
SYSREG64_RW(ttbr0_el1, 0, c2)
SYSREG64_RW(ttbr1_el1, 1, c2)
SYSREG32_RW(dacr, 0, c3, c0, 0)
SYSREG32_RW(esr_el1, 0, c5, c0, 0)
SYSREG32_RW(ifsr, 0, c5, c0, 1)
SYSREG32_RW(adfsr, 0, c5, c1, 0)
SYSREG32_RW(aifsr, 0, c5, c1, 1)
SYSREG32_RW(far_el1, 0, c6, c0, 0)
SYSREG32_RW(ifar, 0, c6, c0, 2)
SYSREG32_RW(par_el1, 0, c7, c4, 0)
SYSREG32_RW(mair_el1, 0, c10, c2, 0)
SYSREG32_RW(nmrr, 0, c10, c2, 1)
SYSREG32_RW(vbar_el1, 0, c12, c0, 0)
SYSREG32_RW(contextidr_el1, 0, c13, c0, 1)
SYSREG32_RW(tpidr_el0, 0, c13, c0, 2)
SYSREG32_RW(tpidrro_el0, 0, c13, c0, 3)
SYSREG32_RW(tpidr_el1, 0, c13, c0, 4)
SYSREG32_RW(cntkctl_el1, 0, c14, c1, 0)
SYSREG32_RW(csselr_el1, 2, c0, c0, 0)
SYSREG32_RW(pmcr_el0, 0, c9, c12, 0)
SYSREG32_RW(cntp_ctl_el0, 0, c14, c2, 1)
SYSREG32_RW(cntp_tval_el0, 0, c14, c2, 0)
SYSREG32_RW(cntv_ctl_el0, 0, c14, c3, 1)
SYSREG32_RW(cntv_tval_el0, 0, c14, c3, 0)
SYSREG32_RW(pmccntr_el0, 0, c9, c13, 0)
SYSREG32_RW(pmcntenset_el0, 0, c9, c12, 1)
SYSREG32_RW(icc_sre_el1, 0, c12, c12, 5)
SYSREG32_RW(icc_pmr_el1, 0, c4, c6, 0)
SYSREG_BANKED_RW(sp_usr, "SP_usr")
SYSREG_BANKED_RW(lr_usr, "LR_usr")
SYSREG_BANKED_RW(sp_svc, "SP_svc")
SYSREG_BANKED_RW(lr_svc, "LR_svc")

static inline unsigned long cpsr_read(void)
{
	unsigned long v;

	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

/* Wait for an interrupt: a stopped CPU's idle loop. */
static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/* Wake every CPU waiting in `wfe` (a spin table's release). */
static inline void sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}

/* Clean the data cache line holding `addr` to the point of coherency. */
static inline void dcache_clean_poc_line(const volatile void *addr)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" ::"r"(addr) : "memory"); /* DCCMVAC */
}

/* Extract the 4-bit ID register field at `shift` (unsigned fields). */
static inline unsigned id_field(uint64_t reg, unsigned shift)
{
	return (unsigned)((reg >> shift) & 0xf);
}

#endif
