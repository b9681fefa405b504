/* SPDX-License-Identifier: MIT */
/*
 * AArch64 system register accessors: sysreg_<name>_read() and
 * sysreg_<name>_write(). The AArch32 layer offers the same names for the
 * registers that have an equivalent, so arch-neutral code reads the same.
 * Host unit tests replace this header with a fake CPU model.
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>

#define SYSREG_RW(name, enc)                                             \
	static inline uint64_t sysreg_##name##_read(void)                \
	{                                                                \
		uint64_t v;                                              \
		__asm__ volatile("mrs %0, " enc : "=r"(v));              \
		return v;                                                \
	}                                                                \
	static inline void sysreg_##name##_write(uint64_t v)             \
	{                                                                \
		__asm__ volatile("msr " enc ", %0" ::"r"(v) : "memory"); \
	}

#define SYSREG_RO(name, enc)                                \
	static inline uint64_t sysreg_##name##_read(void)   \
	{                                                   \
		uint64_t v;                                 \
		__asm__ volatile("mrs %0, " enc : "=r"(v)); \
		return v;                                   \
	}

/* Identification (read-only). */
SYSREG_RO(currentel, "CurrentEL")
SYSREG_RO(midr_el1, "midr_el1")
SYSREG_RO(mpidr_el1, "mpidr_el1")
SYSREG_RO(id_pfr1_el1, "id_pfr1_el1")
SYSREG_RO(id_dfr0_el1, "id_dfr0_el1")
SYSREG_RO(id_aa64pfr0_el1, "id_aa64pfr0_el1")
SYSREG_RO(id_aa64pfr1_el1, "id_aa64pfr1_el1")
SYSREG_RO(id_aa64dfr0_el1, "id_aa64dfr0_el1")
SYSREG_RO(id_aa64isar0_el1, "id_aa64isar0_el1")
SYSREG_RO(id_aa64isar1_el1, "id_aa64isar1_el1")
SYSREG_RO(id_aa64isar2_el1, "s3_0_c0_c6_2")
SYSREG_RO(id_aa64mmfr0_el1, "id_aa64mmfr0_el1")
SYSREG_RO(id_aa64mmfr1_el1, "id_aa64mmfr1_el1")
SYSREG_RO(id_aa64mmfr2_el1, "id_aa64mmfr2_el1")
SYSREG_RO(id_aa64mmfr3_el1, "s3_0_c0_c7_3")
SYSREG_RO(id_aa64mmfr4_el1, "s3_0_c0_c7_4")
SYSREG_RO(id_aa64zfr0_el1, "s3_0_c0_c4_4")
SYSREG_RO(id_aa64smfr0_el1, "s3_0_c0_c4_5")
SYSREG_RO(cntfrq_el0, "cntfrq_el0")
SYSREG_RO(cntvct_el0, "cntvct_el0")
SYSREG_RO(cntpct_el0, "cntpct_el0")
SYSREG_RO(daif, "daif")

