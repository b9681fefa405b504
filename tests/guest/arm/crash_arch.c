// SPDX-License-Identifier: MIT
/*
 * arm side of the crash kinds (tests/guest/arch_crash.h): the values
 * loaded into r0..r12, SP, LR and APSR, and what the stub's report (HSR,
 * ELR_hyp, SPSR_hyp, HDFAR, HIFAR, HPFAR, from, r00..r12, sp, lr) must
 * show for each kind, from the Arm ARM's rules for the HSR of each
 * exception.
 */
#include <arch/sysreg.h>
#include <hypstub/rt.h>
#include <hypstub/rt_smp.h>

#include "../arch_crash.h"
#include "../arch_test.h"

#define HCR_TWI (1ul << 13)
#define HCR_TVM (1ul << 26)

#define APSR_FLAGS   0xa0000000ul /* N and C; Q and GE clear */
#define PSR_AIF	     0x1c0ul
#define MODE_HYP     0x1aul
#define MODE_SVC     0x13ul
#define HDFAR_MARKER 0xda000000ul
#define HIFAR_MARKER 0x1a000000ul
#define HPFAR_MARKER 0x0fa00000ul /* bits [31:4] hold FIPA[39:12] */
#define HSR_IL	     (1ul << 25)
#define HSR_EA	     (1ul << 9)
#define EC(ec)	     ((unsigned long)(ec) << 26)

struct crash_regs {
	unsigned long r[14], sp, apsr; /* r0..r12, lr: crash_provoke.S's offsets */
};

const unsigned arch_crash_regs_size = sizeof(struct crash_regs);

/* A stack for the crashes in HYP mode: the crash path saves r0..r5 below SP. */
static unsigned long crash_stacks[HS_MAX_CPUS][64] __attribute__((aligned(8)));

unsigned long arch_crash_prepare_el2(unsigned long kind)
{
	unsigned long hcr = sysreg_hcr_el2_read(), cpu = (unsigned long)arch_cpu_affinity();

	/* Only an abort writes its own fault-address register: the others must
	 * show what is in them. */
	sysreg_far_el2_write(HDFAR_MARKER | cpu);
	sysreg_hifar_el2_write(HIFAR_MARKER | cpu);
	sysreg_hpfar_el2_write(HPFAR_MARKER | cpu << 4);
	if (kind == CRASH_TRAP)
		hcr |= HCR_TWI; /* test-only: SVC's WFI traps to HYP */
	if (kind == CRASH_SYSREG)
		hcr |= HCR_TVM; /* test-only: SVC's writes to its VM controls trap */
	sysreg_hcr_el2_write(hcr);
	isb();
	return 0;
}

static void expect_masked(struct crash_expect *e, const char *name, unsigned long value,
			  unsigned long mask)
{
	e->f[e->n++] = (struct crash_field){name, value, mask, 0, 0};
}

static void expect(struct crash_expect *e, const char *name, unsigned long value)
{
	expect_masked(e, name, value, ~0ul);
}

void arch_crash_expect(enum crash_kind kind, unsigned long cpu, void *block, struct crash_expect *e)
{
	static const char names[13][4] = {"r00", "r01", "r02", "r03", "r04", "r05", "r06",
					  "r07", "r08", "r09", "r10", "r11", "r12"};
	struct crash_regs *r = block;
	unsigned long fault = arch_test_fault_address(), mode = MODE_HYP;
	unsigned long hdfar = HDFAR_MARKER | cpu, hifar = HIFAR_MARKER | cpu, elr, hsr;
	/* IL is UNKNOWN in an HSR for an abort or an unknown reason: not compared there. */
	unsigned long hsr_mask = ~0ul, hsr_alt = 0;

	e->n = 0;
	for (unsigned i = 0; i < 14; i++)
		r->r[i] = i < 4	   ? ARCH_TEST_MARKER + i
			  : i == 4 ? cpu
				   : 0xc0de0000ul | (cpu & 0xff) << 8 | i;
	r->sp = (unsigned long)&crash_stacks[rt_smp_self()][64];
	r->apsr = APSR_FLAGS;
	switch (kind) {
	case CRASH_DABORT:
		/* Data abort in HYP mode, nothing there: synchronous external
		 * abort (DFSC 0b010000), EA implementation defined. ISV may be 0,
		 * or 1 with a word load (SAS 2) to r6 (SRT 6). */
		r->r[5] = fault;
		elr = (unsigned long)crash_insn_dabort;
		hdfar = fault;
		hsr = EC(0x25) | HSR_IL | 0x10;
		hsr_mask = ~HSR_EA;
		hsr_alt = hsr | 1ul << 24 | 2ul << 22 | 6ul << 16;
		break;
	case CRASH_BRK:
		elr = (unsigned long)crash_insn_brk;
		hsr = EC(0x00);
		hsr_mask = ~HSR_IL;
		break;
	case CRASH_TRAP:
		/* WFI from AArch32, ARM state: CV = 1, COND = AL (0b1110), TI = 0. */
		elr = (unsigned long)crash_insn_trap;
		hsr = EC(0x01) | HSR_IL | 1ul << 24 | 0xeul << 20;
		break;
	case CRASH_IABORT:
		/* Prefetch abort in HYP mode, nothing there: synchronous external abort. */
		r->r[5] = fault;
		elr = hifar = fault;
		hsr = EC(0x21) | 0x10;
		hsr_mask = ~(HSR_IL | HSR_EA);
		break;
	case CRASH_PCALIGN:
		r->r[5] = ((unsigned long)crash_insn_pcalign & ~3ul) | 2;
		elr = hifar = r->r[5];
		hsr = EC(0x22);
		hsr_mask = ~HSR_IL;
		break;
	case CRASH_HVC:
		/* HVC's preferred return address is the next instruction. */
		elr = (unsigned long)crash_insn_hvc + 4;
		hsr = EC(0x12) | HSR_IL | 0x1d;
		break;
	case CRASH_UNDEF:
		elr = (unsigned long)crash_insn_undef;
		hsr = EC(0x00);
		hsr_mask = ~HSR_IL;
		break;
	case CRASH_SYSREG:
	default:
		/* MCR p15, 0, r7, c1, c0, 0 (SCTLR): CV 1, COND AL, Opc2 0, Opc1 0,
		 * CRn 1, Rt 7, CRm 0, a write. */
		elr = (unsigned long)crash_insn_sysreg;
		hsr = EC(0x03) | HSR_IL | 1ul << 24 | 0xeul << 20 | 1ul << 10 | 7ul << 5;
		break;
	}
	if (crash_from_el1(kind)) {
		/* From SVC: the report shows SP_svc and LR_svc, which the test set too. */
		mode = MODE_SVC;
		r->sp = 0x5eed0000ul | (cpu & 0xff) << 8;
	}
	e->f[e->n++] = (struct crash_field){"HSR", hsr, hsr_mask, hsr_alt, hsr_alt ? hsr_mask : 0};
	expect(e, "ELR_hyp", elr);
	expect(e, "SPSR_hyp", APSR_FLAGS | PSR_AIF | mode);
	expect(e, "HDFAR", hdfar);
	expect(e, "HIFAR", hifar);
	expect(e, "HPFAR", HPFAR_MARKER | cpu << 4);
	expect(e, "from", mode);
	for (unsigned i = 0; i < 13; i++)
		expect(e, names[i], r->r[i]);
	expect(e, "sp", r->sp);
	expect(e, "lr", r->r[13]);
}
