/* SPDX-License-Identifier: MIT */
/*
 * Host unit tests: a fake AArch64 CPU behind the same names as
 * arch/arm64/include/arch/sysreg.h. Every sysreg_<name>_read/_write(),
 * isb() and dsb_sy() goes to the global `fake_cpu` (fake_cpu.c), which
 * keeps one uint64_t per register, logs every write and barrier in order,
 * and counts what a real CPU would refuse (see fake_cpu.c for the rules).
 *
 * The list below must name exactly the registers of the real header, with
 * the same kind (RO: read only, RW: read and write); test_fake checks it
 * against the real file, so a register added there fails the host tests
 * until it is added here too.
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

// clang-format off
#define FAKE_SYSREGS(RO, RW) \
	/* Identification (read-only). */ \
	RO(currentel) \
	RO(midr_el1) \
	RO(mpidr_el1) \
	RO(id_aa64pfr0_el1) \
	RO(id_aa64pfr1_el1) \
	RO(id_aa64dfr0_el1) \
	RO(id_aa64isar0_el1) \
	RO(id_aa64isar1_el1) \
	RO(id_pfr1_el1) \
	RO(id_dfr0_el1) \
	RO(id_aa64isar2_el1) \
	RO(id_aa64mmfr0_el1) \
	RO(id_aa64mmfr1_el1) \
	RO(id_aa64mmfr2_el1) \
	RO(id_aa64mmfr3_el1) \
	RO(id_aa64mmfr4_el1) \
	RO(id_aa64zfr0_el1) \
	RO(id_aa64smfr0_el1) \
	RO(cntfrq_el0) \
	RO(cntvct_el0) \
	RO(cntpct_el0) \
	RO(daif) \
	/* EL2 control. */ \
	RW(vbar_el2) \
	RW(hcr_el2) \
	RW(sctlr_el2) \
	RW(cptr_el2) \
	RW(cnthctl_el2) \
	RW(cntvoff_el2) \
	RW(cnthp_ctl_el2) \
	RW(cnthv_ctl_el2) \
	RW(mdcr_el2) \
	RW(hstr_el2) \
	RW(vttbr_el2) \
	RW(vtcr_el2) \
	RW(vpidr_el2) \
	RW(vmpidr_el2) \
	RW(tpidr_el2) \
	RW(elr_el2) \
	RW(spsr_el2) \
	RW(esr_el2) \
	RW(far_el2) \
	RW(hpfar_el2) \
	RW(zcr_el2) \
	RW(smcr_el2) \
	RW(smprimap_el2) \
	RW(hcrx_el2) \
	RW(hfgrtr_el2) \
	RW(hfgwtr_el2) \
	RW(hfgitr_el2) \
	RW(hdfgrtr_el2) \
	RW(hdfgwtr_el2) \
	RW(hafgrtr_el2) \
	RW(icc_sre_el2) \
	RW(ich_hcr_el2) \
	RW(pmscr_el2) \
	/* EL1 state. */ \
	RW(sctlr_el1) \
	RW(sctlr_el12) \
	RW(tcr_el1) \
	RW(ttbr0_el1) \
	RW(ttbr1_el1) \
	RW(mair_el1) \
	RW(amair_el1) \
	RW(vbar_el1) \
	RW(cpacr_el1) \
	RW(tpidr_el1) \
	RW(tpidr_el0) \
	RW(tpidrro_el0) \
	RW(contextidr_el1) \
	RW(sp_el0) \
	RW(sp_el1) \
	RW(elr_el1) \
	RW(spsr_el1) \
	RW(esr_el1) \
	RW(far_el1) \
	RW(afsr0_el1) \
	RW(afsr1_el1) \
	RW(par_el1) \
	RW(cntkctl_el1) \
	RW(mdscr_el1) \
	RW(csselr_el1) \
	RW(pmcr_el0) \
	RW(cntp_ctl_el0) \
	RW(cntp_tval_el0) \
	RW(cntv_ctl_el0) \
	RW(cntv_tval_el0) \
	RW(pmccntr_el0) \
	RW(pmcntenset_el0) \
	RW(icc_sre_el1) \
	RW(icc_pmr_el1)
// clang-format on

/* FR_<name>: index of a register in fake_cpu.reg[]. */
#define FAKE_ENUM(name) FR_##name,
enum fake_reg { FAKE_SYSREGS(FAKE_ENUM, FAKE_ENUM) FAKE_NREGS };
#undef FAKE_ENUM

/*
 * Storage slots: one per register name, then FAKE_SHADOW(FR_x) for the EL2
 * register an EL1 name reaches at EL2 when HCR_EL2.E2H is 1 and the list
 * above has no EL2 name for it (TCR_EL2 for tcr_el1, ...).
 */
