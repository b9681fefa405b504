// SPDX-License-Identifier: MIT
/*
 * The sample hypervisor's AArch32 registers: what install saves and
 * changes, teardown's stage 2 half, the HYP trap's syndrome, and the
 * abort SVC gets for a stage 2 fault.
 */
#include <arch/psr.h>
#include <hyp/hyp.h>

#define HCR_VM	  (1u << 0)  /* stage 2 translation of PL1&0 */
#define SCTLR_M	  (1u << 0)  /* HYP stage 1 MMU */
#define SCTLR_C	  (1u << 2)  /* HYP data accesses cacheable */
#define SCTLR_I	  (1u << 12) /* HYP instruction fetches cacheable */
#define SCTLR_WXN (1u << 19) /* would make our writable code never-executable */
#define SCTLR_V	  (1u << 13) /* PL1: high vectors */
#define SCTLR_EE  (1u << 25) /* PL1: big-endian exception entry */
#define SCTLR_TE  (1u << 30) /* PL1: Thumb exception entry */
#define TTBCR_EAE (1u << 31) /* PL1 uses the long-descriptor format */
#define HTCR_RES1 ((1u << 31) | (1u << 23))
#define VTCR_RES1 (1u << 31)
#define TCR_WALK                                                    \
	((3u << 12) |		  /* SH0: tables inner shareable */ \
	 (1u << 10) |		  /* ORGN0: outer write-back */     \
	 (1u << 8))		  /* IRGN0: inner write-back */
#define VTCR_SL0_L1	(1u << 6) /* the walk starts at level 1 */
#define VTCR_T0SZ_39	0x19u	  /* S:T0SZ = -7: 39 bits of IPA */
#define HMAIR0_ATTRS	0xff00u	  /* Attr0 Device-nGnRnE (strongly ordered), Attr1 Normal WB */
#define VTTBR_VMID_MASK (0xffull << 48)
#define FSR_LPAE	(1u << 9) /* DFSR/IFSR: long-descriptor format */
#define DFSR_WNR	(1u << 11)

void arch_hyp_save(struct arch_hyp_saved *s)
{
	s->ttbr0 = sysreg_ttbr0_el2_read();
	s->vttbr = sysreg_vttbr_el2_read();
	s->sctlr = sysreg_sctlr_el2_read();
	s->mair = sysreg_mair_el2_read();
	s->mair1 = sysreg_mair1_el2_read();
	s->tcr = sysreg_tcr_el2_read();
	s->tpidr = sysreg_tpidr_el2_read();
	s->hcr = sysreg_hcr_el2_read();
	s->vtcr = sysreg_vtcr_el2_read();
}

void arch_hyp_enable(pt_entry *s1, pt_entry *s2, struct hyp_cpu *cpu)
{
	sysreg_mair_el2_write(HMAIR0_ATTRS);
	sysreg_mair1_el2_write(0);
	/* T0SZ 0: the 32-bit address space from level 1; tables write-back. */
	sysreg_tcr_el2_write(HTCR_RES1 | TCR_WALK);
	sysreg_ttbr0_el2_write((uintptr_t)s1);
	isb();
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 0\n\tdsb nsh\n\tisb" ::"r"(0) : "memory");
	sysreg_sctlr_el2_write((cpu->saved.sctlr | SCTLR_M | SCTLR_C | SCTLR_I) & ~SCTLR_WXN);
	isb();
	sysreg_vtcr_el2_write(VTCR_RES1 | TCR_WALK | VTCR_SL0_L1 | VTCR_T0SZ_39);
	/* The VMID EL1 already runs with (hyp/hyp.h, arch_hyp_enable). */
	sysreg_vttbr_el2_write((uintptr_t)s2 | (cpu->saved.vttbr & VTTBR_VMID_MASK));
	isb();
	sysreg_hcr_el2_write(cpu->saved.hcr | HCR_VM);
	isb();
	/* TLBIALLNSNH: nothing PL1 cached with stage 2 off (same VMID) may be used. */
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4\n\tdsb nsh\n\tisb" ::"r"(0) : "memory");
	sysreg_tpidr_el2_write((uintptr_t)cpu);
}

void arch_hyp_stage2_off(const struct arch_hyp_saved *s)
{
	sysreg_hcr_el2_write(s->hcr);
	isb();
	sysreg_vttbr_el2_write(s->vttbr);
	sysreg_vtcr_el2_write(s->vtcr);
	isb();
	/* TLBIALLNSNH: PL1's translations made through our stage 2 (same VMID) go. */
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4\n\tdsb nsh\n\tisb" ::"r"(0) : "memory");
}

