// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * EL2 through the stub ABI: the `hvc #0` call, the image's load, and the
 * install and removal on the calling CPU.
 */
#define pr_fmt(fmt) "hypstub: " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>
#include "hypstub_mod.h"

extern const u8 hs_hyp_image_start[], hs_hyp_image_end[];
extern const u8 hs_el2_tramp_start[], hs_el2_tramp_end[];

/* The image's header (include/hypstub/hyp.h, struct hyp_image_header). */
struct hs_image_header {
	u32 magic, version;
	u64 ram_base, ram_end, region_size;
};

/*
 * hvc #0 with r[0..4] in x0..x4; x0..x3 back in r[0..3]. The ABI lets a
 * stub clobber the caller-saved registers: they are declared so.
 */
void hs_hvc(unsigned long r[5])
{
	register unsigned long x0 asm("x0") = r[0];
	register unsigned long x1 asm("x1") = r[1];
	register unsigned long x2 asm("x2") = r[2];
	register unsigned long x3 asm("x3") = r[3];
	register unsigned long x4 asm("x4") = r[4];

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
		     :
		     : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
		       "x16", "x17", "cc", "memory");
	r[0] = x0;
	r[1] = x1;
	r[2] = x2;
	r[3] = x3;
}

/*
 * HYP_CALL_STATUS with st->scope (HYP_STATUS_ALL_CPUS, or _THIS_CPU for
 * this CPU's faults alone): answered 0 by the hypervisor only.
 */
void hs_status(struct hs_status *st)
{
	unsigned long r[5] = { HYP_CALL_STATUS, st->scope };

	hs_hvc(r);
	st->answer = r[0];
	st->version = r[0] ? 0 : r[1];
	st->cpus = r[0] ? 0 : r[2];
	st->faults = r[0] ? 0 : r[3];
}

/*
 * Clean [va, va + size) to the point of coherency by data cache line
 * (CTR_EL0.DminLine), then drop every instruction cache line: EL2 fetches
 * and reads this memory with its MMU off. The kernel's own helpers for
 * this are not exported to modules.
 */
