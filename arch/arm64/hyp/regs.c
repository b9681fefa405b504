// SPDX-License-Identifier: MIT
/*
 * The sample hypervisor's AArch64 registers: what install saves and
 * changes, teardown's stage 2 half, the trap's syndrome, and the abort
 * EL1 gets for a stage 2 fault.
 */
#include <hyp/hyp.h>

#define HCR_VM	     (1ull << 0)  /* stage 2 translation of EL1&0 */
#define SCTLR_M	     (1ull << 0)  /* EL2 stage 1 MMU */
#define SCTLR_C	     (1ull << 2)  /* EL2 data accesses cacheable */
#define SCTLR_I	     (1ull << 12) /* EL2 instruction fetches cacheable */
#define SCTLR_WXN    (1ull << 19) /* would make our writable code never-executable */
#define TCR_RES1     ((1ull << 31) | (1ull << 23))
#define VTCR_RES1    (1ull << 31)
#define TCR_PS_SHIFT 16 /* PS: output address size, as PARange */
#define TCR_WALK                                                           \
	((3ull << 12) |			 /* SH0: tables inner shareable */ \
	 (1ull << 10) |			 /* ORGN0: outer write-back */     \
	 (1ull << 8))			 /* IRGN0: inner write-back; TG0 = 0: 4 KiB */
#define VTCR_SL0_L1	 (1ull << 6)	 /* the walk starts at level 1 */
#define MAIR_ATTRS	 (0xffull << 8)	 /* Attr0 Device-nGnRnE, Attr1 Normal WB */
#define VTTBR_VMID_MASK	 (0xffull << 48) /* 8-bit VMIDs (VTCR_EL2.VS 0) */
#define EC_IABT_LOW	 0x20
#define EC_DABT_LOW	 0x24
#define ESR_WNR		 (1ull << 6)
#define ESR_IL		 (1ull << 25)
#define SPSR_M_MASK	 0xfull
#define SPSR_EL1H_MASKED 0x3c5ull /* EL1h, D, A, I, F masked: an exception's entry */

/* PARange as the stub reads it, capped where PS can follow (48 bits). */
static unsigned arch_hyp_parange(void)
{
	unsigned r = id_field(sysreg_id_aa64mmfr0_el1_read(), 0);

	return r > 5 ? 5 : r;
}

static uint64_t arch_hyp_pa_limit(void)
{
	static const unsigned char bits[] = {32, 36, 40, 42, 44, 48};

	return 1ull << bits[arch_hyp_parange()];
}

void arch_hyp_save(struct arch_hyp_saved *s)
{
	s->sctlr = sysreg_sctlr_el2_read();
	s->mair = sysreg_mair_el2_read();
	s->tcr = sysreg_tcr_el2_read();
	s->ttbr0 = sysreg_ttbr0_el2_read();
	s->tpidr = sysreg_tpidr_el2_read();
	s->hcr = sysreg_hcr_el2_read();
	s->vtcr = sysreg_vtcr_el2_read();
	s->vttbr = sysreg_vttbr_el2_read();
}

void arch_hyp_enable(pt_entry *s1, pt_entry *s2, struct hyp_cpu *cpu)
{
	uint64_t ps = arch_hyp_parange();
	/* 39 bits of address, or fewer when the CPU has fewer: level 1 start either way. */
	uint64_t t0sz = 64 - (ps >= 2 ? 39 : ps == 1 ? 36 : 32);

	sysreg_mair_el2_write(MAIR_ATTRS);
	sysreg_tcr_el2_write(TCR_RES1 | ps << TCR_PS_SHIFT | TCR_WALK | t0sz);
	sysreg_ttbr0_el2_write((uintptr_t)s1);
	isb();
	__asm__ volatile("tlbi alle2\n\tdsb nsh\n\tisb" ::: "memory");
	sysreg_sctlr_el2_write((cpu->saved.sctlr | SCTLR_M | SCTLR_C | SCTLR_I) & ~SCTLR_WXN);
	isb();
	sysreg_vtcr_el2_write(VTCR_RES1 | ps << TCR_PS_SHIFT | TCR_WALK | VTCR_SL0_L1 | t0sz);
	/* The VMID EL1 already runs with (hyp/hyp.h, arch_hyp_enable). */
	sysreg_vttbr_el2_write((uintptr_t)s2 | (cpu->saved.vttbr & VTTBR_VMID_MASK));
	isb();
	sysreg_hcr_el2_write(cpu->saved.hcr | HCR_VM);
	isb();
	/* Nothing EL1 cached with stage 2 off (same VMID) may be used with it on. */
	__asm__ volatile("tlbi alle1\n\tdsb nsh\n\tisb" ::: "memory");
	sysreg_tpidr_el2_write((uintptr_t)cpu);
}