/* EL2 control. */
SYSREG_RW(vbar_el2, "vbar_el2")
SYSREG_RW(hcr_el2, "hcr_el2")
SYSREG_RW(sctlr_el2, "sctlr_el2")
SYSREG_RW(cptr_el2, "cptr_el2")
SYSREG_RW(cnthctl_el2, "cnthctl_el2")
SYSREG_RW(cntvoff_el2, "cntvoff_el2")
SYSREG_RW(cnthp_ctl_el2, "cnthp_ctl_el2")
SYSREG_RW(cnthv_ctl_el2, "s3_4_c14_c3_1")
SYSREG_RW(mdcr_el2, "mdcr_el2")
SYSREG_RW(hstr_el2, "hstr_el2")
SYSREG_RW(vttbr_el2, "vttbr_el2")
SYSREG_RW(vtcr_el2, "vtcr_el2")
SYSREG_RW(vpidr_el2, "vpidr_el2")
SYSREG_RW(vmpidr_el2, "vmpidr_el2")
SYSREG_RW(tpidr_el2, "tpidr_el2")
SYSREG_RW(elr_el2, "elr_el2")
SYSREG_RW(spsr_el2, "spsr_el2")
SYSREG_RW(esr_el2, "esr_el2")
SYSREG_RW(far_el2, "far_el2")
SYSREG_RW(hpfar_el2, "hpfar_el2")
SYSREG_RW(zcr_el2, "s3_4_c1_c2_0")
SYSREG_RW(smcr_el2, "s3_4_c1_c2_6")
SYSREG_RW(smprimap_el2, "s3_4_c1_c2_5")
SYSREG_RW(hcrx_el2, "s3_4_c1_c2_2")
SYSREG_RW(hfgrtr_el2, "s3_4_c1_c1_4")
SYSREG_RW(hfgwtr_el2, "s3_4_c1_c1_5")
SYSREG_RW(hfgitr_el2, "s3_4_c1_c1_6")
SYSREG_RW(hdfgrtr_el2, "s3_4_c3_c1_4")
SYSREG_RW(hdfgwtr_el2, "s3_4_c3_c1_5")
SYSREG_RW(hafgrtr_el2, "s3_4_c3_c1_6")
SYSREG_RW(icc_sre_el2, "s3_4_c12_c9_5")
SYSREG_RW(ich_hcr_el2, "s3_4_c12_c11_0")
SYSREG_RW(pmscr_el2, "s3_4_c9_c9_0")

/* EL1 state the shim sets to a known value, and tests compare. */
SYSREG_RW(sctlr_el1, "sctlr_el1")
/* SCTLR_EL1 as EL2 names it when HCR_EL2.E2H = 1. */
SYSREG_RW(sctlr_el12, "s3_5_c1_c0_0")
SYSREG_RW(tcr_el1, "tcr_el1")
SYSREG_RW(ttbr0_el1, "ttbr0_el1")
SYSREG_RW(ttbr1_el1, "ttbr1_el1")
SYSREG_RW(mair_el1, "mair_el1")
SYSREG_RW(amair_el1, "amair_el1")
SYSREG_RW(vbar_el1, "vbar_el1")
SYSREG_RW(cpacr_el1, "cpacr_el1")
SYSREG_RW(tpidr_el1, "tpidr_el1")
SYSREG_RW(tpidr_el0, "tpidr_el0")
SYSREG_RW(tpidrro_el0, "tpidrro_el0")
SYSREG_RW(contextidr_el1, "contextidr_el1")
SYSREG_RW(sp_el0, "sp_el0")
SYSREG_RW(sp_el1, "sp_el1")
SYSREG_RW(elr_el1, "elr_el1")
SYSREG_RW(spsr_el1, "spsr_el1")
SYSREG_RW(esr_el1, "esr_el1")
SYSREG_RW(far_el1, "far_el1")
SYSREG_RW(afsr0_el1, "afsr0_el1")
SYSREG_RW(afsr1_el1, "afsr1_el1")
SYSREG_RW(par_el1, "par_el1")
SYSREG_RW(cntkctl_el1, "cntkctl_el1")
SYSREG_RW(mdscr_el1, "mdscr_el1")
SYSREG_RW(csselr_el1, "csselr_el1")
SYSREG_RW(pmcr_el0, "pmcr_el0")
SYSREG_RW(cntp_ctl_el0, "cntp_ctl_el0")
SYSREG_RW(cntp_tval_el0, "cntp_tval_el0")
SYSREG_RW(cntv_ctl_el0, "cntv_ctl_el0")
SYSREG_RW(cntv_tval_el0, "cntv_tval_el0")
SYSREG_RW(pmccntr_el0, "pmccntr_el0")
SYSREG_RW(pmcntenset_el0, "pmcntenset_el0")
SYSREG_RW(icc_sre_el1, "s3_0_c12_c12_5")
SYSREG_RW(icc_pmr_el1, "s3_0_c4_c6_0")

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
	__asm__ volatile("dc cvac, %0" ::"r"(addr) : "memory");
}

/* Extract the 4-bit ID register field at `shift` (unsigned fields). */
static inline unsigned id_field(uint64_t reg, unsigned shift)
{
	return (unsigned)((reg >> shift) & 0xf);
}

#endif
