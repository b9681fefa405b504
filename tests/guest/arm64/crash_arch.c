// SPDX-License-Identifier: MIT
/*
 * arm64 side of the crash kinds (tests/guest/arch_crash.h): the values
 * loaded into x0..x30, SP and NZCV, and what the stub's report (ESR, ELR,
 * FAR, SPSR, SP, x00..x30) must show for each kind, from the Arm ARM's
 * rules for the syndrome of each exception.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>
#include <hypstub/rt_smp.h>

#include "../arch_crash.h"
#include "../arch_test.h"

#define HCR_TWI (1ul << 13)
#define HCR_TVM (1ul << 26)

#define NZCV	    0xa0000000ul /* N and C: flags the test chose */
#define DAIF_MASKED 0x3c0ul
#define SPSR_EL1H   0x5ul
#define SPSR_EL2H   0x9ul
#define FAR_MARKER  0xfa40fa40fa400000ul
#define ESR_IL	    (1ul << 25)
#define EC(ec)	    ((unsigned long)(ec) << 26)

struct crash_regs {
	unsigned long x[31], sp, nzcv; /* crash_provoke.S's offsets */
};

const unsigned arch_crash_regs_size = sizeof(struct crash_regs);

/* What PSTATE held at EL2 in arch_crash_prepare_el2(), beyond M, DAIF and NZCV. */
static unsigned long el2_pstate_extra;
/* A stack for the crashes at EL2: the crash path saves x0..x5 below SP. */
static unsigned long crash_stacks[HS_MAX_CPUS][64] __attribute__((aligned(16)));

static unsigned field(uint64_t reg, unsigned shift)
{
	return (unsigned)(reg >> shift) & 0xf;
}

#define READ_PSTATE(enc)                                     \
	({                                                   \
		unsigned long v_;                            \
		__asm__ volatile("mrs %0, " enc : "=r"(v_)); \
		v_;                                          \
	})

/*
 * The PSTATE bits SPSR also holds that this CPU has and the test did not
 * set (SSBS, PAN, UAO, DIT, TCO), read as they are now; BTYPE, SS and IL
 * are 0 at each crashing instruction (none is a branch target, no
 * stepping, no illegal return).
 */
static unsigned long pstate_extra(void)
{
	uint64_t pfr0 = sysreg_id_aa64pfr0_el1_read(), pfr1 = sysreg_id_aa64pfr1_el1_read();
	unsigned long v = 0;

	if (field(pfr1, 4) >= 2) /* FEAT_SSBS2: the SSBS register */
		v |= READ_PSTATE("s3_3_c4_c2_6") & (1ul << 12);
	if (field(sysreg_id_aa64mmfr1_el1_read(), 20) >= 1) /* FEAT_PAN */
		v |= READ_PSTATE("s3_0_c4_c2_3") & (1ul << 22);
	if (field(sysreg_id_aa64mmfr2_el1_read(), 4) >= 1) /* FEAT_UAO */
		v |= READ_PSTATE("s3_0_c4_c2_4") & (1ul << 23);
	if (field(pfr0, 48) >= 1) /* FEAT_DIT */
		v |= READ_PSTATE("s3_3_c4_c2_5") & (1ul << 24);
	if (field(pfr1, 8) >= 1) /* FEAT_MTE: TCO */
		v |= READ_PSTATE("s3_3_c4_c2_7") & (1ul << 25);
	return v;
}

unsigned long arch_crash_prepare_el2(unsigned long kind)
{
	unsigned long hcr = sysreg_hcr_el2_read();

	/* Only the aborts write FAR_EL2: elsewhere it must show what is in it. */
	sysreg_far_el2_write(FAR_MARKER | (unsigned long)arch_cpu_affinity());
	if (kind == CRASH_TRAP)
		hcr |= HCR_TWI; /* test-only: EL1's WFI traps to EL2 */
	if (kind == CRASH_SYSREG)
		hcr |= HCR_TVM; /* test-only: EL1's writes to its VM controls trap */
	sysreg_hcr_el2_write(hcr);
	isb();
	el2_pstate_extra = pstate_extra();
	return 0;
}

static void expect(struct crash_expect *e, const char *name, unsigned long value)
{
	e->f[e->n++] = (struct crash_field){name, value, ~0ul, 0, 0};
}

