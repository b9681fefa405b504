/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * hypstub_hyp: hypstub's sample hypervisor late-launched under Linux's
 * own arm64 hyp stub, through the stub ABI alone (Documentation/virt/kvm/
 * arm/hyp-abi.rst): HVC_SOFT_RESTART, HVC_SET_VECTORS, HVC_RESET_VECTORS
 * and the hypervisor's own calls, nothing Linux-internal.
 */
#ifndef HYPSTUB_MOD_H
#define HYPSTUB_MOD_H

#include <linux/types.h>
#include <linux/percpu.h>
#include <hypstub/hyp_abi.h>

#define HS_MAX_CPUS_HYP 8 /* the per-CPU slots the image has (HS_MAX_CPUS) */

/* The 2 MiB region taken from Linux: what lies where in it. */
#define HS_REGION_SIZE	 HYP_REGION_ALIGN
#define HS_TRAMP_OFFSET	 HYP_MEM_SIZE		    /* el2_tramp.S's copy: one page */
#define HS_STACKS_OFFSET (HYP_MEM_SIZE + PAGE_SIZE) /* one "stub stack" page per CPU */

struct hs_region {
	struct page *pages;
	void *va;
	phys_addr_t pa;
	u64 ram_base, ram_end; /* every System RAM range within: Normal memory in stage 2 */
};

/* What one CPU had before install, to leave it exactly so. */
struct hs_cpu {
	bool installed;
	unsigned long stub_vectors; /* VBAR_EL2: Linux's stub */
	unsigned long stub_sp;	    /* SP_EL2 as it was */
};

extern struct hs_region hs_region;
DECLARE_PER_CPU(struct hs_cpu, hs_cpu);
extern bool hs_protect_param;
extern int hs_locked;

/* el2.c: the calls, on the calling CPU. */
struct hs_status {
	unsigned long scope; /* in: HYP_STATUS_ALL_CPUS (0) or HYP_STATUS_THIS_CPU */
	unsigned long answer, version, cpus, faults;
};
void hs_hvc(unsigned long r[5]);
void hs_status(struct hs_status *st);
void hs_clean_poc(const void *va, size_t size);
int hs_load(void);
int hs_install_this_cpu(void);
int hs_remove_this_cpu(void);

/* protect.c: the RAM bank, the kernel's text and read-only data. */
int hs_find_ram(u64 *base, u64 *end);
int hs_protect_kernel(void);
int hs_text_write_test(void);
extern unsigned long hs_protected_bytes;

/* sysfs.c */
int hs_sysfs_init(void);
void hs_sysfs_exit(void);

#endif