void arch_hyp_rewind_call(void)
{
	/* `hvc` is 4 bytes in ARM and in Thumb state. */
	sysreg_elr_el2_write(sysreg_elr_el2_read() - 4);
}

/*
 * The fault status in the format PL1 uses: long-descriptor (TTBCR.EAE)
 * as stage 2 gave it; short-descriptor as a section (level 1 or 2) or a
 * page (level 3) translation, access flag or permission fault.
 */
static unsigned long arch_hyp_pl1_status(unsigned long fs)
{
	static const unsigned char section[] = {0x5, 0x3, 0xd}, page[] = {0x7, 0x6, 0xf};
	unsigned kind = (unsigned)(fs >> 2) - 1, level = fs & 3;

	if (sysreg_tcr_el1_read() & TTBCR_EAE)
		return FSR_LPAE | fs;
	return level == 3 ? page[kind] : section[kind];
}

void arch_hyp_inject_abort(const struct hyp_trap *t)
{
	unsigned long spsr = sysreg_spsr_el2_read(), sctlr = sysreg_sctlr_el1_read();
	unsigned long elr = sysreg_elr_el2_read(), status = arch_hyp_pl1_status(t->fs);
	unsigned long base = (sctlr & SCTLR_V) ? 0xffff0000ul : sysreg_vbar_el1_read();
	unsigned long cpsr = PSR_MODE_ABT | PSR_BIT_A | PSR_BIT_I | (spsr & PSR_BIT_F);

	if (t->insn) {
		sysreg_ifsr_write(status);
		sysreg_ifar_write(sysreg_hifar_el2_read());
		sysreg_lr_abt_write(elr + 4); /* a prefetch abort's return address */
		base += 0x0c;
	} else {
		sysreg_esr_el1_write(status | (t->write ? DFSR_WNR : 0));
		sysreg_far_el1_write(sysreg_far_el2_read());
		sysreg_lr_abt_write(elr + 8); /* a data abort's return address */
		base += 0x10;
	}
	sysreg_spsr_abt_write(spsr);
	/* Abort mode, A and I masked, in the state and endianness SCTLR asks for. */
	cpsr |= ((sctlr & SCTLR_TE) ? PSR_BIT_T : 0) | ((sctlr & SCTLR_EE) ? 1u << 9 : 0);
	sysreg_elr_el2_write(base);
	sysreg_spsr_el2_write(cpsr);
}

int arch_hyp_entry_ok(unsigned long entry)
{
	/* As the stub: an ARM entry (bit 0 clear) must be word-aligned. */
	return (entry & 3) != 2;
}

int arch_hyp_vectors_ok(unsigned long vectors)
{
	return (vectors & 0x1f) == 0;
}

void arch_hyp_publish(void)
{
	__asm__ volatile("dsb ishst" ::: "memory");
}

void arch_hyp_s2_flush(void)
{
	/* TLBIALLNSNHIS: every CPU's non-HYP entries (the one stage 2 all share). */
	__asm__ volatile("dsb ish\n\tmcr p15, 4, %0, c8, c3, 4\n\tdsb ish\n\tisb" ::"r"(0)
			 : "memory");
}

void arch_hyp_clean(const void *p, unsigned long size)
{
	unsigned long ctr, line, a = (uintptr_t)p;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
	line = 4ul << ((ctr >> 16) & 0xf); /* DminLine: words */
	for (a &= ~(line - 1); a < (uintptr_t)p + size; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" ::"r"(a) : "memory"); /* DCCIMVAC */
	__asm__ volatile("dsb sy" ::: "memory");
}

void arch_hyp_lock(unsigned *lock)
{
	unsigned busy, failed;

	__asm__ volatile("1:	ldrex	%0, [%2]\n"
			 "	cmp	%0, #0\n"
			 "	bne	1b\n"
			 "	strex	%1, %3, [%2]\n"
			 "	cmp	%1, #0\n"
			 "	bne	1b\n"
			 "	dmb	ish\n"
			 : "=&r"(busy), "=&r"(failed)
			 : "r"(lock), "r"(1)
			 : "memory", "cc");
}

void arch_hyp_unlock(unsigned *lock)
{
	__asm__ volatile("dmb ish" ::: "memory");
	*(volatile unsigned *)lock = 0;
}