void arch_hyp_stage2_off(const struct arch_hyp_saved *s)
{
	sysreg_hcr_el2_write(s->hcr);
	isb();
	sysreg_vttbr_el2_write(s->vttbr);
	sysreg_vtcr_el2_write(s->vtcr);
	isb();
	/* EL1's translations made through our stage 2 (same VMID) go. */
	__asm__ volatile("tlbi alle1\n\tdsb nsh\n\tisb" ::: "memory");
}

void arch_hyp_rewind_call(void)
{
	sysreg_elr_el2_write(sysreg_elr_el2_read() - 4);
}

void arch_hyp_inject_abort(const struct hyp_trap *t)
{
	uint64_t spsr = sysreg_spsr_el2_read();
	int from_el0 = (spsr & SPSR_M_MASK) == 0;
	uint64_t ec = (t->insn ? EC_IABT_LOW : EC_DABT_LOW) + (from_el0 ? 0 : 1);
	uint64_t offset = from_el0 ? 0x400 : (spsr & SPSR_M_MASK) == 5 ? 0x200 : 0;

	/* EL1's own abort: this EL's class, the stage 2 fault status, WnR. */
	sysreg_esr_el1_write(ec << 26 | ESR_IL | t->fs | (t->write ? ESR_WNR : 0));
	sysreg_far_el1_write(sysreg_far_el2_read());
	sysreg_elr_el1_write(sysreg_elr_el2_read());
	sysreg_spsr_el1_write(spsr);
	sysreg_elr_el2_write(sysreg_vbar_el1_read() + offset);
	sysreg_spsr_el2_write(SPSR_EL1H_MASKED);
}

int arch_hyp_entry_ok(unsigned long entry)
{
	return (entry & 3) == 0 && entry < arch_hyp_pa_limit();
}

int arch_hyp_vectors_ok(unsigned long vectors)
{
	return (vectors & 0x7ff) == 0 && vectors < arch_hyp_pa_limit();
}

void arch_hyp_publish(void)
{
	__asm__ volatile("dsb ishst" ::: "memory");
}

void arch_hyp_s2_flush(void)
{
	/* Every CPU's stage 1+2 entries of this VMID (the one stage 2 all share). */
	__asm__ volatile("dsb ish\n\ttlbi vmalls12e1is\n\tdsb ish\n\tisb" ::: "memory");
}

void arch_hyp_clean(const void *p, unsigned long size)
{
	uint64_t ctr;
	uintptr_t line, a = (uintptr_t)p;

	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	line = 4ul << ((ctr >> 16) & 0xf); /* DminLine: words */
	for (a &= ~(line - 1); a < (uintptr_t)p + size; a += line)
		__asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

void arch_hyp_lock(unsigned *lock)
{
	unsigned busy, failed;

	__asm__ volatile("1:	ldaxr	%w0, [%2]\n"
			 "	cbnz	%w0, 1b\n"
			 "	stxr	%w1, %w3, [%2]\n"
			 "	cbnz	%w1, 1b\n"
			 : "=&r"(busy), "=&r"(failed)
			 : "r"(lock), "r"(1)
			 : "memory");
}

void arch_hyp_unlock(unsigned *lock)
{
	__asm__ volatile("stlr wzr, [%0]" ::"r"(lock) : "memory");
}