#define FAKE_NSLOTS    (2 * FAKE_NREGS)
#define FAKE_SHADOW(r) (FAKE_NREGS + (r))

/* Log events other than register writes. */
#define FE_ISB	   (-1)
#define FE_DSB	   (-2)
#define FE_SEV	   (-3)
#define FE_DC_CVAC (-4) /* val: the address cleaned */

#define FAKE_LOG_MAX 256

struct fake_event {
	int what; /* slot written, or one of the FE_ events */
	uint64_t val;
};

struct fake_cpu {
	/*
	 * Architectural state: what a read returns (before the knobs below).
	 * With E2H = 1 an EL1 name used at EL2 reaches the EL2 register
	 * (sctlr_el1 -> SCTLR_EL2, cpacr_el1 -> CPTR_EL2, ...) and the _el12
	 * names reach the EL1 registers, as on a real CPU; writes, reads and
	 * the log count the slot reached, not the name used.
	 */
	uint64_t reg[FAKE_NSLOTS];

	/* Behaviour knobs, set by a test before the code under test runs. */
	bool e2h_res1;	  /* HCR_EL2.E2H reads 1 whatever is written (no FEAT_E2H0) */
	bool gic_sre_raz; /* EL3 left ICC_SRE_EL3.Enable 0: ICC_SRE_EL2.SRE is RAZ/WI */

	/* What happened, in order. */
	struct fake_event log[FAKE_LOG_MAX];
	unsigned nlog;	  /* events logged (at most FAKE_LOG_MAX) */
	unsigned nevents; /* events seen, logged or not */
	unsigned nwrites; /* system register writes */
	unsigned nisb, ndsb;
	unsigned writes[FAKE_NSLOTS];
	unsigned reads[FAKE_NSLOTS];

	/* Accesses a real CPU would have trapped, refused or made UNPREDICTABLE. */
	unsigned errors;
	char first_error[200];

	/* Internal: what an isb() has not yet synchronised. */
	bool cptr_unsynced;
	bool hcr_unsynced;
	bool hcr_written; /* kept by fake_cpu_clear_log() */

	/* The last data cache clean: the line's address and the 8 bytes it held. */
	uintptr_t poc_addr;
	uint64_t poc_value;
};

extern struct fake_cpu fake_cpu;
extern const char *const fake_reg_names[FAKE_NREGS];
/* Name of a slot: the register's, or "<el1 name>@EL2" for a shadow. */
const char *fake_slot_name(int slot);
extern const bool fake_reg_writable[FAKE_NREGS];

uint64_t fake_sysreg_read(enum fake_reg r);
void fake_sysreg_write(enum fake_reg r, uint64_t v);
void fake_barrier(int which);

/* Reset to a CPU with every register 0, no knobs, an empty log. */
void fake_cpu_reset(void);
/* Forget the log and counters, keep registers and knobs. */
void fake_cpu_clear_log(void);
/* Index in log[] of the n-th (0-based) event `what`, or -1. */
int fake_log_find(int what, unsigned n);
/* Is there an isb() in log[] strictly between positions a and b? */
bool fake_log_isb_between(int a, int b);
/* Value of the last logged write to slot r (0xdeadbeefdeadbeef if none). */
uint64_t fake_last_write(int r);
/* Print the log, for a failing test's diagnosis. */
void fake_log_dump(void);

#define FAKE_RO(name)                                     \
	static inline uint64_t sysreg_##name##_read(void) \
	{                                                 \
		return fake_sysreg_read(FR_##name);       \
	}
#define FAKE_RW(name)                                        \
	FAKE_RO(name)                                        \
	static inline void sysreg_##name##_write(uint64_t v) \
	{                                                    \
		fake_sysreg_write(FR_##name, v);             \
	}
FAKE_SYSREGS(FAKE_RO, FAKE_RW)
#undef FAKE_RO
#undef FAKE_RW

static inline void isb(void)
{
	fake_barrier(FE_ISB);
}

static inline void dsb_sy(void)
{
	fake_barrier(FE_DSB);
}

static inline void sev(void)
{
	fake_barrier(FE_SEV);
}

void fake_dcache_clean(const volatile void *addr);
static inline void dcache_clean_poc_line(const volatile void *addr)
{
	fake_dcache_clean(addr);
}

/* A CPU that stops for good: a test that gets here has failed. */
static inline void wfi(void)
{
	abort();
}

/* Extract the 4-bit ID register field at `shift` (unsigned fields). */
static inline unsigned id_field(uint64_t reg, unsigned shift)
{
	return (unsigned)((reg >> shift) & 0xf);
}

#endif