void hs_clean_poc(const void *va, size_t size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)va & ~(line - 1);
	unsigned long end = (unsigned long)va + size;

	for (; p < end; p += line)
		asm volatile("dc cvac, %0" : : "r"(p) : "memory");
	dsb(sy);
	asm volatile("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}

/*
 * Copy the image and the EL2 trampoline into the region, fill in the
 * image's header, clear the rest, clean it all to the point of coherency.
 */
int hs_load(void)
{
	size_t len = hs_hyp_image_end - hs_hyp_image_start;
	struct hs_image_header *h = hs_region.va;

	if (len < sizeof(*h) || len > HYP_MEM_SIZE) {
		pr_err("the built-in image is %zu bytes: not a hypervisor image\n", len);
		return -EINVAL;
	}
	memcpy(h, hs_hyp_image_start, len);
	if (h->magic != HYP_IMAGE_MAGIC || h->version != HYP_VERSION) {
		pr_err("the built-in image has magic %#x version %u, not %#lx version %u\n",
		       h->magic, h->version, HYP_IMAGE_MAGIC, HYP_VERSION);
		return -EINVAL;
	}
	memset((u8 *)h + len, 0, HS_REGION_SIZE - len);
	h->ram_base = hs_region.ram_base;
	h->ram_end = hs_region.ram_end;
	h->region_size = HS_REGION_SIZE;
	memcpy((u8 *)hs_region.va + HS_TRAMP_OFFSET, hs_el2_tramp_start,
	       hs_el2_tramp_end - hs_el2_tramp_start);
	hs_clean_poc(hs_region.va, HS_REGION_SIZE);
	return 0;
}

/* The trampoline (el2_tramp.S): VBAR_EL2 back, SP_EL2 set to `sp` if `set`. */
static unsigned long hs_tramp(int set, unsigned long sp, unsigned long *old_sp)
{
	unsigned long r[5] = { HVC_SOFT_RESTART, hs_region.pa + HS_TRAMP_OFFSET, set, sp, 0 };

	hs_hvc(r);
	*old_sp = r[1];
	return r[0];
}

/*
 * Install on this CPU (preemption off, or pinned by the hotplug thread):
 * 1. HYP_CALL_STATUS must be refused with HVC_STUB_ERR, as a stub refuses
 *    any unknown number: 0 means the hypervisor is here already, anything
 *    else someone else holds EL2 (KVM answers its own error) and nothing
 *    else is tried, since a hypervisor may take HVC_SOFT_RESTART as a
 *    teardown;
 * 2. the trampoline: the stub's vectors read, SP_EL2 set to this CPU's
 *    page in the region (its old value kept);
 * 3. HVC_SET_VECTORS(the image's vectors): Linux's own stub call;
 * 4. HYP_CALL_INIT(the stub's vectors, this CPU's index), then its status.
 * On any refusal, SP_EL2 is put back: nothing has changed.
 */
int hs_install_this_cpu(void)
{
	struct hs_cpu *c = this_cpu_ptr(&hs_cpu);
	unsigned int cpu = smp_processor_id();
	unsigned long stack = hs_region.pa + HS_STACKS_OFFSET + (cpu + 1) * PAGE_SIZE;
	unsigned long r[5], vbar, old_sp, unused;
	struct hs_status st = { HYP_STATUS_ALL_CPUS };

	if (c->installed)
		return 0;
	if (cpu >= HS_MAX_CPUS_HYP) {
		pr_err("CPU %u: the hypervisor has slots for CPUs 0-%d only\n", cpu,
		       HS_MAX_CPUS_HYP - 1);
		return -ERANGE;
	}
	hs_status(&st);
	if (st.answer == 0) {
		pr_err("CPU %u: a hypervisor already answers its status call\n", cpu);
		return -EBUSY;
	}
	if (st.answer != HVC_STUB_ERR) {
		/* KVM answers SMCCC_RET_NOT_SUPPORTED (-1) while it holds EL2. */
		pr_err("CPU %u: EL2 answered an unknown call with %#lx, not a stub's %#x: held by another hypervisor%s\n",
		       cpu, st.answer, HVC_STUB_ERR,
		       st.answer == ~0UL ? " (KVM: a VM exists, or protected mode)" : "");
		return -EBUSY;
	}
	vbar = hs_tramp(1, stack, &old_sp);
	if (!vbar || vbar & (SZ_2K - 1)) {
		hs_tramp(1, old_sp, &unused);
		pr_err("CPU %u: VBAR_EL2 is %#lx: no stub vectors\n", cpu, vbar);
		return -ENODEV;
	}
	r[0] = HVC_SET_VECTORS;
	r[1] = hs_region.pa + HYP_VECTORS_OFFSET;
	hs_hvc(r);
	if (r[0]) {
		hs_tramp(1, old_sp, &unused);
		pr_err("CPU %u: HVC_SET_VECTORS refused (%#lx): EL2 is not Linux's stub's to give\n",
		       cpu, r[0]);
		return -EBUSY;
	}
	r[0] = HYP_CALL_INIT;
	r[1] = vbar;
	r[2] = cpu;
	r[3] = 0;
	r[4] = 0;
	hs_hvc(r);
	if (r[0]) {
		/* Refused, the hypervisor put the stub's vectors back itself. */
		hs_tramp(1, old_sp, &unused);
		pr_err("CPU %u: the hypervisor's INIT refused (%#lx)\n", cpu, r[0]);
		return -EIO;
	}
	hs_status(&st);
	if (st.answer || st.version != HYP_VERSION) {
		pr_err("CPU %u: installed, but its status answers %#lx version %lu\n", cpu,
		       st.answer, st.version);
		r[0] = HVC_RESET_VECTORS;
		hs_hvc(r);
		hs_tramp(1, old_sp, &unused);
		return -EIO;
	}
	c->stub_vectors = vbar;
	c->stub_sp = old_sp;
	c->installed = true;
	pr_info("CPU %u: installed (Linux's stub at VBAR_EL2=%#lx)\n", cpu, vbar);
	return 0;
}

/*
 * Remove from this CPU: HVC_RESET_VECTORS (the hypervisor tears itself
 * down, then the stub answers it), then the trampoline puts SP_EL2 back
 * and reads VBAR_EL2, which must be Linux's stub's again.
 */
int hs_remove_this_cpu(void)
{
	struct hs_cpu *c = this_cpu_ptr(&hs_cpu);
	unsigned int cpu = smp_processor_id();
	unsigned long r[5] = { HVC_RESET_VECTORS }, vbar, sp;

	if (!c->installed)
		return 0;
	hs_hvc(r);
	if (r[0]) {
		pr_err("CPU %u: HVC_RESET_VECTORS refused (%#lx): still installed\n", cpu, r[0]);
		return -EBUSY;
	}
	c->installed = false;
	vbar = hs_tramp(1, c->stub_sp, &sp);
	if (vbar != c->stub_vectors) {
		pr_err("CPU %u: removed, but VBAR_EL2 is %#lx, not Linux's stub's %#lx\n", cpu,
		       vbar, c->stub_vectors);
		return -EIO;
	}
	pr_info("CPU %u: removed, Linux's stub back at VBAR_EL2=%#lx\n", cpu, vbar);
	return 0;
}