/* An ESR with a second form: ISV = 0, or ISV = 1 with the instruction's syndrome. */
static void expect_either(struct crash_expect *e, const char *name, unsigned long value,
			  unsigned long alt)
{
	e->f[e->n++] = (struct crash_field){name, value, ~0ul, alt, ~0ul};
}

void arch_crash_expect(enum crash_kind kind, unsigned long cpu, void *block, struct crash_expect *e)
{
	static const char names[31][4] = {"x00", "x01", "x02", "x03", "x04", "x05", "x06", "x07",
					  "x08", "x09", "x10", "x11", "x12", "x13", "x14", "x15",
					  "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
					  "x24", "x25", "x26", "x27", "x28", "x29", "x30"};
	struct crash_regs *r = block;
	unsigned long far = FAR_MARKER | cpu, fault = arch_test_fault_address();
	unsigned long elr, esr, esr_alt = 0, extra = el2_pstate_extra, mode = SPSR_EL2H;

	e->n = 0;
	for (unsigned i = 0; i < 31; i++)
		r->x[i] = i < 4	   ? ARCH_TEST_MARKER + i
			  : i == 4 ? cpu
				   : 0x5eed000000000000ul | (cpu & 0xffff) << 16 | i << 8 | 0xa5;
	r->sp = (unsigned long)&crash_stacks[rt_smp_self()][64];
	r->nzcv = NZCV;
	switch (kind) {
	case CRASH_DABORT:
		/* Data abort, same EL; beyond the PA size with the MMU off:
		 * address size fault, level 0 (DFSC 0). ISV may be 0, or 1
		 * with a doubleword (SAS 3) load to x6 (SRT 6), SF = 1. */
		r->x[5] = fault;
		elr = (unsigned long)crash_insn_dabort;
		far = fault;
		esr = EC(0x25) | ESR_IL;
		esr_alt = esr | 1ul << 24 | 3ul << 22 | 6ul << 16 | 1ul << 15;
		break;
	case CRASH_BRK:
		elr = (unsigned long)crash_insn_brk;
		esr = EC(0x3c) | ESR_IL | 0x5a5; /* BRK, its immediate */
		break;
	case CRASH_TRAP:
		/* WFI from AArch64: CV = 1, COND = 0b1110, TI = 0 (WFI). */
		elr = (unsigned long)crash_insn_trap;
		esr = EC(0x01) | ESR_IL | 1ul << 24 | 0xeul << 20;
		break;
	case CRASH_IABORT:
		/* Instruction abort, same EL; address size fault, level 0. */
		r->x[5] = fault;
		elr = far = fault;
		esr = EC(0x21) | ESR_IL;
		break;
	case CRASH_PCALIGN:
		r->x[5] = ((unsigned long)crash_insn_pcalign & ~3ul) | 2;
		elr = far = r->x[5];
		esr = EC(0x22) | ESR_IL;
		break;
	case CRASH_HVC:
		/* HVC's preferred return address is the next instruction. */
		elr = (unsigned long)crash_insn_hvc + 4;
		esr = EC(0x16) | ESR_IL | 0x1d;
		break;
	case CRASH_UNDEF:
		elr = (unsigned long)crash_insn_undef;
		esr = EC(0x00) | ESR_IL;
		break;
	case CRASH_SYSREG:
	default:
		/* MSR SCTLR_EL1, x7: Op0 3, Op2 0, Op1 0, CRn 1, Rt 7, CRm 0, write. */
		elr = (unsigned long)crash_insn_sysreg;
		esr = EC(0x18) | ESR_IL | 3ul << 20 | 1ul << 10 | 7ul << 5;
		break;
	}
	if (esr_alt)
		expect_either(e, "ESR", esr, esr_alt);
	else
		expect(e, "ESR", esr);
	if (crash_from_el1(kind)) {
		/* From EL1h: the report shows SP_EL1, which the test set too. */
		mode = SPSR_EL1H;
		extra = pstate_extra();
		r->sp = 0x5eed5e0000000000ul | (cpu & 0xffff) << 8;
	}
	expect(e, "ELR", elr);
	expect(e, "FAR", far);
	expect(e, "SPSR", NZCV | DAIF_MASKED | mode | extra);
	expect(e, "SP", r->sp);
	for (unsigned i = 0; i < 31; i++)
		expect(e, names[i], r->x[i]);
}
